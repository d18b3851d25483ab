"""The facts of the case said in one message: place, age, platform, relationship, writer and
the situation (living with the aggressor, monitored phone, spread, groups, money, ...).

Every word list is language data in ``bot/knowledge/vocabulary.yml`` and ``places.yml``.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from bot.reading.age import read_age
from bot.reading.model import Facts
from bot.reading.places import find_place
from bot.reading.text import load_yaml, normalize, phrase_list, phrase_pattern
from bot.reading.writer import read_writer

#: A group named with one of these words is a family, class or work group: not one made to
#: spread sexual content, and not public dissemination.
_PRIVATE_GROUP = re.compile(
    r"\bgrupo (?:de |del |de la |de los )?(?:whatsapp |wsp |wpp |telegram )?"
    r"(?:de |del |de la |de los )?(?:la |mi |el )?"
    r"(?:familia|familiar|curso|clase|colegio|cole|liceo|escuela|prepa|secu|trabajo|oficina|"
    r"amigos|amigas|chicas|chicos|apoderados|padres|mamas|papas|barrio|vecinos|pasaje|"
    r"facultad|uni|u|equipo|gimnasio|iglesia|promo|generacion)\b")
_ANY_GROUP = re.compile(r"\b(?:grupo|grupos|canal|canales)\b")


@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    vocab = load_yaml("vocabulary.yml")
    situation = vocab["situation"]
    return {
        "platform": [(v, phrase_pattern(p)) for v, p in vocab["platform"].items()],
        "relationship": [(v, phrase_pattern(p))
                         for v, p in vocab["aggressor_relationship"].items()],
        "flags": {name: phrase_pattern(p) for name, p in vocab["flags"].items()},
        "situation": {name: phrase_pattern(phrase_list(situation, name, "vocabulary.yml"))
                      for name in situation},
    }


def _first(patterns: list, norm: str) -> Optional[str]:
    """The value whose phrase appears earliest (ties: first listed)."""
    best: Optional[tuple[int, int, str]] = None
    for order, (value, pattern) in enumerate(patterns):
        match = pattern.search(norm) if pattern else None
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, value)
    return best[2] if best else None


def find_platform(text: str) -> Optional[str]:
    """The platform named in the text (``telegram``, ``whatsapp``, ...)."""
    return _first(_tables()["platform"], normalize(text))


def find_relationship(text: str) -> Optional[str]:
    """Who the aggressor is to the person affected (``ex_pareja``, ``desconocido``, ...)."""
    return _first(_tables()["relationship"], normalize(text))


def read_facts(text: str, *, expecting_age: bool = False) -> Facts:
    """Every fact this package reads from one message (None / False = not said)."""
    norm = normalize(text)
    tables = _tables()
    flags = {name for name, pattern in tables["flags"].items() if pattern and pattern.search(norm)}
    situation = {name for name, pattern in tables["situation"].items() if pattern.search(norm)}
    place = find_place(text)
    age = read_age(text, expecting_age=expecting_age)
    private_group = bool(_PRIVATE_GROUP.search(norm))
    via_group = "via_group" in flags and not (private_group and "packs" not in norm)
    if via_group or ("spread_public" in flags and not private_group):
        spread: Optional[str] = "public"
    elif private_group or "spread_private" in flags or (
            _ANY_GROUP.search(norm) and "spread_public" not in flags):
        spread = "private" if (private_group or "spread_private" in flags) else None
    elif "spread_public" in flags:
        spread = "public"
    else:
        spread = None
    if "no_consent_to_capture" in situation:
        consent: Optional[bool] = False
    elif "consent_to_capture" in flags:
        consent = True
    else:
        consent = None
    return Facts(
        country=place.country,
        region=place.region,
        city=place.city,
        place_ambiguous=place.ambiguous,
        age=age.age,
        adult=age.adult,
        platform=find_platform(text),
        relationship=find_relationship(text),
        writer=read_writer(text),
        lives_with_aggressor="lives_with_aggressor" in situation,
        device_monitored="device_monitored" in situation,
        spread=spread,
        via_group=via_group,
        profit="profit" in flags,
        impersonation_to_obtain="impersonation_to_obtain" in flags,
        consent_to_capture=consent,
        several_aggressors="several_aggressors" in flags,
        anonymous_aggressor="anonymous_aggressor" in situation,
        images_taken_as_minor="images_taken_as_minor" in situation or bool(
            re.search(r"\bcuando tenia (?:1[0-7]|[1-9])\b", norm)),
    )


#: Pieces of a message split at punctuation and at "y" / "e" (a fact is often said in passing:
#: "tengo 15 años y un compañero pasó mis fotos, soy de Chile").
_PIECES = re.compile(r"[,.;:!?¿¡\n]+|\s+(?:y|e|pero)\s+", re.IGNORECASE)
#: A piece with a place or an age and at most this many words is a fact said in passing.
FACT_PIECE_MAX_WORDS = 6
#: What is left once the facts are taken out must have at least this many words to be a story.
STORY_MIN_WORDS = 3


def story_without_facts(text: str) -> Optional[str]:
    """The message without the short pieces that only give a fact (place, age), or None when
    nothing was taken out or too little is left.

    The intent classifier reads a message made of facts as an answer (``inform``); a story
    with facts said in passing must keep its incident, so it is classified again without them.
    """
    pieces = [p.strip() for p in _PIECES.split(text or "") if p and p.strip()]
    kept, dropped = [], False
    for piece in pieces:
        short = len(piece.split()) <= FACT_PIECE_MAX_WORDS
        age = read_age(piece)
        place = find_place(piece)
        if short and (age.age is not None or age.adult is not None or place.country or place.region):
            dropped = True
        else:
            kept.append(piece)
    story = ", ".join(kept)
    if not dropped or len(story.split()) < STORY_MIN_WORDS:
        return None
    return story
