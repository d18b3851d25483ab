"""Read and compile ``bot/knowledge/risk.yml`` once, at start-up.

The patterns use the phrase mini-language of ``bot/knowledge/safety.yml`` (documented at the
top of both files); its compiler, normaliser and negation check live in :mod:`bot.safety`
and are reused here, so that a phrase means the same thing in both files. A bad entry stops
start-up with the file, the entry and the problem (:class:`RiskDataError`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import re

from bot import safety
from bot.safety import SafetyDataError
from bot.yaml_checks import load_yaml

#: The YAML file with every phrase the risk reading uses.
RISK_DATA_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "risk.yml"

#: Crisis signals in ``risk.yml`` and what each one is worth.
CRISIS_SIGNALS: tuple[str, ...] = ("means", "act_done", "finality", "wish", "distress",
                                   "other", "other_strong")
#: Danger signals in ``risk.yml``.
DANGER_SIGNALS: tuple[str, ...] = ("danger_now", "threat")
#: Cues that cancel weak signals in a clause.
CUES: tuple[str, ...] = ("legal_question", "homework", "joke", "quoted", "past_over", "game",
                            "general_help")
#: Signals a cue may cancel (``cue_scope`` in ``risk.yml``).
CANCELLABLE: frozenset[str] = frozenset({"wish", "distress", "threat", "other", "act_done"})
#: Words the negation of a risk phrase may reach back: one, on purpose ("no sé, me quiero
#: morir" stays a crisis).
NEGATION_WINDOW = 1


class RiskDataError(SafetyDataError):
    """``risk.yml`` is malformed; the message names the file, the entry and the problem."""


@dataclass(frozen=True)
class Pattern:
    """One phrase of ``risk.yml``, compiled.

    Attributes:
        source: the phrase as written in the file.
        regex: finds every (overlapping) match; group 1 is the matched words.
        probe: the same phrase without the overlap machinery: a fast "is it there at all?".
    """

    source: str
    regex: re.Pattern
    probe: re.Pattern


@dataclass(frozen=True)
class Section:
    """The phrases of one signal or cue, the figurative phrases that cancel them, and the
    negation settings (read by ``bot.safety._negated``)."""

    name: str
    patterns: tuple[Pattern, ...]
    exceptions: tuple[Pattern, ...]
    negators: frozenset[str]
    window: int


@dataclass(frozen=True)
class RiskData:
    """Everything in ``risk.yml``, compiled once."""

    signals: dict[str, Section]
    cues: dict[str, Section]
    cue_scope: dict[str, frozenset[str]]
    renewed: Section
    reporter: Section
    mention: Section
    first_person: Section
    time: Section
    time_now: Section


def _texts(items: Any, where: str, path: Path) -> list[str]:
    if not isinstance(items, list) or not items:
        raise RiskDataError(f"{path.name}: {where}: must be a non-empty list of phrases")
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise RiskDataError(f"{path.name}: {where}[{i}]: {item!r} is not text (write "
                                f"words such as \"no\" in quotes)")
    return items


def _compile(compiler: Any, items: list[str], where: str,
             exceptions: tuple[Pattern, ...] = ()) -> Section:
    patterns = []
    for i, item in enumerate(items):
        body = compiler.phrase(item, f"{where}[{i}]")
        patterns.append(Pattern(item, re.compile(f"(?=({body}))"), re.compile(body)))
    return Section(where, tuple(patterns), exceptions, safety._DATA.minor_keywords.negators,
                   NEGATION_WINDOW)


def load_risk_data(path: Path = RISK_DATA_PATH) -> RiskData:
    """Read and compile ``risk.yml``; raise :class:`RiskDataError` naming the entry."""
    path = Path(path)
    raw = load_yaml(path, error=RiskDataError)
    if not isinstance(raw, dict):
        raise RiskDataError(f"{path.name}: the file must be a mapping")
    for key in ("sets", "crisis", "danger", "cues", "cue_scope", "renewed", "reporter",
                "mention", "first_person", "time", "time_now"):
        if key not in raw:
            raise RiskDataError(f"{path.name}: missing field {key!r}")
    sets = raw["sets"]
    if not isinstance(sets, dict):
        raise RiskDataError(f"{path.name}: sets: must be a mapping of lists")
    for name, items in sets.items():
        _texts(items, f"sets.{name}", path)
    data = safety._DATA
    number = safety._number_regex(data.number_words, data.sms_words)
    compiler = safety._Compiler(sets, data.sms_words, number, path)
    try:
        signals: dict[str, Any] = {}
        for kind, names in (("crisis", CRISIS_SIGNALS), ("danger", DANGER_SIGNALS)):
            block = raw[kind]
            if not isinstance(block, dict):
                raise RiskDataError(f"{path.name}: {kind}: must be a mapping")
            figurative = _compile(compiler, _texts(block.get("figurative"),
                                                   f"{kind}.figurative", path),
                                  f"{kind}.figurative").patterns
            for name in names:
                if name not in block:
                    raise RiskDataError(f"{path.name}: {kind}: missing field {name!r}")
                signals[name] = _compile(compiler, _texts(block[name], f"{kind}.{name}", path),
                                         f"{kind}.{name}", figurative)
            unknown = set(block) - set(names) - {"figurative"}
            if unknown:
                raise RiskDataError(f"{path.name}: {kind}: unknown signal(s) "
                                    f"{sorted(unknown)} (known: {', '.join(names)})")
        cues_raw = raw["cues"]
        if not isinstance(cues_raw, dict) or set(cues_raw) != set(CUES):
            raise RiskDataError(f"{path.name}: cues: must list exactly {', '.join(CUES)}")
        cues = {name: _compile(compiler, _texts(cues_raw[name], f"cues.{name}", path),
                               f"cues.{name}") for name in CUES}
        scope: dict[str, frozenset[str]] = {}
        for name in CUES:
            items = raw["cue_scope"].get(name) if isinstance(raw["cue_scope"], dict) else None
            bad = [s for s in items or [] if s not in CANCELLABLE]
            if not items or bad:
                raise RiskDataError(f"{path.name}: cue_scope.{name}: a list of signals among "
                                    f"{', '.join(sorted(CANCELLABLE))} (got {items!r})")
            scope[name] = frozenset(items)
        parts = {key: _compile(compiler, _texts(raw[key], key, path), key)
                 for key in ("renewed", "reporter", "mention", "first_person", "time",
                             "time_now")}
    except SafetyDataError as error:
        if isinstance(error, RiskDataError):
            raise
        raise RiskDataError(str(error)) from error
    return RiskData(signals, cues, scope, parts["renewed"], parts["reporter"],
                    parts["mention"], parts["first_person"], parts["time"], parts["time_now"])
