"""The simulated people: one turn over REST or the web chat, and what a reply shows."""
from __future__ import annotations

import asyncio
import concurrent.futures
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Optional

from scripts.http_client import post_json
from scripts.scaleout_check.settings import (
    COUNTRIES,
    REQUEST_TIMEOUT,
    REST_HEADERS,
    SOCKET_SETTLE_SECONDS,
    TECHNICAL_PROBLEM,
)


@dataclass
class Conversation:
    """One simulated person: who they are, their case, and which server each turn goes to.

    A web-chat conversation (``via_nginx``) has no sender until the server issues its token;
    then ``sender`` is the conversation id the token names.
    """

    sender: str
    incident: str
    country: str
    via_nginx: bool
    starts_on_b: bool
    phone: str = ""
    sent: list[str] = field(default_factory=list)
    token: Optional[str] = None

    def route(self, turn: int, urls: dict[str, str]) -> str:
        """Server of a turn: nginx (web chat), or A and B alternately (REST)."""
        if self.via_nginx:
            return urls["nginx"]
        return urls["B"] if (turn + self.starts_on_b) % 2 else urls["A"]


def reply_text(replies: object) -> str:
    """All texts of a REST answer, joined."""
    if not isinstance(replies, list):
        return ""
    return "\n".join(r.get("text") or "" for r in replies if isinstance(r, dict))


def answered(status: int, text: str) -> bool:
    """A normal answer: HTTP 200, some text, and not the bot's "technical problem" apology."""
    return status == 200 and bool(text) and TECHNICAL_PROBLEM not in text


def say(conversation: Conversation, url: str, message: str) -> tuple[int, str]:
    """Send one message (web chat through nginx, or REST); remember it; ``(status, text)``."""
    conversation.sent.append(message)
    if conversation.via_nginx:
        return asyncio.run(socket_turn(conversation, url, message))
    status, replies = post_json(f"{url}/webhooks/rest/webhook",
                                {"sender": conversation.sender, "message": message},
                                timeout=REQUEST_TIMEOUT, headers=REST_HEADERS)
    return status, reply_text(replies) if status == 200 and replies else ""


async def socket_turn(conversation: Conversation, url: str, message: str) -> tuple[int, str]:
    """One turn of the web chat on a new socket, re-attached with the conversation's token.

    Returns 200 and the replies' text, or 0 when the socket could not be opened or confirmed.
    """
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    confirmed: asyncio.Queue = asyncio.Queue()
    replies: list[str] = []
    client.on("session_confirm", confirmed.put_nowait)
    client.on("bot_uttered", lambda data: replies.append(str((data or {}).get("text") or "")))
    try:
        # Polling: python-socketio's websocket transport wants a newer aiohttp than Rasa pins.
        await client.connect(url, transports=["polling"], wait_timeout=30)
        await client.emit("session_request", {"token": conversation.token} if conversation.token else {})
        session = await asyncio.wait_for(confirmed.get(), 30)
        if conversation.token and not session.get("resumed"):
            return 0, "el servidor no reconoció el token (conversación nueva)"
        conversation.token = session["token"]
        conversation.sender = conversation.token.split(".")[1]
        await client.emit("user_uttered", {"message": message})
        waited, seen = 0.0, 0
        while waited < REQUEST_TIMEOUT and not (replies and len(replies) == seen):
            seen = len(replies)
            await asyncio.sleep(SOCKET_SETTLE_SECONDS if replies else 0.2)
            waited += SOCKET_SETTLE_SECONDS if replies else 0.2
    except (socketio.exceptions.ConnectionError, asyncio.TimeoutError, OSError) as error:
        return 0, type(error).__name__
    finally:
        try:
            await client.eio.disconnect(abort=True)
        except Exception:  # noqa: BLE001 - closing a broken socket
            pass
    return 200, "\n".join(replies)


def status_of(method: str, url: str) -> int:
    """HTTP status of a request without a body worth reading (0 when it failed)."""
    request = urllib.request.Request(url, data=b"{}" if method == "POST" else None, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0


def words(text: str) -> set[str]:
    """Lower-case words of four letters or more, and numbers."""
    return set(re.findall(r"[^\W\d_]{4,}|\d+", text.lower()))


def country_markers(render: Callable[[str], str]) -> dict[str, set[str]]:
    """Words that only the answer for one country contains (its services, numbers, laws)."""
    found = {c: words(render(c)) for c in COUNTRIES}
    return {c: found[c] - set().union(*(found[o] for o in COUNTRIES if o != c)) for c in COUNTRIES}


def mentions_country(text: str, markers: set[str]) -> bool:
    """The reply contains at least one word that belongs only to that country's answer."""
    return bool(words(text) & markers)


def in_parallel(jobs: list[Callable[[], object]]) -> list[object]:
    """Run the jobs in threads (one per conversation) and return their results in order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(jobs))) as pool:
        return [future.result() for future in [pool.submit(job) for job in jobs]]
