"""A small Socket.IO client that talks to the web chat as the widget does (for the tests).

Polling transport: the websocket transport of this python-socketio wants a newer aiohttp than
Rasa 3.6 pins. The browser test (widget.spec.mjs) covers WebSocket.
"""
from __future__ import annotations

import asyncio
from typing import Any, Optional

import socketio

#: Seconds to wait for an event that should come.
EVENT_TIMEOUT = 10
#: Seconds after which an event that should not come is taken as not coming (the stub
#: answers in 0.05 s).
NO_REPLY_WAIT = 1.5
#: Replies are complete when none arrived for this long.
SETTLE = 0.3


class ChatSocket:
    """One browser tab: connect, ask for a session, send messages, collect what arrives."""

    def __init__(self, base: str, *, origin: Optional[str] = None) -> None:
        self.base = base
        self.headers = {"Origin": origin} if origin else {}
        self.client = socketio.AsyncClient(reconnection=False)
        self.replies: list[dict] = []
        self.confirmed: list[dict] = []
        self.refused: list[dict] = []
        self.closed: list[dict] = []
        self.token: Optional[str] = None
        self.client.on("bot_uttered", self.replies.append)
        self.client.on("session_confirm", self.confirmed.append)
        self.client.on("session_refused", self.refused.append)
        self.client.on("session_closed", self.closed.append)

    async def connect(self) -> None:
        """Open the socket (raises socketio.exceptions.ConnectionError when refused)."""
        await self.client.connect(self.base, headers=self.headers, transports=["polling"],
                                  wait_timeout=EVENT_TIMEOUT)

    async def request_session(self, token: Any = None, *, expect: str = "confirm") -> Optional[str]:
        """Send ``session_request`` (with ``token`` unless None); return the token confirmed."""
        before = (len(self.confirmed), len(self.refused))
        await self.client.emit("session_request", {} if token is None else {"token": token})
        waited = 0.0
        while waited < EVENT_TIMEOUT and (len(self.confirmed), len(self.refused)) == before:
            await asyncio.sleep(0.05)
            waited += 0.05
        if len(self.confirmed) > before[0]:
            self.token = self.confirmed[-1]["token"]
            return self.token
        return None

    async def say(self, text: Any, *, expect_reply: bool = True, **extra: Any) -> list[dict]:
        """Send a message; return the replies that arrived for it."""
        start = len(self.replies)
        payload = {"message": text, **extra} if not isinstance(text, (list, type(None))) else text
        await self.client.emit("user_uttered", payload)
        return await self.collect(start, expect_reply=expect_reply)

    async def collect(self, start: int, *, expect_reply: bool = True) -> list[dict]:
        """Wait until replies after index ``start`` settle (or the wait for none is over)."""
        deadline = EVENT_TIMEOUT if expect_reply else NO_REPLY_WAIT
        waited, seen = 0.0, -1
        while waited < deadline and not (len(self.replies) > start and len(self.replies) == seen):
            seen = len(self.replies)
            await asyncio.sleep(SETTLE)
            waited += SETTLE
        return self.replies[start:]

    async def close(self) -> None:
        """Drop the connection without waiting for a pending long-poll (up to 25 s)."""
        await self.client.eio.disconnect(abort=True)


async def open_chat(base: str, token: Any = None, *, origin: Optional[str] = None) -> ChatSocket:
    """A connected socket with a confirmed (or refused) session."""
    chat = ChatSocket(base, origin=origin)
    await chat.connect()
    await chat.request_session(token)
    return chat


def texts(replies: list[dict]) -> list[str]:
    """The texts of a list of ``bot_uttered`` payloads."""
    return [reply.get("text", "") for reply in replies]
