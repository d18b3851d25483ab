"""Formatting replies for Telegram: long texts split at its limit, buttons as inline keyboards.

Pure (no network, no Rasa). Telegram Bot API reference: https://core.telegram.org/bots/api
(sendMessage, InlineKeyboardButton).
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any, Mapping, Optional, Sequence

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
