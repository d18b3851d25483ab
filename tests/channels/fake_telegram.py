"""Test peers of the Telegram connector: a fake Bot API server and a running webhook.

Everything listens on 127.0.0.1 on a free port; nothing leaves the machine.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import uuid
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable, Optional

import aiohttp
from aiohttp import web
from sanic import Sanic

from bot.channels.telegram import SECRET_HEADER, TelegramChannel
from rasa.core.channels.channel import UserMessage

FIXTURES = Path(__file__).parent / "fixtures"

#: Credentials used by every test (shaped like the real ones, valid nowhere).
TEST_TOKEN = "123456789:TEST-token_for_fake_server"
TEST_SECRET = "test-secret_0123456789"
TEST_SALT = "test-salt"

#: Reply of the fake Rasa: a text with a short-payload button and a long-payload button.
REPLY_TEXT = "Gracias por contármelo. ¿En qué país estás?"
LONG_PAYLOAD = '/inform_country{"country": "CL", "region": "Coquimbo", "platform": "telegram"}'
REPLY_BUTTONS = [
    {"title": "Chile", "payload": '/inform_country{"country":"CL"}'},
    {"title": "Chile, Coquimbo, por Telegram", "payload": LONG_PAYLOAD},
]


def load_fixture(name: str) -> Any:
    """A Telegram update from ``tests/channels/fixtures/<name>.json``."""
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


class FakeTelegram:
    """A Bot API server that records every call and answers like Telegram.

    ``script[method]`` holds canned ``(status, body)`` answers, used first-in first-out
    before the default success answer.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.script: dict[str, list[tuple[int, dict]]] = {}
        self.tokens: set[str] = set()
        self._runner: Optional[web.AppRunner] = None
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.tokens.add(request.match_info["token"])
        try:
            payload = await request.json() if request.can_read_body else {}
        except ValueError:
            payload = {"_unparsed": True}
        self.calls.append((method, payload))
        if self.script.get(method):
            status, body = self.script[method].pop(0)
            return web.json_response(body, status=status)
        if method == "sendMessage":
            result: Any = {"message_id": len(self.calls), "date": 1718000000,
                           "chat": {"id": payload.get("chat_id"), "type": "private"},
                           "text": payload.get("text")}
        elif method == "getWebhookInfo":
            result = {"url": "https://example.org/webhooks/telegram/webhook",
                      "has_custom_certificate": False, "pending_update_count": 0,
                      "max_connections": 40, "allowed_updates": ["message"]}
        else:
            result = True
        return web.json_response({"ok": True, "result": result})

    def methods(self) -> list[str]:
        """Names of the methods called, in order."""
        return [method for method, _ in self.calls]

    def sent(self) -> list[dict]:
        """Payloads of every ``sendMessage``, in order."""
        return [payload for method, payload in self.calls if method == "sendMessage"]


class FakeRasa:
    """Records each ``UserMessage`` and answers through its output channel like Rasa would."""

    def __init__(self, *, reply: Optional[dict] = None, fail: bool = False) -> None:
        self.messages: list[UserMessage] = []
        self.reply = reply if reply is not None else {"text": REPLY_TEXT,
                                                       "buttons": REPLY_BUTTONS}
        self.fail = fail

    async def __call__(self, message: UserMessage) -> None:
        self.messages.append(message)
        if self.fail:
            raise RuntimeError("the model could not be loaded")
        # Rasa's processor addresses replies to the tracker's sender id.
        await message.output_channel.send_response(message.sender_id, dict(self.reply))

    def texts(self) -> list[str]:
        return [message.text for message in self.messages]


class Webhook:
    """A running Sanic app with the connector's blueprint, and a client to post to it."""

    def __init__(self, base: str, session: aiohttp.ClientSession,
                 channel: TelegramChannel) -> None:
        self.base = base
        self.url = f"{base}/webhooks/telegram/webhook"
        self.session = session
        self.channel = channel

    async def post(self, body: Any, *, secret: Optional[str] = TEST_SECRET,
                   raw: bool = False, headers: Optional[dict] = None) -> aiohttp.ClientResponse:
        """Post an update (a dict, or raw bytes/str with ``raw=True``) as Telegram would."""
        sent_headers = {"Content-Type": "application/json", **(headers or {})}
        if secret is not None:
            sent_headers[SECRET_HEADER] = secret
        data = body if raw else json.dumps(body, ensure_ascii=False)
        if isinstance(data, str):
            data = data.encode("utf-8")
        async with self.session.post(self.url, data=data, headers=sent_headers) as answer:
            await answer.read()
            return answer


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextlib.asynccontextmanager
async def running_webhook(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    *,
    api_url: Optional[str] = None,
    fake: Optional[FakeTelegram] = None,
) -> AsyncIterator[Webhook]:
    """Start the webhook (Sanic on 127.0.0.1) wired to ``fake`` or to ``api_url``."""
    channel = TelegramChannel(TEST_TOKEN, TEST_SECRET,
                              api_url=api_url or (fake.url if fake else "http://127.0.0.1:9"),
                              id_salt=TEST_SALT)
    # Sanic 21.12 rewrites some of its own methods at the first start-up ("touchup"); a
    # second app in the same process breaks unless test mode keeps the originals.
    Sanic.test_mode = True
    app = Sanic(f"telegram_test_{uuid.uuid4().hex}", configure_logging=False)
    app.blueprint(channel.blueprint(on_new_message), url_prefix="/webhooks/telegram")
    sock = _free_socket()
    port = sock.getsockname()[1]
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            yield Webhook(f"http://127.0.0.1:{port}", session, channel)
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()
        sock.close()


def run(coroutine: Awaitable[Any]) -> Any:
    """Run one test scenario in a fresh event loop."""
    return asyncio.run(coroutine)
