"""action_respond: slots and history in, messages and SlotSet events out."""
from __future__ import annotations

import asyncio

from actions.respond import ActionRespond
from bot.dialogue import History
from bot.reading.model import Facts, Reading, Risk
from tests.actions.conftest import make_tracker


def run(dispatcher, tracker):
    return asyncio.run(ActionRespond().run(dispatcher, tracker, {}))


def slot_events(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_a_reading_sets_fact_slots_and_the_history_slot(dispatcher):
    reading = Reading(incident="report_ncii", facts=Facts(country="CL", age=30)).to_dict()
    events = run(dispatcher, make_tracker("report_ncii", "…", reading=reading))
    slots = slot_events(events)
    assert slots["incident"] == "report_ncii" and slots["country"] == "CL" and slots["age"] == 30
    assert "disclosure" in slots["said"]["said"]
    assert dispatcher.messages[0]["text"].startswith("Soy Acompaña")


def test_a_button_payload_without_reading_uses_its_intent_and_entities(dispatcher):
    history = History(said=("disclosure", "ack:report_ncii", "ask:country"), turns=1,
                      last_question="country").to_dict()
    events = run(dispatcher, make_tracker("inform", '/inform{"country": "MX"}',
                                          entities=[{"entity": "country", "value": "MX"}],
                                          incident="report_ncii", said=history))
    assert slot_events(events)["country"] == "MX"
    assert "¿en qué país" not in " ".join(m["text"] for m in dispatcher.messages)


def test_the_crisis_lines_sent_by_the_policy_are_not_sent_again(dispatcher):
    reading = Reading(risk=Risk(level="risk", kind="crisis")).to_dict()
    run(dispatcher, make_tracker("express_crisis", "…", reading=reading, after=("utter_crisis",)))
    assert all("*4141" not in m["text"] for m in dispatcher.messages)
    assert dispatcher.messages  # the disclosure of the first reply still goes


def test_erase_returns_a_restart(dispatcher):
    events = run(dispatcher, make_tracker("delete_my_data", "borrar mis datos", incident="report_doxing"))
    assert [e["event"] for e in events] == ["restart"]
    assert "borré" in dispatcher.messages[0]["text"]


def test_buttons_are_sent_with_their_payloads(dispatcher):
    run(dispatcher, make_tracker("report_sextortion", "/report_sextortion"))
    buttons = [b for m in dispatcher.messages for b in m["buttons"]]
    assert {"title": "Qué guardo", "payload": "/ask_privacy"} in buttons
    assert any(b["payload"] == '/inform{"country": "CL"}' for b in buttons)
