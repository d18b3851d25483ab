"""A Redis lock store that stays correct when several Rasa servers share one Redis.

Rasa 3.6's ``RedisLockStore`` reads a conversation's lock from Redis, changes it in Python and
writes it back. When two servers receive a message of the same conversation at the same moment,
both read "no lock", both take ticket 0 and both handle the conversation at once: one of the two
messages is lost from the tracker store, or the other server deletes the lock while the first
still waits for it and the person gets the "technical problem" answer (RasaHQ/rasa#9213; the fix
upstream went to Rasa Pro only). ``scripts/scaleout_check.sh`` shows it.

``AtomicRedisLockStore`` keeps Rasa's ticket lock (first come, first served) but makes every
change of a lock one Redis transaction (WATCH / MULTI / EXEC), retried when another server
changed the same lock in between. Configured in ``deploy/endpoints.production.yml``::

    lock_store:
      type: extensions.lock_store.AtomicRedisLockStore
      url: ${ACOMPANA_REDIS_HOST}
      port: ${ACOMPANA_REDIS_PORT}
      db: ${ACOMPANA_REDIS_DB}
      key_prefix: acompana
"""
from __future__ import annotations

import json
import logging
from typing import Any, Callable, Optional, Text, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

#: Times one change of a lock is retried when other servers keep changing it at the same time.
MAX_ATTEMPTS = 50

Result = TypeVar("Result")
#: A change of a lock: the lock as stored (None: no lock) → (lock to store or None, result).
Change = Callable[[Optional[TicketLock]], "tuple[Optional[TicketLock], Result]"]


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's ``RedisLockStore`` with each read-change-write of a lock done atomically."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        """Rasa builds custom lock stores with ``endpoint_config`` (``url`` is the host)."""
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: Text, change: Change) -> Result:
        """Apply ``change`` to the stored lock in one transaction; retry if it raced."""
        import redis

        key = self.key_prefix + conversation_id
        for _ in range(MAX_ATTEMPTS):
            with self.red.pipeline() as pipe:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new_lock, result = change(lock)
                    pipe.multi()
                    if new_lock is None or not new_lock.is_someone_waiting():
                        pipe.delete(key)
                    else:
                        pipe.set(key, new_lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue
        raise LockError(f"Could not update the lock of a conversation after {MAX_ATTEMPTS} attempts.")

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Take the next ticket of the conversation's queue (creating the lock if needed)."""
        def take(lock: Optional[TicketLock]) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        return self._change(conversation_id, take)

    def update_lock(self, conversation_id: Text) -> None:
        """Drop expired tickets (a server that died while holding the lock)."""
        def drop_expired(lock: Optional[TicketLock]) -> tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        """Remove a served ticket."""
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Remove a served ticket, and the lock itself once nobody else is waiting."""
        def remove(lock: Optional[TicketLock]) -> tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, remove)
