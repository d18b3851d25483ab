"""Where conversations are kept, and for how little time.

``PrivateTrackerStore`` wraps Rasa's in-memory store (default: nothing on disk) or its SQL
store (production: PostgreSQL, see README) and adds three rules:

* **Redaction**: phone numbers, e-mails, street addresses and ID numbers are replaced by
  tokens (``bot.safety.redact``) in what the person wrote before anything is stored.
* **Expiry**: a conversation whose last event is older than ``ACOMPANA_RETENTION_HOURS``
  (default 24) is erased: when it is next read, and by a sweep over all conversations at
  most every ``SWEEP_INTERVAL_SECONDS``.
* **Erase on request**: when a conversation restarts (``delete_my_data`` → ``action_restart``,
  or ``/borrar`` on Telegram), everything stored before the restart is deleted at once.

Configured in ``endpoints.yml`` (``tracker_store: type: extensions.tracker_store.PrivateTrackerStore``).
"""
from __future__ import annotations

import logging
import time
from typing import Any, Iterable, Optional, Text

from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.safety import redact
from bot.settings import load_settings

logger = logging.getLogger(__name__)

#: Least time between two sweeps for expired conversations.
SWEEP_INTERVAL_SECONDS = 300


def redact_event(event: Event) -> Event:
    """Remove personal data from what the person wrote in ``event`` (in place); return it."""
    if isinstance(event, UserUttered) and event.text:
        event.text = redact(event.text)
        if isinstance(event.parse_data, dict) and event.parse_data.get("text"):
            event.parse_data["text"] = event.text
    return event


def events_after_last_restart(events: list[Event]) -> Optional[list[Event]]:
    """Events after the last ``Restarted``, or None when the conversation never restarted."""
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], Restarted):
            return events[index + 1:]
    return None


class PrivateTrackerStore(TrackerStore):
    """A tracker store that redacts, expires and erases (see the module docstring).

    Args:
        backend: ``"memory"`` (default) or ``"sql"``; other keyword arguments go to
            Rasa's ``SQLTrackerStore`` (dialect, host, port, db, username, password).
        retention_hours: overrides ``ACOMPANA_RETENTION_HOURS``.
    """

    def __init__(self, domain: Optional[Domain] = None, *, backend: str = "memory",
                 retention_hours: Optional[float] = None, event_broker: Any = None,
                 host: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(domain, event_broker, **kwargs)
        if backend == "sql":
            self._inner: TrackerStore = SQLTrackerStore(domain, host=host, **kwargs)
        elif backend == "memory":
            self._inner = InMemoryTrackerStore(domain)
        else:
            raise ValueError(f"tracker_store backend must be 'memory' or 'sql', not {backend!r}")
        hours = retention_hours if retention_hours is not None else load_settings().retention_hours
        self.retention_seconds = float(hours) * 3600
        self._last_sweep = 0.0

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
        """Store the conversation redacted; a restart erases everything before it.

        The events are redacted in place: the turn is over when Rasa saves, and redacting an
        already redacted text changes nothing.
        """
        events = list(tracker.events)
        kept = events_after_last_restart(events)
        if kept is not None and len(kept) < len(events):
            await self.delete(tracker.sender_id)
            logger.info("conversation erased on request")
            tracker = DialogueStateTracker.from_events(tracker.sender_id, kept,
                                                       slots=self.domain.slots)
        for event in tracker.events:
            redact_event(event)
        await self._inner.save(tracker)
        await self._sweep_if_due()

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
        if isinstance(self._inner, InMemoryTrackerStore):
            self._inner.store.pop(sender_id, None)
            return
        if isinstance(self._inner, SQLTrackerStore):
            with self._inner.session_scope() as session:
                session.query(self._inner.SQLEvent).filter(
                    self._inner.SQLEvent.sender_id == sender_id).delete()
                session.commit()

    async def sweep(self, *, now: Optional[float] = None) -> int:
        """Erase every expired conversation; return how many were erased."""
        now = now if now is not None else time.time()
        cutoff = now - self.retention_seconds
        if isinstance(self._inner, SQLTrackerStore):
            return self._sweep_sql(cutoff)
        erased = 0
        for sender_id in list(await self._inner.keys()):
            tracker = await self._inner.retrieve(sender_id)
            if tracker is None or self._last_time(tracker) < cutoff:
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
            if ids:
                session.query(event).filter(event.sender_id.in_(ids)).delete(
                    synchronize_session=False)
                session.commit()
        return len(ids)

    async def _sweep_if_due(self) -> None:
        now = time.time()
        if now - self._last_sweep >= SWEEP_INTERVAL_SECONDS:
            self._last_sweep = now
            erased = await self.sweep(now=now)
            if erased:
                logger.info("retention sweep erased %d conversation(s)", erased)

    @staticmethod
    def _last_time(tracker: DialogueStateTracker) -> float:
        return max((e.timestamp for e in tracker.events), default=0.0)

    def _expired(self, tracker: DialogueStateTracker) -> bool:
        return self._last_time(tracker) < time.time() - self.retention_seconds
