"""Read, check and compile ``bot/knowledge/safety.yml`` (minors, forbidden replies, negation)."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.phrases.compiler import SafetyDataError, _Compiler, _Rule, _Section
from bot.phrases.normalise import _CLAUSE, _collapse, _tokens
from bot.reading.text import fold
from bot.yaml_checks import check_text, load_yaml, require

logger = logging.getLogger(__name__)

#: The YAML file with every phrase of the minors and reply checks.
SAFETY_DATA_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "safety.yml"
#: Reply problem categories returned (as prefixes) by :func:`reply_problems`.
REPLY_CATEGORIES: tuple[str, ...] = ("asks_for_images", "victim_blaming", "false_promise")


@dataclass(frozen=True)
class SafetyData:
    """Everything in ``safety.yml``, compiled once at start-up."""

    sms_words: dict[str, str]
    age_rules: tuple[_Rule, ...]
    bare_age: _Rule
    minor_keywords: _Section
    number_words: dict[str, int]
    replies: dict[str, _Section]
    negation_breakers: frozenset[str]
    false_negations: tuple[tuple[str, ...], ...]



def _require(mapping: Any, key: str, kind: type, where: str, path: Path) -> Any:
    return require(mapping, key, kind, where, path, error=SafetyDataError)


def _check_text(item: Any, where: str, path: Path) -> None:
    check_text(item, where, path, error=SafetyDataError)


def _number_regex(number_words: dict[str, int], sms: dict[str, str]) -> str:
    def norm(word: str) -> str:
        return " ".join(_tokens(word, sms))

    units = [norm(w) for w, n in number_words.items() if 1 <= n <= 9]
    tens = [norm(w) for w, n in number_words.items() if n >= 30 and n % 10 == 0]
    others = [norm(w) for w, n in number_words.items() if norm(w) not in units + tens]
    unit_alt = "|".join(sorted(set(units), key=len, reverse=True))
    tens_alt = "|".join(sorted(set(tens), key=len, reverse=True))
    other_alt = "|".join(sorted(set(others), key=len, reverse=True))
    return (rf"\d{{1,3}}|(?:{tens_alt})(?: y (?:{unit_alt}))?|{other_alt}|{unit_alt}")


def _section(raw: dict, name: str, compiler: _Compiler, path: Path,
             negators: frozenset[str], *, patterns_key: str = "patterns",
             exceptions_key: str = "figurative", window: int | None = None) -> _Section:
    patterns = _require(raw, patterns_key, list, name, path)
    exceptions = raw.get(exceptions_key, []) or []
    if window is None:
        window = _require(raw, "negation_window", int, name, path)

    def rules(items: list, key: str) -> tuple[_Rule, ...]:
        out = []
        for i, item in enumerate(items):
            where = f"{name}.{key}[{i}]"
            _check_text(item, where, path)
            body = compiler.phrase(item, where)
            out.append(_Rule(item, re.compile(f"(?=({body}))")))
        return tuple(out)

    return _Section(name, rules(patterns, patterns_key), rules(exceptions, exceptions_key),
                    negators, window)



def load_safety_data(path: Path = SAFETY_DATA_PATH) -> SafetyData:
    """Read and compile ``safety.yml``; raise :class:`SafetyDataError` naming the entry."""
    path = Path(path)
    raw = load_yaml(path, error=SafetyDataError)
    if not isinstance(raw, dict):
        raise SafetyDataError(f"{path.name}: the file must be a mapping")
    norm = _require(raw, "normalisation", dict, "normalisation", path)
    sms_raw = _require(norm, "sms_words", dict, "normalisation", path)
    for key, value in sms_raw.items():
        _check_text(key, "normalisation.sms_words", path)
        if value is not None:
            _check_text(value, f"normalisation.sms_words.{key}", path)
    sms_words = {_collapse(fold(k)): fold(v or "") for k, v in sms_raw.items()}
    negation = _require(raw, "negation", dict, "negation", path)

    def words(items: list, where: str) -> list[str]:
        out = []
        for i, item in enumerate(items):
            _check_text(item, f"{where}[{i}]", path)
            toks = [t for t in _tokens(item, sms_words) if t != _CLAUSE]
            if not toks:
                raise SafetyDataError(f"{path.name}: {where}[{i}]: empty once normalised")
            out.append(" ".join(toks))
        return out

    negators = frozenset(words(_require(negation, "negators", list, "negation", path),
                               "negation.negators"))
    breakers = frozenset(words(_require(negation, "scope_breakers", list, "negation", path),
                               "negation.scope_breakers"))
    false_neg = tuple(tuple(p.split()) for p in words(
        _require(negation, "false_negations", list, "negation", path),
        "negation.false_negations"))
    sets = _require(raw, "sets", dict, "sets", path)
    for name, items in sets.items():
        if not isinstance(items, list) or not items:
            raise SafetyDataError(f"{path.name}: sets.{name}: must be a non-empty list")
        for i, item in enumerate(items):
            _check_text(item, f"sets.{name}[{i}]", path)
    minors = _require(raw, "minors", dict, "minors", path)
    number_words_raw = _require(minors, "number_words", dict, "minors", path)
    number_words = {" ".join(_tokens(str(k), sms_words)): int(v)
                    for k, v in number_words_raw.items()}
    compiler = _Compiler(sets, sms_words, _number_regex(number_words_raw, sms_words), path)

    age_rules = []
    for i, entry in enumerate(_require(minors, "ages", list, "minors", path)):
        where = f"minors.ages[{i}]"
        pattern = _require(entry, "pattern", str, where, path)
        if pattern.split().count("#") != 1:
            raise SafetyDataError(f"{path.name}: {where}: needs exactly one # (the age)")
        body = compiler.phrase(pattern, where, capture=True)
        age_rules.append(_Rule(pattern, re.compile(f"(?=({body}))"),
                               offset=int(entry.get("offset", 0)),
                               bare=bool(entry.get("bare", False))))
    bare_pattern = _require(minors, "bare_age", str, "minors", path)
    bare_age = _Rule(bare_pattern, re.compile(
        compiler.phrase(bare_pattern, "minors.bare_age", capture=True)), bare=True)
    minor_keywords = _section(minors, "minors", compiler, path, negators,
                              patterns_key="keywords", exceptions_key="figurative", window=1)
    replies_raw = _require(raw, "replies", dict, "replies", path)
    reply_window = _require(replies_raw, "negation_window", int, "replies", path)
    reply_negators = negators | frozenset(words(replies_raw.get("extra_negators", []) or [],
                                                "replies.extra_negators"))
    replies = {
        category: _section(_require(replies_raw, category, dict, "replies", path),
                           f"replies.{category}", compiler, path, reply_negators,
                           exceptions_key="exceptions", window=reply_window)
        for category in REPLY_CATEGORIES
    }
    logger.debug("Loaded %s: %d minor, %d reply patterns", path.name,
                 len(age_rules) + len(minor_keywords.patterns),
                 sum(len(sec.patterns) for sec in replies.values()))
    return SafetyData(sms_words, tuple(age_rules), bare_age, minor_keywords,
                      number_words, replies, breakers, false_neg)
