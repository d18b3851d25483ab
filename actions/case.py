"""``action_next_steps``: continue the case — ask what is missing, or give the next steps."""
from __future__ import annotations

import dataclasses
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.common import case_facts, disclose_if_first, latest_intent, latest_text, say
from bot.conversation import CaseState, Plan, plan_next
from bot.directory import render_next_steps_messages
from bot.extract import find_minor, says_dont_know
from bot.facts import CaseFacts

ASK_RESPONSES = {"country": "utter_ask_country", "victim_is_minor": "utter_ask_victim_is_minor"}


def facts_key(facts: CaseFacts | None) -> str | None:
    """A fingerprint of the facts: the same plan is not sent twice for the same facts."""
    return None if facts is None else repr(dataclasses.astuple(facts))


def read_state(tracker: Tracker, facts: CaseFacts | None) -> CaseState:
    """The case state from the slots and the reading of the last message."""
    text = latest_text(tracker)
    awaiting = tracker.get_slot("awaiting")
    age, adult = (find_minor(text, expecting_age=True) if awaiting == "victim_is_minor"
                  else (None, None))
    return CaseState(
        latest_intent=latest_intent(tracker),
        incident=tracker.get_slot("incident"),
        country=tracker.get_slot("country"),
        victim_is_minor=tracker.get_slot("victim_is_minor"),
        age_declined=bool(tracker.get_slot("age_declined")),
        awaiting=awaiting,
        dont_know=says_dont_know(text),
        answer_age=age,
        said_adult=adult is False,
        facts_key=facts_key(facts),
        steps_for=tracker.get_slot("steps_for"),
    )


def answer_events(plan: Plan) -> list[dict[str, Any]]:
    """Slots filled from the person's answer."""
    events = []
    if plan.set_minor is not None:
        events.append(SlotSet("victim_is_minor", plan.set_minor))
    if plan.set_age is not None:
        events.append(SlotSet("victim_age", plan.set_age))
    if plan.set_country is not None:
        events.append(SlotSet("country", plan.set_country))
    if plan.declined_age:
        events.append(SlotSet("age_declined", True))
    return events


class ActionNextSteps(Action):
    """Acknowledge a new incident, ask for a missing fact, or give the ordered next steps."""

    def name(self) -> str:
        return "action_next_steps"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        disclose_if_first(dispatcher, tracker)
        plan = plan_next(read_state(tracker, case_facts(tracker)))
        events = answer_events(plan)
        done = [SlotSet("awaiting", None), SlotSet("steps_given", False)]
        if plan.quiet:
            return events + done
        if plan.legal_help:
            say(dispatcher, answers.legal_help(tracker))
            return events + done
        if plan.acknowledge:
            dispatcher.utter_message(response="utter_ack_incident")
        if plan.menu:
            topic = tracker.get_slot("topic")
            if topic in answers.BY_TOPIC and (tracker.get_slot("country") or plan.set_country):
                say(dispatcher, answers.BY_TOPIC[topic](tracker))
                return events + done + [SlotSet("topic", None)]
            dispatcher.utter_message(response="utter_ask_what_happened")
            return events + done
        if plan.ask:
            dispatcher.utter_message(response=ASK_RESPONSES[plan.ask])
            return events + [SlotSet("awaiting", plan.ask), SlotSet("steps_given", False)]
        if plan.more_help:
            dispatcher.utter_message(response="utter_more_help")
            return events + done
        facts = dataclasses.replace(case_facts(tracker), **{
            k: v for k, v in (("victim_is_minor", plan.set_minor), ("victim_age", plan.set_age),
                              ("country", plan.set_country)) if v is not None})
        if tracker.get_slot("crisis_seen"):
            # The crisis lines again, now with the person's own country's numbers.
            dispatcher.utter_message(response="utter_crisis")
            events.append(SlotSet("crisis_seen", False))
        for part in render_next_steps_messages(facts):
            say(dispatcher, part)
        return events + [SlotSet("awaiting", None), SlotSet("steps_given", True),
                         SlotSet("steps_for", facts_key(facts))]
