"""Settings read from environment variables, in one place. Secrets never live in files."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# ---- isolation: who may talk as which conversation (docs/security.md) -------------------

#: ``ACOMPANA_ENV`` of the default local run (``scripts/start.sh``); the deploy templates set
#: ``production``, which turns on every check of :func:`settings_problems`.
LOCAL = "local"
PRODUCTION = "production"
#: The salt used when ``ACOMPANA_ID_SALT`` is not set: public (it is in this file), so a
#: Telegram user id hashed with it can be recomputed by anyone. Refused in production.
DEFAULT_ID_SALT = "acompana-dev-salt"
#: Shortest secret accepted for signing web-chat tokens and for the REST and HTTP API tokens.
MIN_SECRET_CHARS = 32
MIN_TOKEN_CHARS = 16
#: Signs web-chat tokens in the local run when ``ACOMPANA_WEBCHAT_SECRET`` is not set: new at
#: every start, so tokens of a previous run (and of other processes) are not accepted.
_PROCESS_WEBCHAT_SECRET = secrets.token_urlsafe(32)


class SettingsError(ValueError):
    """The settings are unsafe for this environment; the text says what to set, in Spanish."""


def settings_problems(settings: "Settings") -> list[str]:
    """What must change before these settings are safe, in Spanish; empty when all is well.

    Outside the local default run (``ACOMPANA_ENV=production``) the public default salt and a
    missing web-chat secret are refused; in any run a token that is set must be long enough.
    """
    problems = []
    if settings.environment not in (LOCAL, PRODUCTION):
        problems.append(f"ACOMPANA_ENV debe ser «{LOCAL}» o «{PRODUCTION}», no «{settings.environment}».")
    if settings.environment != LOCAL:
        if settings.id_salt == DEFAULT_ID_SALT or len(settings.id_salt) < MIN_TOKEN_CHARS:
            problems.append(
                "ACOMPANA_ID_SALT no está definida (o es la de ejemplo): con la sal pública "
                "cualquiera puede calcular el id de conversación de una persona a partir de su "
                "id de Telegram. Define una sal secreta propia, igual en todos los servidores, "
                "p. ej. con: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'.")
        if len(settings.webchat_secret) < MIN_SECRET_CHARS:
            problems.append(
                f"ACOMPANA_WEBCHAT_SECRET debe tener {MIN_SECRET_CHARS} caracteres o más y ser "
                "la misma en todos los servidores (firma las conversaciones del chat web).")
    if settings.rest_token and len(settings.rest_token) < MIN_TOKEN_CHARS:
        problems.append(f"ACOMPANA_REST_TOKEN debe tener {MIN_TOKEN_CHARS} caracteres o más.")
    return problems


def require_safe_settings(settings: "Settings | None" = None) -> "Settings":
    """Return the settings, or raise :class:`SettingsError` naming every problem."""
    settings = settings or load_settings()
    problems = settings_problems(settings)
    if problems:
        raise SettingsError("Configuración insegura, no arranco:\n- " + "\n- ".join(problems))
    return settings


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
    #: ``local`` (default run) or ``production`` (``ACOMPANA_ENV``, set by deploy/).
    environment: str
    #: Bearer token every REST request must carry; in production REST is off without it.
    rest_token: str = field(repr=False)
    #: Secret that signs web-chat tokens; the same on every server (``ACOMPANA_WEBCHAT_SECRET``).
    webchat_secret: str = field(repr=False)
    #: Origins (``https://ngo.example``) besides the chat page's own that may open the socket.
    allowed_origins: tuple[str, ...]
    #: New web-chat conversations one client address may start per hour.
    webchat_sessions_per_hour: int
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

    @property
    def production(self) -> bool:
        """True outside the local default run (``ACOMPANA_ENV=production``)."""
        return self.environment != LOCAL


def load_settings() -> Settings:
    """Read the settings from the environment."""
    environment = os.environ.get("ACOMPANA_ENV", "").strip().lower() or LOCAL
    webchat_secret = os.environ.get("ACOMPANA_WEBCHAT_SECRET", "").strip()
    if not webchat_secret and environment == LOCAL:
        webchat_secret = _PROCESS_WEBCHAT_SECRET
    return Settings(
        retention_hours=_int("ACOMPANA_RETENTION_HOURS", 24),
        enable_api=os.environ.get("ACOMPANA_ENABLE_API", "").lower() in {"1", "true", "yes"},
        api_token=os.environ.get("ACOMPANA_API_TOKEN", ""),
        id_salt=os.environ.get("ACOMPANA_ID_SALT", DEFAULT_ID_SALT),
        environment=environment,
        rest_token=os.environ.get("ACOMPANA_REST_TOKEN", "").strip(),
        webchat_secret=webchat_secret,
        allowed_origins=tuple(
            o.rstrip("/") for o in os.environ.get("ACOMPANA_ALLOWED_ORIGINS", "").split() if o),
        webchat_sessions_per_hour=_int("ACOMPANA_WEBCHAT_SESSIONS_PER_HOUR", 30),
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


# ---- the support directory (docs/directory.md) --------------------------------------------

#: Environment variable with the path of the deployer's extra directory file (else the
#: directory's ``local.yml`` is used when it exists).
DIRECTORY_EXTRA_ENV_VAR = "ACOMPANA_DIRECTORY_EXTRA"


def directory_extra_file() -> str:
    """``ACOMPANA_DIRECTORY_EXTRA``: the deployer's extra directory file, or "" when unset."""
    return os.environ.get(DIRECTORY_EXTRA_ENV_VAR, "").strip()


# ---- Telegram set-up command (docs/telegram.md) -------------------------------------------

#: What ``python -m bot.channels.telegram_setup`` reads: the bot token, the webhook secret and
#: an optional Bot API address.
TELEGRAM_SETUP_VARS: tuple[str, ...] = ("TELEGRAM_TOKEN", "TELEGRAM_SECRET", "TELEGRAM_API_URL")


def telegram_setup_values() -> dict[str, str]:
    """The ``TELEGRAM_SETUP_VARS`` that are set, for the Telegram set-up command."""
    return {name: os.environ[name] for name in TELEGRAM_SETUP_VARS if name in os.environ}


def environment_value(name: str) -> str:
    """The value of one environment variable named in a configuration file (or "")."""
    return os.environ.get(name, "").strip()
