"""REST channel for the terminal chat, tools and tests: never 500, never message text in logs.

Rasa's own ``rest`` channel answers HTTP 500 to an empty body, ``null`` or ``[]`` and logs the
text of failed messages. This one validates the body first (400 with a Spanish explanation,
also for JSON nested absurdly deep), cuts huge messages safely (``bot.channels.common``) and,
when handling fails or the bot says nothing, still answers with a kind note. It keeps the name
``rest`` and the same URL (``/webhooks/rest/webhook``) so ``rasa shell`` and tools keep working.

REST trusts the ``sender`` it is sent, so who may use it is restricted (docs/security.md):

- **local default run**: on, answering only clients on this machine (loopback);
- **production** (``ACOMPANA_ENV=production``): off unless ``ACOMPANA_REST_TOKEN`` is set;
- whenever ``ACOMPANA_REST_TOKEN`` is set, every request must carry
  ``Authorization: Bearer <token>`` (compared in constant time), else 401.

nginx never forwards ``/webhooks/rest/`` (deploy/nginx.conf.template).
"""
from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import deliver, prepare_text
from bot.channels.hardening import install_server_rules
from bot.channels.texts import channel_text
from bot.settings import Settings, require_safe_settings

logger = logging.getLogger(__name__)

#: Largest request body accepted, in bytes (larger: 413 with a kind note).
MAX_BODY_BYTES = 200_000
#: Longest sender id accepted.
MAX_SENDER_CHARS = 128


class BadRequest(ValueError):
    """The request body is not a message we can handle; the text says why, in Spanish."""

    status = 400


class TooLarge(BadRequest):
    """The body is over :data:`MAX_BODY_BYTES`."""

    status = 413


def parse_body(raw: bytes) -> tuple[str, str, Optional[Dict[str, Any]]]:
    """Return ``(sender, message, metadata)`` from a request body, or raise BadRequest."""
    if len(raw) > MAX_BODY_BYTES:
        raise TooLarge(channel_text("message_too_long"))
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: JSON nested ~1,000 levels deep.
        raise BadRequest("El cuerpo debe ser JSON en UTF-8: {\"sender\": ..., \"message\": ...}.")
    if not isinstance(body, dict):
        raise BadRequest("El cuerpo debe ser un objeto JSON con \"sender\" y \"message\".")
    sender = body.get("sender", "default")
    message = body.get("message")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        raise BadRequest("\"sender\" debe ser un texto de 1 a 128 caracteres.")
    if not isinstance(message, str):
        raise BadRequest("\"message\" debe ser un texto.")
    metadata = body.get("metadata")
    return sender, message, metadata if isinstance(metadata, dict) else None


def bearer_token_matches(header: Optional[str], token: str) -> bool:
    """``Authorization: Bearer <token>`` carries ``token`` (constant-time comparison)."""
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))


def is_loopback(address: str) -> bool:
    """The peer is this machine (127.0.0.1, ::1)."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


class SafeRestInput(InputChannel):
    """``POST /webhooks/rest/webhook`` with ``{"sender": ..., "message": ...}``."""

    @classmethod
    def name(cls) -> Text:
        """Same name as Rasa's channel, so the URL and ``rasa shell`` stay the same."""
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SafeRestInput":
        """Build the channel; refuses unsafe production settings (bot.settings)."""
        return cls(settings=require_safe_settings())

    def __init__(self, settings: Optional[Settings] = None) -> None:
        self.settings = settings or require_safe_settings()

    @property
    def enabled(self) -> bool:
        """Off in production without ``ACOMPANA_REST_TOKEN``."""
        return bool(self.settings.rest_token) or not self.settings.production

    def refusal(self, request: Request) -> Optional[HTTPResponse]:
        """Why this request may not use REST (401/403), or None when it may."""
        if self.settings.rest_token:
            if not bearer_token_matches(request.headers.get("authorization"), self.settings.rest_token):
                return response.json({"error": "Falta «Authorization: Bearer <ACOMPANA_REST_TOKEN>»."},
                                     status=401, headers={"WWW-Authenticate": "Bearer"})
            return None
        if not is_loopback(request.ip or ""):
            return response.json({"error": "Sin ACOMPANA_REST_TOKEN, REST solo atiende a esta máquina."},
                                 status=403)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes: health check and webhook (none in production without a token)."""
        webhook = RestBlueprint("acompana_rest", __name__)
        if not self.enabled:
            logger.info("rest: off (production without ACOMPANA_REST_TOKEN)")
            return webhook

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return self.refusal(request) or response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.refusal(request)
            if refused is not None:
                return refused
            try:
                sender, message, metadata = parse_body(request.body or b"")
            except BadRequest as error:
                return response.json({"error": str(error)}, status=error.status)
            collector = CollectingOutputChannel()

            async def handle(text: str) -> None:
                await on_new_message(UserMessage(
                    text, collector, sender, input_channel=self.name(), metadata=metadata))

            async def send(text: str) -> None:
                collector.messages.append({"recipient_id": sender, "text": text})

            try:
                await deliver(prepare_text(message), sender_id=sender, handle=handle, send=send,
                              channel=self.name(), said_nothing=lambda: not collector.messages)
            except asyncio.CancelledError:
                pass  # a timeout: deliver() added error_fallback, and the caller still gets it
            return response.json(collector.messages)

        return webhook


class RestBlueprint(Blueprint):
    """The REST routes; registering them also installs the server-wide rules (hardening)."""

    def register(self, app: Any, options: Dict[str, Any]) -> None:
        """Register the routes and :func:`install_server_rules` on ``app``."""
        super().register(app, options)
        install_server_rules(app)
