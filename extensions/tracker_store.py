"""Where conversations are kept, and for how little time.

``PrivateTrackerStore`` wraps an in-memory store (default: nothing on disk) or Rasa's SQL
store (production: PostgreSQL, see docs/operations.md) and adds these rules:

* **Redaction**: phone numbers, e-mails, street addresses and ID numbers are replaced by
  tokens (``bot.privacy.redact``) in what the person wrote — the text, the parse data, the
  entities of a typed ``/intent{...}`` and any metadata — and in text slot values, before
  anything is stored. Only events not yet redacted are redacted on each save.
* **A short window**: a conversation keeps at most ``MAX_STORED_EVENTS`` events; past that
  it is trimmed to its slots (facts, and what was already said) plus the last
  ``KEEP_EVENTS`` events. So a turn costs the same at turn 300 as at turn 10, and what Rasa
  sends to the action server stays small.
* **Expiry**: a conversation whose last event is older than ``ACOMPANA_RETENTION_HOURS``
  (default 24) is erased when it is next read, and by a sweep over all conversations at
  most every ``SWEEP_INTERVAL_SECONDS`` (incremental: it yields to other turns).
* **A cap** (memory only): at most ``MAX_CONVERSATIONS_IN_MEMORY`` conversations; at the cap,
  the one idle longest is erased to make room (it is the one that would expire first; a
  new person is never refused).
* **Erase on request**: when a conversation restarts (``delete_my_data`` →
  ``action_restart``, or ``/borrar`` on Telegram), everything stored before is deleted.
* **Fail closed**: Rasa wraps every tracker store in ``FailSafeTrackerStore``, which, when
  the database fails, keeps the conversation in memory (outside retention and erase) and
  turns a failed read into a blank conversation. :func:`install_fail_closed` stops Rasa
  3.6 from wrapping this store: a failing database makes the turn fail, and the connector
  answers with its kind ``error_fallback``; nothing is kept anywhere else.

Configured in ``endpoints.yml`` (``tracker_store: type: extensions.tracker_store.PrivateTrackerStore``).
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from typing import Any, Iterable, Optional, Text

import rasa
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import redact
from extensions import metrics
from bot.settings import load_settings

logger = logging.getLogger(__name__)

#: Least time between two sweeps for expired conversations.
SWEEP_INTERVAL_SECONDS = 300

#: Conversations handled between two yields to the event loop during a sweep.
SWEEP_BATCH = 200

#: Most events kept per conversation; past this it is trimmed to ``KEEP_EVENTS``.
MAX_STORED_EVENTS = 120

#: Events kept after a trim (about eight turns), after the slots.
KEEP_EVENTS = 60

#: Most conversations kept by the in-memory backend (~10 KB each).
MAX_CONVERSATIONS_IN_MEMORY = 20_000

#: Rasa versions whose ``Agent._create_tracker_store`` :func:`install_fail_closed` replaces.
FAIL_CLOSED_RASA_VERSIONS = ("3.6.",)


def scrub_value(value: Any) -> Any:
    """A copy of ``value`` (metadata, entities) with every string redacted."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: scrub_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub_value(item) for item in value]
    return value


def redact_event(event: Event) -> Event:
    """Remove personal data from what the person wrote in ``event`` (in place); return it."""
    if isinstance(event, UserUttered):
        if event.text:
            event.text = redact(event.text)
        if isinstance(event.parse_data, dict):
            # Entities of a typed "/intent{...}", a copy of the metadata, ranking texts...
            event.parse_data = scrub_value(event.parse_data)
            if event.parse_data.get("text"):
                event.parse_data["text"] = event.text
        if getattr(event, "entities", None):
            event.entities = scrub_value(event.entities)
        if event.metadata:
            event.metadata = scrub_value(event.metadata)
    elif isinstance(event, SlotSet) and isinstance(event.value, (str, list, dict)):
        event.value = scrub_value(event.value)
    return event


def events_after_last_restart(events: list[Event]) -> Optional[list[Event]]:
    """Events after the last ``Restarted``, or None when the conversation never restarted."""
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], Restarted):
            return events[index + 1:]
    return None


def trimmed_events(tracker: DialogueStateTracker, *, keep: int = KEEP_EVENTS) -> list[Event]:
    """The conversation as its slots and active form plus its last ``keep`` events.

    The kept part starts at the ``action_listen`` before a person's message, so every turn
    in it is whole; the slots come first, with their current values.
    """
    events = list(tracker.events)
    start = max(0, len(events) - keep)
    while start < len(events) and not (
            isinstance(events[start], ActionExecuted)
            and events[start].action_name == "action_listen"
            and start + 1 < len(events) and isinstance(events[start + 1], UserUttered)):
        start += 1
    if start >= len(events):
        start = max(0, len(events) - keep)
    tail = events[start:]
    at = tail[0].timestamp if tail else time.time()
    head: list[Event] = [ActionExecuted("action_session_start", timestamp=at),
                         SessionStarted(timestamp=at)]
    for slot in tracker.slots.values():
        if slot.value != slot.initial_value:
            head.append(SlotSet(slot.name, slot.value, timestamp=at))
    if tracker.active_loop_name:
        head.append(ActiveLoop(tracker.active_loop_name, timestamp=at))
    return head + tail


class _BoundedMemoryStore(InMemoryTrackerStore):
    """Rasa's in-memory store, with the time of each conversation's last event, and a cap."""

    def __init__(self, domain: Optional[Domain], *, max_conversations: int) -> None:
        super().__init__(domain)
        self.store: "OrderedDict[Text, Text]" = OrderedDict()
        self.last_event_at: dict[Text, float] = {}
        self.max_conversations = max_conversations

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        self.store.move_to_end(tracker.sender_id)
        self.last_event_at[tracker.sender_id] = tracker.events[-1].timestamp if tracker.events \
            else time.time()
        evicted = 0
        while len(self.store) > self.max_conversations:
            oldest, _ = self.store.popitem(last=False)
            self.last_event_at.pop(oldest, None)
            evicted += 1
        if evicted:
            logger.warning("in-memory tracker store full (%d): %d idle conversation(s) erased",
                           self.max_conversations, evicted)

    def drop(self, sender_id: Text) -> None:
        self.store.pop(sender_id, None)
        self.last_event_at.pop(sender_id, None)


class PrivateTrackerStore(TrackerStore):
    """A tracker store that redacts, bounds, expires and erases (see the module docstring).

    Args:
        backend: ``"memory"`` (default) or ``"sql"``; other keyword arguments go to
            Rasa's ``SQLTrackerStore`` (dialect, host, port, db, username, password).
        retention_hours: overrides ``ACOMPANA_RETENTION_HOURS``.
        max_conversations: cap of the in-memory backend.
        max_events: most events stored per conversation before it is trimmed.
    """

    def __init__(self, domain: Optional[Domain] = None, *, backend: str = "memory",
                 retention_hours: Optional[float] = None, event_broker: Any = None,
                 host: Optional[str] = None,
                 max_conversations: int = MAX_CONVERSATIONS_IN_MEMORY,
                 max_events: int = MAX_STORED_EVENTS, keep_events: int = KEEP_EVENTS,
                 **kwargs: Any) -> None:
        super().__init__(domain, event_broker, **kwargs)
        if backend == "sql":
            self._inner: TrackerStore = SQLTrackerStore(domain, host=host, **kwargs)
        elif backend == "memory":
            self._inner = _BoundedMemoryStore(domain, max_conversations=int(max_conversations))
        else:
            raise ValueError(f"tracker_store backend must be 'memory' or 'sql', not {backend!r}")
        hours = retention_hours if retention_hours is not None else load_settings().retention_hours
        self.retention_seconds = float(hours) * 3600
        self.max_events = int(max_events)
        self.keep_events = min(int(keep_events), self.max_events)
        self._last_sweep = 0.0
        self._sweeping = False
        # How many leading events of each conversation are already redacted (a hint: when
        # unknown, e.g. on another server, everything is redacted again, which is harmless).
        self._redacted: "OrderedDict[Text, int]" = OrderedDict()

    @property
    def domain(self) -> Domain:
        """The domain (shared with the wrapped store)."""
        return self._domain

    @domain.setter
    def domain(self, domain: Optional[Domain]) -> None:
        self._domain = domain or Domain.empty()
        if hasattr(self, "_inner"):
            self._inner.domain = self._domain

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the conversation redacted and bounded; a restart erases everything before it.

        Only the events added since the last save are redacted (in place: the turn is over
        when Rasa saves, and redacting an already redacted text changes nothing).
        """
        sender_id = tracker.sender_id
        events = list(tracker.events)
        kept = events_after_last_restart(events)
        rebuilt = False
        if kept is not None and len(kept) < len(events):
            await self.delete(sender_id)
            logger.info("conversation erased on request")
            tracker = DialogueStateTracker.from_events(sender_id, kept, slots=self.domain.slots)
            rebuilt = True
        done = 0 if rebuilt else min(self._redacted.get(sender_id, 0), len(tracker.events))
        new_events = list(tracker.events)[done:]
        for event in new_events:
            redact_event(event)
        metrics.count_new_events(new_events)
        if len(tracker.events) > self.max_events:
            tracker = DialogueStateTracker.from_events(
                sender_id, trimmed_events(tracker, keep=self.keep_events),
                slots=self.domain.slots)
            if isinstance(self._inner, SQLTrackerStore):
                # The SQL store only appends; a trimmed conversation is written anew.
                await self.delete(sender_id)
        await self._inner.save(tracker)
        self._remember_redacted(sender_id, len(tracker.events))
        await self._sweep_if_due()

    def _remember_redacted(self, sender_id: Text, count: int) -> None:
        self._redacted[sender_id] = count
        self._redacted.move_to_end(sender_id)
        while len(self._redacted) > MAX_CONVERSATIONS_IN_MEMORY:
            self._redacted.popitem(last=False)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The conversation, unless it expired (then it is erased and None returned)."""
        return await self._unless_expired(sender_id, await self._inner.retrieve(sender_id))

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        """The whole conversation (all sessions), unless it expired."""
        tracker = await self._inner.retrieve_full_tracker(conversation_id)
        return await self._unless_expired(conversation_id, tracker)

    async def _unless_expired(self, sender_id: Text, tracker: Optional[DialogueStateTracker]
                              ) -> Optional[DialogueStateTracker]:
        if tracker is not None and self._expired(tracker):
            await self.delete(sender_id)
            return None
        return tracker

    async def keys(self) -> Iterable[Text]:
        """Ids of the stored conversations."""
        return await self._inner.keys()

    async def delete(self, sender_id: Text) -> None:
        """Erase every stored event of one conversation."""
        self._redacted.pop(sender_id, None)
        if isinstance(self._inner, _BoundedMemoryStore):
            self._inner.drop(sender_id)
            return
        if isinstance(self._inner, SQLTrackerStore):
            with self._inner.session_scope() as session:
                session.query(self._inner.SQLEvent).filter(
                    self._inner.SQLEvent.sender_id == sender_id).delete()
                session.commit()

    async def sweep(self, *, now: Optional[float] = None) -> int:
        """Erase every expired conversation; return how many were erased.

        In memory, only the time of each conversation's last event is read (nothing is
        deserialised) and the event loop gets a turn every ``SWEEP_BATCH`` conversations.
        In SQL, the database finds the expired ones; they are deleted in a worker thread.
        """
        now = now if now is not None else time.time()
        cutoff = now - self.retention_seconds
        if isinstance(self._inner, SQLTrackerStore):
            return await asyncio.to_thread(self._sweep_sql, cutoff)
        erased = 0
        inner = self._inner
        assert isinstance(inner, _BoundedMemoryStore)
        for count, sender_id in enumerate(list(inner.last_event_at)):
            if count and count % SWEEP_BATCH == 0:
                await asyncio.sleep(0)
            last = inner.last_event_at.get(sender_id)
            if last is not None and last < cutoff:
                await self.delete(sender_id)
                erased += 1
        return erased

    def _sweep_sql(self, cutoff: float) -> int:
        import sqlalchemy as sa

        event = self._inner.SQLEvent
        with self._inner.session_scope() as session:
            stale = (session.query(event.sender_id).group_by(event.sender_id)
                     .having(sa.func.max(event.timestamp) < cutoff).all())
            ids = [row[0] for row in stale]
            for start in range(0, len(ids), SWEEP_BATCH):
                session.query(event).filter(event.sender_id.in_(ids[start:start + SWEEP_BATCH])
                                            ).delete(synchronize_session=False)
                session.commit()
        return len(ids)

    async def _sweep_if_due(self) -> None:
        now = time.time()
        if self._sweeping or now - self._last_sweep < SWEEP_INTERVAL_SECONDS:
            return
        self._last_sweep = now
        self._sweeping = True
        try:
            erased = await self.sweep(now=now)
        finally:
            self._sweeping = False
        if erased:
            logger.info("retention sweep erased %d conversation(s)", erased)

    @staticmethod
    def _last_time(tracker: DialogueStateTracker) -> float:
        return tracker.events[-1].timestamp if tracker.events else 0.0

    def _expired(self, tracker: DialogueStateTracker) -> bool:
        return self._last_time(tracker) < time.time() - self.retention_seconds


def install_fail_closed() -> bool:
    """Stop Rasa from wrapping a ``PrivateTrackerStore`` in ``FailSafeTrackerStore``.

    Guarded by ``rasa.__version__`` (``FAIL_CLOSED_RASA_VERSIONS``): on another version
    nothing is changed and a warning says so. Returns whether the change is in place.
    """
    from rasa.core.agent import Agent

    if getattr(Agent._create_tracker_store, "_acompana_fail_closed", False):
        return True
    if not rasa.__version__.startswith(FAIL_CLOSED_RASA_VERSIONS):
        logger.warning("tracker store: Rasa %s is not %s; a failing database falls back to "
                       "memory (check extensions/tracker_store.py)", rasa.__version__,
                       "/".join(FAIL_CLOSED_RASA_VERSIONS))
        return False
    original = Agent._create_tracker_store

    def create_tracker_store(store: Optional[TrackerStore], domain: Domain) -> TrackerStore:
        if isinstance(store, PrivateTrackerStore):
            store.domain = domain
            return store
        return original(store, domain)

    create_tracker_store._acompana_fail_closed = True  # type: ignore[attr-defined]
    Agent._create_tracker_store = staticmethod(create_tracker_store)  # type: ignore[assignment]
    return True


install_fail_closed()
