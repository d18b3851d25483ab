"""Spanish texts for the chat: disclaimer always, bills named as bills, short answers short."""
from __future__ import annotations

import re

import pytest

from bot.facts import INCIDENTS, CaseFacts
from bot.rules import (TOPICS, assess, consent_definition, explain_rights,
                       explain_rights_details, legal_info)

DISCLAIMER = re.compile(r"no (es )?asesoría legal")
FREE_HELP = "orientación legal gratuita"
#: Longest message Telegram accepts; the short answer must fit in one.
TELEGRAM_MAX_TEXT = 4096

CASES = [
    CaseFacts("report_ncii", "CL", region="CL-CO", spread="public", via_group=True,
              platform="telegram"),
    CaseFacts("report_ncii", "CL", consent_to_capture=True),
    CaseFacts("report_doxing", "CL", victim_age=12),
    CaseFacts("report_impersonation", "CL", impersonation_to_obtain=True),
    CaseFacts("report_cyberflashing", "CL", victim_age=13),
    CaseFacts("report_harassment", "CL", victim_is_minor=True),
    CaseFacts("report_sextortion", "CL"),
    CaseFacts("report_ncii", "MX", relationship="ex_pareja", victim_age=22),
    CaseFacts("report_ncii", "MX", region="MX-SLP"),
    CaseFacts("report_ncii", "AR", region="AR-M", victim_age=15),
    CaseFacts("report_ncii", "AR"),
    CaseFacts("report_ncii", "ES", relationship="pareja"),
    CaseFacts("report_ncii", "PE"),
    CaseFacts("report_ncii", None),
    *[CaseFacts(incident, country) for incident in INCIDENTS for country in ("CL", "MX", "AR", "ES")],
]


def ends_with_disclaimer(text: str) -> bool:
    last = text.strip().splitlines()[-1]
    return bool(DISCLAIMER.search(last)) and FREE_HELP in last


@pytest.mark.parametrize("facts", CASES)
def test_every_answer_ends_with_disclaimer(facts):
    for text in (explain_rights(facts), explain_rights_details(facts)):
        assert ends_with_disclaimer(text), text
        assert "Esto es información general" in text


@pytest.mark.parametrize("facts", CASES)
def test_bills_are_called_bills(facts):
    result = assess(facts)
    short, details = explain_rights(facts), explain_rights_details(facts)
    if result.has_bill:
        assert "proyecto de ley" in details
    if any(p.status.is_bill for p in (*result.provisions, *result.aggravating)):
        assert "proyecto de ley" in short


@pytest.mark.parametrize("facts", CASES)
def test_short_answer_fits_one_message(facts):
    assert len(explain_rights(facts)) < TELEGRAM_MAX_TEXT


def test_chile_telegram_group_short_answer():
    text = explain_rights(CASES[0])
    assert "difusión de imágenes o videos íntimos sin consentimiento" in text
    assert "art. 161-K, inciso 2°" in text
    assert "proyecto de ley, aún no vigente" in text
    assert "art. 161-L, n° 6" in text
    # What is in force today comes first.
    assert text.index("161-D — vigente") < text.index("161-K")


def test_chile_details_give_penalty_stage_and_source():
    text = explain_rights_details(CASES[0])
    assert "400 a 600 UTM" in text
    assert "Senado" in text and "julio de 2024" in text and "octubre de 2025" in text
    assert "Boletín N° 13.928-07" in text
    assert "161-D" in text and "numeración" in text


def test_chile_minor_details_mention_public_action():
    text = explain_rights_details(CaseFacts("report_doxing", "CL", victim_age=12))
    assert "acción penal pública" in text
    assert "art. 161-G, inciso 3°" in text


def test_mendoza_status_is_unverified_not_in_force():
    text = explain_rights(CaseFacts("report_ncii", "AR", region="AR-M", victim_age=15))
    assert "proyecto de ley; no pudimos verificar si ya fue aprobado" in text
    details = explain_rights_details(CaseFacts("report_ncii", "AR", region="AR-M", victim_age=15))
    assert "se duplican el mínimo y el máximo" in details


def test_slp_short_answer_names_187_and_gap():
    text = explain_rights(CaseFacts("report_ncii", "MX", region="MX-SLP"))
    assert "art. 187" in text and "solo la difusión" in text


def test_medium_sources_are_named_with_care():
    text = explain_rights(CaseFacts("report_ncii", "ES", relationship="pareja"))
    assert "uentes secundarias" in text and "prodat.es" in text


def test_unsupported_country_answer():
    text = explain_rights(CaseFacts("report_ncii", "PE"))
    assert "PE" in text and "no tengo información legal verificada" in text.lower()
    assert ends_with_disclaimer(text)


@pytest.mark.parametrize("country, expected", [
    ("CL", ["libre, expresa, informada, clara, específica, inequívoca y revocable",
            "silencio", "proyecto de ley, aún no vigente", "161-F"]),
    ("AR", ["Mendoza", "expreso, libre e informado", "proyecto de ley"]),
    ("MX", ["no hay una definición legal de consentimiento"]),
    ("ES", ["no hay una definición legal de consentimiento"]),
    ("PE", ["PE"]),
    (None, ["país"]),
])
def test_consent_definition(country, expected):
    text = consent_definition(country)
    for fragment in expected:
        assert fragment in text
    assert ends_with_disclaimer(text)


@pytest.mark.parametrize("subject", ["CL", "MX", "AR", "ES", "PE", None,
                                     CaseFacts("report_ncii", "AR", region="AR-M")])
@pytest.mark.parametrize("topic", [None, *TOPICS, "report_ncii"])
def test_legal_info_always_ends_with_disclaimer(subject, topic):
    text = legal_info(subject, topic)
    assert ends_with_disclaimer(text), text


@pytest.mark.parametrize("subject, topic, expected", [
    ("CL", None, ["Boletín N° 13.928-07", "proyecto de ley, aún no vigente", "Ley 21.675",
                  "vigente", "numeración"]),
    ("CL", "procedure", ["previa instancia particular", "acción penal pública"]),
    ("CL", "platforms", ["sentencia ejecutoriada", "100 a 1000"]),
    ("CL", "definition", ["violencia digital"]),
    ("MX", None, ["199 Octies", "San Luis Potosí", "vigente"]),
    ("AR", None, ["Ley 27.736", "no crea un delito", "Mendoza", "no pudimos verificar"]),
    ("ES", "status", ["197.7", "LO 10/2022"]),
    ("ES", "platforms", ["No tengo información verificada"]),
    ("CL", "report_doxing", ["161-G"]),
])
def test_legal_info_topics(subject, topic, expected):
    text = legal_info(subject, topic)
    for fragment in expected:
        assert fragment in text, text


def test_legal_info_rejects_unknown_topic():
    with pytest.raises(ValueError):
        legal_info("CL", "weather")


@pytest.mark.parametrize("facts", CASES)
def test_answers_hold_no_phone_numbers(facts):
    # Phone numbers live in the support directory only.
    for text in (explain_rights(facts), explain_rights_details(facts)):
        # (an article number such as "art. 149 bis" is not a phone number)
        assert not re.search(r"(?<!art\. )\b(1455|149|147|133|134|911|089|144|137|016|017|024)\b(?! bis)",
                             text)
