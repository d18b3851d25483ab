"""Data types and closed vocabularies of the support directory."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Optional

from bot.settings import DIRECTORY_EXTRA_ENV_VAR
from bot.yaml_checks import DataError

#: Folder with the directory's YAML (services/, steps.yml, texts.yml, takedown.yml, local.yml).
DIRECTORY_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "directory"
#: Environment variable with the path of the deployer's extra directory file (read by
#: ``bot.settings.directory_extra_file``).
EXTRA_ENV_VAR = DIRECTORY_EXTRA_ENV_VAR
#: Deployer's file used when the environment variable is not set (only if it exists).
DEFAULT_EXTRA_NAME = "local.yml"
#: ``python -m bot.directory check`` warns when an entry was checked longer ago than this.
RECHECK_AFTER_DAYS = 180
#: Text that marks an unfinished copy of ``local.example.yml``; the loader refuses it.
PLACEHOLDER = "REEMPLAZAR"
#: Services listed under one step when the step does not say how many.
MAX_SERVICES_PER_STEP = 4
#: Longest link copied into a take-down request; longer text is cut.
MAX_LINK_CHARS = 500
#: Longest free-text platform name copied into a take-down request.
MAX_PLATFORM_CHARS = 40

#: Country code of entries valid everywhere (international tools, platforms).
INTERNATIONAL = "INT"
#: Condition value that stands for an unsupported or unknown country.
OTHER_COUNTRY = "OTHER"
#: Condition value that stands for an unknown platform.
UNKNOWN_PLATFORM = "unknown"
#: Condition value that stands for an unknown relationship to the aggressor.
UNKNOWN_RELATIONSHIP = "unknown"

#: What a service is, in the order a person needs them when no order is asked for.
KINDS: tuple[str, ...] = (
    "emergency",
    "crisis",
    "child_protection",
    "takedown",
    "platform",
    "report_police",
    "report_prosecutor",
    "human_contact",
    "support",
    "legal_help",
)
#: Whom a service is for, by age (``handles.ages``).
AGES: tuple[str, ...] = ("adult", "minor", "all")
#: Cases in which a ``minor`` service is also shown (``handles.also_for``): the age is not
#: known (Take It Down shown next to StopNCII, each with its condition), or an adult whose
#: images were taken when they were under 18.
ALSO_FOR: tuple[str, ...] = ("age_unknown", "taken_as_minor")
#: Who a line is meant for, shown next to its name (labels in texts.yml ``audiences``) so that
#: nobody is offered only women's lines without being told.
AUDIENCES: tuple[str, ...] = (
    "everyone", "women", "minors", "parents", "families", "adults", "lgbtq",
    "images_under_18", "images_18_plus", "platform_users", "victims_of_crime",
)
#: Day names accepted in ``opening_hours`` ("mon-fri 10:00-18:00").
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: How sure the reference is (see support_services_and_law.md).
CONFIDENCES: tuple[str, ...] = ("high", "medium", "low")
#: Phases of the next steps, in the order they are shown.
PHASES: tuple[str, ...] = ("safety", "evidence", "takedown", "report", "support")
#: Take-down request templates, and the incident each stands for (to find the platform's route).
TAKEDOWN_INCIDENT: Mapping[str, str] = MappingProxyType(
    {"ncii": "report_ncii", "impersonation": "report_impersonation", "doxing": "report_doxing"}
)
#: The take-down kinds (the keys of ``TAKEDOWN_INCIDENT``).
TAKEDOWN_KINDS: tuple[str, ...] = tuple(TAKEDOWN_INCIDENT)


class DirectoryError(DataError):
    """A directory file is wrong; ``issues`` names file, entry id and field of each problem."""

    def __init__(self, issues: list["Issue"]):
        self.issues = tuple(issues)
        shown = "\n".join(str(issue) for issue in issues[:20])
        more = f"\n... and {len(issues) - 20} more" if len(issues) > 20 else ""
        super().__init__(f"{len(issues)} problem(s) in the support directory:\n{shown}{more}")


@dataclass(frozen=True)
class Issue:
    """One problem found while loading: where it is and what is wrong."""

    file: str
    entry_id: str
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: entry '{self.entry_id}', field '{self.field}': {self.problem}"


@dataclass(frozen=True)
class Service:
    """A phone line, office, tool or platform route a person can turn to.

    ``incidents``/``platforms``/``relationships``/``countries`` are None when the entry applies
    to all of them. Facts of ``confidence == "medium"`` are shown "según ``source_name``"; the
    fields named in ``medium_fields`` are medium inside an otherwise high entry.
    """

    id: str
    country: str
    name: str
    kind: str
    ages: str
    source_url: str
    checked: date
    confidence: str
    verified: bool
    origin: str
    region: Optional[str] = None
    audience: str = "everyone"
    also_for: tuple[str, ...] = ()
    writers: Optional[tuple[str, ...]] = None
    timezone: Optional[str] = None
    opening_hours: tuple[tuple[int, int, int], ...] = ()  # (weekday 0=Mon, start, end minutes)
    also_kinds: tuple[str, ...] = ()
    incidents: Optional[tuple[str, ...]] = None
    platforms: Optional[tuple[str, ...]] = None
    relationships: Optional[tuple[str, ...]] = None
    countries: Optional[tuple[str, ...]] = None
    description: Optional[str] = None
    short: Optional[str] = None
    phone: Optional[str] = None
    whatsapp: Optional[str] = None
    url: Optional[str] = None
    email: Optional[str] = None
    chat: Optional[str] = None
    hours: Optional[str] = None
    cost: Optional[str] = None
    confidentiality: Optional[str] = None
    source_name: Optional[str] = None
    source_date: Optional[str] = None
    medium_fields: tuple[tuple[str, str], ...] = ()
    crisis_support: bool = False
    notes: Optional[str] = None

    @property
    def kinds(self) -> tuple[str, ...]:
        """The main kind followed by ``also_kinds``."""
        return (self.kind, *self.also_kinds)

    @property
    def shown(self) -> bool:
        """True when the entry may be shown to a person (verified and not low)."""
        return self.verified and self.confidence != "low"

    @property
    def always_open(self) -> bool:
        """True when the line answers 24 hours a day (its ``hours`` say "24 horas")."""
        return bool(self.hours and "24 horas" in self.hours.casefold())

    def medium_source(self, field_name: str) -> Optional[str]:
        """Source to cite when ``field_name`` is a medium fact inside a high entry."""
        return dict(self.medium_fields).get(field_name)


@dataclass(frozen=True)
class Step:
    """One thing to do next, with the services that help to do it."""

    id: str
    phase: str
    title: str
    text: str
    confidence: Optional[str] = None
    source_name: Optional[str] = None
    sources: tuple[str, ...] = ()
    checked: Optional[date] = None
    advice: bool = False
    services: tuple[Service, ...] = ()
    # How to choose services and when to show the step (from steps.yml).
    when: tuple[tuple[str, Any], ...] = ()
    unless: tuple[tuple[tuple[str, Any], ...], ...] = ()
    service_kinds: tuple[str, ...] = ()
    service_ids: tuple[str, ...] = ()
    service_exclude: tuple[str, ...] = ()
    service_limit: Optional[int] = None
    fallback: Optional[str] = None
    needs_services: bool = False


@dataclass(frozen=True, eq=False)
class Directory:
    """Everything loaded from ``bot/knowledge/directory``: read-only once built."""

    services: tuple[Service, ...]
    steps: tuple[Step, ...]
    texts: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    takedown: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    files: tuple[str, ...] = ()

    def service(self, service_id: str) -> Optional[Service]:
        """The entry with this id (shown or not), or None."""
        for service in self.services:
            if service.id == service_id:
                return service
        return None
