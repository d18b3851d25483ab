"""Defects of issues 13 and 14 in the directory, one test named for each."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.directory import (human_contact_now, load_directory, next_steps, render_coverage_note,
                           render_human_contact, render_next_steps, render_services, services_for,
                           takedown_request)
from bot.facts import CaseFacts

IMAGE_INCIDENTS = ["report_ncii", "report_sextortion", "report_cyberflashing"]
COUNTRIES = ["CL", "MX", "AR", "ES", "PE"]


def ids(facts: CaseFacts) -> list[str]:
    return [step.id for step in next_steps(facts)]


def service_ids(facts: CaseFacts) -> set[str]:
    return {service.id for step in next_steps(facts) for service in step.services}


# ---------------------------------------------------------------- H1 / M5: age unknown is not adult


@pytest.mark.parametrize("incident", IMAGE_INCIDENTS)
@pytest.mark.parametrize("country", COUNTRIES)
def test_unknown_age_takes_child_safe_route(incident, country):
    facts = CaseFacts(incident, country)
    assert facts.minor_status == "unknown"
    assert "evidence-save" not in ids(facts)
    assert "Haz capturas" not in render_next_steps(facts)
    if incident != "report_cyberflashing":
        chosen = service_ids(facts)
        assert {"int-takeitdown", "int-stopncii"} <= chosen
        text = render_next_steps(facts)
        assert "si las imágenes se tomaron antes de los 18" in text
        assert "si tenías 18 o más cuando se tomaron" in text


def test_declared_adult_gets_stopncii_and_not_take_it_down():
    chosen = service_ids(CaseFacts("report_ncii", "CL", victim_age=30))
    assert "int-stopncii" in chosen and "int-takeitdown" not in chosen
    assert "evidence-save" in ids(CaseFacts("report_ncii", "CL", victim_age=30))


def test_adult_with_images_taken_as_minor_sees_take_it_down():
    facts = CaseFacts("report_ncii", "MX", victim_age=24, images_taken_as_minor=True)
    assert "int-takeitdown" in service_ids(facts)
    assert "evidence-save" not in ids(facts) and "evidence-taken-as-minor" in ids(facts)


# ---------------------------------------------------------------- H3: family aggressor


@pytest.mark.parametrize("facts", [
    CaseFacts("report_ncii", "CL", victim_age=14, relationship="familiar"),
    CaseFacts("report_harassment", "AR", victim_is_minor=True, lives_with_aggressor=True),
])
def test_family_aggressor_not_told_to_tell_parents(facts):
    text = render_next_steps(facts)
    assert "tu madre, tu padre" not in text
    assert "minor-trusted-adult-family" in ids(facts)
    assert "fuera de tu casa" in text


@pytest.mark.parametrize("writer", ["parent", "teacher", "friend", "witness"])
def test_helper_is_not_told_to_tell_their_parents(writer):
    text = render_next_steps(CaseFacts("report_ncii", "CL", victim_age=15, writer=writer))
    assert "tu madre, tu padre" not in text


def test_child_with_unknown_aggressor_is_told_to_tell_a_trusted_adult():
    assert "minor-trusted-adult" in ids(CaseFacts("report_ncii", "CL", victim_age=14))
    assert "minor-trusted-adult-family" not in ids(CaseFacts("report_ncii", "CL", victim_age=14))


# ---------------------------------------------------------------- W5: someone who found material


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("writer", [None, "witness", "teacher", "friend"])
def test_csam_witness_not_offered_take_it_down(country, writer):
    facts = CaseFacts("report_csam", country, writer=writer, platform="telegram")
    text = render_next_steps(facts)
    assert "Take It Down" not in text and "StopNCII" not in text
    assert "No lo descargues" in text


def test_parent_of_child_in_material_is_offered_take_it_down():
    assert "Take It Down" in render_next_steps(CaseFacts("report_csam", "ES", writer="parent"))


# ---------------------------------------------------------------- W6: take-down requests and age


def test_minor_telegram_request_goes_to_stopca():
    text = takedown_request("ncii", platform="telegram", link="https://t.me/x", country="CL", minor=True)
    assert "stopCA@telegram.org" in text and "abuse@telegram.org" not in text
    assert "Soy menor de edad." in text


def test_parent_request_says_the_child_is_a_minor():
    text = takedown_request("ncii", platform="telegram", minor=True, on_behalf=True)
    assert "es menor de edad" in text and "stopCA@telegram.org" in text


def test_adult_telegram_request_goes_to_abuse():
    text = takedown_request("ncii", platform="telegram", link="https://t.me/x")
    assert "abuse@telegram.org" in text and "menor de edad" not in text


# ---------------------------------------------------------------- I8 / I9


def test_fonoinfancia_is_for_parents_not_offered_to_minors():
    child = render_next_steps(CaseFacts("report_harassment", "CL", victim_age=13))
    parent = render_next_steps(CaseFacts("report_harassment", "CL", victim_age=13, writer="parent"))
    assert "Fonoinfancia" not in child
    assert "Fonoinfancia (Fundación Integra) (para madres, padres y personas que cuidan)" in parent


def test_search_report_not_offered_for_intimate_images():
    for age in (None, 15, 30):
        assert "@SearchReport" not in render_next_steps(CaseFacts("report_ncii", "CL", victim_age=age, platform="telegram"))
    assert "int-telegram-search" in {s.id for s in services_for(CaseFacts("report_csam", "CL", platform="telegram"))}


def test_tiktok_minor_gets_the_under_18_path():
    minor = render_services(services_for(CaseFacts("report_ncii", "CL", victim_age=15, platform="tiktok"), kinds=["platform"]))
    adult = render_services(services_for(CaseFacts("report_ncii", "CL", victim_age=30, platform="tiktok"), kinds=["platform"]))
    assert "Exploitation and abuse of people under 18" in minor and "(para personas adultas)" not in minor
    assert "Exploitation and abuse of people under 18" not in adult


# ---------------------------------------------------------------- services for everyone


@pytest.mark.parametrize("country", ["CL", "MX", "AR", "ES"])
@pytest.mark.parametrize("incident", ["report_ncii", "report_harassment", "report_sextortion"])
def test_support_step_has_a_line_for_everyone_and_labels_womens_lines(country, incident):
    facts = CaseFacts(incident, country, victim_age=30)
    support = [step for step in next_steps(facts) if step.phase == "support"][0]
    assert any(s.audience == "everyone" and s.phone for s in support.services), f"no line for everyone in {country}"
    text = render_next_steps(facts)
    for service in support.services:
        if service.audience == "women":
            assert f"{service.name} (para mujeres)" in text


def test_every_shown_service_has_an_audience():
    for service in load_directory(extra_path=None).services:
        assert service.audience


# ---------------------------------------------------------------- who is writing


@pytest.mark.parametrize("writer, step", [
    ("parent", "parent-talk"), ("parent", "parent-report"), ("parent", "support-carer"),
    ("teacher", "teacher-protocol"), ("teacher", "teacher-no-images"), ("teacher", "support-carer"),
    ("friend", "friend-help"),
])
def test_helper_gets_their_own_steps(writer, step):
    assert step in ids(CaseFacts("report_ncii", "MX", victim_age=15, writer=writer))


def test_teacher_is_never_told_to_screenshot():
    for incident in ("report_ncii", "report_harassment", "report_csam"):
        text = render_next_steps(CaseFacts(incident, "ES", victim_age=15, writer="teacher"))
        assert "Haz capturas" not in text and "No hagas capturas" in text


def test_teacher_in_chile_is_told_of_the_duty_to_report_with_its_source():
    steps = {s.id: s for s in next_steps(CaseFacts("report_ncii", "CL", victim_age=15, writer="teacher"))}
    assert "art. 175 letra e" in steps["teacher-duty-cl"].text
    assert "no asesoría legal" in steps["teacher-duty-cl"].text
    assert "teacher-report" not in steps


def test_friend_at_risk_gets_the_crisis_line_addressed_to_the_friend():
    steps = {s.id: s for s in next_steps(CaseFacts("report_ncii", "CL", writer="friend"))}
    assert "cl-4141" in {s.id for s in steps["friend-help"].services}
    assert "hacerse daño" in steps["friend-help"].text


def test_witness_of_intimate_images_is_told_not_to_share():
    order = ids(CaseFacts("report_ncii", "AR", writer="witness"))
    assert "witness-do-not-share" in order and "evidence-save" not in order


# ---------------------------------------------------------------- living with the aggressor


@pytest.mark.parametrize("facts", [
    CaseFacts("report_account_takeover", "MX", lives_with_aggressor=True),
    CaseFacts("report_account_takeover", "CL", device_monitored=True),
])
def test_monitored_phone_gets_safety_before_changing_passwords(facts):
    order = ids(facts)
    assert order[0] == "safety-home"
    assert "account-recover" not in order and "account-recover-safely" in order
    assert "puede avisarle" in render_next_steps(facts)


def test_no_safety_planning_step_without_the_aggressor_at_home():
    assert "safety-home" not in ids(CaseFacts("report_account_takeover", "MX"))


# ---------------------------------------------------------------- human contact


def deployer(write_extra, **changes):
    from tests.directory.conftest import good_entry
    entry = good_entry(timezone="America/Santiago", opening_hours=["mon-fri 10:00-18:00"], **changes)
    return load_directory(extra_path=write_extra(entry))


@pytest.mark.parametrize("now, open_now", [
    (datetime(2026, 12, 2, 15, 0, tzinfo=ZoneInfo("America/Santiago")), True),    # Wednesday 15:00
    (datetime(2026, 12, 2, 22, 0, tzinfo=ZoneInfo("America/Santiago")), False),   # Wednesday 22:00
    (datetime(2026, 12, 5, 12, 0, tzinfo=ZoneInfo("America/Santiago")), False),   # Saturday
    (datetime(2026, 12, 2, 13, 30, tzinfo=ZoneInfo("UTC")), True),                # 10:30 in Santiago
    (datetime(2026, 12, 2, 12, 30, tzinfo=ZoneInfo("UTC")), False),               # 09:30 in Santiago
])
def test_human_contact_says_whether_it_is_open_in_its_own_time_zone(write_extra, now, open_now):
    directory = deployer(write_extra)
    answer = human_contact_now("CL", now=now, directory=directory)
    assert answer.contact.id == "ong-acompanamiento" and answer.open_now is open_now
    text = render_human_contact(answer, directory=directory)
    if open_now:
        assert answer.line is None and "Ahora hay alguien" in text
    else:
        assert answer.line is not None and answer.line.always_open
        assert "ahora no hay nadie" in text and answer.line.phone in text


def test_without_a_team_the_country_24_hour_line_is_given():
    directory = load_directory(extra_path=None)
    answer = human_contact_now("AR", directory=directory)
    assert answer.contact is None and answer.line.id == "ar-137"
    assert "137" in render_human_contact(answer, directory=directory)


@pytest.mark.parametrize("changes, field", [
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"opening_hours": ["lunes 10-18"]}, "opening_hours"),
    ({"opening_hours": ["mon-fri 18:00-10:00"]}, "opening_hours"),
])
def test_bad_opening_hours_are_refused_naming_the_field(write_extra, changes, field):
    from bot.directory import check_directory
    from tests.directory.conftest import good_entry
    result = check_directory(extra_path=write_extra(good_entry(timezone="America/Santiago",
                                                               opening_hours=["mon-fri 10:00-18:00"]) | changes))
    assert [issue.field for issue in result.issues] == [field]


# ---------------------------------------------------------------- regions


def test_uncovered_region_gets_national_services_and_says_so():
    facts = CaseFacts("report_sextortion", "MX", region="MX-NLE", victim_age=30)
    assert render_coverage_note(facts) == "No tengo servicios propios de Nuevo León: te doy los de todo el país."
    assert "mx-slp-policia-cibernetica" not in {s.id for s in services_for(facts)}
    assert render_coverage_note(CaseFacts("report_ncii", "MX", region="MX-SLP")) is None
    assert render_coverage_note(CaseFacts("report_ncii", "MX")) is None


@pytest.mark.parametrize("region", ["MX-SLP", "San Luis Potosí", "san luis potosi"])
def test_region_given_as_code_or_name(region):
    assert "mx-slp-policia-cibernetica" in {s.id for s in services_for(CaseFacts("report_ncii", "MX", region=region))}


def test_region_field_must_be_an_iso_code_of_its_country(write_extra):
    from bot.directory import check_directory
    from tests.directory.conftest import good_entry
    for region in ("Coquimbo", "AR-M", "XX-YY"):
        result = check_directory(extra_path=write_extra(good_entry(region=region)))
        assert [issue.field for issue in result.issues] == ["region"], region


# ---------------------------------------------------------------- compact sources


def test_sources_are_compact_name_date_and_link():
    from bot.directory import get_directory, source_line, step_source_line
    directory = load_directory(extra_path=None)
    assert source_line(directory.service("mx-linea-vida"), directory=directory).startswith(
        "Fuente: eluniversal.com.mx (2025-12-24): https://www.eluniversal.com.mx/")
    steps = {s.id: s for s in directory.steps}
    assert step_source_line(steps["evidence-save"], directory=directory) == (
        "Fuente: acoso.online (2026-11-25): https://acoso.online/reporta-el-caso-en-las-plataformas-de-internet/")
    assert step_source_line(steps["safety-now"], directory=directory) is None
    assert get_directory  # public
