"""Choose services and steps for a case: CaseFacts in, ordered lists out."""
from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any, Iterable, Optional, Sequence

from bot.facts import ADULT_AGE, SUPPORTED_COUNTRIES, CaseFacts
from bot.directory.load import get_directory
from bot.directory.model import (
    INTERNATIONAL,
    KINDS,
    MAX_SERVICES_PER_STEP,
    OTHER_COUNTRY,
    PHASES,
    UNKNOWN_PLATFORM,
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
        key = (min(wanted), specificity, position) if kinds else (specificity, min(wanted), position)
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
    candidates = []
    for position, service in enumerate(directory.services):
        if not service.shown or "human_contact" not in service.kinds:
            continue
        if service.country not in (country, INTERNATIONAL):
            continue
        if region is not None and service.region is not None and not _same_name(service.region, region):
            continue
        specific = 0 if service.region is not None and region is not None else 1
        candidates.append(((specific, service.country == INTERNATIONAL, position), service))
    if not candidates:
        return None
    return min(candidates, key=lambda pair: pair[0])[1]


# ----------------------------------------------------------------------------- helpers


def _with_services(step: Step, facts: CaseFacts, directory: Directory, *, exclude: set[str]) -> Optional[Step]:
    if not step.service_kinds and not step.service_ids:
        return step
    limit = step.service_limit or MAX_SERVICES_PER_STEP
    services: list[Service] = []
    if step.service_kinds:
        candidates = services_for(facts, kinds=step.service_kinds, directory=directory)
        services = [service for service in candidates if service.id not in exclude][:limit]
    for service_id in step.service_ids:
        service = directory.service(service_id)
        if (service is not None and service.shown and service.id not in exclude
                and service not in services and len(services) < limit):
            services.append(service)
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
    if service.region is not None and not (facts.region and _same_name(service.region, facts.region)):
        return False
    if service.incidents is not None and facts.incident not in service.incidents:
        return False
    if service.ages == "adult" and facts.minor:
        return False
    if service.ages == "minor" and not facts.minor:
        return False
    if service.platforms is not None and facts.platform not in service.platforms:
        return False
    if service.relationships is not None and facts.relationship not in service.relationships:
        return False
    return True


def _specificity(service: Service, facts: CaseFacts) -> int:
    if service.region is not None:
        return 0
    if service.country != INTERNATIONAL:
        return 1
    return 2 if service.platforms is not None else 3


def _condition_holds(condition: Iterable[tuple[str, Any]], facts: CaseFacts) -> bool:
    for key, wanted in condition:
        if key == "minor":
            if facts.minor != wanted:
                return False
        elif key == "stated_minor":
            if _stated_minor(facts) != wanted:
                return False
        elif key == "incidents":
            if facts.incident not in wanted:
                return False
        elif key == "platforms":
            if (facts.platform or UNKNOWN_PLATFORM) not in wanted:
                return False
        elif key == "countries":
            if _country_key(facts.country) not in wanted:
                return False
        elif key == "relationships":
            if facts.relationship not in wanted:
                return False
    return True


def _stated_minor(facts: CaseFacts) -> bool:
    """The person said they (or the person affected) are under 18.

    Unlike ``CaseFacts.minor`` this is not implied by ``report_csam``: whoever reports child
    sexual material may be an adult who found it.
    """
    if facts.victim_age is not None:
        return facts.victim_age < ADULT_AGE
    return facts.victim_is_minor is True


def _country_key(country: Optional[str]) -> str:
    return country if country in SUPPORTED_COUNTRIES else OTHER_COUNTRY


def _same_name(left: str, right: str) -> bool:
    """Region names compared without case or accents ("San Luis Potosi" == "San Luis Potosí")."""
    return _plain(left) == _plain(right)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
