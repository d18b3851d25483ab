"""Answer signals (yes, no, "no sé", "prefiero no decirlo", a correction) and the person's
stance (blames themselves, offers images, thinks of confronting) and register (voseo).

Phrases are language data in ``bot/knowledge/vocabulary.yml``.
"""
from __future__ import annotations

import functools
import re

from bot.reading.text import load_yaml, normalize, phrase_list, phrase_pattern

#: yes / no are read only at the start of an answer of at most this many words.
SHORT_ANSWER_WORDS = 8
#: "No sé qué hacer" / "no sé cómo" is a plea, not the answer "I don't know".
_NOT_AN_ANSWER = re.compile(r"\bno se (?:que|como|donde|si|a quien|cual|por que|ni)\b")


@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    vocab = load_yaml("vocabulary.yml")
    signals = vocab["signals"]
    return {
        "yes": [normalize(w) for w in phrase_list(signals, "yes", "vocabulary.yml: signals")],
        "no": [normalize(w) for w in phrase_list(signals, "no", "vocabulary.yml: signals")],
        "dont_know": phrase_pattern(phrase_list(signals, "dont_know", "vocabulary.yml: signals")),
        "decline": phrase_pattern(phrase_list(signals, "decline", "vocabulary.yml: signals")),
        "correction": phrase_pattern(phrase_list(signals, "correction",
                                                 "vocabulary.yml: signals")),
        "self_blame": phrase_pattern(phrase_list(vocab, "self_blame", "vocabulary.yml")),
        "offers_images": phrase_pattern(phrase_list(vocab, "offers_images", "vocabulary.yml")),
        "intimate": phrase_pattern(phrase_list(vocab, "intimate_material", "vocabulary.yml")),
        "confront": phrase_pattern(phrase_list(vocab, "confront_or_negotiate", "vocabulary.yml")),
        "voseo": phrase_pattern(phrase_list(vocab, "voseo", "vocabulary.yml")),
        "rioplatense": phrase_pattern(phrase_list(vocab, "rioplatense_words", "vocabulary.yml")),
        "voseo_accented": frozenset(w.lower() for w in
                                    phrase_list(vocab, "voseo_accented", "vocabulary.yml")),
        "voseo_not_verbs": frozenset(normalize(w) for w in
                                     phrase_list(vocab, "voseo_not_verbs", "vocabulary.yml")),
    }


def _starts_with(norm: str, words: list[str]) -> bool:
    return any(norm == w or norm.startswith(w + " ") for w in words)


def read_signals(text: str) -> tuple[str, ...]:
    """The answer signals of ``text``, in the order of ``bot.reading.model.SIGNALS``."""
    tables = _tables()
    norm = normalize(text)
    found = set()
    short = len(norm.split()) <= SHORT_ANSWER_WORDS
    if tables["correction"].search(norm) and set(norm.split()) != {"no"}:
        found.add("correction")  # "no no, es una cuenta falsa"; a bare "no no" is only a no
    dont_know = tables["dont_know"].search(norm)
    if dont_know and not _NOT_AN_ANSWER.search(norm[dont_know.start():]):
        found.add("dont_know")
    if tables["decline"].search(norm) and (short or "prefiero no" in norm):
        found.add("decline")
    plea = norm.startswith("no se ") or "?" in text or " pero " in f" {norm} "
    if short and "dont_know" not in found and not plea and _starts_with(norm, tables["no"]):
        found.add("no")
    elif short and not found and not plea and _starts_with(norm, tables["yes"]):
        found.add("yes")
    return tuple(s for s in ("yes", "no", "dont_know", "decline", "correction") if s in found)


def blames_self(text: str) -> bool:
    """The person asks whether it was their fault ("¿es mi culpa?")."""
    return bool(_tables()["self_blame"].search(normalize(text)))


def offers_images(text: str) -> bool:
    """The person offers to send the bot an image or a capture."""
    return bool(_tables()["offers_images"].search(normalize(text)))


def names_intimate_material(text: str) -> bool:
    """The text names intimate images or videos ("el video íntimo", "mis nudes", "el pack")."""
    return bool(_tables()["intimate"].search(normalize(text)))


def considers_confronting(text: str) -> bool:
    """The person thinks of confronting, negotiating with or paying the aggressor."""
    return bool(_tables()["confront"].search(normalize(text)))


#: A stressed -és / -ís ending written with its accent: "sabés", "querés", "decís", "sentís"
#: (the tú forms, "sabes", "quieres", "dices", carry no accent there).
_VOSEO_ENDING = re.compile(r"\b(\w{2,}(?:és|ís))\b", re.IGNORECASE)


def uses_voseo(text: str) -> bool:
    """The person writes with vos ("tenés", "podés", "decime", "sabés") or with words of the
    Río de la Plata that go with it ("me escracharon", "el laburo")."""
    if _tables()["voseo"].search(normalize(text)) or _tables()["rioplatense"].search(normalize(text)):
        return True
    words = re.findall(r"\w+", (text or "").lower())
    if _tables()["voseo_accented"] & set(words):
        return True
    not_verbs = _tables()["voseo_not_verbs"]
    return any(normalize(word) not in not_verbs for word in _VOSEO_ENDING.findall(text or ""))
