"""Questions a person asks, and what the law says about their case."""
from __future__ import annotations

from actions.questions import ActionEvidenceGuide, ActionHumanContact, ActionReportGuide, ActionTakedownGuide
from actions.rights import ActionExplainRights, ActionLegalInfo
from tests.actions.conftest import make_tracker, run, said, slot_events


def test_rights_for_a_telegram_group_in_chile_cite_the_bill_as_a_bill(dispatcher):
    events = run(ActionExplainRights(), dispatcher, make_tracker(
        "inform", incident="report_ncii", country="CL", victim_is_minor=False, via_group=True,
        spread="public", platform="telegram"))
    text = said(dispatcher)
    assert "161-K" in text and "proyecto de ley" in text
    assert "no asesoría legal" in text
    assert slot_events(events) == {"awaiting": "legal_help"}


def test_legal_question_without_country_asks_for_it(dispatcher):
    events = run(ActionLegalInfo(), dispatcher, make_tracker("ask_legal_info", "es delito?"))
    assert "utter_ask_country" in said(dispatcher)
    assert slot_events(events)["topic"] == "ask_legal_info"


def test_consent_question_gets_the_definition(dispatcher):
    run(ActionLegalInfo(), dispatcher, make_tracker(
        "ask_legal_info", "qué es el consentimiento", country="CL",
        entities=[{"entity": "legal_topic", "value": "consent"}]))
    assert "revocable" in said(dispatcher)


def test_evidence_guide_never_invites_to_send_images(dispatcher):
    run(ActionEvidenceGuide(), dispatcher, make_tracker("ask_evidence", country="MX",
                                                        incident="report_sextortion"))
    text = said(dispatcher).lower()
    assert "captura" in text or "guarda" in text
    assert "envíame" not in text and "mándame" not in text


def test_report_guide_asks_country_and_remembers_the_question(dispatcher):
    events = run(ActionReportGuide(), dispatcher, make_tracker("ask_report_police"))
    assert slot_events(events)["topic"] == "ask_report_police"
    assert "utter_ask_country" in said(dispatcher)


def test_takedown_request_is_written_with_platform_and_link(dispatcher):
    run(ActionTakedownGuide(), dispatcher, make_tracker(
        "ask_report_platform", "aquí está: https://t.me/grupoejemplo/123", incident="report_ncii",
        platform="telegram", country="CL", entities=[{"entity": "topic", "value": "takedown_ncii"}]))
    text = said(dispatcher)
    assert "https://t.me/grupoejemplo/123" in text and "Telegram" in text


def test_takedown_guide_offers_to_write_the_request(dispatcher):
    run(ActionTakedownGuide(), dispatcher, make_tracker(
        "ask_report_platform", incident="report_impersonation", country="ES", platform="instagram"))
    buttons = [b for m in dispatcher.messages for b in m.get("buttons", [])]
    assert any("takedown_impersonation" in b["payload"] for b in buttons)


def test_request_for_a_human_without_a_team_points_to_people_who_can_help(dispatcher):
    run(ActionHumanContact(), dispatcher, make_tracker("request_human", country="AR"))
    assert "utter_no_human_team" in said(dispatcher)
    assert "144" in said(dispatcher)


def test_asking_for_a_person_without_country_asks_the_country_and_remembers(dispatcher):
    events = run(ActionHumanContact(), dispatcher, make_tracker("request_human"))
    assert said(dispatcher) == "utter_no_human_team_ask_country"
    assert slot_events(events) == {"topic": "request_human", "awaiting": "country"}


def test_consent_question_without_country_shows_a_labelled_example(dispatcher):
    run(ActionLegalInfo(), dispatcher, make_tracker(
        "ask_legal_info", "qué es el consentimiento",
        entities=[{"entity": "legal_topic", "value": "consent"}]))
    text = said(dispatcher)
    assert "revocable" in text and "proyecto de ley" in text
