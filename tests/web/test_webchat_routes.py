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

import pytest

from bot.channels.texts import channel_text
from tests.web.conftest import NODE_MODULES, ROOT, running_stub
from tests.web.socket_client import open_chat, texts
from tests.web.stub_server import FAIL_PAYLOAD, GREETING, SILENT_PAYLOAD


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
    status, _, body = get(stub_bot_server + "/")
    assert (status, body) == (200, b"ok\n")  # Rasa's "hello" route, without Rasa's version
    status, _, body = get(stub_bot_server + "/webhooks/webchat/")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    status, _, body = get(stub_bot_server + "/socket.io/?EIO=4&transport=polling")
    assert status == 200 and body.startswith(b"0{")


# ---- socket.io sessions ------------------------------------------------------------------
# What a person sees; the attacks (forged tokens, foreign origins...) are in tests/security.


def paragraphs(text: str) -> list[str]:
    """A text as the web chat output sends it: one event per paragraph."""
    return text.strip().split("\n\n")


async def greet(base: str, token=None) -> tuple[str, list[dict]]:
    chat = await open_chat(base, token)
    try:
        replies = await chat.say("/greet")
    finally:
        await chat.close()
    return chat.token, replies


def test_replies_reach_the_browser(stub_bot_server: str) -> None:
    token, replies = asyncio.run(greet(stub_bot_server))
    assert token.startswith("v1.")
    assert texts(replies) == GREETING.split("\n\n")
    assert len(replies[-1]["quick_replies"]) == 2


def test_a_returning_browser_keeps_its_conversation_with_its_token(stub_bot_server: str) -> None:
    first, _ = asyncio.run(greet(stub_bot_server))
    again, replies = asyncio.run(greet(stub_bot_server, first))
    assert again.split(".")[1] == first.split(".")[1]  # same conversation, fresh token
    assert replies


def test_an_empty_message_gets_a_kind_reply(stub_bot_server: str) -> None:
    async def run() -> list[dict]:
        chat = await open_chat(stub_bot_server)
        try:
            return await chat.say("   ")
        finally:
            await chat.close()

    assert texts(asyncio.run(run())) == paragraphs(channel_text("empty_message"))


@pytest.mark.parametrize("payload, expected_key", [
    (FAIL_PAYLOAD, "error_fallback"),
    (SILENT_PAYLOAD, "no_reply"),
    ("x" * 20_001, "message_too_long"),
])
def test_the_bot_never_leaves_the_browser_without_an_answer(
    stub_bot_server: str, payload: str, expected_key: str
) -> None:
    async def run() -> list[dict]:
        chat = await open_chat(stub_bot_server)
        try:
            return await chat.say(payload)
        finally:
            await chat.close()

    assert texts(asyncio.run(run())) == paragraphs(channel_text(expected_key))
