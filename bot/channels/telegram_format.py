"""Pure helpers of the Telegram connector: reading updates, formatting replies, channel texts.

Nothing here touches the network or imports Rasa, so every rule of the connector (which update
is what, how a long reply is split, how a button payload fits in 64 bytes, how a Telegram id
becomes a Rasa sender id) can be tested with plain dictionaries. The transport lives in
``bot/channels/telegram.py``.

Telegram Bot API reference: https://core.telegram.org/bots/api (Update, Message,
CallbackQuery, InlineKeyboardButton, sendMessage).
"""
from __future__ import annotations

import enum
import hashlib
import hmac
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Optional, Sequence

from bot.channels.texts import ChannelTextsError, load_texts  # noqa: F401 - re-exported


#: Longest text of one ``sendMessage`` call ("1-4096 characters after entities parsing").
#: Counted here in UTF-16 code units, the unit Telegram uses for entity offsets, which is never
#: less than Python's ``len`` and therefore always safe.
TELEGRAM_MAX_TEXT = 4096

#: Longest ``callback_data`` of an inline keyboard button, in bytes ("1-64 bytes").
TELEGRAM_MAX_CALLBACK_DATA = 64

#: First character of a ``callback_data`` that is a key into ``CallbackPayloads`` rather than
#: the Rasa payload itself. Rasa payloads start with ``/`` (intent) or a letter, never ``~``.
CALLBACK_KEY_PREFIX = "~"

#: Hex characters of SHA-256 kept in a callback key (96 bits: collisions are not a concern
#: for a few thousand live buttons).
CALLBACK_KEY_HEX = 24

#: Long button payloads remembered at once; the oldest is forgotten first. A forgotten button
#: gets the ``button_expired`` text, never a wrong payload.
CALLBACK_MAP_MAX_ENTRIES = 4096

#: Hex characters of the HMAC kept in a Rasa sender id (128 bits).
SENDER_HASH_HEX = 32

#: Prefix of every Rasa sender id created by this connector (tells channels apart in the
#: tracker store without revealing anything about the person).
SENDER_ID_PREFIX = "tg-"

#: Telegram commands the bot understands and the Rasa message each one becomes. A message
#: starting with ``/`` is an intent for Rasa, so the connector decides which ones a person
#: may send; any other leading ``/`` is removed and the rest goes through NLU as plain text.
COMMANDS: Mapping[str, str] = MappingProxyType({
    "start": "/greet",
    "ayuda": "/greet",
    "help": "/greet",
    "borrar": "/delete_my_data",
})

#: Message fields holding a file. The connector answers them with ``media_not_kept`` and
#: never downloads them (no ``getFile``).
MEDIA_FIELDS: tuple[str, ...] = (
    "photo",
    "document",
    "video",
    "video_note",
    "animation",
    "audio",
    "voice",
    "sticker",
)

#: Message fields of service messages (a pin, a timer change, a group event): no answer.
SERVICE_FIELDS: tuple[str, ...] = (
    "new_chat_members",
    "left_chat_member",
    "new_chat_title",
    "new_chat_photo",
    "delete_chat_photo",
    "group_chat_created",
    "supergroup_chat_created",
    "channel_chat_created",
    "message_auto_delete_timer_changed",
    "migrate_to_chat_id",
    "migrate_from_chat_id",
    "pinned_message",
    "successful_payment",
    "refunded_payment",
    "users_shared",
    "chat_shared",
    "write_access_allowed",
    "connected_website",
    "proximity_alert_triggered",
    "boost_added",
    "chat_background_set",
    "forum_topic_created",
    "forum_topic_edited",
    "forum_topic_closed",
    "forum_topic_reopened",
    "general_forum_topic_hidden",
    "general_forum_topic_unhidden",
    "video_chat_scheduled",
    "video_chat_started",
    "video_chat_ended",
    "video_chat_participants_invited",
    "web_app_data",
)

#: Chat types where people other than the bot and one person can read the conversation.
GROUP_CHAT_TYPES: tuple[str, ...] = ("group", "supergroup")

#: Keys the Telegram connector needs in ``bot/knowledge/channel_texts.yml``. The file may
#: hold more keys, used by the other connectors (``bot/channels/texts.py``).
CHANNEL_TEXT_KEYS: tuple[str, ...] = (
    "media_not_kept",
    "unsupported_update",
    "group_not_supported",
    "button_expired",
    "buttons_prompt",
    "error_fallback",
    "chat_erased",
)

#: Default location of the channel texts.
CHANNEL_TEXTS_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "channel_texts.yml"


class UpdateKind(str, enum.Enum):
    """What the connector does with an update."""

    TEXT = "text"  #: text (or a command) for Rasa
    MEDIA = "media"  #: a file: answer ``media_not_kept``; its caption, if any, goes to Rasa
    CALLBACK = "callback"  #: an inline button press: answer it, its payload goes to Rasa
    CALLBACK_IGNORED = "callback_ignored"  #: a button press we only acknowledge
    UNSUPPORTED = "unsupported"  #: location, contact, poll...: answer ``unsupported_update``
    GROUP = "group"  #: anything in a group: never processed, at most one note per group
    IGNORED = "ignored"  #: service messages, channel posts, update types we did not ask for


@dataclass(frozen=True)
class Incoming:
    """One Telegram update, reduced to what the connector needs.

    Identifiers and text are left out of ``repr`` so that an ``Incoming`` in a log line or a
    traceback never shows who wrote or what they wrote.
    """

    kind: UpdateKind
    update_type: str
    update_id: int
    chat_id: Optional[int] = field(default=None, repr=False)
    user_id: Optional[int] = field(default=None, repr=False)
    text: Optional[str] = field(default=None, repr=False)
    callback_query_id: Optional[str] = field(default=None, repr=False)
    callback_data: Optional[str] = field(default=None, repr=False)
    media_type: Optional[str] = None
    #: Telegram's id of the person's message in the chat (to delete it on ``/borrar``).
    message_id: Optional[int] = field(default=None, repr=False)


class MalformedUpdate(ValueError):
    """The body is JSON but not a Telegram update we can read (answered 200 and dropped)."""


@dataclass(frozen=True)
class ChannelTexts:
    """Spanish texts the connector sends by itself, loaded from ``channel_texts.yml``."""

    media_not_kept: str
    unsupported_update: str
    group_not_supported: str
    button_expired: str
    buttons_prompt: str
    error_fallback: str
    chat_erased: str


def load_channel_texts(path: Path = CHANNEL_TEXTS_PATH) -> ChannelTexts:
    """Read and check the connector's texts; a bad file names the file and the key.

    Raises:
        ChannelTextsError: the file is missing, is not YAML, a key of ``CHANNEL_TEXT_KEYS``
            is absent or longer than ``TELEGRAM_MAX_TEXT``, or any text is empty.
    """
    texts = load_texts(path)
    values = {}
    for key in CHANNEL_TEXT_KEYS:
        if key not in texts:
            raise ChannelTextsError(f"{path}: texts.{key}: missing or empty")
        values[key] = texts[key]
    return ChannelTexts(**values)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (emoji outside the BMP count as two)."""
    return len(text.encode("utf-16-le")) // 2


def _prefix_fitting(text: str, limit: int) -> int:
    """Largest ``n`` such that ``text[:n]`` is at most ``limit`` UTF-16 code units."""
    if utf16_len(text) <= limit:
        return len(text)
    # Characters are one or two code units, so the answer lies in [limit // 2, limit].
    low, high = min(limit // 2, len(text)), min(limit, len(text))
    while low < high:
        middle = (low + high + 1) // 2
        if utf16_len(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def split_for_telegram(text: str, limit: int = TELEGRAM_MAX_TEXT) -> list[str]:
    """Split a reply into messages Telegram accepts, at paragraph, line or word boundaries.

    A boundary is looked for in the second half of each window first (paragraph, then line,
    then space), then anywhere in the window; only a single word longer than ``limit`` is cut
    inside. Whitespace at the cut points is dropped, nothing else.

    Args:
        text: the reply.
        limit: the longest part, in UTF-16 code units.

    Returns:
        The parts in order; empty if ``text`` is blank.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    parts: list[str] = []
    rest = text.strip()
    while rest:
        fit = _prefix_fitting(rest, limit)
        if fit == len(rest):
            parts.append(rest)
            break
        window = rest[:fit]
        cut = _best_cut(window)
        head, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if head:
            parts.append(head)
    return parts


def _best_cut(window: str) -> int:
    """Index at which to cut ``window`` (exclusive end of the first part)."""
    for minimum in (len(window) // 2, 1):
        for separator in ("\n\n", "\n", " "):
            index = window.rfind(separator)
            if index >= minimum:
                return index + len(separator)
    return len(window)


def hash_sender_id(user_id: int, salt: str) -> str:
    """Turn a Telegram user id into a Rasa sender id that reveals nothing without the salt."""
    digest = hmac.new(salt.encode("utf-8"), f"telegram:{user_id}".encode(), hashlib.sha256)
    return SENDER_ID_PREFIX + digest.hexdigest()[:SENDER_HASH_HEX]


def map_command(text: str) -> str:
    """Turn what a person typed into what Rasa receives.

    ``/start``, ``/ayuda``, ``/help`` and ``/borrar`` (also ``/start@NombreBot`` and with
    arguments) become their intent; any other text loses its leading slashes, so a person can
    never send Rasa an intent or entities directly (``/inform{"country": "CL"}``).
    """
    stripped = text.strip()
    if not stripped.startswith("/"):
        return stripped
    command = stripped[1:].split(maxsplit=1)[0] if len(stripped) > 1 else ""
    command = command.split("@", 1)[0].lower()
    if command in COMMANDS:
        return COMMANDS[command]
    return stripped.lstrip("/").strip()


def _int(value: Any) -> Optional[int]:
    """``value`` if it is a real integer (not a bool), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def classify_update(update: Any) -> Incoming:
    """Read a decoded webhook body as a Telegram update.

    Raises:
        MalformedUpdate: not an object, no integer ``update_id``, or a message without an
            integer chat id.
    """
    if not isinstance(update, dict):
        raise MalformedUpdate("update is not a JSON object")
    update_id = _int(update.get("update_id"))
    if update_id is None:
        raise MalformedUpdate("update_id missing or not an integer")
    for update_type in ("message", "edited_message"):
        if update_type in update:
            return _classify_message(update_id, update_type, update[update_type])
    if "callback_query" in update:
        return _classify_callback(update_id, update["callback_query"])
    other = next((key for key in update if key != "update_id"), "empty")
    return Incoming(UpdateKind.IGNORED, _short_type(other), update_id)


def _short_type(name: Any) -> str:
    """A loggable update type name (Telegram's are short ASCII words)."""
    text = str(name)
    return text[:40] if text.replace("_", "").isalnum() else "unknown"


def _classify_message(update_id: int, update_type: str, message: Any) -> Incoming:
    if not isinstance(message, dict):
        raise MalformedUpdate(f"{update_type} is not an object")
    chat = _mapping(message.get("chat"))
    chat_id = _int(chat.get("id"))
    if chat_id is None:
        raise MalformedUpdate(f"{update_type}.chat.id missing or not an integer")
    chat_type = chat.get("type")
    if chat_type in GROUP_CHAT_TYPES:
        return Incoming(UpdateKind.GROUP, update_type, update_id, chat_id=chat_id)
    if chat_type != "private":
        return Incoming(UpdateKind.IGNORED, update_type, update_id)
    # In a private chat the chat id is the person's user id, so it stands in for a missing
    # "from" (Telegram always sends it; a hand-made update may not).
    user_id = _int(_mapping(message.get("from")).get("id")) or chat_id
    common = dict(update_type=update_type, update_id=update_id, chat_id=chat_id,
                  user_id=user_id, message_id=_int(message.get("message_id")))
    media_type = next((name for name in MEDIA_FIELDS if message.get(name)), None)
    if media_type is not None:
        caption = message.get("caption")
        text = map_command(caption) if isinstance(caption, str) else None
        return Incoming(UpdateKind.MEDIA, text=text or None, media_type=media_type, **common)
    text = message.get("text")
    if isinstance(text, str):
        mapped = map_command(text)
        if mapped:
            return Incoming(UpdateKind.TEXT, text=mapped, **common)
        return Incoming(UpdateKind.UNSUPPORTED, **common)
    if any(name in message for name in SERVICE_FIELDS):
        return Incoming(UpdateKind.IGNORED, update_type, update_id)
    return Incoming(UpdateKind.UNSUPPORTED, **common)


def _classify_callback(update_id: int, query: Any) -> Incoming:
    if not isinstance(query, dict):
        raise MalformedUpdate("callback_query is not an object")
    query_id = query.get("id")
    if not isinstance(query_id, str) or not query_id:
        raise MalformedUpdate("callback_query.id missing")
    user_id = _int(_mapping(query.get("from")).get("id"))
    chat = _mapping(_mapping(query.get("message")).get("chat"))
    chat_id = _int(chat.get("id"))
    data = query.get("data")
    common = dict(update_type="callback_query", update_id=update_id,
                  callback_query_id=query_id)
    if (
        user_id is None
        or chat_id is None
        or chat.get("type") != "private"
        or not isinstance(data, str)
        or not data
    ):
        # Buttons of inline-mode messages, games, groups, or an old message Telegram no
        # longer shows: acknowledge (so the client stops its spinner) and do nothing else.
        return Incoming(UpdateKind.CALLBACK_IGNORED, **common)
    return Incoming(UpdateKind.CALLBACK, chat_id=chat_id, user_id=user_id,
                    callback_data=data, **common)


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


class CallbackPayloads:
    """Fits Rasa button payloads into Telegram's 64-byte ``callback_data``.

    A payload that fits is sent as it is. A longer one is replaced by ``~`` and a hash, and
    remembered here (in memory, at most ``max_entries``, oldest forgotten first). The same
    payload always gets the same key, so repeated buttons do not fill the map. After a restart
    or once forgotten, a key resolves to None and the person is told the button expired.
    """

    def __init__(self, *, max_entries: int = CALLBACK_MAP_MAX_ENTRIES) -> None:
        self._max_entries = max_entries
        self._payloads: OrderedDict[str, str] = OrderedDict()

    def __len__(self) -> int:
        return len(self._payloads)

    def encode(self, payload: str) -> str:
        """The ``callback_data`` to put on a button for ``payload``."""
        if (
            len(payload.encode("utf-8")) <= TELEGRAM_MAX_CALLBACK_DATA
            and not payload.startswith(CALLBACK_KEY_PREFIX)
        ):
            return payload
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:CALLBACK_KEY_HEX]
        key = CALLBACK_KEY_PREFIX + digest
        self._payloads[key] = payload
        self._payloads.move_to_end(key)
        while len(self._payloads) > self._max_entries:
            self._payloads.popitem(last=False)
        return key

    def decode(self, data: str) -> Optional[str]:
        """The payload behind a pressed button's ``callback_data``; None if forgotten."""
        if not data.startswith(CALLBACK_KEY_PREFIX):
            return data
        return self._payloads.get(data)


def build_inline_keyboard(
    buttons: Sequence[Mapping[str, Any]], payloads: CallbackPayloads
) -> Optional[dict[str, Any]]:
    """Turn Rasa buttons into a Telegram ``InlineKeyboardMarkup``, one button per row.

    One per row because Spanish titles are long and phones are narrow. A button with a
    ``url`` opens it; a button without a title or without a payload is skipped.

    Returns:
        The ``reply_markup`` object, or None if no button was usable.
    """
    rows: list[list[dict[str, str]]] = []
    for button in buttons:
        if not isinstance(button, Mapping):
            continue
        title = button.get("title")
        if not isinstance(title, str) or not title.strip():
            continue
        url = button.get("url")
        payload = button.get("payload")
        if isinstance(url, str) and url.startswith(("https://", "http://")):
            rows.append([{"text": title.strip(), "url": url}])
        elif isinstance(payload, str) and payload.strip():
            rows.append([{"text": title.strip(), "callback_data": payloads.encode(payload)}])
    return {"inline_keyboard": rows} if rows else None
