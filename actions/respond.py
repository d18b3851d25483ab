"""``action_respond``: the one adapter between Rasa and ``bot.dialogue.respond``."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue import Case, History, fold, respond
from bot.dialogue.buttons import reading_from_parse
from bot.dialogue.model import HISTORY_SLOT, fields_of_case
from bot.reading.model import Reading

#: Blocks the policy already sent as domain responses before this action.
RISK_RESPONSES = {"crisis": "utter_crisis", "danger": "utter_danger"}


def read_message(message: dict[str, Any]) -> Reading:
    """The message's Reading; a button payload skipped the pipeline: read its intent."""
    if message.get("reading"):
        return Reading.from_dict(message["reading"])
    return reading_from_parse(message)


def sent_this_turn(tracker: Tracker) -> set[str]:
    """Domain responses sent since the person's last message."""
    sent: set[str] = set()
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "action":
            sent.add(event.get("name"))
    return sent


class ActionRespond(Action):
    """Read slots and history, call ``respond()``, send its messages, return the new slots."""

    def name(self) -> str:
        return "action_respond"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        case = Case.from_slots({name: tracker.get_slot(name) for name in fields_of_case()})
        history = History.from_dict(tracker.get_slot(HISTORY_SLOT))
        reply = respond(read_message(tracker.latest_message or {}), case, history)
        skip = {block for block, response in RISK_RESPONSES.items()
                if response in sent_this_turn(tracker)}
        for message in reply.messages:
            if message.block not in skip:
                dispatcher.utter_message(text=message.text, buttons=[
                    {"title": b.title, "payload": b.payload} for b in message.buttons])
        if reply.restart:
            return [Restarted()]
        new_case, new_history = fold(case, history, reply)
        return [SlotSet(name, value) for name, value in reply.updates] + [
            SlotSet(HISTORY_SLOT, new_history.to_dict())]
