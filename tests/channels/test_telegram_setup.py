"""The deployer's webhook command, against the fake Bot API on 127.0.0.1."""
from __future__ import annotations

import io

import pytest

from bot.channels.telegram_setup import (
    ALLOWED_UPDATES,
    EXIT_CONFIG,
    EXIT_TELEGRAM,
    SetupError,
    _check_webhook_url,
    run_command,
)
from tests.channels.fake_telegram import TEST_SECRET, TEST_TOKEN, FakeTelegram, run

WEBHOOK_URL = "https://example.org/webhooks/telegram/webhook"


async def _run(argv, *, env=None, fake=None):
    """Run the command with the fake as ``TELEGRAM_API_URL``; return (code, output, fake)."""
    fake = fake or FakeTelegram()
    await fake.start()
    out = io.StringIO()
    full_env = {"TELEGRAM_TOKEN": TEST_TOKEN, "TELEGRAM_SECRET": TEST_SECRET,
                "TELEGRAM_API_URL": fake.url}
    full_env.update(env or {})
    try:
        code = await run_command(argv, env=full_env, out=out)
    finally:
        await fake.stop()
    return code, out.getvalue(), fake


def test_set_webhook_sends_url_secret_and_allowed_updates():
    code, output, fake = run(_run(["set-webhook", "--url", WEBHOOK_URL]))
    assert code == 0
    assert fake.calls == [("setWebhook", {
        "url": WEBHOOK_URL,
        "secret_token": TEST_SECRET,
        "allowed_updates": ["message", "edited_message", "callback_query"],
        "drop_pending_updates": False,
    })]
    assert fake.tokens == {TEST_TOKEN}
    assert list(ALLOWED_UPDATES) == ["message", "edited_message", "callback_query"]
    assert TEST_TOKEN not in output and TEST_SECRET not in output


def test_set_webhook_options():
    code, _, fake = run(_run(["set-webhook", "--url", WEBHOOK_URL, "--drop-pending-updates",
                              "--max-connections", "5"]))
    assert code == 0
    payload = fake.calls[0][1]
    assert (payload["drop_pending_updates"], payload["max_connections"]) == (True, 5)


def test_delete_webhook():
    code, output, fake = run(_run(["delete-webhook"]))
    assert (code, fake.methods()) == (0, ["deleteWebhook"])
    assert "deleted" in output


def test_info_shows_the_webhook_without_the_token():
    code, output, fake = run(_run(["info"]))
    assert (code, fake.methods()) == (0, ["getWebhookInfo"])
    assert "url: https://example.org/webhooks/telegram/webhook" in output
    assert "pending_update_count: 0" in output
    assert TEST_TOKEN not in output


def test_telegram_refusal_exits_1():
    fake = FakeTelegram()
    fake.script["setWebhook"] = [(401, {"ok": False, "error_code": 401,
                                        "description": "Unauthorized"})]
    code, output, _ = run(_run(["set-webhook", "--url", WEBHOOK_URL], fake=fake))
    assert code == EXIT_TELEGRAM
    assert "401" in output


@pytest.mark.parametrize("env, argv", [
    ({"TELEGRAM_TOKEN": ""}, ["info"]),
    ({"TELEGRAM_TOKEN": "not-a-token"}, ["info"]),
    ({"TELEGRAM_SECRET": ""}, ["set-webhook", "--url", WEBHOOK_URL]),
    ({"TELEGRAM_SECRET": "with spaces"}, ["set-webhook", "--url", WEBHOOK_URL]),
    ({}, ["set-webhook", "--url", WEBHOOK_URL, "--max-connections", "0"]),
])
def test_missing_or_wrong_settings_exit_2_without_calling_telegram(env, argv):
    code, output, fake = run(_run(argv, env=env))
    assert code == EXIT_CONFIG
    assert output.startswith("error:")
    assert fake.calls == []


@pytest.mark.parametrize("url", [
    "http://example.org/webhooks/telegram/webhook",
    "https://example.org:5005/webhooks/telegram/webhook",
    "example.org/webhooks/telegram/webhook",
])
def test_telegram_only_posts_to_https_on_its_ports(url):
    with pytest.raises(SetupError):
        _check_webhook_url(url, api_url="https://api.telegram.org")


def test_webhook_url_on_8443_is_accepted():
    _check_webhook_url("https://example.org:8443/webhooks/telegram/webhook",
                       api_url="https://api.telegram.org")
