"""The ids of each chat's recent messages, so that ``/borrar`` can delete them (memory only)."""
from __future__ import annotations

from collections import OrderedDict

#: Telegram lets a bot delete a message of a private chat (its own or the person's) for this
#: long after it was sent (Bot API, ``deleteMessage``).
DELETABLE_SECONDS = 48 * 3600

#: Message ids remembered per chat, and chats remembered, for ``/borrar``.
RECENT_MESSAGES_PER_CHAT = 200
RECENT_MESSAGES_CHATS = 10_000


class RecentMessages:
    """Ids of the messages of each chat that can still be deleted (in memory only).

    Only numbers are kept: a hashed chat key and Telegram's message ids with the time they
    were seen, at most ``per_chat`` per chat and ``max_chats`` chats (least recently used
    forgotten first), none older than ``DELETABLE_SECONDS``. Lost on restart.
    """

    def __init__(self, *, per_chat: int = RECENT_MESSAGES_PER_CHAT,
                 max_chats: int = RECENT_MESSAGES_CHATS) -> None:
        self._per_chat = per_chat
        self._max_chats = max_chats
        self._chats: OrderedDict[str, list[tuple[int, float]]] = OrderedDict()

    def remember(self, chat_key: str, message_id: int, now: float) -> None:
        """Note that ``message_id`` was sent in the chat at ``now`` (seconds)."""
        ids = self._chats.setdefault(chat_key, [])
        self._chats.move_to_end(chat_key)
        ids.append((message_id, now))
        del ids[:-self._per_chat]
        while len(self._chats) > self._max_chats:
            self._chats.popitem(last=False)

    def take(self, chat_key: str, now: float) -> list[int]:
        """Forget the chat and return its ids that can still be deleted, newest first."""
        ids = self._chats.pop(chat_key, [])
        return sorted({mid for mid, seen in ids if now - seen < DELETABLE_SECONDS},
                      reverse=True)
