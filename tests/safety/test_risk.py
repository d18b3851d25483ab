"""Crisis and danger detection: recall on crisis_and_danger.yml, false alarms on figurative.yml."""
from __future__ import annotations

import pytest

from bot.safety import (CRISIS, DANGER, classify_risk, detect_crisis, detect_danger,
                        explain_risk, normalise)
from tests.safety._sets import crisis_phrases, danger_phrases, figurative_phrases

#: Highest share of figurative.yml that may be flagged. Measured: 4 of 185 (2.2 %), two of
#: them on purpose ("mi mamá me mata si se entera", "me muero si mis papás ven eso"). The
#: limit leaves room for one more before this test fails and someone has to look. Fresh,
#: unseen batches measured 0-13 % false alarms (docs/safety.md), so real traffic will see
#: more than 2 %.
MAX_FIGURATIVE_FALSE_ALARM_RATE = 0.03

CRISIS_SET = crisis_phrases()
DANGER_SET = danger_phrases()
FIGURATIVE_SET = figurative_phrases()


@pytest.mark.parametrize("text", CRISIS_SET)
def test_every_crisis_phrase_is_a_crisis(text):
    assert classify_risk(text) == CRISIS, explain_risk(text)


@pytest.mark.parametrize("text", DANGER_SET)
def test_every_danger_phrase_is_danger(text):
    assert classify_risk(text) == DANGER, explain_risk(text)


def test_recall_is_complete_and_printed(capsys):
    crisis_found = sum(detect_crisis(t) for t in CRISIS_SET)
    danger_found = sum(classify_risk(t) is not None for t in DANGER_SET)
    with capsys.disabled():
        print(f"\n[safety] crisis recall {crisis_found}/{len(CRISIS_SET)}, "
              f"danger recall {danger_found}/{len(DANGER_SET)}")
    assert crisis_found == len(CRISIS_SET)
    assert danger_found == len(DANGER_SET)


def test_figurative_false_alarm_rate_is_below_the_limit(capsys):
    flagged = [(t, classify_risk(t)) for t in FIGURATIVE_SET if classify_risk(t)]
    rate = len(flagged) / len(FIGURATIVE_SET)
    with capsys.disabled():
        print(f"\n[safety] figurative false alarms {len(flagged)}/{len(FIGURATIVE_SET)} "
              f"= {rate:.1%} (limit {MAX_FIGURATIVE_FALSE_ALARM_RATE:.0%})")
        for text, risk in flagged:
            print(f"[safety]   {risk}: {text}")
    assert rate <= MAX_FIGURATIVE_FALSE_ALARM_RATE, flagged


def test_the_sets_are_big_and_do_not_overlap():
    assert len(CRISIS_SET) >= 60 and len(DANGER_SET) >= 60 and len(FIGURATIVE_SET) >= 60
    for name, items in (("crisis", CRISIS_SET), ("danger", DANGER_SET),
                        ("figurative", FIGURATIVE_SET)):
        assert len(set(items)) == len(items), f"duplicates in {name}"
    risky = {normalise(t) for t in CRISIS_SET + DANGER_SET}
    assert not risky & {normalise(t) for t in FIGURATIVE_SET}


@pytest.mark.parametrize("text, expected", [
    # the examples of the brief, one by one
    ("me muero de vergüenza", None),
    ("me mata de risa", None),
    ("matar el tiempo", None),
    ("me muero de ganas", None),
    ("casi me muero de risa", None),
    ("la quiero matar a besos", None),
    ("morir de amor", None),
    ("me mató el examen", None),
    ("el calor me mata", None),
    ("quiero que se muera la señal", None),
    ("no me quiero matar estudiando", None),
    ("me quiero morir de la vergüenza", None),
    ("me quiero morir", CRISIS),
    ("me va a matar", DANGER),
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
    ("me muero, qué vergüenza", CRISIS),
    ("me quiero morir de verdad", CRISIS),
    ("me quiero morir de tristeza", CRISIS),
    # crisis wins over danger
    ("está afuera de mi casa y me quiero matar", CRISIS),
    # "viene a matarme" is about the aggressor
    ("dijo que viene a matarme", DANGER),
    ("voy a matarme", CRISIS),
    # nothing to see
    ("", None),
    ("hola, necesito ayuda con unas fotos", None),
])
def test_classify_risk_table(text, expected):
    assert classify_risk(text) == expected, explain_risk(text)


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
    assert lines and all("(cancelled)" in line for line in lines)
    assert any("pattern:" in line for line in explain_risk("me quiero matar"))
