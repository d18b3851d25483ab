"""What is kept of a conversation: redacted, erased on request, gone after the retention time."""
from __future__ import annotations

import asyncio
import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.tracker_store import PrivateTrackerStore


def conversation(sender: str, *texts: str, at: float | None = None) -> DialogueStateTracker:
    events = []
    for text in texts:
        events.append(UserUttered(text, {"name": "inform"}, parse_data={"text": text},
                                  timestamp=at or time.time()))
        events.append(BotUttered("ok", timestamp=at or time.time()))
    return DialogueStateTracker.from_events(sender, events)


@pytest.fixture(params=["memory", "sql"])
def store(request, tmp_path) -> PrivateTrackerStore:
    if request.param == "sql":
        return PrivateTrackerStore(Domain.empty(), backend="sql", dialect="sqlite",
                                   db=str(tmp_path / "t.db"), retention_hours=24)
    return PrivateTrackerStore(Domain.empty(), retention_hours=24)


def stored_texts(store: PrivateTrackerStore, sender: str) -> list[str]:
    tracker = asyncio.run(store.retrieve(sender))
    return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []


def test_phone_email_and_address_are_redacted_before_storing(store):
    asyncio.run(store.save(conversation(
        "ana", "mi número es +56 9 1234 5678, correo ana.perez@gmail.com, vivo en Av. Libertador 1234")))
    [text] = stored_texts(store, "ana")
    assert "1234 5678" not in text and "ana.perez" not in text and "Libertador 1234" not in text
    assert "[teléfono]" in text and "[correo]" in text


def test_restart_erases_everything_said_before(store):
    tracker = conversation("bea", "me pasó algo muy privado")
    asyncio.run(store.save(tracker))
    tracker.update(Restarted())
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    assert stored_texts(store, "bea") == []


def test_conversation_older_than_retention_is_gone_when_read(store):
    asyncio.run(store.save(conversation("caro", "hola", at=time.time() - 25 * 3600)))
    assert asyncio.run(store.retrieve("caro")) is None


def test_sweep_erases_only_expired_conversations(store):
    store._last_sweep = time.time()  # no automatic sweep during this test's saves
    asyncio.run(store.save(conversation("old", "hola", at=time.time() - 30 * 3600)))
    asyncio.run(store.save(conversation("new", "hola")))
    erased = asyncio.run(store.sweep())
    assert erased == 1
    assert set(asyncio.run(store.keys())) == {"new"}


def test_saving_sweeps_expired_conversations_of_other_people(store):
    store._last_sweep = time.time()
    asyncio.run(store.save(conversation("old", "hola", at=time.time() - 30 * 3600)))
    store._last_sweep = 0.0
    asyncio.run(store.save(conversation("new", "hola")))
    assert set(asyncio.run(store.keys())) == {"new"}
