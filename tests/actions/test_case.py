"""action_next_steps, turn by turn, as a person reports what happened."""
from __future__ import annotations

from actions.case import ActionNextSteps
from tests.actions.conftest import make_tracker, run, said, slot_events

ACTION = ActionNextSteps()


def test_first_reply_says_what_the_bot_is_before_anything_else(dispatcher):
    run(ACTION, dispatcher, make_tracker("report_ncii", bot_spoke=False, incident="report_ncii"))
    assert dispatcher.messages[0]["response"] == "utter_disclosure"


def test_new_incident_is_acknowledged_and_country_asked(dispatcher):
    events = run(ACTION, dispatcher, make_tracker("report_ncii", incident="report_ncii"))
    assert [m.get("response") for m in dispatcher.messages] == ["utter_ack_incident", "utter_ask_country"]
    assert slot_events(events) == {"awaiting": "country", "steps_given": False}


def test_with_the_country_the_bot_asks_whether_a_minor_is_involved(dispatcher):
    events = run(ACTION, dispatcher, make_tracker("inform", incident="report_sextortion", country="MX"))
    assert said(dispatcher) == "utter_ask_victim_is_minor"
    assert slot_events(events)["awaiting"] == "victim_is_minor"


def test_yes_to_the_minor_question_routes_to_child_protection(dispatcher):
    events = run(ACTION, dispatcher, make_tracker(
        "affirm", incident="report_ncii", country="CL", awaiting="victim_is_minor"))
    text = said(dispatcher)
    assert slot_events(events)["victim_is_minor"] is True
    assert slot_events(events)["steps_given"] is True
    assert "Take It Down" in text
    assert "StopNCII" not in text


def test_adult_case_in_chile_gets_ordered_steps_with_services(dispatcher):
    events = run(ACTION, dispatcher, make_tracker(
        "inform", incident="report_ncii", country="CL", victim_is_minor=False, platform="telegram"))
    text = said(dispatcher)
    assert slot_events(events)["steps_given"] is True
    assert "StopNCII" in text and "Telegram" in text
    assert text.index("prueba") < text.index("StopNCII")


def test_child_material_never_asks_the_age(dispatcher):
    run(ACTION, dispatcher, make_tracker("inform", incident="report_csam", country="AR",
                                         victim_is_minor=True))
    assert "utter_ask_victim_is_minor" not in said(dispatcher)


def test_a_pending_question_is_answered_once_the_country_is_known(dispatcher):
    events = run(ACTION, dispatcher, make_tracker("inform", country="AR", topic="ask_report_police"))
    assert "utter_ask_what_happened" not in said(dispatcher)
    assert slot_events(events)["topic"] is None


def test_no_incident_yet_offers_the_main_situations(dispatcher):
    run(ACTION, dispatcher, make_tracker("inform", country="ES"))
    assert said(dispatcher) == "utter_ask_what_happened"


def test_a_bare_age_answers_the_age_question(dispatcher):
    events = run(ACTION, dispatcher, make_tracker(
        "inform", "31", incident="report_ncii", country="CL", awaiting="victim_is_minor"))
    assert slot_events(events)["victim_is_minor"] is False
    assert slot_events(events)["victim_age"] == 31
    assert slot_events(events)["steps_given"] is True


def test_dont_know_the_country_gets_the_general_answer_instead_of_the_same_question(dispatcher):
    events = run(ACTION, dispatcher, make_tracker(
        "deny", "no sé", incident="report_ncii", awaiting="country"))
    assert slot_events(events)["country"] == "OTHER"
    assert "utter_ask_country" not in said(dispatcher)


def test_the_same_plan_is_not_sent_twice(dispatcher):
    from actions.case import facts_key
    from actions.common import case_facts

    tracker = make_tracker("report_sextortion", incident="report_sextortion", country="MX",
                           victim_is_minor=False)
    tracker.slots["steps_for"] = facts_key(case_facts(tracker))
    run(ACTION, dispatcher, tracker)
    assert said(dispatcher) == "utter_ack_incident\nutter_more_help"


def test_after_danger_with_no_incident_the_bot_says_nothing_more(dispatcher):
    run(ACTION, dispatcher, make_tracker("immediate_danger", "está afuera de mi casa"))
    assert dispatcher.messages == []


def test_crisis_lines_come_again_with_the_local_number_before_the_plan(dispatcher):
    tracker = make_tracker("inform", "españa", incident="report_ncii", country="ES",
                           victim_is_minor=False)
    tracker.slots["crisis_seen"] = True
    events = run(ACTION, dispatcher, tracker)
    assert dispatcher.messages[0]["response"] == "utter_crisis"
    assert slot_events(events)["crisis_seen"] is False


def test_offering_images_gets_a_plain_no_need(dispatcher):
    run(ACTION, dispatcher, make_tracker("report_ncii", "puedo mandarte las fotos para que veas?",
                                         incident="report_ncii"))
    assert "utter_no_images" in said(dispatcher)


def test_self_blame_is_answered_first_with_not_your_fault(dispatcher):
    run(ACTION, dispatcher, make_tracker("report_ncii", "es mi culpa por mandarlas?",
                                         incident="report_ncii"))
    assert said(dispatcher).startswith("utter_not_your_fault")


def test_thinking_of_confronting_or_paying_gets_advice_against_it_first(dispatcher):
    run(ACTION, dispatcher, make_tracker("report_sextortion", "¿y si le pago para que las borre?",
                                         incident="report_sextortion"))
    assert said(dispatcher).startswith("utter_dont_confront")
