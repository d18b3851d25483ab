"""Normalisation: the form of a text every phrase pattern is matched against.

Lowercase, no accents, SMS spellings mapped (``sms_words`` of safety.yml), repeated letters
collapsed, a phonetic spelling (h silent, v=b, z=s, ...), and ``"."`` where a clause breaks.
"""
from __future__ import annotations

import re

from bot.reading.text import fold

_CLAUSE = "."
_CLAUSE_CHARS_RE = re.compile(r"[.,;:!?¡¿…\n\r()\[\]{}\"«»“”|]+")
_NON_WORD_RE = re.compile(r"[^a-z0-9. ]+")
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"}
_LEET_RE = re.compile(r"(?<=[a-z])[013457]+(?=[a-z])")
_PART_RE = re.compile(r"[a-z]+|[0-9]+")
_REPEAT_RE = re.compile(r"([a-z])\1+")


def _collapse(word: str) -> str:
    return _REPEAT_RE.sub(r"\1", word)


def _phonetic(word: str) -> str:
    """Spell a word the way patterns see it: h silent, v=b, z=s, ce/ci=se/si, k/q regular."""
    word = _collapse(word)
    word = re.sub(r"(?<!c)h", "", word)
    word = word.replace("v", "b").replace("z", "s")
    word = re.sub(r"k(?=[ei])", "qu", word).replace("k", "c")
    word = re.sub(r"q(?!u)", "qu", word)
    word = re.sub(r"c(?=[ei])", "s", word)
    return _collapse(word)


def _tokens(text: str, sms_words: dict[str, str]) -> list[str]:
    """Normalised words of ``text``, with ``"."`` where a sentence or clause breaks."""
    folded = _CLAUSE_CHARS_RE.sub(" . ", fold(text))
    folded = _NON_WORD_RE.sub(" ", folded)
    out: list[str] = []
    for raw in folded.split():
        if raw == _CLAUSE:
            if out and out[-1] != _CLAUSE:
                out.append(_CLAUSE)
            continue
        raw = raw.replace(".", "")
        raw = _LEET_RE.sub(lambda m: "".join(_LEET[d] for d in m.group(0)), raw)
        for part in _PART_RE.findall(raw):
            if part.isdigit():
                out.append(part)
                continue
            word = _collapse(part)
            for mapped in sms_words.get(word, word).split():
                spelled = _phonetic(mapped)
                if spelled:
                    out.append(spelled)
    while out and out[0] == _CLAUSE:
        out.pop(0)
    while out and out[-1] == _CLAUSE:
        out.pop()
    return out


def _match_text(tokens: list[str]) -> str:
    """The string patterns run on: words separated by one space, one space at each end."""
    return " " + " ".join(tokens) + " "

