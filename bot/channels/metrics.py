"""Counts for deployers, in Prometheus' text format: never text, never ids (docs/operations.md).

Every metric has only closed-vocabulary labels (the channel's name, an outcome, a risk kind),
so nothing in ``/metrics`` can tell who wrote or what. Served only when ``ACOMPANA_METRICS=1``
(``extensions/metrics.py`` starts the endpoint on 127.0.0.1).
"""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

#: Channel names a label may take; anything else is counted as "other".
CHANNELS = frozenset({"telegram", "socketio", "rest", "webchat", "cmdline"})

#: The registry ``/metrics`` serves (not the process-wide default: no process details).
REGISTRY = CollectorRegistry(auto_describe=True)

TURNS = Counter("acompana_turns", "Messages handled, by channel and outcome "
                "(handled, empty, busy, failed, cancelled).", ["channel", "outcome"],
                registry=REGISTRY)
TURN_SECONDS = Histogram("acompana_turn_seconds", "Time from a message to its last reply.",
                         ["channel"], registry=REGISTRY,
                         buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32))
ERRORS = Counter("acompana_errors", "Turns that failed or timed out, and custom actions that "
                 "failed (the safe answer was sent).", ["channel", "where"], registry=REGISTRY)
RISK_ANSWERS = Counter("acompana_risk_answers", "Turns read as a crisis or an immediate danger.",
                       ["channel", "kind"], registry=REGISTRY)
FALLBACKS = Counter("acompana_fallbacks", "Turns the bot did not understand (clarifying "
                    "question asked).", ["channel"], registry=REGISTRY)


def channel_label(name: str | None) -> str:
    """The channel as a label value from a closed set."""
    return name if name in CHANNELS else "other"


def count_turn(channel: str, outcome: str, seconds: float) -> None:
    """Count one message and how long it took."""
    label = channel_label(channel)
    TURNS.labels(label, outcome).inc()
    TURN_SECONDS.labels(label).observe(seconds)
    if outcome in {"failed", "cancelled"}:
        ERRORS.labels(label, "turn").inc()
