"""Checking the entries of one jurisdiction file (provisions and gaps); every error names the
file, the entry id and the field (codes in ``bot.rules.errors``)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Mapping, Optional

from bot.facts import INCIDENTS
from bot.rules import conditions as cond
from bot.rules.errors import LawDataError, Msg
from bot.rules.model import (CONFIDENCES, KINDS, STATUSES, TOPICS, Gap, Provision, Source, Status,
                             matches)
from bot.rules.regions import validate_region

_PROVISION_REQUIRED = ("kind", "law", "article", "explanation", "status", "source", "checked",
                       "confidence", "incidents")
_PROVISION_OPTIONAL = ("title", "paragraph", "paragraph_format", "penalty", "conditions",
                       "region", "replaces", "aggravates", "topics")
_GAP_REQUIRED = ("text", "incidents", "source", "checked", "confidence")
_GAP_OPTIONAL = ("conditions", "region", "short", "topics")
_STATUS_KEYS = ("value", "stage", "date", "enactment", "source")
_SOURCE_KEYS = ("document", "article", "title", "location", "quote", "url")
#: A quotation shorter than this is not a passage one could check against the source.
MIN_QUOTE_CHARS = 20


class EntryChecker:
    """Validates the entries of one jurisdiction file; every error names file, id and field."""

    def __init__(self, path: Path, texts: Mapping[str, Any]) -> None:
        self.path = path
        self.file = path.name
        self.texts = texts

    def fail(self, template: str, **fields: Any) -> LawDataError:
        return LawDataError(template.format(file=self.path, **fields))

    def text(self, entry: dict, kind: str, eid: str, field: str, *, required: bool = True,
             label: Optional[str] = None) -> Optional[str]:
        value = entry.get(field)
        label = label or field
        if value is None:
            if required:
                raise self.fail(Msg.E011, kind=kind, id=eid, field=label)
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
            raise self.fail(Msg.E012, kind=kind, id=eid, field=label, problem="must be non-empty text")
        return str(value).strip()

    def keys(self, entry: dict, kind: str, eid: str, required: tuple, optional: tuple) -> None:
        for field in required:
            if field not in entry:
                raise self.fail(Msg.E011, kind=kind, id=eid, field=field)
        for field in entry:
            if field != "id" and field not in required + optional:
                raise self.fail(Msg.E013, kind=kind, id=eid, field=field,
                                allowed=", ".join(("id",) + required + optional))

    def source(self, entry: dict, kind: str, eid: str, *, quote_required: bool = False) -> Source:
        raw = entry.get("source")
        if not isinstance(raw, dict):
            raise self.fail(Msg.E012, kind=kind, id=eid, field="source",
                            problem="must be a mapping with 'document' and 'article'")
        for field in raw:
            if field not in _SOURCE_KEYS:
                raise self.fail(Msg.E013, kind=kind, id=eid, field=f"source.{field}",
                                allowed=", ".join(_SOURCE_KEYS))
        quote = self.text(raw, kind, eid, "quote", required=quote_required, label="source.quote")
        if quote is not None and len(quote) < MIN_QUOTE_CHARS:
            raise self.fail(Msg.E012, kind=kind, id=eid, field="source.quote",
                            problem=f"must quote the passage relied on (at least {MIN_QUOTE_CHARS} characters)")
        url = self.text(raw, kind, eid, "url", required=False, label="source.url")
        if url is not None and not url.startswith("https://"):
            raise self.fail(Msg.E012, kind=kind, id=eid, field="source.url",
                            problem="must be an https:// address")
        return Source(document=self.text(raw, kind, eid, "document", label="source.document"),
                      article=self.text(raw, kind, eid, "article", label="source.article"),
                      title=self.text(raw, kind, eid, "title", required=False, label="source.title"),
                      location=self.text(raw, kind, eid, "location", required=False,
                                         label="source.location"),
                      quote=quote, url=url)

    def region(self, entry: dict, kind: str, eid: str, country: str) -> Optional[str]:
        value = self.text(entry, kind, eid, "region", required=False)
        if value is None:
            return None
        try:
            return validate_region(value, country)
        except ValueError as error:
            raise self.fail(Msg.E012, kind=kind, id=eid, field="region", problem=error) from None

    def status(self, entry: dict, eid: str) -> Status:
        raw = entry.get("status")
        if not isinstance(raw, dict):
            raise self.fail(Msg.E012, kind="provision", id=eid, field="status",
                            problem="must be a mapping with 'value', 'stage' and 'date'")
        for field in raw:
            if field not in _STATUS_KEYS:
                raise self.fail(Msg.E013, kind="provision", id=eid, field=f"status.{field}",
                                allowed=", ".join(_STATUS_KEYS))
        for field in ("value", "stage", "date"):
            if raw.get(field) in (None, ""):
                raise self.fail(Msg.E011, kind="provision", id=eid, field=f"status.{field}")
        if raw["value"] not in STATUSES:
            raise self.fail(Msg.E012, kind="provision", id=eid, field="status.value",
                            problem=f"must be one of: {', '.join(STATUSES)}")
        enactment = raw.get("enactment", "verified")
        if enactment not in ("verified", "unverified"):
            raise self.fail(Msg.E012, kind="provision", id=eid, field="status.enactment",
                            problem="must be 'verified' or 'unverified'")
        return Status(value=raw["value"], stage=str(raw["stage"]).strip(), date=str(raw["date"]),
                      enactment_verified=enactment == "verified",
                      source=str(raw["source"]).strip() if raw.get("source") else None)

    def checked(self, entry: dict, kind: str, eid: str) -> dt.date:
        value = entry.get("checked")
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(Msg.E012, kind=kind, id=eid, field="checked",
                            problem="must be a date like 2026-11-25") from None

    def confidence(self, entry: dict, kind: str, eid: str) -> str:
        value = entry.get("confidence")
        if value not in CONFIDENCES:
            raise self.fail(Msg.E012, kind=kind, id=eid, field="confidence",
                            problem=f"must be one of: {', '.join(CONFIDENCES)}")
        return value

    def incidents(self, entry: dict, kind: str, eid: str) -> tuple[str, ...]:
        value = entry.get("incidents")
        if not isinstance(value, list):
            raise self.fail(Msg.E012, kind=kind, id=eid, field="incidents",
                            problem="must be a list (may be empty: [])")
        for incident in value:
            if incident not in INCIDENTS:
                raise self.fail(Msg.E014, kind=kind, id=eid, incident=incident)
        return tuple(value)

    def conditions(self, entry: dict, kind: str, eid: str) -> tuple[tuple[str, Any], ...]:
        raw = entry.get("conditions") or {}
        if not isinstance(raw, dict):
            raise self.fail(Msg.E012, kind=kind, id=eid, field="conditions",
                            problem="must be a mapping of condition: value")
        result = []
        for key, value in raw.items():
            try:
                value = cond.normalize(key, value, unasked_facts=self.texts["unasked_facts"])
            except KeyError:
                raise self.fail(Msg.E015, kind=kind, id=eid, key=key,
                                allowed=", ".join(cond.CONDITION_KEYS)) from None
            except ValueError as error:
                raise self.fail(Msg.E016, kind=kind, id=eid, key=key, problem=error) from None
            self._condition_text(kind, eid, key, value)
            result.append((key, value))
        return tuple(result)

    def _condition_text(self, kind: str, eid: str, key: str, value: Any) -> None:
        # A condition that can be unknown must have a Spanish phrase ("si ...") for the chat.
        if key not in cond.MAY_BE_UNKNOWN or key == cond.UNKNOWN_FACT:
            return
        phrases = self.texts["condition_text"].get(key) or {}
        for item in (value if isinstance(value, tuple) else (value,)):
            if item not in phrases:
                raise self.fail(Msg.E016, kind=kind, id=eid, key=key,
                                problem=f"texts.yml condition_text.{key} has no phrase for '{item}'")

    def names(self, entry: dict, kind: str, eid: str, field: str) -> tuple[str, ...]:
        value = entry.get(field) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(Msg.E012, kind=kind, id=eid, field=field, problem="must be a list of names")
        return tuple(value)

    def topics(self, entry: dict, kind: str, eid: str) -> tuple[str, ...]:
        value = self.names(entry, kind, eid, "topics")
        for topic in value:
            if topic not in TOPICS:
                raise self.fail(Msg.E012, kind=kind, id=eid, field="topics",
                                problem=f"'{topic}' is not one of: {', '.join(TOPICS)}")
        return value

    def provision(self, entry: dict, country: str, paragraph_format: str) -> Provision:
        eid = str(entry["id"])
        self.keys(entry, "provision", eid, _PROVISION_REQUIRED, _PROVISION_OPTIONAL)
        if not eid.startswith(country + "-"):
            raise self.fail(Msg.E012, kind="provision", id=eid, field="id",
                            problem=f"must start with '{country}-'")
        kind = entry.get("kind")
        if kind not in KINDS:
            raise self.fail(Msg.E012, kind="provision", id=eid, field="kind",
                            problem=f"must be one of: {', '.join(KINDS)}")
        if kind == "offence" and "penalty" not in entry:
            raise self.fail(Msg.E011, kind="provision", id=eid, field="penalty")
        if kind == "aggravating" and not entry.get("aggravates"):
            raise self.fail(Msg.E011, kind="provision", id=eid, field="aggravates")
        fmt = self.text(entry, "provision", eid, "paragraph_format", required=False) or paragraph_format
        if "{n}" not in fmt:
            raise self.fail(Msg.E012, kind="provision", id=eid, field="paragraph_format",
                            problem="must contain {n}")
        return Provision(
            id=eid, country=country, kind=kind,
            law=self.text(entry, "provision", eid, "law"),
            article=self.text(entry, "provision", eid, "article", required=False),
            paragraph=self.text(entry, "provision", eid, "paragraph", required=False),
            paragraph_format=fmt,
            title=self.text(entry, "provision", eid, "title", required=False),
            explanation=self.text(entry, "provision", eid, "explanation"),
            penalty=self.text(entry, "provision", eid, "penalty", required=False),
            status=self.status(entry, eid),
            source=self.source(entry, "provision", eid, quote_required=True),
            checked=self.checked(entry, "provision", eid),
            confidence=self.confidence(entry, "provision", eid),
            incidents=self.incidents(entry, "provision", eid),
            conditions=self.conditions(entry, "provision", eid),
            region=self.region(entry, "provision", eid, country),
            replaces=self.names(entry, "provision", eid, "replaces"),
            aggravates=self.names(entry, "provision", eid, "aggravates"),
            topics=self.topics(entry, "provision", eid),
            file=self.file,
        )

    def gap(self, entry: dict, country: str) -> Gap:
        eid = str(entry["id"])
        self.keys(entry, "gap", eid, _GAP_REQUIRED, _GAP_OPTIONAL)
        if not eid.startswith(country + "-"):
            raise self.fail(Msg.E012, kind="gap", id=eid, field="id", problem=f"must start with '{country}-'")
        short = entry.get("short", False)
        if not isinstance(short, bool):
            raise self.fail(Msg.E012, kind="gap", id=eid, field="short", problem="expects true or false")
        return Gap(
            id=eid, country=country,
            text=self.text(entry, "gap", eid, "text"),
            incidents=self.incidents(entry, "gap", eid),
            source=self.source(entry, "gap", eid),
            checked=self.checked(entry, "gap", eid),
            confidence=self.confidence(entry, "gap", eid),
            conditions=self.conditions(entry, "gap", eid),
            region=self.region(entry, "gap", eid, country),
            short=short,
            topics=self.topics(entry, "gap", eid),
            file=self.file,
        )

    def references(self, provisions: tuple[Provision, ...]) -> None:
        ids = {p.id for p in provisions}
        offences = [p.id for p in provisions if p.kind == "offence"]
        for provision in provisions:
            for ref in provision.replaces:
                if ref not in ids:
                    raise self.fail(Msg.E018, kind="provision", id=provision.id, field="replaces", ref=ref)
            for ref in provision.aggravates:
                if not any(matches(ref, other) for other in offences):
                    raise self.fail(Msg.E018, kind="provision", id=provision.id, field="aggravates", ref=ref)
