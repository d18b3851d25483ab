"""Settings read from environment variables, in one place. Secrets never live in files."""
from __future__ import annotations

import os
from dataclasses import dataclass


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


@dataclass(frozen=True)
class Settings:
    """Deployment settings (see README, "Configuración")."""

    #: Hours after the last message before a conversation is erased.
    retention_hours: int
    #: Rasa's HTTP API (conversations, model) is off unless this is set.
    enable_api: bool
    #: Token required by the HTTP API when it is enabled.
    api_token: str
    #: Salt for hashing channel user ids before they reach the tracker or the logs.
    id_salt: str
    #: URL of the action server.
    actions_url: str
    #: Interface the Rasa server listens on (127.0.0.1: only this machine / a local proxy).
    host: str
    #: Channels file (credentials.yml by default).
    credentials: str
    #: Endpoints file: action server, tracker store, lock store (endpoints.yml by default).
    endpoints: str
    #: Web origins allowed to call the server from a browser (the widget on another site).
    cors_origins: tuple[str, ...]


def load_settings() -> Settings:
    """Read the settings from the environment."""
    return Settings(
        retention_hours=_int("ACOMPANA_RETENTION_HOURS", 24),
        enable_api=os.environ.get("ACOMPANA_ENABLE_API", "").lower() in {"1", "true", "yes"},
        api_token=os.environ.get("ACOMPANA_API_TOKEN", ""),
        id_salt=os.environ.get("ACOMPANA_ID_SALT", "acompana-dev-salt"),
        actions_url=os.environ.get("ACOMPANA_ACTIONS_URL", "http://127.0.0.1:5055/webhook"),
        host=os.environ.get("ACOMPANA_HOST", "127.0.0.1"),
        credentials=os.environ.get("ACOMPANA_CREDENTIALS", "credentials.yml"),
        endpoints=os.environ.get("ACOMPANA_ENDPOINTS", "endpoints.yml"),
        cors_origins=tuple(o for o in os.environ.get("ACOMPANA_CORS_ORIGINS", "").split() if o),
    )


# ----------------------------------------------------------------------------------------
# Operations: action server, metrics, per-channel limits (docs/operations.md).
# Kept apart from the settings above on purpose; read by extensions/ and scripts/.
# ----------------------------------------------------------------------------------------

#: Hosts that mean "this machine only".
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


@dataclass(frozen=True)
class OperationsSettings:
    """How the action server and the metrics endpoint are exposed."""

    #: Interface the action server listens on (``ACOMPANA_ACTIONS_HOST``, default loopback).
    actions_host: str
    #: Shared secret the Rasa server sends to the action server in ``X-Acompana-Actions-Token``
    #: (``ACOMPANA_ACTIONS_TOKEN``). Required when the action server is not on loopback.
    actions_token: str
    #: ``/metrics`` in Prometheus' text format (``ACOMPANA_METRICS=1``); off by default.
    metrics: bool
    #: Port of the metrics endpoint on 127.0.0.1 (``ACOMPANA_METRICS_PORT``, default 9105).
    metrics_port: int


def load_operations_settings() -> OperationsSettings:
    """Read the operations settings from the environment."""
    return OperationsSettings(
        actions_host=os.environ.get("ACOMPANA_ACTIONS_HOST", "").strip() or "127.0.0.1",
        actions_token=os.environ.get("ACOMPANA_ACTIONS_TOKEN", "").strip(),
        metrics=os.environ.get("ACOMPANA_METRICS", "").lower() in {"1", "true", "yes"},
        metrics_port=_int("ACOMPANA_METRICS_PORT", 9105),
    )


def environment_value(name: str) -> str:
    """The value of one environment variable named in a configuration file (or "")."""
    return os.environ.get(name, "").strip()
