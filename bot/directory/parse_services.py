"""Services files (``services/<cc>.yml``, the deployer's ``local.yml``): entries -> ``Service``."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Optional

from bot.facts import INCIDENTS, PLATFORMS, RELATIONSHIPS, SUPPORTED_COUNTRIES, WRITERS
from bot.directory.hours import parse_opening_hours, parse_timezone
from bot.directory.fields import closed_list, load_yaml, parse_date, string_list
from bot.directory.model import (
    AGES,
    ALSO_FOR,
    AUDIENCES,
    CONFIDENCES,
    INTERNATIONAL,
    KINDS,
    OTHER_COUNTRY,
    PLACEHOLDER,
    Issue,
    Service,
)
from bot.directory.regions import is_region_code

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


def read_services(path: Path, regions: Optional[dict[str, str]], issues: list[Issue], *, extra: bool = False) -> list[Service]:
    """The valid service entries of one file; every problem goes to ``issues``."""
    data = load_yaml(path, "services", issues)
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
    also_kinds = string_list(entry.get("also_kinds", []), "also_kinds", problem)
    for value in also_kinds:
        if value not in KINDS:
            problem("also_kinds", f"unknown kind {value!r}")

    confidence = entry.get("confidence")
    if confidence is not None and confidence not in CONFIDENCES:
        problem("confidence", f"must be one of {', '.join(CONFIDENCES)}")
    verified = entry.get("verified")
    if verified is not None and not isinstance(verified, bool):
        problem("verified", "must be true or false")
    checked = parse_date(entry.get("checked"), "checked", problem)
    audience = entry.get("audience")
    if audience is not None and audience not in AUDIENCES:
        problem("audience", f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    timezone = parse_timezone(entry.get("timezone"), problem)
    opening_hours = parse_opening_hours(entry.get("opening_hours"), problem)
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
        handles["incidents"] = closed_list(incidents, INCIDENTS, "handles.incidents", problem)
    ages = value.get("ages")
    if ages not in AGES:
        problem("handles.ages", f"required: one of {', '.join(AGES)}")
    else:
        handles["ages"] = ages
    if "platforms" in value and value["platforms"] != "all":
        handles["platforms"] = closed_list(value["platforms"], PLATFORMS, "handles.platforms", problem)
    if kind == "platform" and handles["platforms"] is None:
        problem("handles.platforms", "a platform entry must list its platforms")
    if "relationships" in value:
        handles["relationships"] = closed_list(value["relationships"], RELATIONSHIPS, "handles.relationships", problem)
    if "writers" in value:
        handles["writers"] = closed_list(value["writers"], WRITERS, "handles.writers", problem)
    if "also_for" in value:
        handles["also_for"] = tuple(closed_list(value["also_for"], ALSO_FOR, "handles.also_for", problem) or ())
        if handles["ages"] != "minor":
            problem("handles.also_for", "only for a service with ages: minor")
    if "countries" in value:
        if country != INTERNATIONAL:
            problem("handles.countries", "only INT entries can be limited to some countries")
        handles["countries"] = closed_list(value["countries"], (*SUPPORTED_COUNTRIES, OTHER_COUNTRY), "handles.countries", problem)
    return handles


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
