"""Crisis and danger: recall on crisis_and_danger.yml, false alarms on figurative.yml.

The reading is ``bot.reading.risk.assess_risk``; ``bot.safety.classify_risk`` and friends are
thin wrappers kept for old callers (they answer only for ``risk``, not ``possible``). A
``possible`` counts as a safe answer for recall and as half a false alarm.
"""
from __future__ import annotations

import pytest

from bot.reading.risk import assess_risk, explain
from bot.safety import (CRISIS, DANGER, classify_risk, detect_crisis, detect_danger,
                        explain_risk, normalise)
from tests.safety._sets import crisis_phrases, danger_phrases, figurative_phrases

#: Highest share of figurative.yml that may be flagged (``risk`` = 1, ``possible`` = ½).
#: Measured: 0.5 of 187 (one ``possible``: "me muero si mis papás ven eso"). The issue's
#: target on fresh sets is 5 %; this limit leaves room for a few before someone must look.
MAX_FIGURATIVE_FALSE_ALARM_RATE = 0.03

CRISIS_SET = crisis_phrases()
DANGER_SET = danger_phrases()
FIGURATIVE_SET = figurative_phrases()


@pytest.mark.parametrize("text", CRISIS_SET)
def test_every_crisis_phrase_is_answered_as_a_crisis(text):
    risk = assess_risk(text)
    assert risk.level != "none" and risk.kind == CRISIS, explain(text)


@pytest.mark.parametrize("text", DANGER_SET)
def test_every_danger_phrase_is_answered_as_danger_or_crisis(text):
    assert assess_risk(text).level != "none", explain(text)


def test_recall_is_complete_and_printed(capsys):
    crisis = [assess_risk(t) for t in CRISIS_SET]
    danger = [assess_risk(t) for t in DANGER_SET]
    with capsys.disabled():
        print(f"\n[safety] crisis recall {sum(r.level != 'none' for r in crisis)}/"
              f"{len(CRISIS_SET)} ({sum(r.urgent for r in crisis)} risk, the rest possible), "
              f"danger recall {sum(r.level != 'none' for r in danger)}/{len(DANGER_SET)} "
              f"({sum(r.urgent for r in danger)} risk)")
    assert all(r.level != "none" for r in crisis + danger)


def test_figurative_false_alarm_rate_is_below_the_limit(capsys):
    flagged = [(t, assess_risk(t)) for t in FIGURATIVE_SET]
    flagged = [(t, r) for t, r in flagged if r.level != "none"]
    alarms = sum(1.0 if r.urgent else 0.5 for _, r in flagged)
    rate = alarms / len(FIGURATIVE_SET)
    with capsys.disabled():
        print(f"\n[safety] figurative false alarms {alarms:g}/{len(FIGURATIVE_SET)} "
              f"= {rate:.1%} (limit {MAX_FIGURATIVE_FALSE_ALARM_RATE:.0%})")
        for text, risk in flagged:
            print(f"[safety]   {risk.level} {risk.kind}: {text}")
    assert rate <= MAX_FIGURATIVE_FALSE_ALARM_RATE, flagged


def test_the_sets_are_big_and_do_not_overlap():
    assert len(CRISIS_SET) >= 60 and len(DANGER_SET) >= 60 and len(FIGURATIVE_SET) >= 60
    for name, items in (("crisis", CRISIS_SET), ("danger", DANGER_SET),
                        ("figurative", FIGURATIVE_SET)):
        assert len(set(items)) == len(items), f"duplicates in {name}"
    risky = {normalise(t) for t in CRISIS_SET + DANGER_SET}
    assert not risky & {normalise(t) for t in FIGURATIVE_SET}


@pytest.mark.parametrize("text, expected", [
    # figurative: nothing
    ("me muero de vergüenza", None),
    ("me mata de risa", None),
    ("matar el tiempo", None),
    ("casi me muero de risa", None),
    ("la quiero matar a besos", None),
    ("me mató el examen", None),
    ("el calor me mata", None),
    ("no me quiero matar estudiando", None),
    ("me quiero morir de la vergüenza", None),
    ("mi mamá me mata si se entera", None),
    ("me quiero morir", CRISIS),
    # negation
    ("no quiero morir", None),
    ("no me voy a matar", None),
    ("nunca me haría daño", None),
    ("no está afuera", None),
    ("ya no me está siguiendo", None),
    # ... but not across a comma, and not an emphatic "no no"
    ("no, me quiero matar", CRISIS),
    ("no sé, me quiero morir", CRISIS),
    ("no no quiero vivir más", CRISIS),
    ("no me quiero matar pero ya no quiero vivir", CRISIS),
    # figurative only when the figurative words follow the keyword
    ("me quiero morir de verdad", CRISIS),
    ("me quiero morir de tristeza", CRISIS),
    # crisis wins over danger
    ("está afuera de mi casa y me quiero matar", CRISIS),
    # "viene a matarme" is the aggressor coming; "voy a matarme" is the writer
    ("dijo que viene a matarme", DANGER),
    ("voy a matarme", CRISIS),
    # a threat alone is a check-in (possible), not an urgent danger
    ("me va a matar", None),
    ("", None),
    ("hola, necesito ayuda con unas fotos", None),
])
def test_classify_risk_wrapper_answers_urgent_risk_only(text, expected):
    assert classify_risk(text) == expected, explain_risk(text)


def test_a_threat_alone_is_possible_danger():
    risk = assess_risk("me va a matar")
    assert (risk.level, risk.kind) == ("possible", DANGER)


def test_detectors_agree_with_classify():
    assert detect_crisis("kiero morir") and not detect_danger("kiero morir")
    assert detect_danger("tiene un arma") and not detect_crisis("tiene un arma")


@pytest.mark.parametrize("text, expected", [
    ("Me qiero mataaar!!!", "me quiero matar"),
    ("m kiero morir", "me quiero morir"),
    ("xq no me muero y ya", "porque no me muero y ya"),
    ("q ganas d morirme", "que ganas de morirme"),
    ("esta afuera d mi ksa", "esta afuera de mi casa"),
    ("me re quiero matar", "me quiero matar"),
    ("m4t4rme", "matarme"),
    ("tengo 15años", "tengo 15 anos"),
    ("Vení, hacé algo", "beni ase algo"),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_explain_risk_names_the_pattern_and_cancelled_matches():
    lines = explain_risk("me muero de vergüenza")
    assert lines and all("(cancelled)" in line for line in lines if "pattern:" in line)
    assert any("pattern:" in line for line in explain_risk("me quiero matar"))
