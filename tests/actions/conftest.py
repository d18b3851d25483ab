"""A hand-built tracker, as the action server receives it from Rasa."""
from __future__ import annotations

from typing import Any, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.dialogue.model import fields_of_case

SLOTS = (*fields_of_case(), "said")


def make_tracker(intent: str, text: str = "", *, entities: Optional[list[dict]] = None,
                 reading: Optional[dict] = None, after: tuple[str, ...] = (),
                 **slots: Any) -> Tracker:
    """A tracker whose last message has ``intent`` (and ``reading``), then the actions ``after``."""
    latest = {"intent": {"name": intent, "confidence": 1.0}, "text": text,
              "entities": entities or []}
    if reading is not None:
        latest["reading"] = reading
    events: list[dict[str, Any]] = [{"event": "session_started"},
                                    {"event": "user", "text": text, "parse_data": latest}]
    events += [{"event": "action", "name": name} for name in after]
    return Tracker(
        sender_id="test",
        slots={name: slots.get(name) for name in SLOTS},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=after[-1] if after else "action_listen",
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()
