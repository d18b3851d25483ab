"""Actions that explain the law: the rights in this case, and general legal questions."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import case_facts, disclose_if_first, say
from rasa_sdk.events import SlotSet

from bot.rules import TOPICS, consent_definition, explain_rights, explain_rights_details, legal_info

#: Entity value (from a button) asking for the details of the rights.
DETAILS = "rights_details"
#: Whose legal definition of consent is shown as an example when the country is unknown.
CONSENT_EXAMPLE_COUNTRY = "CL"
#: What the person may accept after a legal answer ("¿te indico dónde pedir orientación?").
OFFER = SlotSet("awaiting", "legal_help")


class ActionExplainRights(Action):
    """``action_explain_rights``: which conduct this is and which provisions apply."""

    def name(self) -> str:
        return "action_explain_rights"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        facts = case_facts(tracker)
        if facts is None:
            say(dispatcher, legal_info(tracker.get_slot("country")))
            return []
        say(dispatcher, explain_rights(facts))
        dispatcher.utter_message(response="utter_more_help")
        return [OFFER]


class ActionLegalInfo(Action):
    """``action_legal_info``: answer ``ask_legal_info`` (details of the case when one is known)."""

    def name(self) -> str:
        return "action_legal_info"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        disclose_if_first(dispatcher, tracker)
        facts = case_facts(tracker)
        topic = next(tracker.get_latest_entity_values("topic"), None)
        legal_topic = next(tracker.get_latest_entity_values("legal_topic"), None)
        if topic == DETAILS and facts is not None:
            say(dispatcher, explain_rights_details(facts))
        elif legal_topic == "consent" and not tracker.get_slot("country"):
            # No country yet: Chile's bill as an example of how a law can define consent.
            say(dispatcher, consent_definition(CONSENT_EXAMPLE_COUNTRY))
        elif legal_topic in TOPICS:
            say(dispatcher, legal_info(facts or tracker.get_slot("country"), topic=legal_topic))
        elif facts is not None and facts.country:
            say(dispatcher, explain_rights(facts))
            dispatcher.utter_message(response="utter_offer_rights_details")
        else:
            say(dispatcher, legal_info(facts or tracker.get_slot("country")))
        if not tracker.get_slot("country"):
            dispatcher.utter_message(response="utter_ask_country")
            return [SlotSet("awaiting", "country"), SlotSet("topic", "ask_legal_info")]
        return [OFFER]
