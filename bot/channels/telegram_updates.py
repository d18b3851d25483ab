"""Reading Telegram updates: which update is what, commands, and the hashed sender id.

Pure (no network, no Rasa), so every rule can be tested with plain dictionaries. Telegram Bot
API reference: https://core.telegram.org/bots/api (Update, Message, CallbackQuery).
"""
from __future__ import annotations

import enum
import hashlib
import hmac
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Optional

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
