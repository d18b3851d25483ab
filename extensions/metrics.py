"""``/metrics`` for deployers (Prometheus' text format), off unless ``ACOMPANA_METRICS=1``.

The endpoint is ``prometheus_client``'s own HTTP server on ``127.0.0.1`` port
``ACOMPANA_METRICS_PORT`` (default 9105), so it is never behind nginx by accident; scrape it
from the same machine. What is counted (``bot/channels/metrics.py``) is counts only: turns
and their latency by channel and outcome (from the connectors), and, from the events the
tracker store saves (:func:`count_new_events`), crisis and danger answers, fallbacks and
failed custom actions, by channel. Never text, never ids.
"""
from __future__ import annotations

import logging
from typing import Iterable

from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered

from bot.channels.metrics import ERRORS, FALLBACKS, REGISTRY, RISK_ANSWERS, channel_label
from bot.reading.intents import RISK_INTENT
from bot.settings import load_operations_settings

logger = logging.getLogger(__name__)

#: Intent name -> risk kind ("express_crisis" -> "crisis").
RISK_INTENTS = {intent: kind for kind, intent in RISK_INTENT.items()}

#: What counts as "the bot did not understand".
FALLBACK_INTENTS = frozenset({"nlu_fallback"})
FALLBACK_ACTIONS = frozenset({"action_default_fallback"})

_started = False


def count_new_events(events: Iterable[Event]) -> None:
    """Count the risk answers, fallbacks and failed actions among newly saved events."""
    channel = "other"
    for event in events:
        if isinstance(event, UserUttered):
            channel = channel_label(event.input_channel)
            intent = (event.intent or {}).get("name")
            if intent in RISK_INTENTS:
                RISK_ANSWERS.labels(channel, RISK_INTENTS[intent]).inc()
            elif intent in FALLBACK_INTENTS:
                FALLBACKS.labels(channel).inc()
        elif isinstance(event, ActionExecuted) and event.action_name in FALLBACK_ACTIONS:
            FALLBACKS.labels(channel).inc()
        elif isinstance(event, BotUttered) and (event.metadata or {}).get(
                "acompana_action_failed"):
            ERRORS.labels(channel, "custom_action").inc()


def start_if_enabled() -> bool:
    """Start the metrics endpoint once when ``ACOMPANA_METRICS=1``; return whether it runs."""
    global _started
    if _started:
        return True
    settings = load_operations_settings()
    if not settings.metrics:
        return False
    from prometheus_client import start_http_server

    port = settings.metrics_port
    start_http_server(port, addr="127.0.0.1", registry=REGISTRY)
    _started = True
    logger.info("metrics on http://127.0.0.1:%d/metrics", port)
    return True
