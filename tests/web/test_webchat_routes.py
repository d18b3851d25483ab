"""The web chat channel without a browser: files under /chat/, headers, and socket sessions.

Runs against the stub server (tests/web/stub_server.py), which registers the channel exactly
as ``rasa run`` does, so these also check that it fits next to Rasa's own routes.
"""
from __future__ import annotations

import asyncio
import json
import shutil
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Optional

import pytest
import socketio

from bot.channels.texts import channel_text
from bot.channels.webchat import SESSION_ID_PATTERN
from tests.web.conftest import NODE_MODULES, ROOT, running_stub
from tests.web.stub_server import FAIL_PAYLOAD, GREETING

#: Seconds to wait for a socket event from the stub.
EVENT_TIMEOUT = 10
#: Seconds after which a reply that should not come is taken as not coming (the stub
#: answers in 0.05 s).
NO_REPLY_WAIT = 1.5
#: Replies are complete when none arrived for this long.
SETTLE = 0.3


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def get(url: str) -> tuple[int, Message, bytes]:
    """GET ``url`` without following redirects: ``(status, headers, body)``."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("path, content_type", [
    ("/chat/", "text/html"),
    ("/chat/index.html", "text/html"),
    ("/chat/neutral.html", "text/html"),
    ("/chat/widget.js", "text/javascript"),
    ("/chat/widget.css", "text/css"),
])
def test_widget_files_are_served_with_security_headers(
    stub_bot_server: str, path: str, content_type: str
) -> None:
    status, headers, body = get(stub_bot_server + path)
    assert status == 200
    assert headers["Content-Type"].startswith(content_type)
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "connect-src 'self' ws: wss:" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"
    assert body


def test_chat_without_slash_redirects_relatively(stub_bot_server: str) -> None:
    status, headers, _ = get(stub_bot_server + "/chat")
    assert status == 308
    assert headers["Location"] == "chat/"


@pytest.mark.parametrize("path", [
    "/chat/package.json",
    "/chat/package-lock.json",
    "/chat/node_modules",
    "/chat/..%2fpyproject.toml",
    "/chat/%2e%2e/pyproject.toml",
    "/chat/vendor/socket.io.js",
    "/chat/vendor/..%2fpackage.json",
])
def test_only_allow_listed_files_are_served(stub_bot_server: str, path: str) -> None:
    status, _, body = get(stub_bot_server + path)
    assert status == 404
    assert b"acompana" not in body.lower()  # nothing of package.json leaks


@pytest.mark.skipif(not NODE_MODULES.is_dir(), reason="web/node_modules not installed")
def test_socket_io_client_is_served_locally(stub_bot_server: str) -> None:
    status, headers, body = get(stub_bot_server + "/chat/vendor/socket.io.min.js")
    assert status == 200
    assert headers["Content-Type"].startswith("text/javascript")
    assert b"Socket.IO v4." in body[:200]


def test_missing_node_modules_gives_a_clear_503(tmp_path: Path) -> None:
    web_dir = tmp_path / "web"
    web_dir.mkdir()
    for name in ("index.html", "widget.js", "widget.css"):
        shutil.copy(ROOT / "web" / name, web_dir / name)
    with running_stub(tmp_path / "stub.log", web_dir=web_dir) as base:
        status, headers, body = get(base + "/chat/vendor/socket.io.min.js")
        assert get(base + "/chat/")[0] == 200
    assert status == 503
    assert headers["X-Content-Type-Options"] == "nosniff"  # so no browser runs it as JS
    assert "npm ci --prefix web" in body.decode("utf-8")


def test_rasa_routes_still_answer(stub_bot_server: str) -> None:
    assert get(stub_bot_server + "/")[0] == 200  # Rasa's own "hello" route
    status, _, body = get(stub_bot_server + "/webhooks/webchat/")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    status, _, body = get(stub_bot_server + "/socket.io/?EIO=4&transport=polling")
    assert status == 200 and body.startswith(b"0{")


# ---- socket.io sessions ------------------------------------------------------------------


async def converse(
    base: str, *, ask_for: Optional[str], send_as: Optional[str] = None,
    text: str = "/greet", expect_reply: bool = True,
) -> tuple[str, list[dict]]:
    """Connect, ask for session ``ask_for`` and send ``text`` as ``send_as`` (default: the
    confirmed id); return the confirmed id and the bot's replies."""
    client = socketio.AsyncClient()
    confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
    replies: list[dict] = []
    client.on("session_confirm", confirmed.set_result)
    client.on("bot_uttered", replies.append)
    # Polling: the websocket transport of this python-socketio wants a newer aiohttp
    # than Rasa 3.6 pins. The browser test covers WebSocket.
    await client.connect(base, transports=["polling"])
    try:
        await client.emit("session_request", {"session_id": ask_for})
        session_id = await asyncio.wait_for(confirmed, EVENT_TIMEOUT)
        await client.emit("user_uttered", {"message": text, "session_id": send_as or session_id})
        deadline = EVENT_TIMEOUT if expect_reply else NO_REPLY_WAIT
        waited, seen = 0.0, -1
        while waited < deadline and not (replies and len(replies) == seen):
            seen = len(replies)
            await asyncio.sleep(SETTLE)
            waited += SETTLE
    finally:
        # abort: do not wait for the pending long-poll request (up to 25 s) to return.
        await client.eio.disconnect(abort=True)
    return session_id, replies


def stub_senders(base: str) -> set[str]:
    with urllib.request.urlopen(f"{base}/stub/messages", timeout=5) as response:
        return {message["sender_id"] for message in json.load(response)}


def test_replies_reach_the_browser_with_session_persistence(stub_bot_server: str) -> None:
    # Rasa 3.6 forgot to await enter_room (RasaHQ/rasa#13027): no reply ever arrived.
    session_id, replies = asyncio.run(converse(stub_bot_server, ask_for=None))
    assert SESSION_ID_PATTERN.fullmatch(session_id)
    assert [reply["text"] for reply in replies] == GREETING.split("\n\n")
    assert len(replies[-1]["quick_replies"]) == 2


def test_a_returning_browser_keeps_its_session(stub_bot_server: str) -> None:
    first, _ = asyncio.run(converse(stub_bot_server, ask_for=None))
    again, replies = asyncio.run(converse(stub_bot_server, ask_for=first))
    assert again == first
    assert replies


@pytest.mark.parametrize("foreign_id", ["123456789", "ABC", "x" * 32, "../" * 12])
def test_a_browser_cannot_choose_someone_elses_sender_id(
    stub_bot_server: str, foreign_id: str
) -> None:
    # Trackers of all channels share one store; "123456789" could be a Telegram chat.
    session_id, _ = asyncio.run(converse(stub_bot_server, ask_for=foreign_id))
    # the message was sent for the confirmed id, not the one asked for
    assert session_id != foreign_id
    assert foreign_id not in stub_senders(stub_bot_server)


def test_messages_for_an_unconfirmed_session_are_ignored(stub_bot_server: str) -> None:
    other = "0123456789abcdef0123456789abcdef"
    _, replies = asyncio.run(
        converse(stub_bot_server, ask_for=None, send_as=other, expect_reply=False)
    )
    assert replies == []
    assert other not in stub_senders(stub_bot_server)


def paragraphs(text: str) -> list[str]:
    """A text as the socket.io output sends it: one event per paragraph."""
    return text.strip().split("\n\n")


def test_an_empty_message_gets_a_kind_reply(stub_bot_server: str) -> None:
    _, replies = asyncio.run(converse(stub_bot_server, ask_for=None, text="   "))
    assert [reply["text"] for reply in replies] == paragraphs(channel_text("empty_message"))


def test_a_failing_bot_still_answers_kindly(stub_bot_server: str) -> None:
    _, replies = asyncio.run(converse(stub_bot_server, ask_for=None, text=FAIL_PAYLOAD))
    assert [reply["text"] for reply in replies] == paragraphs(channel_text("error_fallback"))
