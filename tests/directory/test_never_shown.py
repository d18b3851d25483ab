"""No low or UNVERIFIED fact ever reaches a person, in any combination of facts."""
from __future__ import annotations

import itertools
import re

import pytest

from bot.directory import (
    crisis_contacts,
    load_directory,
    next_steps,
    render_next_steps,
    render_safety_text,
    render_services,
    services_for,
    takedown_request,
)
from bot.directory.model import TAKEDOWN_KINDS
from bot.facts import INCIDENTS, PLATFORMS, CaseFacts
from tests.directory.conftest import good_entry

#: Numbers and contacts the reference marks low / UNVERIFIED, or that appear only in the
#: research notes or seeds without a checked source. None of them may ever be rendered.
NEVER_SHOWN = [
    "01 800 00 854 00",     # FEVIMTRA, PGR era (low)
    "800 00 854 00",
    "fevimtra@pgr",
    "5071-0040",            # UFECI, only in third-party code (low)
    "denunciasufeci",
    "@notoscam",            # Telegram scam reports (low)
    "Te Protejo",           # Colombia's hotline, not Chile's
    "444 329 3281",         # SLP municipal cyber police: seed only
    "600 360 7777",         # Salud Responde: research notes only
    "600 400 0101",         # "Denuncia Segura": research notes only
    "55 5242 5100",         # CDMX SSC cyber police: old blogs (low)
    "*765",                 # CDMX SOS Mujeres: research notes only
    "717 003 717",          # Teléfono de la Esperanza: research notes only
    "linea144@mingeneros",  # possibly outdated e-mail, left out
    "UNVERIFIED",
    "REEMPLAZAR",
]
NEVER_SHOWN_PATTERNS = [re.compile(r"\b088\b")]  # Guardia Nacional 088 (low, conflicting)
#: Promises the bot must never make.
FORBIDDEN_PROMISES = ["lo borraremos", "borraremos", "eliminaremos", "te garantizamos", "garantizado"]

PLACES = [("CL", None), ("CL", "CL-CO"), ("MX", None), ("MX", "MX-SLP"), ("AR", None),
          ("AR", "AR-M"), ("ES", None), ("ES", "ES-MD"), ("PE", None), (None, None)]


def assert_clean(text: str) -> None:
    for forbidden in NEVER_SHOWN + FORBIDDEN_PROMISES:
        assert forbidden.lower() not in text.lower(), forbidden
    for pattern in NEVER_SHOWN_PATTERNS:
        assert not pattern.search(text), pattern.pattern


@pytest.mark.parametrize("country, region", PLACES)
def test_no_hidden_fact_in_any_next_steps(country, region):
    for incident, age, platform, relationship in itertools.product(
            INCIDENTS, [None, 12, 16, 30], [*PLATFORMS, None], [None, "ex_pareja"]):
        facts = CaseFacts(incident, country, region=region, victim_age=age, platform=platform, relationship=relationship)
        assert_clean(render_next_steps(facts))
        assert all(service.shown for step in next_steps(facts) for service in step.services)
        assert all(service.shown for service in services_for(facts))


@pytest.mark.parametrize("country", ["CL", "MX", "AR", "ES", "PE", None])
def test_no_hidden_fact_in_safety_texts(country):
    for kind in ("crisis", "danger", "fallback"):
        assert_clean(render_safety_text(country, kind))
    assert all(service.shown for service in crisis_contacts(country))


def test_no_hidden_fact_in_takedown_requests():
    for kind, platform, country in itertools.product(TAKEDOWN_KINDS, [*PLATFORMS, None], ["CL", "MX", "AR", "ES", "PE", None]):
        assert_clean(takedown_request(kind, platform=platform, link="https://example.org/x", country=country))


def test_render_services_skips_hidden_entries(directory):
    text = render_services(directory.services, directory=directory)
    assert_clean(text)
    assert "Discord" not in text and "FEVIMTRA" not in text


def test_medium_entries_are_worded_with_care(directory):
    for service in directory.services:
        if service.shown and service.confidence == "medium":
            text = render_services([service], directory=directory)
            assert service.source_name in text and "Confírmalo" in text, service.id
        for field_name, source in service.medium_fields:
            text = render_services([service], directory=directory)
            assert f"según {source}; confírmalo" in text, (service.id, field_name)


def test_medium_steps_are_worded_with_care(directory):
    facts = [CaseFacts("report_sextortion", "ES", platform="telegram"), CaseFacts("report_ncii", "CL", platform="x")]
    for case in facts:
        text = render_next_steps(case, directory=directory)
        for step in next_steps(case, directory=directory):
            if step.confidence == "medium":
                assert f"(según {step.source_name})" in text, step.id


def test_hidden_entry_added_by_a_deployer_is_never_rendered(write_extra):
    hidden = good_entry(id="mx-fevimtra-old", country="MX", region=None, kind="report_prosecutor",
                        phone="01 800 00 854 00", confidence="low", verified=False)
    directory = load_directory(extra_path=write_extra(hidden))
    for incident in INCIDENTS:
        text = render_next_steps(CaseFacts(incident, "MX"), directory=directory)
        assert "01 800 00 854 00" not in text
    assert "01 800 00 854 00" not in render_services(directory.services, directory=directory)
