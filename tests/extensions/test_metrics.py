"""/metrics: counts by channel and outcome, never text or ids; off by default."""
from __future__ import annotations

import asyncio
import urllib.request

from prometheus_client import generate_latest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from bot.channels.common import deliver
from bot.channels.metrics import REGISTRY
from extensions import metrics
from scripts.ports import free_port

SECRET_TEXT = "me quiero matar, llámame al +56 9 1234 5678"
SENDER = "tg-3f2a9b7c1d"


def exposition() -> str:
    return generate_latest(REGISTRY).decode()


def value(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_turns_are_counted_by_channel_and_outcome_without_text_or_ids():
    before = value("acompana_turns_total", channel="telegram", outcome="handled")

    async def handle(text: str) -> None:
        return None

    async def send(text: str) -> None:
        return None

    asyncio.run(deliver(SECRET_TEXT, sender_id=SENDER, handle=handle, send=send,
                        channel="telegram"))
    assert value("acompana_turns_total", channel="telegram", outcome="handled") == before + 1
    assert value("acompana_turn_seconds_count", channel="telegram") >= 1
    text = exposition()
    assert SECRET_TEXT not in text and "1234" not in text and SENDER not in text


def test_risk_answers_fallbacks_and_failed_actions_are_counted_from_saved_events():
    crisis = value("acompana_risk_answers_total", channel="socketio", kind="crisis")
    fallbacks = value("acompana_fallbacks_total", channel="socketio")
    failed = value("acompana_errors_total", channel="socketio", where="custom_action")
    metrics.count_new_events([
        UserUttered(SECRET_TEXT, {"name": "express_crisis"}, input_channel="socketio"),
        UserUttered("asdf", {"name": "nlu_fallback"}, input_channel="socketio"),
        ActionExecuted("action_default_fallback"),
        BotUttered("Si estás en peligro...", metadata={"acompana_action_failed": True}),
    ])
    assert value("acompana_risk_answers_total", channel="socketio", kind="crisis") == crisis + 1
    assert value("acompana_fallbacks_total", channel="socketio") == fallbacks + 2
    assert value("acompana_errors_total", channel="socketio",
                 where="custom_action") == failed + 1
    assert SECRET_TEXT not in exposition()


def test_unknown_channel_names_become_other():
    metrics.count_new_events([UserUttered("x", {"name": "express_crisis"},
                                          input_channel="tg-3f2a9b7c1d")])
    assert "tg-3f2a9b7c1d" not in exposition()


def test_metrics_are_off_by_default(monkeypatch):
    monkeypatch.delenv("ACOMPANA_METRICS", raising=False)
    monkeypatch.setattr(metrics, "_started", False)
    assert metrics.start_if_enabled() is False


def test_metrics_endpoint_serves_prometheus_text_on_loopback(monkeypatch):
    port = free_port()
    monkeypatch.setenv("ACOMPANA_METRICS", "1")
    monkeypatch.setenv("ACOMPANA_METRICS_PORT", str(port))
    monkeypatch.setattr(metrics, "_started", False)
    assert metrics.start_if_enabled()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        body = answer.read().decode()
    assert "acompana_turns_total" in body and "# TYPE acompana_turn_seconds histogram" in body
