"""Actions for the person's questions: evidence, reporting, take-down, support, a human."""
from __future__ import annotations

from typing import Any, Callable

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.common import disclose_if_first, latest_link, say
from bot.directory import get_directory, human_contact, render_services, takedown_request

#: Takedown requests the bot can write, by the incident they fit.
TAKEDOWN_KINDS = {"report_ncii": "ncii", "report_impersonation": "impersonation",
                  "report_doxing": "doxing"}


def _question_action(action_name: str, topic: str, answer: Callable[[Tracker], str]) -> type[Action]:
    """An action that answers one question, and asks for the country when it matters."""

    class QuestionAction(Action):
        def name(self) -> str:
            return action_name

        async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: dict[str, Any]) -> list[dict[str, Any]]:
            disclose_if_first(dispatcher, tracker)
            say(dispatcher, answer(tracker))
            if topic in answers.BY_TOPIC and not tracker.get_slot("country"):
                dispatcher.utter_message(response="utter_ask_country")
                return [SlotSet("topic", topic), SlotSet("awaiting", "country"),
                        SlotSet("steps_given", False)]
            return [SlotSet("topic", None), SlotSet("steps_given", False)]

    QuestionAction.__name__ = "".join(part.title() for part in action_name.split("_"))
    QuestionAction.__doc__ = f"``{action_name}``: {answer.__doc__}"
    return QuestionAction


ActionEvidenceGuide = _question_action("action_evidence_guide", "ask_evidence", answers.evidence_guide)
ActionReportGuide = _question_action("action_report_guide", "ask_report_police", answers.report_guide)
ActionSupportServices = _question_action("action_support_services", "ask_support", answers.support_services)


class ActionTakedownGuide(Action):
    """``action_takedown_guide``: how to get content down, or the ready-to-send request."""

    def name(self) -> str:
        return "action_takedown_guide"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        disclose_if_first(dispatcher, tracker)
        wanted = next(tracker.get_latest_entity_values("topic"), None) or ""
        if wanted.startswith("takedown_"):
            # Written from what the person said; nothing of it is stored in a slot.
            say(dispatcher, takedown_request(
                wanted.removeprefix("takedown_"), platform=tracker.get_slot("platform"),
                link=latest_link(tracker), country=tracker.get_slot("country")))
            return [SlotSet("topic", None), SlotSet("steps_given", False)]
        say(dispatcher, answers.takedown_guide(tracker))
        kind = TAKEDOWN_KINDS.get(tracker.get_slot("incident") or "")
        kinds = [kind] if kind else list(TAKEDOWN_KINDS.values())
        labels = get_directory().takedown.get("button_titles", {})
        buttons = [{"title": labels.get(k, "Redactar la solicitud de retiro"),
                    "payload": f'/ask_report_platform{{"topic": "takedown_{k}"}}'} for k in kinds]
        dispatcher.utter_message(response="utter_offer_takedown_text", buttons=buttons)
        if not tracker.get_slot("country"):
            dispatcher.utter_message(response="utter_ask_country")
            return [SlotSet("topic", "ask_report_platform"), SlotSet("awaiting", "country"),
                    SlotSet("steps_given", False)]
        return [SlotSet("topic", None), SlotSet("steps_given", False)]


class ActionHumanContact(Action):
    """``action_human_contact``: the deployer's human team, or where people can help."""

    def name(self) -> str:
        return "action_human_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        disclose_if_first(dispatcher, tracker)
        contact = human_contact(tracker.get_slot("country"))
        if contact is not None:
            say(dispatcher, render_services([contact]))
            return []
        if not tracker.get_slot("country"):
            dispatcher.utter_message(response="utter_no_human_team_ask_country")
            return [SlotSet("topic", "request_human"), SlotSet("awaiting", "country")]
        dispatcher.utter_message(response="utter_no_human_team")
        say(dispatcher, answers.people_who_help(tracker))
        return []
