"""The risk reading, signal by signal: tables of messages and the level, kind and subject
they must get (tests/reading/_risk_cases.py). ``risk`` rows must be answered first;
``possible`` rows at least with the check-in; ``none`` rows never with the crisis block."""
from __future__ import annotations

import pytest

from bot.reading.risk import assess_risk, explain
from tests.reading import _risk_cases as cases

RANK = {"none": 0, "possible": 1, "risk": 2}


def rows(*names: str) -> list:
    return [pytest.param(*row, id=f"{name}:{row[0][:40]}")
            for name in names for row in cases.TABLES[name]]


@pytest.mark.parametrize("text, level, kind, subject", rows(*cases.RISK_TABLES))
def test_risk_is_found_with_its_kind_and_subject(text, level, kind, subject):
    risk = assess_risk(text)
    assert RANK[risk.level] >= RANK[level], explain(text)
    assert (risk.kind, risk.subject) == (kind, subject), explain(text)


@pytest.mark.parametrize("text, level, kind, subject", rows(*cases.FIGURATIVE_TABLES))
def test_figurative_and_non_urgent_uses_never_fire_risk(text, level, kind, subject):
    risk = assess_risk(text)
    assert risk.level == level, (risk, explain(text))


@pytest.mark.parametrize("text, level, kind, subject", rows("threat_with_time"))
def test_a_threat_with_a_time_is_at_least_a_check_in(text, level, kind, subject):
    assert assess_risk(text).level == level


@pytest.mark.parametrize("text, cue", [
    ("me tomé todas las pastillas jajaja", "act_done"),
    ("tengo la gillette en la mano, es para mi tarea jaja", "means"),
    ("esta noche me mato jaja", "plan"),
    ("cuiden a mi perro, es broma", "finality"),
    ("está afuera de mi casa jajaja ayuda", "danger_now"),
])
def test_a_means_a_plan_or_danger_now_wins_over_any_cancelling_cue(text, cue):
    risk = assess_risk(text)
    assert risk.urgent and cue in risk.cues, explain(text)


@pytest.mark.parametrize("text, cues", [
    ("me quiero morir", ("wish",)),
    ("ya no aguanto más", ("distress",)),
    ("me va a matar", ("threat",)),
    ("mi amiga dice que quiere desaparecer", ("other",)),
])
def test_cues_name_the_signals_that_decided(text, cues):
    assert assess_risk(text).cues == cues


@pytest.mark.parametrize("text", [
    "Me qiero mataaar!!!", "m kiero morir", "ME QUIERO MORIR", "me quiero moriiiir",
    "kiero morirme xq todos lo vieron", "q ganas de no existir", "me kiero matar wn",
    "me quiero matar, no da más", "tenés que ayudarme, me tomé todo",
    "me quiero matr", "me voy a matra", "me quiero morri", "me qiero suicidar",
    "ya no quero vivir", "estoy pensnado en matarme", "ME QUIERO MORIR!!!",
])
def test_spelling_sms_and_voseo_are_read(text):
    assert assess_risk(text).urgent, explain(text)


@pytest.mark.parametrize("text", [
    "quiero q todo termine", "no tengo ganas de nada", "ya no aguanto más", "no doy más",
])
def test_distress_without_a_wish_gets_the_check_in(text):
    assert assess_risk(text).level == "possible"


def test_an_empty_or_blank_message_has_no_risk():
    assert assess_risk("").level == assess_risk("   \n ").level == "none"
