"""The steps file (``steps.yml``): entries, their ``when``/``unless`` conditions -> ``Step``."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from bot.facts import INCIDENTS, MINOR_NO, MINOR_UNKNOWN, MINOR_YES, PLATFORMS, RELATIONSHIPS, SUPPORTED_COUNTRIES, WRITERS
from bot.directory.fields import closed_list, load_yaml, parse_date, string_list
from bot.directory.model import (
    CONFIDENCES,
    KINDS,
    OTHER_COUNTRY,
    PHASES,
    UNKNOWN_PLATFORM,
    UNKNOWN_RELATIONSHIP,
    Issue,
    Step,
)

_STEP_FIELDS = frozenset({
    "id", "phase", "title", "text", "when", "unless", "services", "fallback", "sources",
    "source_name", "checked", "confidence", "advice", "needs_services",
})
#: Conditions of ``when``/``unless`` in steps.yml (see the comment at the top of that file).
_CONDITION_FIELDS = frozenset({
    "incidents", "minor", "platforms", "countries", "relationships", "writers",
    "lives_with_aggressor", "device_monitored", "taken_as_minor", "age_known",
})
_BOOLEAN_CONDITIONS = frozenset({"lives_with_aggressor", "device_monitored", "taken_as_minor", "age_known"})
_MINOR_VALUES = (MINOR_YES, MINOR_NO, MINOR_UNKNOWN)
_STEP_SERVICE_FIELDS = frozenset({"kinds", "ids", "limit", "exclude"})


def read_steps(path: Path, service_ids: set[str], issues: list[Issue]) -> list[Step]:
    """The valid steps of ``steps.yml`` (low-confidence ones left out); problems go to ``issues``."""
    data = load_yaml(path, "steps", issues)
    if data is None:
        return []
    steps: list[Step] = []
    seen: set[str] = set()
    for position, entry in enumerate(data["steps"] or [], start=1):
        step = _parse_step(str(path), position, entry, service_ids, issues)
        if step is None:
            continue
        if step.id in seen:
            issues.append(Issue(str(path), step.id, "id", "duplicate id"))
            continue
        seen.add(step.id)
        if step.confidence != "low":  # low steps are kept out of what a person reads
            steps.append(step)
    return steps


def _parse_step(file: str, position: int, entry: Any, service_ids: set[str], issues: list[Issue]) -> Optional[Step]:
    if not isinstance(entry, dict):
        issues.append(Issue(file, f"#{position}", "-", "each step must be a mapping"))
        return None
    label = str(entry.get("id") or f"#{position}")
    before = len(issues)

    def problem(field_name: str, text: str) -> None:
        issues.append(Issue(file, label, field_name, text))

    for key in sorted(set(entry) - _STEP_FIELDS):
        problem(key, "unknown field (typo?)")
    for key in ("id", "phase", "title", "text"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            problem(key, "required text")
    if entry.get("phase") not in PHASES:
        problem("phase", f"must be one of {', '.join(PHASES)}")
    when = _parse_condition(entry.get("when") or {}, "when", problem)
    unless_raw = entry.get("unless") or []
    if not isinstance(unless_raw, list):
        problem("unless", "must be a list of conditions")
        unless_raw = []
    unless = tuple(_parse_condition(item, "unless", problem) for item in unless_raw)

    spec = entry.get("services") or {}
    kinds: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    limit = None
    if not isinstance(spec, dict):
        problem("services", "must be a mapping {kinds: [...], limit: n}")
    else:
        for key in sorted(set(spec) - _STEP_SERVICE_FIELDS):
            problem(f"services.{key}", "unknown field")
        if "kinds" in spec:
            kinds = tuple(closed_list(spec["kinds"], KINDS, "services.kinds", problem) or ())
        if "ids" in spec:
            ids = tuple(string_list(spec["ids"], "services.ids", problem))
            for service_id in ids:
                if service_id not in service_ids:
                    problem("services.ids", f"no directory entry with id {service_id!r}")
        if "exclude" in spec:
            exclude = tuple(string_list(spec["exclude"], "services.exclude", problem))
            for service_id in exclude:
                if service_id not in service_ids:
                    problem("services.exclude", f"no directory entry with id {service_id!r}")
        limit = spec.get("limit")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
            problem("services.limit", "must be a whole number of at least 1")

    advice = entry.get("advice", False)
    if not isinstance(advice, bool):
        problem("advice", "must be true or false")
    needs_services = entry.get("needs_services", False)
    if not isinstance(needs_services, bool):
        problem("needs_services", "must be true or false")
    elif needs_services and not (kinds or ids):
        problem("needs_services", "only for a step with services")
    sources = entry.get("sources") or []
    confidence = entry.get("confidence")
    checked = None
    if advice is True:
        if sources or confidence:
            problem("advice", "an advice step states no fact: remove sources/confidence or set advice: false")
    else:
        if not sources or not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
            problem("sources", "required: list where each fact of the step was read (or advice: true)")
        if confidence not in CONFIDENCES:
            problem("confidence", f"required: one of {', '.join(CONFIDENCES)}")
        checked = parse_date(entry.get("checked"), "checked", problem)
        if entry.get("checked") is None:
            problem("checked", "required")
        if confidence == "medium" and not entry.get("source_name"):
            problem("source_name", "required for a medium step (shown as 'según <source_name>')")
    for key in ("title", "text", "fallback"):
        value = entry.get(key)
        if isinstance(value, str) and "UNVERIFIED" in value.upper():
            problem(key, "UNVERIFIED facts are never shown")

    if len(issues) > before:
        return None
    return Step(
        id=entry["id"],
        phase=entry["phase"],
        title=entry["title"].strip(),
        text=entry["text"].strip(),
        confidence=confidence,
        source_name=entry.get("source_name"),
        sources=tuple(sources),
        checked=checked,
        advice=advice,
        when=when,
        unless=unless,
        service_kinds=kinds,
        service_ids=ids,
        service_exclude=exclude,
        service_limit=limit,
        fallback=(entry.get("fallback") or "").strip() or None,
        needs_services=needs_services,
    )


def _parse_condition(value: Any, field_name: str, problem) -> tuple[tuple[str, Any], ...]:
    if not isinstance(value, dict):
        problem(field_name, "must be a mapping such as {incidents: [report_ncii], minor: true}")
        return ()
    allowed = {
        "incidents": INCIDENTS,
        "platforms": (*PLATFORMS, UNKNOWN_PLATFORM),
        "countries": (*SUPPORTED_COUNTRIES, OTHER_COUNTRY),
        "relationships": (*RELATIONSHIPS, UNKNOWN_RELATIONSHIP),
        "writers": WRITERS,
    }
    pairs = []
    for key, item in value.items():
        if key not in _CONDITION_FIELDS:
            problem(f"{field_name}.{key}", "unknown condition")
        elif key in _BOOLEAN_CONDITIONS:
            if not isinstance(item, bool):
                problem(f"{field_name}.{key}", "must be true or false")
            pairs.append((key, item))
        elif key == "minor":
            # YAML reads a bare yes/no as true/false: accept both spellings.
            raw = item if isinstance(item, list) else [item]
            values = tuple({True: MINOR_YES, False: MINOR_NO}.get(v, v) if isinstance(v, bool) else v for v in raw)
            if not values or any(v not in _MINOR_VALUES for v in values):
                problem(f"{field_name}.minor", f"use {', '.join(_MINOR_VALUES)} (CaseFacts.minor_status), or a list of them")
            pairs.append((key, values))
        else:
            pairs.append((key, closed_list(item, allowed[key], f"{field_name}.{key}", problem)))
    return tuple(pairs)
