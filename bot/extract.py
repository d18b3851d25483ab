"""Deterministic extraction of case facts from what a person writes.

Rasa's statistical model recognises *what happened* (the intent); the facts that decide which
law and which service apply (country, region, platform, who the aggressor is, age) are too
important to leave to a guess, so they are read here from word lists in ``bot/knowledge``.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from bot import safety
from bot.facts import ADULT_AGE

KNOWLEDGE = Path(__file__).parent / "knowledge"
#: Whole answers that mean "an adult" right after the bot asked about the age.
ADULT_SHORT_ANSWERS = frozenset({"mayor", "soy mayor", "adulta", "adulto", "es mayor", "mayor de edad"})


def normalize(text: str) -> str:
    """Lowercase, strip accents (keeping ñ as n) and punctuation, collapse spaces."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Extracted:
    """Facts found in one message; None / empty means "not said here"."""

    country: Optional[str] = None
    region: Optional[str] = None
    platform: Optional[str] = None
    aggressor_relationship: Optional[str] = None
    victim_age: Optional[int] = None
    victim_is_minor: Optional[bool] = None
    legal_topic: Optional[str] = None
    flags: frozenset[str] = field(default_factory=frozenset)


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    alternatives = sorted({normalize(p) for p in phrases if normalize(p)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alternatives) + r")\b")


@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    places = yaml.safe_load((KNOWLEDGE / "places.yml").read_text(encoding="utf-8"))
    vocab = yaml.safe_load((KNOWLEDGE / "vocabulary.yml").read_text(encoding="utf-8"))
    region_patterns = [
        (name, spec["country"], _phrase_pattern(spec["names"]))
        for name, spec in places["regions"].items()
    ]
    country_patterns = [
        (code, _phrase_pattern(spec["names"] + spec.get("cities", [])))
        for code, spec in places["countries"].items()
    ]
    return {
        "regions": region_patterns,
        "countries": country_patterns,
        "platform": [(v, _phrase_pattern(p)) for v, p in vocab["platform"].items()],
        "relationship": [
            (v, _phrase_pattern(p)) for v, p in vocab["aggressor_relationship"].items()
        ],
        "flags": {name: _phrase_pattern(p) for name, p in vocab["flags"].items()},
        "adult": _phrase_pattern(vocab["adult_statements"]),
        "dont_know": _phrase_pattern(vocab["dont_know"]),
        "self_blame": _phrase_pattern(vocab["self_blame"]),
        "offers_images": _phrase_pattern(vocab["offers_images"]),
        "confront": _phrase_pattern(vocab["confront_or_negotiate"]),
        "fillers": frozenset(normalize(w) for w in vocab["answer_fillers"]),
        "legal_topic": [(v, _phrase_pattern(p)) for v, p in vocab["legal_topic"].items()],
    }


def _first_match(patterns: list[tuple[str, re.Pattern[str]]], text: str) -> Optional[str]:
    """The value whose phrase appears earliest in the text (ties: first listed)."""
    best: Optional[tuple[int, int, str]] = None
    for order, (value, pattern) in enumerate(patterns):
        match = pattern.search(text)
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, value)
    return best[2] if best else None


def find_place(text: str) -> tuple[Optional[str], Optional[str]]:
    """Return ``(country, region)`` named in the text, e.g. ``("CL", "Coquimbo")``."""
    norm = normalize(text)
    tables = _tables()
    for region, country, pattern in tables["regions"]:
        if pattern.search(norm):
            return country, region
    return _first_match(tables["countries"], norm), None


def find_platform(text: str) -> Optional[str]:
    """Return the platform named in the text (``telegram``, ``whatsapp``, ...)."""
    return _first_match(_tables()["platform"], normalize(text))


def find_relationship(text: str) -> Optional[str]:
    """Return who the aggressor is to the victim (``ex_pareja``, ``desconocido``, ...)."""
    return _first_match(_tables()["relationship"], normalize(text))


def find_flags(text: str) -> frozenset[str]:
    """Return the boolean case facts the text mentions (``via_group``, ``profit``, ...)."""
    norm = normalize(text)
    return frozenset(name for name, pattern in _tables()["flags"].items() if pattern.search(norm))


def is_bare_fact_answer(text: str) -> bool:
    """True for a short answer made only of facts ("México", "soy de Mendoza", "16")."""
    tables = _tables()
    rest = normalize(text)
    if not rest:
        return False
    patterns = ([p for _, _, p in tables["regions"]] + [p for _, p in tables["countries"]]
                + [p for _, p in tables["platform"]] + [p for _, p in tables["relationship"]])
    found = False
    for pattern in patterns:
        rest, count = pattern.subn(" ", rest)
        found = found or count > 0
    rest, ages = re.subn(r"\b\d{1,2}\b", " ", rest)
    found = found or ages > 0
    return found and all(word in tables["fillers"] for word in rest.split())


def blames_self(text: str) -> bool:
    """True when the person asks whether it was their fault ("¿es mi culpa?")."""
    return bool(_tables()["self_blame"].search(normalize(text)))


def offers_images(text: str) -> bool:
    """True when the person offers to send the bot an image or a capture."""
    return bool(_tables()["offers_images"].search(normalize(text)))


def thinks_of_confronting(text: str) -> bool:
    """True when the person considers confronting, negotiating with or paying the aggressor."""
    return bool(_tables()["confront"].search(normalize(text)))


def says_dont_know(text: str) -> bool:
    """True when the text answers "I don't know" or "I'd rather not say".

    "No sé qué hacer" / "no sé cómo" is not such an answer.
    """
    norm = normalize(text)
    if re.search(r"\bno se (?:que|como|donde|si)\b", norm):
        return False
    return bool(_tables()["dont_know"].search(norm))


def find_legal_topic(text: str) -> Optional[str]:
    """Return what a legal question is about (``consent``, ``procedure``, ...), if said."""
    return _first_match(_tables()["legal_topic"], normalize(text))


def find_minor(text: str, *, expecting_age: bool = False) -> tuple[Optional[int], Optional[bool]]:
    """Return ``(age, is_minor)`` as far as the text says (None = not said).

    With ``expecting_age`` (the bot just asked), a bare "31" or "mayor" is an answer too.
    """
    age = safety.stated_age(text, expecting_age=expecting_age)
    if age is not None:
        return age, age < ADULT_AGE
    norm = normalize(text)
    if _tables()["adult"].search(norm) or (expecting_age and norm in ADULT_SHORT_ANSWERS):
        return None, False
    if safety.mentions_minor(text):
        return None, True
    return None, None


def extract(text: str) -> Extracted:
    """Read every fact this module knows from one message."""
    country, region = find_place(text)
    age, minor = find_minor(text)
    return Extracted(
        country=country,
        region=region,
        platform=find_platform(text),
        aggressor_relationship=find_relationship(text),
        victim_age=age,
        victim_is_minor=minor,
        legal_topic=find_legal_topic(text),
        flags=find_flags(text),
    )
