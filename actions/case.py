"""``action_next_steps``: continue the case — ask what is missing, or give the next steps."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.common import case_facts, disclose_if_first, latest_intent, say
from bot.conversation import CaseState, plan_next
from bot.directory import render_next_steps
from bot.extract import says_dont_know

ASK_RESPONSES = {"country": "utter_ask_country", "victim_is_minor": "utter_ask_victim_is_minor"}


class ActionNextSteps(Action):
    """Acknowledge a new incident, ask for a missing fact, or give the ordered next steps."""

    def name(self) -> str:
        return "action_next_steps"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        disclose_if_first(dispatcher, tracker)
        plan = plan_next(CaseState(
            latest_intent=latest_intent(tracker),
            incident=tracker.get_slot("incident"),
            country=tracker.get_slot("country"),
            victim_is_minor=tracker.get_slot("victim_is_minor"),
            age_declined=bool(tracker.get_slot("age_declined")),
            awaiting=tracker.get_slot("awaiting"),
            dont_know=says_dont_know((tracker.latest_message or {}).get("text") or ""),
        ))
        events: list[dict[str, Any]] = []
        if plan.set_minor is not None:
            events.append(SlotSet("victim_is_minor", plan.set_minor))
        if plan.declined_age:
            events.append(SlotSet("age_declined", True))
        if plan.legal_help:
            say(dispatcher, answers.legal_help(tracker))
            return events + [SlotSet("awaiting", None), SlotSet("steps_given", False)]
        if plan.acknowledge:
            dispatcher.utter_message(response="utter_ack_incident")
        if plan.menu:
            topic = tracker.get_slot("topic")
            if topic in answers.BY_TOPIC and tracker.get_slot("country"):
                say(dispatcher, answers.BY_TOPIC[topic](tracker))
                return events + [SlotSet("topic", None), SlotSet("awaiting", None),
                                 SlotSet("steps_given", False)]
            dispatcher.utter_message(response="utter_ask_what_happened")
            return events + [SlotSet("awaiting", None), SlotSet("steps_given", False)]
        if plan.ask:
            dispatcher.utter_message(response=ASK_RESPONSES[plan.ask])
            return events + [SlotSet("awaiting", plan.ask), SlotSet("steps_given", False)]
        facts = case_facts(tracker)
        if plan.set_minor is not None:
            facts = facts.__class__(**{**facts.__dict__, "victim_is_minor": plan.set_minor})
        say(dispatcher, render_next_steps(facts))
        return events + [SlotSet("awaiting", None), SlotSet("steps_given", True)]
