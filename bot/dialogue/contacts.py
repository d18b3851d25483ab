"""Phone lines in the dialogue's compact form, from the directory (numbers live only there)."""
from __future__ import annotations

import inspect
from dataclasses import replace
from typing import Optional, Sequence

import pycountry

from bot.directory import (crisis_contacts, human_contact, render_safety_text, render_services,
                           services_for)
from bot.directory.model import Service
from bot.facts import SUPPORTED_COUNTRIES, CaseFacts

try:  # bot.directory's newer API (DIRECTORY branch); the fallbacks below go once it is merged
    from bot.directory import human_contact_now, region_covered, render_human_contact
except ImportError:  # pragma: no cover - depends on the merge order
    human_contact_now = region_covered = render_human_contact = None

#: Incident assumed to choose services before the person said what happened.
GENERAL_INCIDENT = "report_harassment"


def contact_line(service: Service) -> str:
    """``"*4141 (línea del Minsal ...)"``: the number (or link) and what it is."""
    reach = service.phone or service.whatsapp or service.url or service.chat or ""
    label = service.short or service.name
    if not reach:
        return label
    return f"{reach} — {label}" if "(" in label else f"{reach} ({label})"


def join_lines(services: Sequence[Service]) -> str:
    """Several contacts on one line, separated by ' · '."""
    lines: list[str] = []
    for service in services:
        line = contact_line(service)
        if line not in lines:
            lines.append(line)
    return " · ".join(lines)


def human_text(facts: CaseFacts) -> Optional[str]:
    """The directory's own human-contact reply (hours in the team's time zone, the 24-hour
    line outside them), when the directory provides it."""
    if human_contact_now is None:
        return None
    return render_human_contact(human_contact_now(facts.country, region=facts.region))


def safety_text(country: Optional[str], kind: str) -> str:
    """The crisis ("crisis") or emergency ("danger") answer to the person (the domain's text)."""
    return render_safety_text(country, kind)


def helper_safety_text(country: Optional[str], kind: str) -> Optional[str]:
    """The directory's crisis answer addressed to a helper, when the directory provides it."""
    if "helper" not in inspect.signature(render_safety_text).parameters:
        return None
    return render_safety_text(country, kind, helper=True)


def helper_lines(country: Optional[str], kind: str) -> str:
    """Crisis or emergency lines for someone helping another person."""
    contacts = crisis_contacts(country)
    wanted = [s for s in contacts if ("emergency" in s.kinds) == (kind == "danger")]
    others = [s for s in contacts if s not in wanted]
    return join_lines(wanted + others)


def emergency_line(country: Optional[str]) -> Optional[str]:
    """The first emergency number of the country, or None outside supported countries."""
    if country not in SUPPORTED_COUNTRIES:
        return None
    emergency = [s for s in crisis_contacts(country) if "emergency" in s.kinds]
    return contact_line(emergency[0]) if emergency else None


def crisis_line(country: Optional[str]) -> str:
    """The first crisis line (all countries' when unknown)."""
    contacts = [s for s in crisis_contacts(country) if "emergency" not in s.kinds]
    if country not in SUPPORTED_COUNTRIES:
        return join_lines(contacts)
    return contact_line(contacts[0]) if contacts else "emergencias"


def lines_for(facts: CaseFacts, kinds: Sequence[str], *, limit: int = 2, written: bool = False) -> list[Service]:
    """Shown services of these kinds for the case (only those with WhatsApp/chat if written)."""
    found = services_for(facts, kinds=kinds)
    if written:
        found = [s for s in found if s.whatsapp or s.chat]
    return found[:limit]


def services_text(services: Sequence[Service]) -> str:
    """The directory's numbered list (with hours and sources)."""
    return render_services(services)


def human(facts: CaseFacts) -> tuple[Optional[Service], list[Service]]:
    """The deployer's human team, else the 24-hour lines where people answer."""
    team = human_contact(facts.country, region=facts.region)
    if team is not None:
        return team, []
    lines = [s for s in services_for(facts, kinds=("support", "crisis"))
             if s.hours and "24" in s.hours]
    return None, lines[:2]


def has_regional_services(facts: CaseFacts) -> bool:
    """True when the directory has services of the person's region."""
    if region_covered is not None:
        return region_covered(facts)
    if any(s.region is not None for s in services_for(facts)):
        return True
    # The directory may still name regions instead of ISO codes: try the name too.
    name = region_name(facts.region)
    return name != facts.region and any(
        s.region is not None for s in services_for(replace(facts, region=name)))


def region_name(code: Optional[str]) -> Optional[str]:
    """The ISO 3166-2 subdivision's name (``MX-NLE`` -> ``Nuevo León``)."""
    if not code:
        return None
    found = pycountry.subdivisions.get(code=code)
    return found.name if found is not None else code


def country_name(code: Optional[str]) -> Optional[str]:
    """The country's Spanish name for the four supported ones, else pycountry's."""
    names = {"CL": "Chile", "MX": "México", "AR": "Argentina", "ES": "España"}
    if code in names:
        return names[code]
    found = pycountry.countries.get(alpha_2=code) if code else None
    return found.name if found is not None else code
