"""The phrase compiler: the little language documented at the top of safety.yml.

Turns pattern phrases (``quiero ... morir``, ``{set}``, ``mat*``, ``!no``, ``#``) into regular
expressions over :func:`bot.phrases.normalise._match_text` strings. Used for safety.yml here
and for risk.yml by ``bot.reading.risk_data``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.phrases.normalise import _CLAUSE, _phonetic, _tokens
from bot.reading.text import fold
from bot.yaml_checks import DataError

#: How many words the ``...`` gap of a pattern may skip.
GAP_WORDS = 3


class SafetyDataError(DataError):
    """``safety.yml`` is malformed; the message names the file, the entry and the problem."""



_WORD_BODY = r"[a-z0-9]"
_AFTER_WORD = r"(?= )(?: \.)*"
_END = r"(?:(?<=\.)|(?= $)|(?= \.))"


class _Compiler:
    """Turns pattern phrases into regular expressions over :func:`_match_text` strings."""

    def __init__(self, sets: dict[str, list[str]], sms_words: dict[str, str],
                 number_regex: str, path: Path) -> None:
        self._sets = sets
        self._sms = sms_words
        self._number = number_regex
        self._path = path
        self._cache: dict[tuple[str, bool], str] = {}

    def error(self, where: str, problem: str) -> SafetyDataError:
        return SafetyDataError(f"{self._path.name}: {where}: {problem}")

    def phrase(self, phrase: str, where: str, *, capture: bool = False,
               stack: tuple[str, ...] = ()) -> str:
        if not isinstance(phrase, str) or not phrase.strip():
            raise self.error(where, f"empty or non-text pattern {phrase!r}")
        return "".join(self._token(tok, where, capture, stack) for tok in phrase.split())

    def _token(self, token: str, where: str, capture: bool, stack: tuple[str, ...]) -> str:
        if token == "...":
            return rf"(?: {_WORD_BODY}+(?: \.)*){{0,{GAP_WORDS}}}"
        if token == "$":
            return _END
        if token.startswith("!"):
            return f"(?!{self._alternatives(token[1:], where, capture, stack)})"
        if token.startswith("[") and token.endswith("]"):
            return f"(?:{self._alternatives(token[1:-1], where, capture, stack)})?"
        if "[" in token or "]" in token:
            raise self.error(where, f"unbalanced [ ] in {token!r} (no spaces inside [ ])")
        return f"(?:{self._alternatives(token, where, capture, stack)})"

    def _alternatives(self, token: str, where: str, capture: bool,
                      stack: tuple[str, ...]) -> str:
        options = [o for o in token.split("|")]
        if not all(options):
            raise self.error(where, f"empty choice in {token!r}")
        compiled = [self._atom(o, where, capture, stack) for o in options]
        # Longer alternatives first, so that a match is as long as it can be.
        ordered = sorted(zip(options, compiled), key=lambda oc: -len(oc[0]))
        return "|".join(c for _, c in ordered)

    def _atom(self, atom: str, where: str, capture: bool, stack: tuple[str, ...]) -> str:
        if atom.startswith("{") and atom.endswith("}"):
            return self._set(atom[1:-1], where, capture, stack)
        if atom == "#":
            group = "?P<num>" if capture else "?:"
            return f" ({group}{self._number}){_AFTER_WORD}"
        if atom == "$":
            return _END
        if atom.endswith("*") and len(atom) > 1:
            stem = _phonetic(fold(atom[:-1]))
            if not stem.isalnum() or stem[-1] in "cqkh":
                raise self.error(where, f"bad word start {atom!r} (letters only, not ending"
                                        " in c, q, k or h)")
            return f" {re.escape(stem)}{_WORD_BODY}*{_AFTER_WORD}"
        if atom.startswith("*") and len(atom) > 1:
            tail = _phonetic(fold(atom[1:]))
            if not tail.isalnum():
                raise self.error(where, f"bad word end {atom!r}")
            return f" {_WORD_BODY}*{re.escape(tail)}{_AFTER_WORD}"
        if any(c in atom for c in "{}*!#$"):
            raise self.error(where, f"misplaced special character in {atom!r}")
        words = [w for w in _tokens(atom, self._sms) if w != _CLAUSE]
        if not words:
            raise self.error(where, f"{atom!r} is empty once normalised (an SMS filler?)")
        return "".join(f" {re.escape(w)}{_AFTER_WORD}" for w in words)

    def _set(self, name: str, where: str, capture: bool, stack: tuple[str, ...]) -> str:
        if name not in self._sets:
            raise self.error(where, f"unknown set {{{name}}}")
        if name in stack:
            raise self.error(where, f"set {{{name}}} refers to itself")
        key = (name, capture)
        if key not in self._cache:
            items = self._sets[name]
            parts = [self.phrase(str(item), f"sets.{name}[{i}]", capture=capture,
                                 stack=stack + (name,))
                     for i, item in enumerate(items)]
            ordered = sorted(zip(items, parts), key=lambda ip: -len(str(ip[0])))
            self._cache[key] = "(?:" + "|".join(p for _, p in ordered) + ")"
        return self._cache[key]


@dataclass(frozen=True)
class _Rule:
    """One compiled pattern, matched at every word start (overlapping matches)."""

    source: str
    regex: re.Pattern
    offset: int = 0
    bare: bool = False


@dataclass(frozen=True)
class _Section:
    """Patterns, the figurative phrases that cancel them, and the negation settings."""

    name: str
    patterns: tuple[_Rule, ...]
    exceptions: tuple[_Rule, ...]
    negators: frozenset[str]
    window: int

