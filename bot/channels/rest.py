"""REST channel that never answers 500 and never logs message text.

Rasa's own ``rest`` channel answers HTTP 500 to an empty body, ``null`` or ``[]`` and logs the
text of failed messages. This one validates the body first (400 with a Spanish explanation),
cuts huge messages safely (``bot.channels.common``) and, when handling fails, still answers
with the collected replies plus a kind note. It keeps the name ``rest`` and the same URL
(``/webhooks/rest/webhook``) so ``rasa shell`` and other tools keep working.
"""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import prepare_text
from bot.channels.texts import channel_text

logger = logging.getLogger(__name__)

#: Largest request body accepted, in bytes.
MAX_BODY_BYTES = 200_000
#: Longest sender id accepted.
MAX_SENDER_CHARS = 128


class BadRequest(ValueError):
    """The request body is not a message we can handle; the text says why, in Spanish."""


def parse_body(raw: bytes) -> tuple[str, str, Optional[Dict[str, Any]]]:
    """Return ``(sender, message, metadata)`` from a request body, or raise BadRequest."""
    if len(raw) > MAX_BODY_BYTES:
        raise BadRequest("El mensaje es demasiado grande.")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
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


class SafeRestInput(InputChannel):
    """``POST /webhooks/rest/webhook`` with ``{"sender": ..., "message": ...}``."""

    @classmethod
    def name(cls) -> Text:
        """Same name as Rasa's channel, so the URL and ``rasa shell`` stay the same."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes: health check and webhook."""
        webhook = Blueprint("acompana_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, message, metadata = parse_body(request.body or b"")
            except BadRequest as error:
                return response.json({"error": str(error)}, status=400)
            text = prepare_text(message)
            if not text:
                return response.json([{"recipient_id": sender, "text": channel_text("empty_message")}])
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(
                    text, collector, sender, input_channel=self.name(), metadata=metadata))
            except asyncio.CancelledError:
                logger.error("rest: message handling was cancelled (timeout)")
                collector.messages.append({"recipient_id": sender, "text": channel_text("error_fallback")})
            except Exception as error:  # noqa: BLE001 - any failure must still get a kind reply
                logger.error("rest: message handling failed (%s)", type(error).__name__)
                collector.messages.append({"recipient_id": sender, "text": channel_text("error_fallback")})
            return response.json(collector.messages)

        return webhook
