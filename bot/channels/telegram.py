"""Telegram connector for Rasa: a webhook that checks Telegram's secret and replies in private.

Enable it in ``credentials.yml`` (see ``docs/telegram.md``)::

    bot.channels.telegram.TelegramChannel:
      access_token: ${TELEGRAM_TOKEN}
      secret_token: ${TELEGRAM_SECRET}

Telegram then posts updates to ``https://<host>/webhooks/telegram/webhook`` once the webhook
is registered with ``python -m bot.channels.telegram_setup set-webhook --url ...``.

Why not Rasa's own ``rasa.core.channels.telegram``: it calls ``getMe`` on every update and
``setWebhook`` at start-up (no start-up without network), checks no secret, passes Telegram's
chat id to the tracker, and silently drops photos, stickers and voice notes.

Why aiohttp and not aiogram: the connector needs four Bot API methods (``sendMessage``,
``answerCallbackQuery`` and, in the set-up command, ``setWebhook``/``deleteWebhook``/
``getWebhookInfo``), each a JSON POST. With aiohttp, which Rasa already depends on, each
call is one visible line with its timeout; there is no hidden ``getMe``, no token-format check
that rejects test tokens, no client object bound to an event loop at import time, and the base
URL is a plain string (a local Bot API server, a proxy, or the fake server of the tests).
aiogram 2.x is also end-of-life.

What is kept, and where (privacy):
- Rasa's tracker gets only ``tg-`` + an HMAC of the Telegram user id (salt
  ``ACOMPANA_ID_SALT``, read by ``bot.settings``), the text the person wrote (or the button
  payload) and nothing else: no chat id, name, username, language or phone number, and no
  metadata.
- The chat id needed to answer lives in a ``TelegramOutput`` made for one update and
  dropped with it.
- In memory only, bounded, lost on restart: long button payloads (``CallbackPayloads``),
  recent update ids (to drop Telegram's re-deliveries) and hashed ids of groups already told
  to write in private.
- Logs: update type, kind, hashed sender, latency, Telegram error codes. Never text, names,
  phone numbers, file ids or the bot token (it is part of every API URL, so URLs are never
  logged either).

Groups: the bot is for private chats. Content written in a group or supergroup is never sent
to Rasa; the first time the bot hears from a group it posts one short note, which names no
topic (others can read it), asking to write in private. Channel posts are ignored.

The connector, one module per job (all in ``bot/channels/``):
    telegram.py              the webhook (``TelegramChannel``): secret, re-deliveries, kinds
    telegram_updates.py      which update is what, commands, the hashed sender id (pure)
    telegram_replies.py      long replies split at Telegram's limit, inline keyboards (pure)
    telegram_output.py       ``TelegramOutput``: replies to the one chat of an update
    telegram_api.py          ``TelegramApi``: the Bot API client (aiohttp)
    telegram_credentials.py  the credentials.yml block checked, ``${VAR}`` expanded
    telegram_body.py         the webhook body read within its limit
    telegram_texts.py        the texts it sends by itself (channel_texts.yml)
    telegram_recent.py       recent message ids, for ``/borrar``
    telegram_setup.py        ``python -m bot.channels.telegram_setup``: register the webhook
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
import traceback
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage

from bot.settings import load_settings
from bot.channels.common import ConversationGate, deliver, prepare_text_async, scan_risk
from bot.channels.telegram_api import DEFAULT_API_URL, TelegramApi
from bot.channels.telegram_body import MAX_WEBHOOK_BODY, read_body, refuse_body
from bot.channels.telegram_credentials import (
    SECRET_PATTERN,
    TOKEN_PATTERN,
    TelegramConfigError,
    credential,
)
from bot.channels.telegram_output import TelegramOutput
from bot.channels.telegram_recent import RecentMessages
from bot.channels.telegram_replies import CallbackPayloads
from bot.channels.telegram_texts import ChannelTexts, load_channel_texts
from bot.channels.telegram_updates import COMMANDS, Incoming, MalformedUpdate, UpdateKind, classify_update, hash_sender_id

logger = logging.getLogger(__name__)

#: Header in which Telegram repeats the ``secret_token`` given to ``setWebhook``.
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

#: Update ids remembered to drop re-deliveries (Telegram re-sends when an answer is slow).
RECENT_UPDATES_MAX = 2048

#: Groups remembered as already told to write in private.
GROUPS_TOLD_MAX = 1024

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class TelegramChannel(InputChannel):
    """Rasa input channel for Telegram (webhook ``/webhooks/telegram/webhook``)."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramChannel":
        """Build the channel from its ``credentials.yml`` block."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            access_token=credential(credentials, "access_token"),
            secret_token=credential(credentials, "secret_token"),
            api_url=credential(credentials, "api_url", default=DEFAULT_API_URL),
        )

    def __init__(
        self,
        access_token: str,
        secret_token: str,
        *,
        api_url: str = DEFAULT_API_URL,
        texts: Optional[ChannelTexts] = None,
        id_salt: Optional[str] = None,
    ) -> None:
        if not isinstance(access_token, str) or not TOKEN_PATTERN.match(access_token):
            raise TelegramConfigError(
                "telegram: access_token is missing or is not a bot token from @BotFather "
                "(123456789:AA...). Is TELEGRAM_TOKEN set?")
        if not isinstance(secret_token, str) or not SECRET_PATTERN.match(secret_token):
            raise TelegramConfigError(
                "telegram: secret_token must be 1-256 characters of A-Z a-z 0-9 _ - "
                "(Telegram's rule). Is TELEGRAM_SECRET set?")
        if not isinstance(api_url, str) or not api_url.startswith(("https://", "http://")):
            raise TelegramConfigError("telegram: api_url must start with https:// or http://")
        self._secret = secret_token.encode("utf-8")
        self._api = TelegramApi(access_token, api_url=api_url)
        self._texts = texts or load_channel_texts()
        self._salt = id_salt if id_salt is not None else load_settings().id_salt
        self._payloads = CallbackPayloads()
        self._recent_updates: "OrderedDict[int, None]" = OrderedDict()
        self._in_progress: Dict[int, asyncio.Event] = {}
        self._gate = ConversationGate()
        self._recent_messages = RecentMessages()
        self._groups_told: "OrderedDict[str, None]" = OrderedDict()

    def get_output_channel(self) -> Optional[OutputChannel]:
        """None: without an incoming update the connector knows no chat to write to."""
        return None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """The webhook routes: ``GET /`` (health) and ``POST /webhook``."""
        telegram_webhook = Blueprint("acompana_telegram", __name__)

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        # stream=True: Sanic calls us after the headers, so a request without the secret
        # is refused before its body is read.
        @telegram_webhook.route("/webhook", methods=["POST"], stream=True)
        async def webhook(request: Request) -> HTTPResponse:
            return await self._webhook(request, on_new_message)

        @telegram_webhook.listener("after_server_stop")
        async def close_api(*_: Any) -> None:
            await self._api.close()

        return telegram_webhook

    # -- request handling -------------------------------------------------------------------

    def _secret_matches(self, header: Optional[str]) -> bool:
        if not header:
            return False
        return hmac.compare_digest(header.encode("utf-8", "replace"), self._secret)

    async def _webhook(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        started = time.monotonic()
        if not self._secret_matches(request.headers.get(SECRET_HEADER)):
            refuse_body(request)
            logger.warning("telegram webhook refused: wrong or missing secret token")
            return response.text("forbidden", status=403)
        body = await read_body(request, MAX_WEBHOOK_BODY)
        if body is None:
            logger.warning("telegram webhook refused: body larger than %d bytes",
                           MAX_WEBHOOK_BODY)
            return response.text("payload too large", status=413)
        # From here on every outcome is 200: Telegram re-sends on anything else, and an
        # update we cannot read will not become readable by being sent again.
        try:
            incoming = classify_update(json.loads(body))
        # JSONDecodeError and UnicodeDecodeError are ValueErrors; RecursionError is deep nesting.
        except (ValueError, RecursionError, MalformedUpdate) as error:
            logger.warning("telegram update dropped: %s", type(error).__name__)
            return response.text("ok")
        if not await self._claim(incoming.update_id):
            logger.info("telegram update dropped: re-delivery")
            return response.text("ok")
        sender = "-"
        handled = False
        try:
            sender = await self._handle(incoming, on_new_message)
            handled = True
        except asyncio.CancelledError:
            # Sanic cancels a request whose client gave up (Telegram's timeout): the update
            # stays unseen, so Telegram's re-delivery is answered.
            logger.warning("telegram update cancelled before it was answered")
            raise
        except Exception as error:  # noqa: BLE001 - the webhook must never answer 500
            handled = True
            logger.error("telegram update failed: %s\n%s", type(error).__name__,
                         "".join(traceback.format_tb(error.__traceback__)))
            if incoming.chat_id is not None and incoming.kind is not UpdateKind.GROUP:
                await self._api.call("sendMessage", {"chat_id": incoming.chat_id,
                                                     "text": self._texts.error_fallback})
        finally:
            self._finish(incoming.update_id, handled=handled)
        logger.info("telegram update=%s kind=%s sender=%s latency_ms=%d",
                    incoming.update_type, incoming.kind.value, sender,
                    (time.monotonic() - started) * 1000)
        return response.text("ok")

    async def _claim(self, update_id: int) -> bool:
        """Take ``update_id`` for handling; False if it was already handled.

        A re-delivery that arrives while the first delivery is still being handled waits for
        it: if that one is answered, the re-delivery is dropped; if it was cancelled, the
        re-delivery is handled. An update is marked seen only once it was handled.
        """
        while True:
            if update_id in self._recent_updates:
                return False
            running = self._in_progress.get(update_id)
            if running is None:
                self._in_progress[update_id] = asyncio.Event()
                return True
            await running.wait()

    def _finish(self, update_id: int, *, handled: bool) -> None:
        if handled:
            _remember(self._recent_updates, update_id, RECENT_UPDATES_MAX)
        running = self._in_progress.pop(update_id, None)
        if running is not None:
            running.set()

    def _output(self, incoming: Incoming) -> tuple[str, TelegramOutput]:
        sender_id = hash_sender_id(incoming.user_id, self._salt)
        output = TelegramOutput(self._api, chat_id=incoming.chat_id, sender_id=sender_id,
                                texts=self._texts, payloads=self._payloads,
                                recent=self._recent_messages, chat_key=sender_id)
        if incoming.message_id is not None:
            self._recent_messages.remember(sender_id, incoming.message_id, time.time())
        return sender_id, output

    async def _handle(self, incoming: Incoming, on_new_message: OnNewMessage) -> str:
        """Do what the update's kind asks; return the hashed sender for the log line."""
        kind = incoming.kind
        if kind in (UpdateKind.CALLBACK, UpdateKind.CALLBACK_IGNORED):
            # Always answered, or the person's button keeps spinning.
            await self._api.call("answerCallbackQuery",
                                 {"callback_query_id": incoming.callback_query_id})
        if kind is UpdateKind.GROUP:
            await self._tell_group_once(incoming.chat_id)
            return "-"
        if kind in (UpdateKind.IGNORED, UpdateKind.CALLBACK_IGNORED):
            return "-"
        sender_id, output = self._output(incoming)
        if kind is UpdateKind.UNSUPPORTED:
            await output.send_plain(self._texts.unsupported_update)
        elif kind is UpdateKind.MEDIA:
            caption = await prepare_text_async(incoming.text or "")
            if caption and scan_risk(caption).risk:
                # A crisis or danger in the caption is answered before anything else.
                await self._to_rasa(caption, output, sender_id, on_new_message)
                await output.send_plain(self._texts.media_not_kept)
            else:
                await output.send_plain(self._texts.media_not_kept)
                if caption:
                    await self._to_rasa(caption, output, sender_id, on_new_message)
        elif kind is UpdateKind.TEXT:
            await self._to_rasa(await prepare_text_async(incoming.text), output, sender_id,
                                on_new_message)
            if incoming.text == COMMANDS["borrar"]:
                await self._delete_chat_messages(incoming.chat_id, sender_id, output)
        elif kind is UpdateKind.CALLBACK:
            payload = self._payloads.decode(incoming.callback_data)
            if payload is None:
                await output.send_plain(self._texts.button_expired)
            else:
                await self._to_rasa(payload, output, sender_id, on_new_message)
        return sender_id

    async def _to_rasa(self, text: str, output: TelegramOutput, sender_id: str,
                       on_new_message: OnNewMessage) -> str:
        async def handle(prepared: str) -> None:
            await on_new_message(UserMessage(prepared, output, sender_id,
                                             input_channel=self.name()))

        return await deliver(text, sender_id=sender_id, handle=handle, send=output.send_plain,
                             channel=self.name(), gate=self._gate, reply_on_cancel=False)

    async def _delete_chat_messages(self, chat_id: int, sender_id: str,
                                    output: TelegramOutput) -> None:
        """After ``/borrar``: delete the chat's recent messages, then say how to delete the rest.

        Telegram lets a bot delete both its own and the person's messages of a private chat
        for 48 hours; only messages this process saw since it started are known.
        """
        deleted = 0
        for message_id in self._recent_messages.take(sender_id, time.time()):
            result = await self._api.call("deleteMessage", {"chat_id": chat_id,
                                                            "message_id": message_id})
            deleted += result.ok
        logger.info("telegram chat messages deleted on request: %d", deleted)
        await output.send_plain(self._texts.chat_erased)

    async def _tell_group_once(self, chat_id: int) -> None:
        group_key = hash_sender_id(chat_id, self._salt)
        if group_key in self._groups_told:
            return
        _remember(self._groups_told, group_key, GROUPS_TOLD_MAX)
        await self._api.call("sendMessage",
                             {"chat_id": chat_id, "text": self._texts.group_not_supported})


def _remember(memory: "OrderedDict[Any, None]", key: Any, max_entries: int) -> None:
    memory[key] = None
    while len(memory) > max_entries:
        memory.popitem(last=False)
