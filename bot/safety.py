"""Safety checks that run on every message: crisis and danger, redaction, logs.

Ages and minors are read by ``bot.reading.age`` (from the ``minors`` section of safety.yml).

Everything here is deterministic and works without Rasa. The language data (Spanish
phrases, SMS spellings, street types...) lives in ``bot/knowledge/safety.yml``; this
module only knows how to read and apply it. See ``docs/safety.md``.

Public API:
    normalise(text)                   the form every pattern is matched against
    detect_crisis(text)               suicidal ideation, self-harm, overdose
    detect_danger(text)               immediate physical danger (aggressor here, weapon...)
    classify_risk(text)               "crisis", "danger" or None (crisis wins)
    explain_risk(text)                which patterns matched, for maintainers
    reply_problems(text)              forbidden patterns in a BOT reply
    redact(text)                      phones, e-mails, addresses, IDs replaced by tokens
    scrub_log_message(message)        a log line without what people wrote
    PrivacyLogFilter, install_log_filter()   keep message text out of the logs
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
class _Redaction:
    tokens: dict[str, str]
    url: re.Pattern
    email: re.Pattern
    documents: tuple[re.Pattern, ...]
    document_keyword: re.Pattern
    phone: re.Pattern
    money_words: frozenset[str]
    named_addresses: tuple[re.Pattern, ...]
    plain_addresses: tuple[re.Pattern, ...]
    address_intro_rest: re.Pattern
    street_joiners: frozenset[str]
    min_digits: int
    max_digits: int


@dataclass(frozen=True)
class SafetyData:
    """Everything in ``safety.yml``, compiled once at start-up."""

    sms_words: dict[str, str]
    crisis: _Section
    danger: _Section
    age_rules: tuple[_Rule, ...]
    bare_age: _Rule
    minor_keywords: _Section
    number_words: dict[str, int]
    replies: dict[str, _Section]
    negation_breakers: frozenset[str]
    false_negations: tuple[tuple[str, ...], ...]
    redaction: _Redaction


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------

def _require(mapping: Any, key: str, kind: type, where: str, path: Path) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise SafetyDataError(f"{path.name}: {where}: missing field {key!r}")
    value = mapping[key]
    if not isinstance(value, kind):
        raise SafetyDataError(f"{path.name}: {where}.{key}: expected {kind.__name__}, "
                              f"got {type(value).__name__}")
    return value


def _check_text(item: Any, where: str, path: Path) -> None:
    """Refuse non-text list items: YAML reads a bare no/yes/on/off as true or false."""
    if not isinstance(item, str):
        raise SafetyDataError(f"{path.name}: {where}: {item!r} is not text (write words "
                              f"such as \"no\" in quotes)")


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


def _redaction(raw: dict, path: Path) -> _Redaction:
    where = "redaction"
    tokens = _require(raw, "tokens", dict, where, path)
    for kind in ("phone", "email", "address", "document", "url_query", "text", "value"):
        _require(tokens, kind, str, f"{where}.tokens", path)
    min_digits = _require(raw, "phone_min_digits", int, where, path)
    max_digits = _require(raw, "phone_max_digits", int, where, path)
    def texts(key: str) -> list[str]:
        items = _require(raw, key, list, where, path)
        for i, item in enumerate(items):
            _check_text(item, f"{where}.{key}[{i}]", path)
        return items

    money = frozenset(_fold(w) for w in texts("money_words"))
    doc_words = texts("document_words")
    street = texts("street_types")
    joiners = texts("street_name_joiners")
    stop = texts("street_name_stopwords")
    units = texts("unit_words")
    intros = texts("address_intros")
    hoods = texts("neighbourhood_words")
    postal = texts("postal_code_words")

    def alt(words: Iterable[str]) -> str:
        return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                        for w in sorted(set(map(str, words)), key=len, reverse=True))

    def word_alt(words: Iterable[str]) -> str:
        # Abbreviations may be written without their dot ("Av 5", "pje 3").
        parts = []
        for w in sorted(set(map(str, words)), key=len, reverse=True):
            esc = re.escape(w).replace(r"\ ", r"\s+")
            parts.append(esc[:-2] + r"\.?" if esc.endswith(r"\.") else esc)
        return "|".join(parts)

    name_word = (rf"(?!(?:{alt(stop)})(?![\w'’]))[^\W\d_][\w'’.]*")
    name = rf"(?:\d{{1,2}}\s+de\s+)?{name_word}(?:\s+{name_word}){{0,4}}"
    number = (r"(?:\s*,?\s*(?:#|n[°º.]?|nro\.?|núm\.?|num\.?|número|numero)?\s*"
              r"\d{1,5}(?:[a-zA-Z](?![\w]))?(?![\w])|\s+s/n\b)")
    unit = (rf"(?:\s*,?\s*(?:(?:{word_alt(units)})(?![\w])\.?\s*[\w°º-]{{1,6}}"
            r"|\d{1,2}\s*[°ºª]\s*[a-zA-Z]?(?![\w])))*")
    capital = r"[A-ZÁÉÍÓÚÑÜ][\wáéíóúñü'’.]*"
    joiner = rf"(?:(?:{alt(joiners)})\s+)*"
    # After "Av." or "c/" a space is optional; after "Avenida" it is required.
    street_types = rf"(?<![\w])(?i:{word_alt(street)})(?:(?<=[./])\s*|\s+)"
    named_addresses = (
        # "calle Sexta Oriente #425", "Av. Libertador 1234", "Pasaje Los Aromos 55 depto 3"
        re.compile(rf"{street_types}(?P<name>{name}){number}{unit}", re.IGNORECASE),
        # "vivo en Los Aromos 55"
        re.compile(rf"(?P<intro>(?<![\w])(?:{alt(intros)}))\s+(?P<name>{name}){number}{unit}",
                   re.IGNORECASE),
    )
    plain_addresses = (
        # "calle Sexta Oriente" (no number, but a capitalised name)
        re.compile(rf"{street_types}{joiner}{capital}(?:\s+{joiner}{capital}){{0,3}}"),
        # "col. Roma Norte"
        re.compile(rf"(?<![\w])(?i:{word_alt(hoods)})\s+{capital}(?:\s+{capital}){{0,2}}"),
        # "C.P. 78000"
        re.compile(rf"(?<![\w])(?i:{word_alt(postal)})\s*:?\s*\d{{4,7}}(?![\w])"),
    )
    intro_rest = re.compile(
        r"(?<![\w])(?i:mi\s+direcci[oó]n\s+es|su\s+direcci[oó]n\s+es|direcci[oó]n\s*:"
        r"|mi\s+domicilio\s+es|domicilio\s*:)\s*(?P<rest>[^.;\n]{3,80})")
    documents = (
        re.compile(r"(?<![\w.])\d{1,2}\.?\d{3}\.?\d{3}\s?-\s?[\dkK](?![\w])"),        # RUT
        re.compile(r"(?<![\w])[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z\d]\d(?![\w])", re.I),  # CURP
        re.compile(r"(?<![\w])[A-Z]{6}\d{8}[HM]\d{3}(?![\w])", re.I),                # INE
        re.compile(r"(?<![\w])[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}(?![\w])", re.I),           # RFC
        re.compile(r"(?<![\w])\d{8}-?[TRWAGMYFPDXBNJZSQVHLCKE](?![\w])", re.I),       # DNI
        re.compile(r"(?<![\w])[XYZ]-?\d{7}-?[A-Z](?![\w])", re.I),                    # NIE
    )
    keyword = re.compile(
        rf"(?<![\w])(?P<kw>{alt(doc_words)})(?![\w])"
        r"(?P<sep>(?:\s*(?:n[°º.o]?|nro\.?|número|numero|es|:|#))*\s*)"
        r"(?P<value>[\dA-Za-z][\dA-Za-z.\-]{5,}[\dA-Za-z])(?![\w])", re.I)
    return _Redaction(
        tokens=dict(tokens),
        url=re.compile(r"(?i)(?<![\w@])(?:https?://|www\.|(?:[a-z0-9-]+\.)+[a-z]{2,}/)"
                       r"[^\s<>\"']+"),
        email=re.compile(r"(?i)(?<![\w.+-])[\w.+-]+(?:@|\s*\((?:at|arroba)\)\s*|\s*\[(?:at|"
                         r"arroba)\]\s*|\s+arroba\s+)[\w-]+(?:(?:\.|\s+punto\s+)[a-z]{2,})+"
                         r"(?![\w])"),
        documents=documents,
        document_keyword=keyword,
        phone=re.compile(r"(?<![\w*#+$€.,-])(?:\+\s?|\b00\s?)?\(?\d"
                         r"(?:[\s().\-]{0,3}\d){5,20}\)?(?![\w])"),
        money_words=money,
        named_addresses=named_addresses,
        plain_addresses=plain_addresses,
        address_intro_rest=intro_rest,
        street_joiners=frozenset(_fold(j) for j in joiners),
        min_digits=min_digits,
        max_digits=max_digits,
    )


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

    crisis = _section(_require(raw, "crisis", dict, "crisis", path), "crisis", compiler,
                      path, negators)
    danger = _section(_require(raw, "danger", dict, "danger", path), "danger", compiler,
                      path, negators)
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
    redaction = _redaction(_require(raw, "redaction", dict, "redaction", path), path)
    logger.debug("Loaded %s: %d crisis, %d danger, %d minor, %d reply patterns", path.name,
                 len(crisis.patterns), len(danger.patterns),
                 len(age_rules) + len(minor_keywords.patterns),
                 sum(len(sec.patterns) for sec in replies.values()))
    return SafetyData(sms_words, crisis, danger, tuple(age_rules), bare_age, minor_keywords,
                      number_words, replies, breakers, false_neg, redaction)


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


def detect_crisis(text: str) -> bool:
    """True when the message speaks of suicide, self-harm, overdose or wanting to die."""
    return bool(_hits(_prepare(text, _DATA), _DATA.crisis, _DATA))


def detect_danger(text: str) -> bool:
    """True when the message describes immediate physical danger (aggressor, weapon...)."""
    return bool(_hits(_prepare(text, _DATA), _DATA.danger, _DATA))


def classify_risk(text: str) -> Optional[str]:
    """Return ``"crisis"``, ``"danger"`` or None. Crisis wins when both match."""
    prepared = _prepare(text, _DATA)
    if _hits(prepared, _DATA.crisis, _DATA):
        return CRISIS
    if _hits(prepared, _DATA.danger, _DATA):
        return DANGER
    return None


def explain_risk(text: str) -> list[str]:
    """Describe every crisis/danger match, for maintainers checking a miss or false alarm.

    Returns lines such as ``"crisis: 'me quiero matar' (pattern: me [ya] {clitic_want}
    {die_root})"``, and ``"crisis (cancelled): ..."`` for matches that a negation or a
    figurative phrase cancelled.
    """
    prepared = _prepare(text, _DATA)
    lines = []
    for section in (_DATA.crisis, _DATA.danger):
        kept = {(h.rule.source, h.start) for h in _hits(prepared, section, _DATA)}
        for rule in section.patterns:
            for m in rule.regex.finditer(prepared):
                phrase = m.group(1).strip(" .")
                status = "" if (rule.source, m.start(1)) in kept else " (cancelled)"
                lines.append(f"{section.name}{status}: {phrase!r} (pattern: {rule.source})")
    return lines


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


# --------------------------------------------------------------------------------------
# Redaction
# --------------------------------------------------------------------------------------

_DATE_OR_TECH_RE = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[-.]\d{1,2}[-.]\d{2,4}|\d+\.\d+|(?:19|20)\d{6}-?\d{6}"
    r"|\d{1,3}(?:\.\d{1,3}){3})$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def _redact_urls(text: str, r: _Redaction) -> str:
    def url(m: re.Match) -> str:
        found = m.group(0)
        trail = ""
        while found and found[-1] in ".,;:!?)»”'\"":
            trail = found[-1] + trail
            found = found[:-1]
        cut = min((i for i in (found.find("?"), found.find("#")) if i >= 0), default=-1)
        if cut >= 0:
            found = found[:cut] + "?" + r.tokens["url_query"]
        return found + trail

    return r.url.sub(url, text)


def _redact_phones(text: str, r: _Redaction) -> str:
    def phone(m: re.Match) -> str:
        found = m.group(0)
        digits = sum(c.isdigit() for c in found)
        core = found.strip("()+ ")
        if digits < r.min_digits or _DATE_OR_TECH_RE.match(core):
            return found
        before = m.string[:m.start()].rstrip()
        after = m.string[m.end():].lstrip()
        next_word = _fold(re.split(r"[^\w]", after, maxsplit=1)[0]) if after else ""
        money = before.endswith(("$", "€")) or next_word in r.money_words
        if _THOUSANDS_RE.match(core):
            # "1.500.000" is money, "30.123.456" an ID, "612.345.678" a phone
            if money:
                return found
            if digits in (7, 8):
                return r.tokens["document"]
            return r.tokens["phone"] if digits >= 9 else found
        if money:
            return found
        if digits > r.max_digits:
            return r.tokens["document"]
        return r.tokens["phone"]

    return r.phone.sub(phone, text)


def _redact_addresses(text: str, r: _Redaction) -> str:
    token = r.tokens["address"]

    def with_name(m: re.Match) -> str:
        name_words = [_fold(w) for w in m.group("name").split()]
        if all(w in r.street_joiners or w.isdigit() for w in name_words):
            return m.group(0)
        intro = m.groupdict().get("intro")
        return f"{intro} {token}" if intro else token

    text = r.address_intro_rest.sub(
        lambda m: m.group(0)[:m.start("rest") - m.start()] + token, text)
    for pattern in r.named_addresses:
        text = pattern.sub(with_name, text)
    for pattern in r.plain_addresses:
        text = pattern.sub(token, text)
    return text


def redact(text: str) -> str:
    """Replace phone numbers, e-mails, street addresses and ID numbers with tokens.

    "+56 9 1234 5678" -> "[teléfono]", "ana@correo.cl" -> "[correo]", "Av. Libertador 1234"
    -> "[dirección]", "12.345.678-9" -> "[documento]". Short service numbers (133, 911,
    *4141, 016, 1455) are kept. URLs are kept, but their query string becomes "?[datos]".
    """
    if not text:
        return text
    r = _DATA.redaction
    text = _redact_urls(text, r)
    text = r.email.sub(r.tokens["email"], text)
    text = r.document_keyword.sub(
        lambda m: m.group("kw") + m.group("sep") + r.tokens["document"]
        if any(c.isdigit() for c in m.group("value")) else m.group(0), text)
    for pattern in r.documents:
        text = pattern.sub(r.tokens["document"], text)
    text = _redact_phones(text, r)
    return _redact_addresses(text, r)


# --------------------------------------------------------------------------------------
# Log privacy
# --------------------------------------------------------------------------------------

#: Fields that carry what a person wrote (Rasa's own list of "anonymizable" structlog keys
#: in rasa/utils/log_utils.py, plus the names used inside events and parse data).
_SENSITIVE_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text",
    "parse_data_entities", "prediction_events", "tracker_latest_message", "prefilled_slots",
    "message", "response", "slot_candidates", "rasa_event", "rasa_events", "tracker_states",
    "current_states", "old_states", "successes", "current_entity", "next_entity", "states",
    "entity", "token_text", "user_message", "json_message", "parse_data", "metadata",
    "entities", "value", "data",
})
#: Fields that are safe to keep in a log line (names, numbers, routing).
_SAFE_KEYS = frozenset({
    "action_name", "parse_data_intent", "intent", "intent_name", "name", "confidence",
    "event", "event_key", "event_info", "len_extraction_events", "action_extract_slot",
    "policy_name", "policy", "level", "timestamp", "logger", "sender_id", "url", "host",
    "filename", "topic", "key", "arg", "placeholder_key", "rabbitmq_exchange", "utter_action",
    "slot_name", "input_channel", "message_id", "latency", "status", "duration",
})
#: Inside a structure (an event, an entity), these keys hold what the person wrote.
_TEXT_FIELDS = frozenset({"text", "message", "user_text", "response_text", "parse_data_text",
                          "token_text", "user_message", "json_message", "response",
                          "tracker_latest_message", "parse_data", "metadata", "data"})
_VALUE_FIELDS = frozenset({"value", "slot_value"})
_SIMPLE_VALUE_RE = re.compile(r"^[\w.\-]{1,40}$")
_LONG_DIGITS_RE = re.compile(r"\d{6,}")
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
_KV_KEY_RE = re.compile(r"(?:(?<=\s)|^)([a-z_][a-z0-9_]*)=")
_LEGACY_PATTERNS: tuple[tuple[re.Pattern, str], ...] = (
    # Rasa < 3.5: "Received user message 'hola' with intent '{...}' and entities '[...]'"
    (re.compile(r"(Received user message ')(.*?)(' with intent)", re.S), "text"),
    (re.compile(r"(Received user message ')((?:(?!' with intent).)*)(')$", re.S), "text"),
    # str(UserUttered) / str(BotUttered)
    (re.compile(r"(UserUttered\(text: )(.*?)(, intent: )", re.S), "text"),
    (re.compile(r"(BotUttered\(text: )(.*?)(, data: )", re.S), "text"),
    (re.compile(r"(UserUttered\(text: )((?:(?!, intent: ).)*?)(\))$", re.S), "text"),
    # dict reprs and JSON inside any message: 'text': '...', "text": "..."
    (re.compile(r"""(['"](?:text|message|user_text|response_text|parse_data_text)['"]\s*:\s*)"""
                r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")()"""), "quoted"),
    (re.compile(r"""(['"](?:value|slot_value)['"]\s*:\s*)('(?:[^'\\]|\\.)*'|"""
                r""""(?:[^"\\]|\\.)*")()"""), "quoted_value"),
    (re.compile(r"""(\btext=)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")()"""), "quoted"),
    (re.compile(r"(SlotSet\(key: [\w.-]+, value: )(.*?)(\))", re.S), "value"),
)


def _is_simple(value: Any) -> bool:
    """A closed-vocabulary value (``CL``, ``report_ncii``, ``15``, ``True``) safe to log."""
    if value is None or isinstance(value, (bool, int, float)):
        return True
    return (isinstance(value, str) and bool(_SIMPLE_VALUE_RE.match(value))
            and not _LONG_DIGITS_RE.search(value))


def _scrub_slot_lines(slot_values: str) -> str:
    tokens = _DATA.redaction.tokens
    lines = []
    for line in slot_values.split("\n"):
        name, sep, value = line.partition(": ")
        lines.append(line if not sep or _is_simple(value.strip())
                     else f"{name}{sep}{tokens['value']}")
    return "\n".join(lines)


def _sanitise(value: Any, key: Optional[str] = None) -> Any:
    """Copy of a logged structure with everything a person wrote replaced by tokens."""
    tokens = _DATA.redaction.tokens
    if isinstance(value, dict):
        return {k: _sanitise(v, k if isinstance(k, str) else None) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_sanitise(v, key) for v in value]
    if key == "slot_values" and isinstance(value, str):
        return _scrub_slot_lines(value)
    if key in _TEXT_FIELDS:
        return value if value in (None, "") else tokens["text"]
    if key in _VALUE_FIELDS or key in {"prefilled_slots", "slot_candidates"}:
        return value if _is_simple(value) else tokens["value"]
    if key in _SENSITIVE_KEYS and isinstance(value, str):
        return value if _is_simple(value) else tokens["text"]
    if isinstance(value, str):
        return redact(value)
    return value


def _scrub_rendered_value(key: str, rendered: str) -> str:
    """Scrub one ``key=value`` value as rendered by structlog's console renderer."""
    tokens = _DATA.redaction.tokens
    if key == "slot_values":
        return _scrub_slot_lines(rendered)
    if key in _TEXT_FIELDS or key in {"parse_data_text", "user_text", "response_text"}:
        return tokens["text"]
    try:
        parsed = ast.literal_eval(rendered.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return tokens["text"]
    if isinstance(parsed, (dict, list, tuple)):
        return repr(_sanitise(parsed, key))
    return tokens["text"]


def _scrub_key_values(message: str) -> str:
    """Scrub structlog console lines: ``event  key=value key=value``."""
    keys = [(m.start(), m.end(), m.group(1)) for m in _KV_KEY_RE.finditer(message)
            if m.group(1) in _SENSITIVE_KEYS or m.group(1) in _SAFE_KEYS]
    if not any(k in _SENSITIVE_KEYS for _, _, k in keys):
        return message
    out, last = [], 0
    for i, (start, end, key) in enumerate(keys):
        if key not in _SENSITIVE_KEYS:
            continue
        value_end = keys[i + 1][0] if i + 1 < len(keys) else len(message)
        rendered = message[end:value_end]
        trailing = rendered[len(rendered.rstrip()):]
        out.append(message[last:end])
        out.append(_scrub_rendered_value(key, rendered.rstrip()) + trailing)
        last = value_end
    out.append(message[last:])
    return "".join(out)


def _scrub_legacy(message: str) -> str:
    tokens = _DATA.redaction.tokens
    for pattern, kind in _LEGACY_PATTERNS:
        def repl(m: re.Match, kind: str = kind) -> str:
            inner = m.group(2)
            if kind == "quoted":
                new = inner[0] + tokens["text"] + inner[-1]
            elif kind == "quoted_value":
                new = inner if _is_simple(inner[1:-1]) else inner[0] + tokens["value"] + inner[-1]
            elif kind == "value":
                new = inner if _is_simple(inner) else tokens["value"]
            else:
                new = tokens["text"]
            return m.group(1) + new + m.group(3)
        message = pattern.sub(repl, message)
    return message


def scrub_log_message(message: str) -> str:
    """Remove what people wrote from a log line; keep intents, actions and confidences."""
    if not message:
        return message
    plain = _ANSI_RE.sub("", message) if "\x1b[" in message else message
    stripped = plain.strip()
    scrubbed = None
    if stripped.startswith("{") and stripped.endswith("}"):
        try:
            parsed = json.loads(stripped)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            scrubbed = json.dumps(_sanitise(parsed), ensure_ascii=False)
    if scrubbed is None:
        scrubbed = redact(_scrub_legacy(_scrub_key_values(plain)))
    return message if scrubbed == plain else scrubbed


class PrivacyLogFilter(logging.Filter):
    """Logging filter that scrubs message text and personal data out of every record.

    It rewrites the record in place (never drops it): Rasa's structlog lines
    (``parse_data_text=...``, ``slot_values=...``, events), older "Received user message
    '...'" lines, ``'text': '...'`` fields anywhere, and phones, e-mails, addresses and IDs
    in any message. Intent names, action names and confidences are kept.
    """

    #: Attribute set on a record once scrubbed, so that it is scrubbed only once.
    MARK = "_acompana_scrubbed"

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub ``record`` in place and let it through."""
        if getattr(record, self.MARK, False):
            return True
        if isinstance(record.msg, dict):
            record.msg = _sanitise(record.msg)
        else:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):
                message = str(record.msg)
            record.msg = scrub_log_message(message)
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_log_message(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_log_message(record.stack_info)
        setattr(record, self.MARK, True)
        return True


_FILTER = PrivacyLogFilter()


def _attach(target: logging.Filterer) -> None:
    if not any(isinstance(f, PrivacyLogFilter) for f in target.filters):
        target.addFilter(_FILTER)


def install_log_filter(*, patch_record_factory: bool = True) -> PrivacyLogFilter:
    """Attach :class:`PrivacyLogFilter` to the root logger and to every existing handler.

    Call it once at start-up, after Rasa has configured logging (an action module or a
    custom component is a good place). Calling it again is harmless.

    Args:
        patch_record_factory: also scrub records as they are created, so that handlers
            added later (Rasa and Sanic add some while starting) never see raw text.

    Returns:
        The filter instance that was attached.
    """
    root = logging.getLogger()
    _attach(root)
    handlers = list(root.handlers)
    for item in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(item, logging.Logger):
            handlers.extend(item.handlers)
    for handler in handlers:
        _attach(handler)
    if patch_record_factory:
        current: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()
        if not getattr(current, "_acompana_privacy", False):
            def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
                record = current(*args, **kwargs)
                _FILTER.filter(record)
                return record

            factory._acompana_privacy = True  # type: ignore[attr-defined]
            logging.setLogRecordFactory(factory)
    return _FILTER


_DATA: SafetyData = load_safety_data()
