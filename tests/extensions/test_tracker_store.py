"""What is kept of a conversation: redacted, erased on request, gone after the retention time."""
from __future__ import annotations

import asyncio
import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from extensions.tracker_store import PrivateTrackerStore, install_fail_closed


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


# -- what is redacted ----------------------------------------------------------------------

def test_metadata_and_typed_entities_are_redacted_before_storing(store):
    text = '/inform{"phone": "+56 9 1234 5678", "email": "ana.perez@gmail.com"}'
    event = UserUttered(text, {"name": "inform"},
                        entities=[{"entity": "phone", "value": "+56 9 1234 5678"}],
                        parse_data={"text": text, "intent": {"name": "inform"},
                                    "entities": [{"entity": "phone", "value": "+56 9 1234 5678"}]},
                        metadata={"contact": {"mail": "ana.perez@gmail.com"}})
    asyncio.run(store.save(DialogueStateTracker.from_events("dani", [event])))
    stored = asyncio.run(store.retrieve("dani"))
    dumped = str(stored.current_state()) + str([e.as_dict() for e in stored.events])
    assert "1234 5678" not in dumped and "ana.perez" not in dumped
    assert "[teléfono]" in dumped


def test_text_slot_values_are_redacted(store):
    events = [SlotSet("said", ["llámame al +56 9 1234 5678"]), SlotSet("country", "CL")]
    asyncio.run(store.save(DialogueStateTracker.from_events("eli", events)))
    stored = asyncio.run(store.retrieve("eli"))
    values = {e.key: e.value for e in stored.events if isinstance(e, SlotSet)}
    assert values == {"said": ["llámame al [teléfono]"], "country": "CL"}


def test_each_save_redacts_only_the_new_events(monkeypatch):
    import extensions.tracker_store as module

    store = PrivateTrackerStore(Domain.empty(), retention_hours=24)
    seen: list[str] = []
    real = module.redact
    monkeypatch.setattr(module, "redact", lambda text: seen.append(text) or real(text))
    tracker = conversation("fer", "uno")
    asyncio.run(store.save(tracker))
    tracker = asyncio.run(store.retrieve("fer"))
    tracker.update(UserUttered("dos", {"name": "inform"}, parse_data={"text": "dos"}))
    seen.clear()
    asyncio.run(store.save(tracker))
    assert "dos" in seen and "uno" not in seen and "ok" not in seen


# -- a turn costs the same at turn 300 as at turn 10 ---------------------------------------

def test_long_conversation_is_trimmed_to_its_slots_and_last_turns():
    domain = Domain.from_dict({"slots": {"country": {"type": "text", "mappings": [
        {"type": "custom"}]}}})
    store = PrivateTrackerStore(domain, retention_hours=24, max_events=40, keep_events=20)
    tracker = DialogueStateTracker.from_events("gabi", [SlotSet("country", "CL")],
                                               slots=domain.slots)
    for turn in range(300):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"mensaje {turn}", {"name": "inform"},
                                   parse_data={"text": f"mensaje {turn}"}))
        tracker.update(BotUttered("ok"))
        asyncio.run(store.save(tracker))
        tracker = asyncio.run(store.retrieve("gabi"))
        assert len(tracker.events) <= 40
    assert tracker.get_slot("country") == "CL"
    texts = [e.text for e in tracker.events if isinstance(e, UserUttered)]
    assert texts[-1] == "mensaje 299" and "mensaje 0" not in texts
    # Every kept turn is whole: it starts with action_listen before the person's message.
    first_user = next(i for i, e in enumerate(tracker.events) if isinstance(e, UserUttered))
    assert tracker.events[first_user - 1].action_name == "action_listen"


def test_trimmed_sql_conversation_is_rewritten_not_appended(tmp_path):
    store = PrivateTrackerStore(Domain.empty(), backend="sql", dialect="sqlite",
                                db=str(tmp_path / "t.db"), retention_hours=24,
                                max_events=20, keep_events=10)
    tracker = conversation("hugo", *[f"m{i}" for i in range(30)])
    asyncio.run(store.save(tracker))
    stored = asyncio.run(store.retrieve("hugo"))
    assert len(stored.events) <= 20
    assert [e.text for e in stored.events if isinstance(e, UserUttered)][-1] == "m29"


# -- the in-memory cap and the sweep -------------------------------------------------------

def test_at_the_memory_cap_the_conversation_idle_longest_is_erased():
    store = PrivateTrackerStore(Domain.empty(), retention_hours=24, max_conversations=3)
    for sender in ("a", "b", "c", "d"):
        asyncio.run(store.save(conversation(sender, "hola")))
    assert set(asyncio.run(store.keys())) == {"b", "c", "d"}


def test_sweep_lets_other_turns_run_while_it_works():
    store = PrivateTrackerStore(Domain.empty(), retention_hours=24)
    store._last_sweep = time.time()
    old = time.time() - 30 * 3600
    for i in range(1000):
        asyncio.run(store.save(conversation(f"old{i}", "hola", at=old)))

    async def sweep_and_count() -> tuple[int, int]:
        other_turns = 0

        async def other() -> None:
            nonlocal other_turns
            while True:
                other_turns += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(other())
        await asyncio.sleep(0)
        erased = await store.sweep()
        task.cancel()
        return erased, other_turns

    erased, other_turns = asyncio.run(sweep_and_count())
    assert erased == 1000
    assert other_turns > 2  # the sweep yielded to the event loop several times


# -- fail closed -----------------------------------------------------------------------------

def test_rasa_does_not_wrap_the_store_in_its_fail_safe_fallback():
    from rasa.core.agent import Agent

    assert install_fail_closed()
    store = PrivateTrackerStore(Domain.empty(), retention_hours=24)
    assert Agent._create_tracker_store(store, Domain.empty()) is store
    # Any other store is still wrapped as Rasa does.
    from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
    assert isinstance(Agent._create_tracker_store(InMemoryTrackerStore(Domain.empty()),
                                                  Domain.empty()), FailSafeTrackerStore)


def test_fail_closed_is_skipped_with_a_warning_on_another_rasa(monkeypatch, caplog):
    from rasa.core.agent import Agent

    import extensions.tracker_store as module

    original = Agent._create_tracker_store
    monkeypatch.setattr(Agent, "_create_tracker_store", staticmethod(lambda s, d: s))
    monkeypatch.setattr(module.rasa, "__version__", "3.7.0")
    with caplog.at_level("WARNING"):
        assert module.install_fail_closed() is False
    assert "falls back to memory" in caplog.text
    monkeypatch.setattr(Agent, "_create_tracker_store", original)


def test_with_postgresql_down_a_turn_fails_instead_of_being_kept_in_memory():
    import sqlalchemy
    from rasa.core.agent import Agent

    from scripts.ports import free_port

    install_fail_closed()
    store = PrivateTrackerStore(Domain.empty(), backend="sql", dialect="postgresql",
                                host="127.0.0.1", port=free_port(), db="acompana",
                                username="nobody", password="x", retention_hours=24)
    used = Agent._create_tracker_store(store, Domain.empty())
    with pytest.raises(sqlalchemy.exc.OperationalError):
        asyncio.run(used.save(conversation("ines", "me pasó algo")))
    with pytest.raises(sqlalchemy.exc.OperationalError):
        asyncio.run(used.retrieve("ines"))
