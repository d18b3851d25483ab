"""What every connector does with a person's text before and around Rasa (transport rules only).

* :func:`prepare_text` — the text handed to Rasa: cleaned and cut to ``MAX_MESSAGE_CHARS``.
  A cheap risk check runs over the whole text (up to ``MAX_SCANNED_CHARS``) in bounded
  windows, so its cost is linear in the length and a crisis written after character 4,000 is
  never lost: the part of the text that shows it is kept in what Rasa reads.
* :class:`ConversationGate` — at most ``MAX_WAITING_PER_CONVERSATION`` messages of one
  conversation wait for Rasa at a time. Rasa's ticket lock lets each waiting message poll
  once a second and gives up after about a minute, so a burst of 60+ messages would hang
  silently; the overflow gets the kind ``busy`` note at once instead. Messages that show a
  crisis or danger always go through (up to ``MAX_WAITING_WITH_RISK``).
* :func:`deliver` — hand one text to Rasa; an empty text, a full queue, a failure, a
  timeout or a turn the bot answered with nothing each get a kind reply from
  ``channel_texts.yml``, never silence. Every connector (REST, web chat, Telegram) calls it.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterator, Optional

from bot import safety
from bot.channels.metrics import count_turn
from bot.channels.texts import channel_text
from bot.reading.intents import RISK_INTENT

logger = logging.getLogger(__name__)

#: Longest text handed to Rasa; longer messages are cut (after the risk check on all of it).
MAX_MESSAGE_CHARS = 4000

#: Longest text read at all (about ten pages). Beyond this a message is cut before anything
#: else: the cheap check costs ~12 ms per 1,000 characters of varied text on one core, run
#: in a worker thread. Connectors refuse larger bodies before decoding them (Telegram: 1 MB;
#: its texts are at most 4096 characters anyway).
MAX_SCANNED_CHARS = 32_000

#: Size of one window of the cheap risk check, in characters, and how much two windows
#: overlap (a risk phrase spans a few words; 200 characters covers the longest pattern).
RISK_WINDOW_CHARS = 600
RISK_WINDOW_OVERLAP = 200

#: Messages of one conversation waiting for Rasa at once; more get the ``busy`` note.
MAX_WAITING_PER_CONVERSATION = 10

#: Messages with a crisis or danger may wait beyond the limit, up to this many (Rasa's lock
#: gives up after ~60 waiting messages).
MAX_WAITING_WITH_RISK = 30

#: Intent payloads sent instead of a cut text whose risk could not be kept in the cut.
RISK_PAYLOADS = {kind: f"/{intent}" for kind, intent in RISK_INTENT.items()}


def quick_risk(text: str) -> Optional[str]:
    """``"crisis"``, ``"danger"`` or None for a short text (one window).

    The one line to switch to ``bot.reading.risk.quick_scan`` when it lands:
    ``risk = quick_scan(text); return risk.kind if risk.level == "risk" else None``.
    """
    return _cached_risk(text)


@functools.lru_cache(maxsize=4096)
def _cached_risk(window: str) -> Optional[str]:
    # Repeated windows (a paste of the same line a thousand times) cost one check.
    return safety.classify_risk(window)


def risk_windows(text: str) -> Iterator[tuple[int, int]]:
    """Spans ``(start, end)`` covering ``text`` in overlapping windows cut at spaces."""
    step = RISK_WINDOW_CHARS - RISK_WINDOW_OVERLAP
    start = 0
    while start < len(text):
        end = min(len(text), start + RISK_WINDOW_CHARS)
        if end < len(text):
            space = text.rfind(" ", start + step, end)
            end = space if space > start else end
        yield start, end
        if end >= len(text):
            return
        start = max(start + 1, end - RISK_WINDOW_OVERLAP)
        space = text.find(" ", start, end)
        start = space + 1 if space >= 0 else start


@dataclass(frozen=True)
class ScannedRisk:
    """What the cheap check found in a whole text: the risk and the window that shows it."""

    risk: Optional[str] = None
    window: str = ""


def scan_risk(text: str) -> ScannedRisk:
    """Check every window of ``text`` (linear in its length); crisis wins over danger."""
    found = ScannedRisk()
    for start, end in risk_windows(text):
        window = text[start:end]
        risk = quick_risk(window)
        if risk == safety.CRISIS:
            return ScannedRisk(risk, window)
        if risk and found.risk is None:
            found = ScannedRisk(risk, window)
    return found


def clean_text(text: str) -> str:
    """Strip, drop NUL characters and cut to ``MAX_SCANNED_CHARS``."""
    return text[:MAX_SCANNED_CHARS].replace("\x00", "").strip()


def prepare_text(text: str) -> str:
    """Return the text to hand to Rasa: stripped, cut to ``MAX_MESSAGE_CHARS``.

    A crisis or danger anywhere in a long message is never lost by the cut: when the head
    does not show it, the window that does is appended to a shorter head, so the full
    reading sees it; if even that does not read as the same risk, the risk intent is sent.
    """
    text = clean_text(text)
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    head = text[:MAX_MESSAGE_CHARS]
    found = scan_risk(text)
    if not found.risk or quick_risk(head[-RISK_WINDOW_CHARS:]) == found.risk:
        return head
    if any(quick_risk(head[s:e]) == found.risk for s, e in risk_windows(head)):
        return head
    joined = f"{head[:MAX_MESSAGE_CHARS - len(found.window) - 3]} … {found.window}"
    if safety.classify_risk(joined) == found.risk:
        return joined
    return RISK_PAYLOADS[found.risk]


async def prepare_text_async(text: str) -> str:
    """:func:`prepare_text` in a worker thread when the text is long (keeps others' turns going)."""
    if len(text) <= MAX_MESSAGE_CHARS:
        return prepare_text(text)
    return await asyncio.to_thread(prepare_text, text)


class ConversationGate:
    """Counts the messages of each conversation waiting for Rasa (this process only)."""

    def __init__(self, *, limit: int = MAX_WAITING_PER_CONVERSATION,
                 risk_limit: int = MAX_WAITING_WITH_RISK) -> None:
        self.limit = limit
        self.risk_limit = risk_limit
        self._waiting: Counter[str] = Counter()

    def waiting(self, sender_id: str) -> int:
        """How many messages of ``sender_id`` are being handled or waiting."""
        return self._waiting[sender_id]

    def admit(self, sender_id: str, *, risk: bool = False) -> bool:
        """Take a place for one message; False when the conversation's queue is full."""
        if self._waiting[sender_id] >= (self.risk_limit if risk else self.limit):
            return False
        self._waiting[sender_id] += 1
        return True

    def release(self, sender_id: str) -> None:
        """Give back the place of one handled message."""
        self._waiting[sender_id] -= 1
        if self._waiting[sender_id] <= 0:
            del self._waiting[sender_id]


Send = Callable[[str], Awaitable[Any]]
Handle = Callable[[str], Awaitable[Any]]
#: True when the bot sent nothing during the turn (asked after ``handle`` returned).
SaidNothing = Callable[[], bool]


async def deliver(text: str, *, sender_id: str, handle: Handle, send: Send, channel: str,
                  gate: Optional[ConversationGate] = None, reply_on_cancel: bool = True,
                  said_nothing: Optional[SaidNothing] = None) -> str:
    """Hand ``text`` (already prepared) to Rasa through ``handle``; never leave silence.

    An empty text gets ``empty_message``; a full queue ``busy``; a failure or a timeout of
    ``handle`` ``error_fallback``; a handled turn after which ``said_nothing()`` is True (e.g.
    ``/session_start``) ``no_reply`` (each sent with ``send``). Returns what happened, for the log and
    the metrics: ``"handled"``, ``"empty"``, ``"busy"``, ``"failed"`` or ``"cancelled"``.
    ``asyncio.CancelledError`` is answered (unless ``reply_on_cancel`` is False: Telegram
    delivers the update again, and the redelivery is answered) and then raised again.
    """
    started = time.monotonic()
    outcome = "cancelled"
    try:
        outcome = await _deliver(text, sender_id=sender_id, handle=handle, send=send,
                                 channel=channel, gate=gate, reply_on_cancel=reply_on_cancel)
        if outcome == "handled" and said_nothing is not None and said_nothing():
            await send(channel_text("no_reply"))
        return outcome
    finally:
        count_turn(channel, outcome, time.monotonic() - started)


async def _deliver(text: str, *, sender_id: str, handle: Handle, send: Send, channel: str,
                   gate: Optional[ConversationGate], reply_on_cancel: bool) -> str:
    if not text:
        await send(channel_text("empty_message"))
        return "empty"
    if gate is not None and not gate.admit(sender_id) and not gate.admit(
            sender_id, risk=text in RISK_PAYLOADS.values() or bool(scan_risk(text).risk)):
        logger.warning("%s: message refused, %d already waiting in this conversation",
                       channel, gate.waiting(sender_id))
        await send(channel_text("busy"))
        return "busy"
    try:
        await handle(text)
        return "handled"
    except asyncio.CancelledError:
        logger.error("%s: message handling was cancelled (timeout)", channel)
        if reply_on_cancel:
            await asyncio.shield(send(channel_text("error_fallback")))
        raise
    except Exception as error:  # noqa: BLE001 - any failure must still get a kind reply
        logger.error("%s: message handling failed (%s)", channel, type(error).__name__)
        await send(channel_text("error_fallback"))
        return "failed"
    finally:
        if gate is not None:
            gate.release(sender_id)
