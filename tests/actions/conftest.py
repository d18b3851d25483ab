"""A hand-built tracker, as the action server receives it from Rasa."""
from __future__ import annotations

from typing import Any, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

SLOTS = ("incident", "country", "region", "platform", "aggressor_relationship", "victim_is_minor",
         "victim_age", "age_declined", "spread", "via_group", "profit", "impersonation_to_obtain",
         "consent_to_capture", "several_aggressors", "awaiting", "topic", "steps_given",
         "steps_for", "crisis_seen")


def make_tracker(intent: str, text: str = "", *, entities: Optional[list[dict]] = None,
                 bot_spoke: bool = True, **slots: Any) -> Tracker:
    """A tracker whose last message has ``intent``; ``bot_spoke`` = not the first reply."""
    events: list[dict[str, Any]] = [{"event": "session_started"}]
    if bot_spoke:
        events.append({"event": "bot", "text": "Hola"})
    events.append({"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}})
    return Tracker(
        sender_id="test",
        slots={name: slots.get(name) for name in SLOTS},
        latest_message={"intent": {"name": intent, "confidence": 1.0}, "text": text,
                        "entities": entities or []},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def run(action, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
    """Run an action synchronously and return its events."""
    import asyncio

    return asyncio.run(action.run(dispatcher, tracker, {}))


def said(dispatcher: CollectingDispatcher) -> str:
    """Everything the action sent, texts and response names, one per line."""
    return "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)


def slot_events(events: list[dict]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
