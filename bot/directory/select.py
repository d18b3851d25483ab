"""Choose services and steps for a case: CaseFacts in, ordered lists out."""
from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any, Iterable, Optional, Sequence
from zoneinfo import ZoneInfo

from bot.facts import MINOR_UNKNOWN, MINOR_YES, SUPPORTED_COUNTRIES, CaseFacts
from bot.directory.load import get_directory
from bot.directory.regions import region_code
from bot.directory.model import (
    INTERNATIONAL,
    KINDS,
    MAX_SERVICES_PER_STEP,
    OTHER_COUNTRY,
    PHASES,
    UNKNOWN_PLATFORM,
    UNKNOWN_RELATIONSHIP,
    Directory,
    Service,
    Step,
)


def services_for(
    facts: CaseFacts,
    *,
    kinds: Optional[Sequence[str]] = None,
    limit: Optional[int] = None,
    directory: Optional[Directory] = None,
) -> list[Service]:
    """Shown services that fit the case, most specific first.

    Entries match on country (plus INT), region, incident, age, platform and relationship.
    Specificity: the person's region first, then the country, then platform-specific
    international routes, then other international tools. With ``kinds`` the order is kind
    (as asked) then specificity; without, specificity then ``KINDS``; ties keep file order.

    Args:
        facts: the case.
        kinds: only these kinds (an entry matches by its kind or ``also_kinds``).
        limit: at most this many.
        directory: for tests; defaults to the loaded directory.
    """
    directory = directory or get_directory()
    order = tuple(kinds) if kinds else KINDS
    ranked = []
    for position, service in enumerate(directory.services):
        if not service.shown or not _fits(service, facts):
            continue
        wanted = [order.index(kind) for kind in service.kinds if kind in order]
        if not wanted:
            continue
        specificity = _specificity(service, facts)
        # With kinds asked, an entry whose main kind is asked comes before one that only has it
        # in also_kinds (a support line before a crisis line that also supports).
        secondary = service.kind not in order
        key = (min(wanted), secondary, specificity, position) if kinds else (specificity, min(wanted), position)
        ranked.append((key, service))
    ranked.sort(key=lambda pair: pair[0])
    chosen = [service for _, service in ranked]
    return chosen[:limit] if limit is not None else chosen


def next_steps(
    facts: CaseFacts,
    *,
    phases: Optional[Sequence[str]] = None,
    directory: Optional[Directory] = None,
) -> list[Step]:
    """What to do next, in order: safety, evidence, stop the spread, report, support.

    A service listed under one step is not listed again under a later one (the safety step's
    emergency numbers do not count: the police may appear again to report).

    Args:
        facts: the case.
        phases: only steps of these phases (e.g. ``("evidence",)`` to answer "how do I keep
            evidence?"); None for all.

    Raises:
        ValueError: for an unknown phase.
    """
    directory = directory or get_directory()
    unknown = set(phases or ()) - set(PHASES)
    if unknown:
        raise ValueError(f"unknown phase(s) {sorted(unknown)}; use {PHASES}")
    applicable = [
        step for step in directory.steps
        if (phases is None or step.phase in phases)
        and _condition_holds(step.when, facts)
        and not any(_condition_holds(condition, facts) for condition in step.unless)
    ]
    applicable.sort(key=lambda step: PHASES.index(step.phase))
    steps: list[Step] = []
    listed: set[str] = set()
    for step in applicable:
        chosen = _with_services(step, facts, directory, exclude=listed)
        if chosen is None:
            continue
        steps.append(chosen)
        if chosen.phase != "safety":
            listed.update(service.id for service in chosen.services)
    return steps


def crisis_contacts(country: Optional[str], *, directory: Optional[Directory] = None) -> list[Service]:
    """Crisis lines first, then emergency numbers; every supported country's for None/other.

    A country with no suicide/crisis line in the directory gets its 24-hour support lines
    marked ``crisis_support`` instead.
    """
    directory = directory or get_directory()
    countries = [country] if country in SUPPORTED_COUNTRIES else list(SUPPORTED_COUNTRIES)
    contacts: list[Service] = []
    for code in countries:
        national = [s for s in directory.services if s.shown and s.country == code and s.region is None]
        crisis = [s for s in national if "crisis" in s.kinds]
        if not crisis:
            crisis = [s for s in national if s.crisis_support]
        emergency = [s for s in national if "emergency" in s.kinds and s not in crisis]
        contacts.extend(crisis + emergency)
    return contacts


def human_contact(
    country: Optional[str],
    *,
    region: Optional[str] = None,
    directory: Optional[Directory] = None,
) -> Optional[Service]:
    """The deployer's human team for this country (with hours), or None when there is none."""
    directory = directory or get_directory()
    # A region that is not a known code or name matches no regional entry.
    wanted_region = region_code(region, country) or (region.strip() if region and region.strip() else None)
    candidates = []
    for position, service in enumerate(directory.services):
        if not service.shown or "human_contact" not in service.kinds:
            continue
        if service.country not in (country, INTERNATIONAL):
            continue
        if wanted_region is not None and service.region is not None and service.region != wanted_region:
            continue
        specific = 0 if service.region is not None and wanted_region is not None else 1
        candidates.append(((specific, service.country == INTERNATIONAL, position), service))
    if not candidates:
        return None
    return min(candidates, key=lambda pair: pair[0])[1]


@dataclasses.dataclass(frozen=True)
class HumanContactAnswer:
    """Whom a person can talk to now.

    Attributes:
        contact: the deployer's team, or None when the deployment has none.
        open_now: True/False from its ``opening_hours`` in its own ``timezone``; None when
            it gives no machine-readable hours (then only its ``hours`` text is known).
        line: the country's 24-hour line, given when the team is closed, unknown or absent.
    """

    contact: Optional[Service]
    open_now: Optional[bool]
    line: Optional[Service]


def human_contact_now(
    country: Optional[str],
    *,
    region: Optional[str] = None,
    now: Optional[datetime] = None,
    directory: Optional[Directory] = None,
) -> HumanContactAnswer:
    """The deployer's team, whether it is open now, and otherwise the country's 24-hour line.

    Args:
        now: an aware datetime (tests); defaults to the current time.
    """
    directory = directory or get_directory()
    contact = human_contact(country, region=region, directory=directory)
    open_now = is_open(contact, now=now) if contact is not None else None
    line = None if open_now else always_open_line(country, directory=directory)
    return HumanContactAnswer(contact=contact, open_now=open_now, line=line)


def is_open(service: Service, *, now: Optional[datetime] = None) -> Optional[bool]:
    """Whether ``service`` answers at ``now`` in its own time zone; None without opening hours."""
    if not service.opening_hours or not service.timezone:
        return None
    local = (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(service.timezone))
    minute = local.hour * 60 + local.minute
    return any(day == local.weekday() and start <= minute < end for day, start, end in service.opening_hours)


def always_open_line(country: Optional[str], *, directory: Optional[Directory] = None) -> Optional[Service]:
    """The country's 24-hour line to talk to someone: a line for everyone first, then the rest.

    Support lines come before crisis lines; a line for everyone before one for a group
    (women, minors), whose audience the reply names.
    """
    directory = directory or get_directory()
    if country not in SUPPORTED_COUNTRIES:
        return None
    candidates = [
        s for s in directory.services
        if s.shown and s.country == country and s.region is None and s.always_open and s.phone
        and set(s.kinds) & {"support", "crisis"} and s.audience not in ("minors", "parents")
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda s: (s.kind != "support", s.audience != "everyone",
                                          directory.services.index(s)))


def region_covered(facts: CaseFacts, *, directory: Optional[Directory] = None) -> bool:
    """True when the directory has entries of the person's region (or no region was said).

    When False the person gets the national services and the reply should say so
    (``texts.yml`` ``coverage.region_not_covered``).
    """
    directory = directory or get_directory()
    code = region_code(facts.region, facts.country)
    if facts.region is None:
        return True
    return code is not None and any(s.shown and s.region == code for s in directory.services)


# ----------------------------------------------------------------------------- helpers


def _with_services(step: Step, facts: CaseFacts, directory: Directory, *, exclude: set[str]) -> Optional[Step]:
    if not step.service_kinds and not step.service_ids:
        return step
    limit = step.service_limit or MAX_SERVICES_PER_STEP
    exclude = exclude | set(step.service_exclude)
    services: list[Service] = []
    if step.service_kinds:
        candidates = services_for(facts, kinds=step.service_kinds, directory=directory)
        services = [service for service in candidates if service.id not in exclude][:limit]
    for service_id in step.service_ids:
        service = directory.service(service_id)
        if (service is not None and service.shown and _fits(service, facts) and service.id not in exclude
                and service not in services and len(services) < limit):
            services.append(service)
    if step.service_kinds and services and not any(_for_everyone(s) for s in services):
        # Services for everyone: never only lines for a group (women, minors) when the case has
        # a line for everyone with a phone; it takes the last place.
        general = [s for s in candidates if _for_everyone(s) and s.id not in exclude and s not in services]
        if general:
            services = services[:limit - 1] + [general[0]] if len(services) >= limit else services + [general[0]]
    if not services and step.needs_services:
        return None
    if not services and step.fallback:
        return dataclasses.replace(step, text=step.fallback, services=())
    return dataclasses.replace(step, services=tuple(services))


def _fits(service: Service, facts: CaseFacts) -> bool:
    if service.country == INTERNATIONAL:
        if service.countries is not None and _country_key(facts.country) not in service.countries:
            return False
    elif service.country != facts.country:
        return False
    if service.region is not None and service.region != region_code(facts.region, facts.country):
        return False
    if service.incidents is not None and facts.incident not in service.incidents:
        return False
    if not _fits_age(service, facts):
        return False
    if service.writers is not None and facts.writer_role not in service.writers:
        return False
    if service.platforms is not None and facts.platform not in service.platforms:
        return False
    if service.relationships is not None and facts.relationship not in service.relationships:
        return False
    return True


def _for_everyone(service: Service) -> bool:
    return service.audience == "everyone" and bool(service.phone)


def _fits_age(service: Service, facts: CaseFacts) -> bool:
    """Age rule of ``handles.ages``, on ``CaseFacts.minor_status`` (unknown is not adult).

    ``adult`` lines are hidden only from a known minor. ``minor`` lines are shown to a known
    minor, and also when the age is unknown or the images were taken under 18 if the entry
    says so in ``handles.also_for`` (Take It Down, shown with its age condition).
    """
    status = facts.minor_status
    if service.ages == "adult":
        return status != MINOR_YES
    if service.ages == "minor":
        return (status == MINOR_YES
                or ("age_unknown" in service.also_for and status == MINOR_UNKNOWN)
                or ("taken_as_minor" in service.also_for and facts.images_taken_as_minor))
    return True


def _specificity(service: Service, facts: CaseFacts) -> int:
    if service.region is not None:
        return 0
    if service.country != INTERNATIONAL:
        return 1
    return 2 if service.platforms is not None else 3


def _condition_holds(condition: Iterable[tuple[str, Any]], facts: CaseFacts) -> bool:
    for key, wanted in condition:
        if not _CONDITIONS[key](facts, wanted):
            return False
    return True


#: How each ``when``/``unless`` key of steps.yml reads the case.
_CONDITIONS = {
    "minor": lambda facts, wanted: facts.minor_status in wanted,
    "incidents": lambda facts, wanted: facts.incident in wanted,
    "platforms": lambda facts, wanted: (facts.platform or UNKNOWN_PLATFORM) in wanted,
    "countries": lambda facts, wanted: _country_key(facts.country) in wanted,
    "relationships": lambda facts, wanted: (facts.relationship or UNKNOWN_RELATIONSHIP) in wanted,
    "writers": lambda facts, wanted: facts.writer_role in wanted,
    "lives_with_aggressor": lambda facts, wanted: facts.lives_with_aggressor is wanted,
    "device_monitored": lambda facts, wanted: facts.device_monitored is wanted,
    "taken_as_minor": lambda facts, wanted: facts.images_taken_as_minor is wanted,
    "age_known": lambda facts, wanted: facts.age_known is wanted,
}


def _country_key(country: Optional[str]) -> str:
    return country if country in SUPPORTED_COUNTRIES else OTHER_COUNTRY
