"""Safety lines for the crisis and danger answers (rendered into the Rasa domain)."""
from __future__ import annotations

import re

import pytest

from bot.directory import crisis_contacts, render_safety_text
from bot.facts import SUPPORTED_COUNTRIES

#: Numbers sourced from the reference for each country's safety answers.
SOURCED = {
    "CL": ["*4141", "131", "133", "134"],
    "MX": ["800 911 2000", "911"],
    "AR": ["0800-999-0091", "911"],
    "ES": ["024", "112"],
}
PHONE = re.compile(r"\*?\d[\d -]{1,12}\d")


def first_phone(text: str) -> str:
    return PHONE.search(text).group(0)


@pytest.mark.parametrize("country, crisis_line", [("CL", "*4141"), ("ES", "024"), ("MX", "800 911 2000"), ("AR", "0800-999-0091")])
def test_crisis_text_starts_with_the_crisis_line(country, crisis_line):
    text = render_safety_text(country, "crisis")
    assert crisis_contacts(country)[0].phone == crisis_line
    assert crisis_line in text.splitlines()[0]
    assert first_phone(text) == crisis_line


@pytest.mark.parametrize("country, emergency", [("CL", "133"), ("MX", "911"), ("AR", "911"), ("ES", "112")])
def test_danger_text_starts_with_the_emergency_number(country, emergency):
    text = render_safety_text(country, "danger")
    assert emergency in text.splitlines()[0]
    assert first_phone(text) == emergency


@pytest.mark.parametrize("country", SUPPORTED_COUNTRIES)
@pytest.mark.parametrize("kind", ["crisis", "danger"])
def test_safety_text_has_every_sourced_number_and_is_short(country, kind):
    text = render_safety_text(country, kind)
    for number in SOURCED[country]:
        assert number in text
    assert len(text) < 700


def test_argentina_crisis_reply_does_not_offer_144_to_someone_suicidal():
    """I7: the 144 is a gender-violence line; the crisis answer gives the mental-health lines."""
    for kind in ("crisis", "danger", "fallback"):
        text = render_safety_text("AR", kind)
        assert "0800-999-0091" in text and "144" not in text.replace("5275-1135", "")


def test_mexico_crisis_reply_starts_with_the_linea_de_la_vida():
    text = render_safety_text("MX", "crisis")
    assert text.splitlines()[0].count("800 911 2000") == 1 and "Línea de la Vida" in text.splitlines()[0]


def test_crisis_reply_for_a_helper_is_addressed_to_the_helper():
    text = render_safety_text("CL", "crisis", helper=True)
    assert "la persona que te preocupa" in text and "*4141" in text
    assert "Si estás pensando en hacerte daño" not in text


def test_spain_112_is_worded_with_care():
    assert "112 (emergencias, según el servicio 016)" in render_safety_text("ES", "danger")


@pytest.mark.parametrize("country", [None, "PE", "US"])
@pytest.mark.parametrize("kind", ["crisis", "danger"])
def test_unknown_country_lists_every_supported_country(country, kind):
    text = render_safety_text(country, kind)
    for name in ("Chile", "México", "Argentina", "España"):
        assert name in text
    for numbers in SOURCED.values():
        for number in numbers:
            assert number in text
    assert "otro país" in text


def test_crisis_contacts_put_crisis_lines_before_emergency_numbers():
    for country in SUPPORTED_COUNTRIES:
        kinds = ["emergency" in s.kinds for s in crisis_contacts(country)]
        assert kinds == sorted(kinds) and kinds[0] is False and kinds[-1] is True
    assert [s.country for s in crisis_contacts(None)][0] == "CL"
    assert {s.country for s in crisis_contacts("PE")} == set(SUPPORTED_COUNTRIES)


@pytest.mark.parametrize("country", [*SUPPORTED_COUNTRIES, None])
def test_technical_failure_reply_still_gives_the_numbers(country):
    text = render_safety_text(country, "fallback")
    assert text.startswith("Perdona, tuve un problema técnico")
    codes = [country] if country else SUPPORTED_COUNTRIES
    for code in codes:
        for number in SOURCED[code]:
            assert number in text


def test_unknown_safety_kind_is_refused():
    with pytest.raises(ValueError):
        render_safety_text("CL", "panic")
