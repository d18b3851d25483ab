"""Helpers every action uses: read the case from the tracker, speak to the person."""
from __future__ import annotations

import re
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.extract import blames_self, offers_images, thinks_of_confronting
from bot.facts import CaseFacts, INCIDENTS

#: Slots whose value is a boolean fact of the case.
BOOL_FACTS = ("via_group", "profit", "impersonation_to_obtain", "several_aggressors")
#: A link in the person's message (used for the takedown text, never stored in a slot).
LINK = re.compile(r"(?:https?://|t\.me/|www\.)\S+", re.IGNORECASE)


def case_facts(tracker: Tracker, *, incident: Optional[str] = None) -> Optional[CaseFacts]:
    """The case as the slots describe it, or None when no incident is known."""
    incident = incident or tracker.get_slot("incident")
    if incident not in INCIDENTS:
        return None
    age = tracker.get_slot("victim_age")
    return CaseFacts(
        incident,
        country=tracker.get_slot("country"),
        region=tracker.get_slot("region"),
        victim_is_minor=tracker.get_slot("victim_is_minor"),
        victim_age=int(age) if isinstance(age, (int, float)) else None,
        relationship=tracker.get_slot("aggressor_relationship"),
        spread=tracker.get_slot("spread"),
        consent_to_capture=tracker.get_slot("consent_to_capture"),
        platform=tracker.get_slot("platform"),
        **{name: bool(tracker.get_slot(name)) for name in BOOL_FACTS},
    )


def latest_intent(tracker: Tracker) -> str:
    """Name of the intent of the person's last message."""
    return (tracker.latest_message or {}).get("intent", {}).get("name") or ""


def latest_text(tracker: Tracker) -> str:
    """What the person wrote last."""
    return (tracker.latest_message or {}).get("text") or ""


def latest_link(tracker: Tracker) -> Optional[str]:
    """A link the person wrote in their last message, if any."""
    match = LINK.search((tracker.latest_message or {}).get("text") or "")
    return match.group(0) if match else None


def is_first_reply(tracker: Tracker) -> bool:
    """True when the bot has not said anything yet in this conversation session."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return False
        if event.get("event") == "session_started":
            return True
    return True


def disclose_if_first(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Start a reply with what must come first: what the bot is and what it keeps (first
    reply), that images are not needed (when offered), that it was not their fault (when
    the person blames themselves), not to confront or pay the aggressor (when considered)."""
    if is_first_reply(tracker):
        dispatcher.utter_message(response="utter_disclosure")
    text = latest_text(tracker)
    if offers_images(text):
        dispatcher.utter_message(response="utter_no_images")
    if blames_self(text):
        dispatcher.utter_message(response="utter_not_your_fault")
    if thinks_of_confronting(text):
        dispatcher.utter_message(response="utter_dont_confront")


def say(dispatcher: CollectingDispatcher, text: str, buttons: Optional[list[dict[str, Any]]] = None) -> None:
    """Send a text (with optional buttons)."""
    dispatcher.utter_message(text=text, buttons=buttons or [])
