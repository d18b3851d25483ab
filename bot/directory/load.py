"""Load and validate the directory YAML; a bad file stops start-up with file, entry and field."""
from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Optional

import yaml

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.facts import INCIDENTS, MINOR_NO, MINOR_UNKNOWN, MINOR_YES, PLATFORMS, RELATIONSHIPS, SUPPORTED_COUNTRIES, WRITERS
from bot.directory.regions import is_region_code
from bot.directory.model import (
    AGES,
    ALSO_FOR,
    AUDIENCES,
    WEEKDAYS,
    CONFIDENCES,
    DEFAULT_EXTRA_NAME,
    DIRECTORY_DIR,
    EXTRA_ENV_VAR,
    INTERNATIONAL,
    KINDS,
    OTHER_COUNTRY,
    PHASES,
    PLACEHOLDER,
    TAKEDOWN_KINDS,
    UNKNOWN_PLATFORM,
    UNKNOWN_RELATIONSHIP,
    Directory,
    DirectoryError,
    Issue,
    Service,
    Step,
)

logger = logging.getLogger(__name__)

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_TEXT_FIELDS = (
    "name", "description", "short", "phone", "whatsapp", "url", "email", "chat", "hours",
    "cost", "confidentiality", "source_url", "source_name", "source_date", "notes",
)
#: Fields a person may read; "UNVERIFIED" must never be in them when the entry is shown.
_SHOWN_FIELDS = (
    "name", "description", "short", "phone", "whatsapp", "url", "email", "chat", "hours",
    "cost", "confidentiality", "source_name",
)
_CONTACT_FIELDS = ("phone", "whatsapp", "url", "email", "chat")
_SERVICE_FIELDS = frozenset(
    _TEXT_FIELDS
    + ("id", "country", "region", "kind", "also_kinds", "handles", "checked", "confidence",
       "verified", "medium_fields", "crisis_support", "audience", "timezone", "opening_hours")
)
_REQUIRED_SERVICE_FIELDS = (
    "id", "country", "name", "kind", "audience", "handles", "source_url", "checked", "confidence", "verified",
)
_HANDLES_FIELDS = frozenset({"incidents", "ages", "platforms", "relationships", "countries", "writers", "also_for"})
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
_REQUIRED_TEXTS = {
    "labels": ("whatsapp", "email", "url", "chat", "hours", "hours_medium", "hours_unknown",
               "medium_entry", "medium_entry_online", "medium_field", "medium_step",
               "compact_hours", "always_open"),
    "next_steps": ("intro", "none"),
    "services": ("empty",),
    "coverage": ("region_not_covered",),
    "safety_helper": ("crisis_lead", "crisis_close"),
    "sources": ("line", "line_link"),
    "human_contact": ("open", "closed", "closed_with_line", "unknown_hours", "none", "none_with_line"),
    "safety": ("crisis_lead", "crisis_also", "crisis_emergency", "crisis_close", "danger_lead",
               "danger_place", "danger_after", "danger_close", "all_crisis_lead",
               "all_danger_lead", "all_country", "all_emergency", "all_other", "separator",
               "medium", "fallback_lead", "fallback_emergency", "fallback_crisis"),
}


@dataclass(frozen=True)
class CheckResult:
    """What ``check_directory`` found: the entries it could read and every problem."""

    services: tuple[Service, ...]
    steps: tuple[Step, ...]
    issues: tuple[Issue, ...]
    files: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.issues


def resolve_extra_path(base_dir: Path = DIRECTORY_DIR) -> Optional[Path]:
    """The deployer's extra file: ``$ACOMPANA_DIRECTORY_EXTRA``, else ``local.yml`` if present."""
    configured = os.environ.get(EXTRA_ENV_VAR, "").strip()
    if configured:
        return Path(configured)
    default = base_dir / DEFAULT_EXTRA_NAME
    return default if default.is_file() else None


def load_directory(*, base_dir: Path = DIRECTORY_DIR, extra_path: Optional[Path] = None) -> Directory:
    """Read and validate the directory (plus an optional deployer file).

    Raises:
        DirectoryError: naming the file, entry id and field of every problem.
    """
    result, directory = _read(base_dir, extra_path)
    if result.issues:
        raise DirectoryError(list(result.issues))
    assert directory is not None
    logger.info("directory loaded: %d services, %d steps, %d files",
                len(directory.services), len(directory.steps), len(directory.files))
    return directory


def check_directory(*, base_dir: Path = DIRECTORY_DIR, extra_path: Optional[Path] = None) -> CheckResult:
    """Validate everything and return what was read and every problem, without raising."""
    result, _ = _read(base_dir, extra_path)
    return result


@functools.lru_cache(maxsize=1)
def get_directory() -> Directory:
    """The directory of this deployment, loaded once (call it at start-up to fail early)."""
    return load_directory(extra_path=resolve_extra_path())


# ----------------------------------------------------------------------------- reading


def _read(base_dir: Path, extra_path: Optional[Path]) -> tuple[CheckResult, Optional[Directory]]:
    issues: list[Issue] = []
    regions = None
    files: list[str] = []

    services: list[Service] = []
    seen: dict[str, str] = {}
    for path in sorted((base_dir / "services").glob("*.yml")):
        files.append(str(path))
        for service in _read_services(path, regions, issues):
            if service.id in seen:
                issues.append(Issue(str(path), service.id, "id", f"duplicate id (also in {seen[service.id]})"))
                continue
            seen[service.id] = str(path)
            services.append(service)

    if extra_path is not None:
        files.append(str(extra_path))
        if not extra_path.is_file():
            issues.append(Issue(str(extra_path), "-", "-", f"file not found (set by {EXTRA_ENV_VAR} or {DEFAULT_EXTRA_NAME})"))
        else:
            services = _merge_extra(services, _read_services(extra_path, regions, issues, extra=True))

    steps_path = base_dir / "steps.yml"
    files.append(str(steps_path))
    steps = _read_steps(steps_path, {s.id for s in services}, issues)

    texts_path = base_dir / "texts.yml"
    files.append(str(texts_path))
    texts = _read_texts(texts_path, issues)

    takedown_path = base_dir / "takedown.yml"
    files.append(str(takedown_path))
    takedown = _read_takedown(takedown_path, issues)

    result = CheckResult(tuple(services), tuple(steps), tuple(issues), tuple(files))
    if issues:
        return result, None
    directory = Directory(
        services=tuple(services),
        steps=tuple(steps),
        texts=_freeze(texts),
        takedown=_freeze(takedown),
        files=tuple(files),
    )
    return result, directory


def _merge_extra(services: list[Service], extra: list[Service]) -> list[Service]:
    """Entries of the extra file replace entries with the same id, or are added."""
    by_id = {service.id: service for service in extra}
    merged = [by_id.pop(service.id, service) for service in services]
    return merged + [service for service in extra if service.id in by_id]


def _load_yaml(path: Path, top_key: str, issues: list[Issue]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError:
        issues.append(Issue(str(path), "-", "-", "file not found"))
        return None
    except yaml.YAMLError as error:
        issues.append(Issue(str(path), "-", "-", f"not valid YAML: {error}"))
        return None
    if not isinstance(data, dict) or top_key not in data:
        issues.append(Issue(str(path), "-", top_key, f"the file must have a top-level '{top_key}:'"))
        return None
    return data


# ----------------------------------------------------------------------------- services


def _read_services(path: Path, regions: Optional[dict[str, str]], issues: list[Issue], *, extra: bool = False) -> list[Service]:
    data = _load_yaml(path, "services", issues)
    if data is None:
        return []
    extra_keys = set(data) - {"services"}
    if extra_keys:
        issues.append(Issue(str(path), "-", ", ".join(sorted(extra_keys)),
                            "only 'services:' is allowed in this file" if extra else "unknown top-level key"))
    entries = data["services"] or []
    if not isinstance(entries, list):
        issues.append(Issue(str(path), "-", "services", "must be a list of entries"))
        return []
    services: list[Service] = []
    ids_here: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        service = _parse_service(str(path), position, entry, regions, issues)
        if service is None:
            continue
        if extra and service.id in ids_here:
            issues.append(Issue(str(path), service.id, "id", "duplicate id in this file"))
            continue
        ids_here.add(service.id)
        services.append(service)
    return services


def _parse_service(file: str, position: int, entry: Any, regions: Optional[dict[str, str]], issues: list[Issue]) -> Optional[Service]:
    if not isinstance(entry, dict):
        issues.append(Issue(file, f"#{position}", "-", "each entry must be a mapping (id: ..., name: ...)"))
        return None
    entry_id = entry.get("id")
    label = str(entry_id) if entry_id else f"#{position}"
    before = len(issues)

    def problem(field_name: str, text: str) -> None:
        issues.append(Issue(file, label, field_name, text))

    for key in sorted(set(entry) - _SERVICE_FIELDS):
        problem(key, "unknown field (typo?)")
    for key in _REQUIRED_SERVICE_FIELDS:
        if entry.get(key) in (None, ""):
            problem(key, "required")
    if entry_id is not None and not (isinstance(entry_id, str) and _ID_PATTERN.match(entry_id)):
        problem("id", "use lowercase letters, digits and '-' (for example 'ong-linea')")

    texts: dict[str, Optional[str]] = {}
    for key in _TEXT_FIELDS:
        value = entry.get(key)
        if value is None:
            texts[key] = None
        elif isinstance(value, (str, int, float, date)) and not isinstance(value, bool):
            texts[key] = str(value).strip() or None
        else:
            problem(key, "must be text")
            texts[key] = None
    for key, value in list(entry.items()):
        if isinstance(value, str) and PLACEHOLDER in value:
            problem(str(key), f"still contains the placeholder {PLACEHOLDER}")

    country = entry.get("country")
    if country is not None and country not in (*SUPPORTED_COUNTRIES, INTERNATIONAL):
        problem("country", f"unknown country {country!r}; use one of {', '.join((*SUPPORTED_COUNTRIES, INTERNATIONAL))}")
    region = entry.get("region")
    if region is not None:
        if not isinstance(region, str) or not region.strip():
            problem("region", "must be a region name")
        elif country == INTERNATIONAL:
            problem("region", "an INT entry cannot have a region")
        elif not is_region_code(region):
            problem("region", f"unknown region {region!r}: use an ISO 3166-2 code such as CL-CO, MX-SLP, AR-M, ES-MD")
        elif not region.startswith(f"{country}-"):
            problem("region", f"{region!r} is not a region of {country}")

    kind = entry.get("kind")
    if kind is not None and kind not in KINDS:
        problem("kind", f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    also_kinds = _string_list(entry.get("also_kinds", []), "also_kinds", problem)
    for value in also_kinds:
        if value not in KINDS:
            problem("also_kinds", f"unknown kind {value!r}")

    confidence = entry.get("confidence")
    if confidence is not None and confidence not in CONFIDENCES:
        problem("confidence", f"must be one of {', '.join(CONFIDENCES)}")
    verified = entry.get("verified")
    if verified is not None and not isinstance(verified, bool):
        problem("verified", "must be true or false")
    checked = _parse_date(entry.get("checked"), "checked", problem)
    audience = entry.get("audience")
    if audience is not None and audience not in AUDIENCES:
        problem("audience", f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    timezone = _parse_timezone(entry.get("timezone"), problem)
    opening_hours = _parse_opening_hours(entry.get("opening_hours"), problem)
    if entry.get("opening_hours") is not None and entry.get("timezone") is None:
        problem("timezone", "required with opening_hours: an IANA name such as America/Santiago")
    if entry.get("timezone") is not None and entry.get("opening_hours") is None:
        problem("opening_hours", "required with timezone, e.g. ['mon-fri 10:00-18:00']")

    handles = _parse_handles(entry.get("handles"), country, kind, problem)
    medium_fields = _parse_medium_fields(entry.get("medium_fields"), entry, problem)
    crisis_support = entry.get("crisis_support", False)
    if not isinstance(crisis_support, bool):
        problem("crisis_support", "must be true or false")

    shown = verified is True and confidence != "low"
    if verified is True and confidence == "low":
        problem("confidence", "a low-confidence entry is never shown: set verified: false or leave it out")
    if shown:
        for key in _SHOWN_FIELDS:
            if texts.get(key) and "UNVERIFIED" in texts[key].upper():
                problem(key, "UNVERIFIED facts are never shown: remove the field or set verified: false")
        if confidence == "medium" and not texts["source_name"]:
            problem("source_name", "required for a medium entry (shown as 'según <source_name>')")
        if kind in ("crisis", "emergency") or "emergency" in also_kinds or crisis_support is True:
            for key in ("phone", "short"):
                if not texts[key]:
                    problem(key, "required for crisis and emergency lines (used in the safety answers)")
        if kind == "human_contact":
            if not texts["hours"]:
                problem("hours", "required for a human contact: say when people answer")
            if not any(texts[key] for key in _CONTACT_FIELDS):
                problem("phone", "a human contact needs a phone, whatsapp, email, url or chat")

    if len(issues) > before:
        return None
    return Service(
        id=entry_id,
        country=country,
        region=region,
        audience=audience,
        also_for=handles["also_for"],
        writers=handles["writers"],
        timezone=timezone,
        opening_hours=opening_hours,
        name=texts["name"],
        kind=kind,
        also_kinds=tuple(also_kinds),
        ages=handles["ages"],
        incidents=handles["incidents"],
        platforms=handles["platforms"],
        relationships=handles["relationships"],
        countries=handles["countries"],
        description=texts["description"],
        short=texts["short"],
        phone=texts["phone"],
        whatsapp=texts["whatsapp"],
        url=texts["url"],
        email=texts["email"],
        chat=texts["chat"],
        hours=texts["hours"],
        cost=texts["cost"],
        confidentiality=texts["confidentiality"],
        source_url=texts["source_url"],
        source_name=texts["source_name"],
        source_date=texts["source_date"],
        checked=checked,
        confidence=confidence,
        verified=verified,
        medium_fields=medium_fields,
        crisis_support=crisis_support,
        notes=texts["notes"],
        origin=file,
    )


def _parse_handles(value: Any, country: Any, kind: Any, problem) -> dict[str, Any]:
    handles: dict[str, Any] = {"incidents": None, "ages": "all", "platforms": None,
                               "relationships": None, "countries": None, "writers": None, "also_for": ()}
    if value is None:
        return handles
    if not isinstance(value, dict):
        problem("handles", "must be a mapping such as {incidents: all, ages: all}")
        return handles
    for key in sorted(set(value) - _HANDLES_FIELDS):
        problem(f"handles.{key}", "unknown field (typo?)")
    incidents = value.get("incidents")
    if incidents is None:
        problem("handles.incidents", "required: 'all' or a list of incident names")
    elif incidents != "all":
        handles["incidents"] = _closed_list(incidents, INCIDENTS, "handles.incidents", problem)
    ages = value.get("ages")
    if ages not in AGES:
        problem("handles.ages", f"required: one of {', '.join(AGES)}")
    else:
        handles["ages"] = ages
    if "platforms" in value and value["platforms"] != "all":
        handles["platforms"] = _closed_list(value["platforms"], PLATFORMS, "handles.platforms", problem)
    if kind == "platform" and handles["platforms"] is None:
        problem("handles.platforms", "a platform entry must list its platforms")
    if "relationships" in value:
        handles["relationships"] = _closed_list(value["relationships"], RELATIONSHIPS, "handles.relationships", problem)
    if "writers" in value:
        handles["writers"] = _closed_list(value["writers"], WRITERS, "handles.writers", problem)
    if "also_for" in value:
        handles["also_for"] = tuple(_closed_list(value["also_for"], ALSO_FOR, "handles.also_for", problem) or ())
        if handles["ages"] != "minor":
            problem("handles.also_for", "only for a service with ages: minor")
    if "countries" in value:
        if country != INTERNATIONAL:
            problem("handles.countries", "only INT entries can be limited to some countries")
        handles["countries"] = _closed_list(value["countries"], (*SUPPORTED_COUNTRIES, OTHER_COUNTRY), "handles.countries", problem)
    return handles


def _parse_timezone(value: Any, problem) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        problem("timezone", "must be an IANA time zone name such as America/Santiago")
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        problem("timezone", f"unknown time zone {value!r}; use an IANA name such as America/Santiago")
        return None
    return value


def _parse_opening_hours(value: Any, problem) -> tuple[tuple[int, int, int], ...]:
    """``["mon-fri 10:00-18:00", "sat 10:00-14:00"]`` -> ((weekday, start, end minutes), ...)."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    slots: list[tuple[int, int, int]] = []
    for item in items:
        match = _OPENING.match(str(item).strip().lower()) if isinstance(item, str) else None
        if match is None:
            problem("opening_hours", f"{item!r}: write days and hours like 'mon-fri 10:00-18:00'")
            continue
        first, last, start, end = match.group(1), match.group(2) or match.group(1), match.group(3), match.group(4)
        if first not in WEEKDAYS or last not in WEEKDAYS:
            problem("opening_hours", f"{item!r}: days are {', '.join(WEEKDAYS)}")
            continue
        start_min, end_min = _minutes(start), _minutes(end)
        if start_min is None or end_min is None or end_min <= start_min:
            problem("opening_hours", f"{item!r}: hours must be HH:MM-HH:MM with the end after the start (24:00 allowed)")
            continue
        days = range(WEEKDAYS.index(first), WEEKDAYS.index(last) + 1)
        if not days:
            problem("opening_hours", f"{item!r}: the first day must come before the last")
        slots.extend((day, start_min, end_min) for day in days)
    return tuple(slots)


_OPENING = re.compile(r"^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$")


def _minutes(text: str) -> Optional[int]:
    hours, minutes = (int(part) for part in text.split(":"))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        return None
    return hours * 60 + minutes


def _parse_medium_fields(value: Any, entry: dict, problem) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        problem("medium_fields", "must map a field name to its source, e.g. {whatsapp: 'genbeta.com (2025)'}")
        return ()
    pairs = []
    for key, source in value.items():
        if key not in _SHOWN_FIELDS or key not in entry:
            problem(f"medium_fields.{key}", "must name a shown field present in the entry")
        elif not isinstance(source, str) or not source.strip():
            problem(f"medium_fields.{key}", "give the source to cite")
        else:
            pairs.append((str(key), source.strip()))
    return tuple(pairs)


def _closed_list(value: Any, allowed: tuple[str, ...], field_name: str, problem) -> Optional[tuple[str, ...]]:
    items = _string_list(value, field_name, problem)
    if not items:
        problem(field_name, "must not be empty")
        return None
    for item in items:
        if item not in allowed:
            problem(field_name, f"unknown value {item!r}; use {', '.join(allowed)}")
    return tuple(items)


def _string_list(value: Any, field_name: str, problem) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problem(field_name, "must be a list of names")
        return []
    return list(value)


def _parse_date(value: Any, field_name: str, problem) -> Optional[date]:
    if value is None:
        return None
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(str(value))
        except ValueError:
            problem(field_name, "must be a date written YYYY-MM-DD")
            return None
    if parsed > date.today():
        problem(field_name, "is in the future")
        return None
    return parsed


# ----------------------------------------------------------------------------- steps


def _read_steps(path: Path, service_ids: set[str], issues: list[Issue]) -> list[Step]:
    data = _load_yaml(path, "steps", issues)
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
            kinds = tuple(_closed_list(spec["kinds"], KINDS, "services.kinds", problem) or ())
        if "ids" in spec:
            ids = tuple(_string_list(spec["ids"], "services.ids", problem))
            for service_id in ids:
                if service_id not in service_ids:
                    problem("services.ids", f"no directory entry with id {service_id!r}")
        if "exclude" in spec:
            exclude = tuple(_string_list(spec["exclude"], "services.exclude", problem))
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
        checked = _parse_date(entry.get("checked"), "checked", problem)
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
            pairs.append((key, _closed_list(item, allowed[key], f"{field_name}.{key}", problem)))
    return tuple(pairs)


# ----------------------------------------------------------------------------- texts


def _read_texts(path: Path, issues: list[Issue]) -> dict:
    data = _load_yaml(path, "labels", issues)
    if data is None:
        return {}
    for section, keys in _REQUIRED_TEXTS.items():
        block = data.get(section)
        if not isinstance(block, dict):
            issues.append(Issue(str(path), section, "-", "section missing"))
            continue
        for key in keys:
            if not isinstance(block.get(key), str):
                issues.append(Issue(str(path), section, key, "required text"))
    for section in ("countries", "platforms"):
        if not isinstance(data.get(section), dict):
            issues.append(Issue(str(path), section, "-", "section missing"))
    audiences = data.get("audiences")
    for audience in AUDIENCES:
        if not isinstance(audiences, dict) or not isinstance(audiences.get(audience), str):
            issues.append(Issue(str(path), "audiences", audience, "required text (may be empty)"))
    return data


def _read_takedown(path: Path, issues: list[Issue]) -> dict:
    data = _load_yaml(path, "templates", issues)
    if data is None:
        return {}
    for key in ("header", "where", "footer", "country_line", "minor_line", "minor_line_parent"):
        if not isinstance(data.get(key), str):
            issues.append(Issue(str(path), "-", key, "required text"))
    missing = data.get("missing")
    if not isinstance(missing, dict) or not all(isinstance(missing.get(k), str) for k in ("platform", "platform_in_text", "link")):
        issues.append(Issue(str(path), "-", "missing", "needs 'platform', 'platform_in_text' and 'link' placeholders"))
    titles = data.get("button_titles")
    if not isinstance(titles, dict) or not all(isinstance(titles.get(k), str) for k in TAKEDOWN_KINDS):
        issues.append(Issue(str(path), "-", "button_titles", f"needs a short title for {', '.join(TAKEDOWN_KINDS)}"))
    templates = data.get("templates") or {}
    for kind in TAKEDOWN_KINDS:
        template = templates.get(kind)
        if not isinstance(template, dict):
            issues.append(Issue(str(path), kind, "-", "template missing"))
            continue
        for key in ("subject", "body"):
            if not isinstance(template.get(key), str):
                issues.append(Issue(str(path), kind, key, "required text"))
        if "{link}" not in str(template.get("body", "")):
            issues.append(Issue(str(path), kind, "body", "must contain {link}"))
    return data


def _freeze(value: Any) -> Any:
    """Read-only copy of nested dicts and lists (module-level data must not change)."""
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value
