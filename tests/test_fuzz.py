"""600 hostile inputs over REST, Socket.IO and the Telegram webhook: no 5xx, and the bot still
answers normally afterwards (scripts/fuzz.py against a real server with Telegram enabled)."""
from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Iterator

import pytest
from aiohttp import web

from scripts import fuzz
from tests.conftest import free_port, start_bot, stop

SECRET = "fuzz-secret-0123456789"


@pytest.fixture(scope="module")
def fake_telegram_api() -> Iterator[tuple[str, list[str]]]:
    """A Bot API stand-in on 127.0.0.1 that accepts everything and records the methods."""
    calls: list[str] = []
    port = free_port()
    loop = asyncio.new_event_loop()

    async def handle(request: web.Request) -> web.Response:
        calls.append(request.match_info["method"])
        return web.json_response({"ok": True, "result": True})

    async def serve() -> web.AppRunner:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        return runner

    runner = loop.run_until_complete(serve())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}", calls
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)


@pytest.fixture(scope="module")
def bot_with_telegram(fake_telegram_api, tmp_path_factory) -> Iterator[str]:
    api_url, _ = fake_telegram_api
    credentials = Path(tmp_path_factory.mktemp("fuzz")) / "credentials.yml"
    credentials.write_text(
        "bot.channels.webchat.WebChatInput:\n  user_message_evt: user_uttered\n"
        "  bot_message_evt: bot_uttered\n  session_persistence: true\n"
        "bot.channels.rest.SafeRestInput:\n"
        f"bot.channels.telegram.TelegramChannel:\n  access_token: '123:fake-token'\n"
        f"  secret_token: {SECRET}\n  api_url: {api_url}\n", encoding="utf-8")
    port = free_port()
    processes = start_bot(port=port, actions_port=free_port(), name="fuzz",
                          env_extra={"ACOMPANA_CREDENTIALS": str(credentials)})
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(processes)


def test_hostile_inputs_never_get_a_5xx_and_the_bot_keeps_answering(bot_with_telegram):
    tally = asyncio.run(fuzz.run(bot_with_telegram, count=fuzz.DEFAULT_COUNT, telegram_secret=SECRET))
    assert tally.sent >= 500
    assert tally.server_errors == []


def test_telegram_updates_never_make_the_bot_download_files(bot_with_telegram, fake_telegram_api):
    _, calls = fake_telegram_api
    assert "getFile" not in calls and "getMe" not in calls and "setWebhook" not in calls
