"""Safety checks that run on every message: crisis and danger, redaction, logs.

Ages and minors are read by ``bot.reading.age`` (from the ``minors`` section of safety.yml).

Everything here is deterministic and works without Rasa. The language data (Spanish
phrases, SMS spellings, street types...) lives in ``bot/knowledge/safety.yml``; this
module only knows how to read and apply it. Crisis and danger are read by
``bot.reading.risk`` (data: ``bot/knowledge/risk.yml``); the four risk functions here are
wrappers kept for old callers. See ``docs/safety.md``.

Public API:
    normalise(text)                   the form every pattern is matched against
    detect_crisis(text)               wrapper of bot.reading.risk.assess_risk
    detect_danger(text)               wrapper of bot.reading.risk.assess_risk
    classify_risk(text)               "crisis", "danger" or None (wrapper, urgent risk only)
    explain_risk(text)                wrapper of bot.reading.risk.explain
    (stated_age, mentions_minor: moved to bot/reading/age.py)
    reply_problems(text)              forbidden patterns in a BOT reply
    redact, scrub_log_message, PrivacyLogFilter, install_log_filter: moved to bot/privacy/
    load_safety_data(path), SafetyDataError  read and check safety.yml (done at import)
"""
from __future__ import annotations

import ast
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import yaml

from bot.yaml_checks import check_text, require

logger = logging.getLogger(__name__)

#: The YAML file with every phrase this module uses.
SAFETY_DATA_PATH = Path(__file__).resolve().parent / "knowledge" / "safety.yml"
#: How many words the ``...`` gap of a pattern may skip.
GAP_WORDS = 3
#: Risk classes returned by :func:`classify_risk`.
CRISIS = "crisis"
DANGER = "danger"
#: Reply problem categories returned (as prefixes) by :func:`reply_problems`.
REPLY_CATEGORIES: tuple[str, ...] = ("asks_for_images", "victim_blaming", "false_promise")
#: A reply excerpt longer than this is cut in :func:`reply_problems` messages.
EXCERPT_CHARS = 80

_CLAUSE = "."
_CLAUSE_CHARS_RE = re.compile(r"[.,;:!?¡¿…\n\r()\[\]{}\"«»“”|]+")
_NON_WORD_RE = re.compile(r"[^a-z0-9. ]+")
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"}
_LEET_RE = re.compile(r"(?<=[a-z])[013457]+(?=[a-z])")
_PART_RE = re.compile(r"[a-z]+|[0-9]+")
_REPEAT_RE = re.compile(r"([a-z])\1+")


class SafetyDataError(ValueError):
    """``safety.yml`` is malformed; the message names the file, the entry and the problem."""


# --------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Lowercase and remove accents (ñ becomes n, º becomes o)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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
    folded = _CLAUSE_CHARS_RE.sub(" . ", _fold(text))
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


# --------------------------------------------------------------------------------------
# Pattern compiler (the little language documented at the top of safety.yml)
# --------------------------------------------------------------------------------------

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
            stem = _phonetic(_fold(atom[:-1]))
            if not stem.isalnum() or stem[-1] in "cqkh":
                raise self.error(where, f"bad word start {atom!r} (letters only, not ending"
                                        " in c, q, k or h)")
            return f" {re.escape(stem)}{_WORD_BODY}*{_AFTER_WORD}"
        if atom.startswith("*") and len(atom) > 1:
            tail = _phonetic(_fold(atom[1:]))
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


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------

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
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    if not isinstance(raw, dict):
        raise SafetyDataError(f"{path.name}: the file must be a mapping")
    norm = _require(raw, "normalisation", dict, "normalisation", path)
    sms_raw = _require(norm, "sms_words", dict, "normalisation", path)
    for key, value in sms_raw.items():
        _check_text(key, "normalisation.sms_words", path)
        if value is not None:
            _check_text(value, f"normalisation.sms_words.{key}", path)
    sms_words = {_collapse(_fold(k)): _fold(v or "") for k, v in sms_raw.items()}
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


# --------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------

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


def normalise(text: str) -> str:
    """Return ``text`` as patterns see it: "Me qiero mataaar!!" -> "me quiero matar"."""
    return " ".join(t for t in _tokens(text or "", _DATA.sms_words) if t != _CLAUSE)


# Crisis and danger: read by bot.reading.risk (bot/knowledge/risk.yml). These thin wrappers
# keep the old names working until every caller uses ``bot.reading.risk.assess_risk``.

def classify_risk(text: str) -> Optional[str]:
    """Return ``"crisis"``, ``"danger"`` or None: the kind of an urgent risk anywhere in
    ``text`` (``bot.reading.risk.assess_whole_message``). Beyond the fully read part, text
    with too many trigger words to read counts as a crisis (the safe side)."""
    # late import: bot.reading.risk imports this module
    from bot.reading.risk import assess_whole_message

    risk = assess_whole_message(text or "")
    return risk.kind if risk.urgent or "unread" in risk.cues else None


def detect_crisis(text: str) -> bool:
    """True when the message shows a crisis (self-harm, suicide) that is answered first."""
    return classify_risk(text) == CRISIS


def detect_danger(text: str) -> bool:
    """True when the message shows physical danger now (answered first)."""
    return classify_risk(text) == DANGER


def explain_risk(text: str) -> list[str]:
    """Which risk patterns matched, for maintainers (see ``bot.reading.risk.explain``)."""
    from bot.reading.risk import explain

    return explain(text or "")


# --------------------------------------------------------------------------------------
# Forbidden replies
# --------------------------------------------------------------------------------------

def reply_problems(text: str) -> list[str]:
    """List what is forbidden in a bot reply; an empty list means the reply is fine.

    Each item is ``"<category>: <matched words, normalised>"`` with category one of
    :data:`REPLY_CATEGORIES`: ``asks_for_images`` ("envíame la foto"), ``victim_blaming``
    ("¿por qué enviaste...?") and ``false_promise`` ("lo borraremos de internet").
    """
    prepared = _prepare(text, _DATA)
    problems: list[str] = []
    for category in REPLY_CATEGORIES:
        kept: list[tuple[int, int]] = []
        hits = sorted(_hits(prepared, _DATA.replies[category], _DATA),
                      key=lambda h: (h.start, -h.end))
        for hit in hits:
            if any(start <= hit.start and hit.end <= end for start, end in kept):
                continue  # the same words, already reported by a longer match
            kept.append((hit.start, hit.end))
            excerpt = prepared[hit.start:hit.end].strip(" .")[:EXCERPT_CHARS]
            item = f"{category}: {excerpt}"
            if item not in problems:
                problems.append(item)
    return problems


_DATA: SafetyData = load_safety_data()


# Redaction and log scrubbing moved to bot/privacy/ (privacy data: bot/knowledge/privacy.yml).
# Re-exported here until every caller imports bot.privacy.
from bot.privacy.logs import PrivacyLogFilter, install_log_filter, scrub_log_message  # noqa: E402,F401
from bot.privacy.redaction import redact  # noqa: E402,F401
