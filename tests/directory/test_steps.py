"""Ordered next steps: safety → evidence → stop the spread → report → support, per incident."""
from __future__ import annotations

import itertools

import pytest

from bot.directory import next_steps, render_next_steps
from bot.directory.model import PHASES
from bot.facts import INCIDENTS, PLATFORMS, CaseFacts

COUNTRIES = ["CL", "MX", "AR", "ES", "PE", None]


def ids(facts: CaseFacts) -> list[str]:
    return [step.id for step in next_steps(facts)]


@pytest.mark.parametrize("incident, country, age, platform", itertools.product(
    INCIDENTS, COUNTRIES, [None, 15, 30], [None, "telegram", "instagram"]))
def test_steps_are_ordered_safety_first(incident, country, age, platform):
    steps = next_steps(CaseFacts(incident, country, victim_age=age, platform=platform))
    phases = [PHASES.index(step.phase) for step in steps]
    assert phases == sorted(phases)
    assert steps[0].phase == "safety"
    assert steps[-1].phase == "support"
    assert len({step.id for step in steps}) == len(steps)


def test_sextortion_do_not_pay_keep_conversation_report():
    order = ids(CaseFacts("report_sextortion", "CL", victim_age=30))
    for expected in ("sextortion-do-not-pay", "sextortion-keep-conversation", "takedown-sexual", "report-general", "support"):
        assert expected in order
    assert order.index("sextortion-do-not-pay") < order.index("sextortion-keep-conversation") < order.index("report-general")
    text = render_next_steps(CaseFacts("report_sextortion", "CL", victim_age=30))
    assert "No pagues" in text and "No borres la conversación" in text


@pytest.mark.parametrize("country", COUNTRIES)
def test_child_sexual_material_route(country):
    facts = CaseFacts("report_csam", country, platform="telegram")
    order = ids(facts)
    assert {"csam-do-not-engage", "csam-do-not-keep", "report-csam"} <= set(order)
    assert "evidence-save" not in order and "evidence-telegram" not in order
    text = render_next_steps(facts)
    assert "no le hagas capturas" in text and "no lo reenvíes" in text
    assert "StopNCII" not in text and "Take It Down" not in text
    assert "Haz capturas" not in text


def test_adult_reporting_child_material_is_not_treated_as_a_child():
    assert "minor-trusted-adult" not in ids(CaseFacts("report_csam", "CL"))
    assert "minor-trusted-adult" in ids(CaseFacts("report_csam", "CL", victim_age=14))


@pytest.mark.parametrize("country, shown", [("CL", True), ("ES", True), ("AR", True), ("MX", False)])
def test_child_hotlines_for_child_material_only_where_the_directory_has_them(country, shown):
    assert ("csam-child-lines" in ids(CaseFacts("report_csam", country))) is shown


@pytest.mark.parametrize("incident", INCIDENTS)
@pytest.mark.parametrize("country, child_line", [("CL", "Fono Niños"), ("ES", "ANAR"), ("AR", "0800-222-1717")])
def test_minor_in_any_incident_gets_the_child_protection_route(incident, country, child_line):
    facts = CaseFacts(incident, country, victim_age=13)
    assert "minor-trusted-adult" in ids(facts)
    assert child_line in render_next_steps(facts)


@pytest.mark.parametrize("incident", ["report_ncii", "report_sextortion", "report_cyberflashing"])
def test_minor_is_never_told_to_screenshot_intimate_images(incident):
    facts = CaseFacts(incident, "CL", victim_age=16)
    assert "evidence-minor-sexual" in ids(facts)
    assert "evidence-save" not in ids(facts)


def test_telegram_steps_explain_private_groups():
    facts = CaseFacts("report_ncii", "CL", platform="telegram")
    assert {"telegram-report", "telegram-private-groups", "evidence-telegram"} <= set(ids(facts))
    text = render_next_steps(facts)
    assert "Reportar" in text and "grupos privados" in text and "según" in text


@pytest.mark.parametrize("platform", [p for p in PLATFORMS if p != "telegram"] + [None])
def test_telegram_steps_only_for_telegram(platform):
    assert not {"telegram-report", "telegram-private-groups"} & set(ids(CaseFacts("report_ncii", "CL", platform=platform)))


def test_impersonation_and_hacked_account_recovery():
    assert "impersonation-stop" in ids(CaseFacts("report_impersonation", "MX"))
    text = render_next_steps(CaseFacts("report_account_takeover", "ES"))
    assert "Recupera tu cuenta" in text and "verificación en dos pasos" in text
    assert "017" in text


def test_threat_and_doxing_start_with_safety_advice():
    for incident in ("report_threat", "report_doxing"):
        order = ids(CaseFacts(incident, "AR"))
        assert order[0] == "safety-threat" and "safety-now" not in order


def test_unsupported_country_gets_general_fallback_texts():
    text = render_next_steps(CaseFacts("report_ncii", "PE"))
    assert "número de emergencias de tu país" in text
    assert "organización de apoyo a víctimas en tu país" in text


def test_rendered_steps_are_numbered_and_show_hours():
    text = render_next_steps(CaseFacts("report_ncii", "CL", region="CL-CO", platform="telegram"))
    numbers = [line.split(".")[0] for line in text.splitlines() if line[:1].isdigit()]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert "SernamEG te Orienta (para mujeres) — 1455" in text and "· lunes a viernes de 08:00 a 00:00" in text
    assert "lunes a viernes de 08:30 a 18:30 (según internetsegura.cl; confírmalo)" in text  # medium hours
    assert "133 (Carabineros)" in text.splitlines()[3]


def test_a_service_is_listed_once_outside_the_safety_step():
    for facts in (CaseFacts("report_sextortion", "ES", victim_age=30), CaseFacts("report_csam", "CL"),
                  CaseFacts("report_ncii", "MX", region="MX-SLP", platform="telegram")):
        listed = [s.id for step in next_steps(facts) if step.phase != "safety" for s in step.services]
        assert len(listed) == len(set(listed)), listed
    text = render_next_steps(CaseFacts("report_sextortion", "ES", victim_age=30))
    assert text.count("017 Tu Ayuda en Ciberseguridad") == 1


@pytest.mark.parametrize("phase", PHASES)
def test_phases_filter_gives_only_that_phase_without_intro(phase):
    facts = CaseFacts("report_ncii", "CL", region="CL-CO", platform="telegram")
    steps = next_steps(facts, phases=(phase,))
    assert steps and {step.phase for step in steps} == {phase}
    text = render_next_steps(facts, phases=(phase,))
    assert text.startswith("1. ") and "Te propongo" not in text


def test_report_phase_alone_still_lists_the_police():
    text = render_next_steps(CaseFacts("report_ncii", "CL"), phases=("report",))
    assert "134" in text and "600 333 0000" in text


def test_unknown_phase_is_refused():
    with pytest.raises(ValueError):
        next_steps(CaseFacts("report_ncii", "CL"), phases=("later",))


def test_the_plan_in_parts_has_every_step_once_and_short_messages():
    from bot.directory import render_next_steps, render_next_steps_messages
    from bot.facts import CaseFacts

    facts = CaseFacts("report_ncii", "CL", region="CL-CO", victim_is_minor=False, platform="telegram")
    parts = render_next_steps_messages(facts)
    assert len(parts) > 1
    assert "\n".join(parts).replace("\n", "") == render_next_steps(facts).replace("\n", "")
