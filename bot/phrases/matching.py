"""Matching compiled patterns: hits that are neither negated nor figurative."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from bot.phrases.compiler import _Rule, _Section
from bot.phrases.normalise import _CLAUSE, _match_text, _tokens

if TYPE_CHECKING:
    from bot.phrases.safety_data import SafetyData


@dataclass(frozen=True)
class _Hit:
    rule: _Rule
    start: int
    end: int
    match: re.Match


def _negated(text: str, start: int, section: _Section, data: SafetyData) -> bool:
    """True when a negator stands just before ``start`` (within the section's window)."""
    before = text[:start].split()
    after = text[start:].split()
    if after and after[0] in section.negators:
        return False  # the phrase is itself negative: "no no quiero vivir" is emphasis
    seen = 0
    for i in range(len(before) - 1, -1, -1):
        token = before[i]
        if token == _CLAUSE or token in data.negation_breakers:
            return False
        if token in section.negators:
            following = before[i:] + after
            if not any(tuple(following[:len(p)]) == p for p in data.false_negations):
                return True
        seen += 1
        if seen >= section.window:
            return False
    return False


def _cancelled(text: str, hit: _Hit, section: _Section) -> bool:
    """True when a figurative phrase covers the last word of the hit and what follows it."""
    body = text[hit.start:hit.end].rstrip(" .")
    word_end = hit.start + len(body)
    last_word_start = hit.start + body.rfind(" ")
    for rule in section.exceptions:
        for m in rule.regex.finditer(text):
            start, end = m.span(1)
            if start > last_word_start:
                break
            if end >= word_end:
                return True
    return False


def _hits(text: str, section: _Section, data: SafetyData,
          rules: Optional[tuple[_Rule, ...]] = None) -> list[_Hit]:
    """Matches of the section's patterns that are neither negated nor figurative."""
    found = []
    for rule in rules if rules is not None else section.patterns:
        for m in rule.regex.finditer(text):
            hit = _Hit(rule, m.start(1), m.end(1), m)
            if hit.end == hit.start:
                continue
            if _negated(text, hit.start, section, data) or _cancelled(text, hit, section):
                continue
            found.append(hit)
    return found


def _prepare(text: str, data: SafetyData) -> str:
    return _match_text(_tokens(text or "", data.sms_words))

