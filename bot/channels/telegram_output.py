"""Sending Rasa's replies to the one Telegram chat an update came from."""
from __future__ import annotations

import logging
import time
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel

from bot.channels.telegram_api import TelegramApi
from bot.channels.telegram_recent import RecentMessages
from bot.channels.telegram_replies import CallbackPayloads, build_inline_keyboard, split_for_telegram
from bot.channels.telegram_texts import ChannelTexts

logger = logging.getLogger(__name__)


class TelegramOutput(OutputChannel):
    """Sends Rasa's replies to the one chat an update came from.

    Made for a single update and dropped with it: it holds the chat id, which is never
    stored anywhere else. It only answers the sender of that update: a reply addressed to
    another ``recipient_id`` is dropped and logged, so no reply can reach the wrong person.
    Send failures are logged, not raised, so that Rasa still saves the conversation.
    """

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    def __init__(
        self,
        api: TelegramApi,
        *,
        chat_id: int,
        sender_id: str,
        texts: ChannelTexts,
        payloads: CallbackPayloads,
        recent: Optional[RecentMessages] = None,
        chat_key: str = "",
    ) -> None:
        self._api = api
        self._chat_id = chat_id
        self._sender_id = sender_id
        self._texts = texts
        self._payloads = payloads
        self._recent = recent
        self._chat_key = chat_key

    def __repr__(self) -> str:
        return f"TelegramOutput(sender_id={self._sender_id!r})"

    def _is_ours(self, recipient_id: Text) -> bool:
        if recipient_id == self._sender_id:
            return True
        logger.warning("telegram reply dropped: addressed to another conversation")
        return False

    async def send_plain(self, text: str, *, reply_markup: Optional[Dict[str, Any]] = None
                         ) -> bool:
        """Send ``text`` split at Telegram's limit; the keyboard goes on the last part."""
        parts = split_for_telegram(text)
        if not parts and reply_markup is not None:
            parts = [self._texts.buttons_prompt]
        delivered = True
        for index, part in enumerate(parts):
            payload: Dict[str, Any] = {"chat_id": self._chat_id, "text": part}
            if reply_markup is not None and index == len(parts) - 1:
                payload["reply_markup"] = reply_markup
            result = await self._api.call("sendMessage", payload)
            delivered = result.ok and delivered
            if result.ok and self._recent is not None and isinstance(result.result, dict):
                message_id = result.result.get("message_id")
                if isinstance(message_id, int):
                    self._recent.remember(self._chat_key, message_id, time.time())
        return delivered

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """Send a text reply (plain text, no Markdown: nothing to escape, nothing to break)."""
        if self._is_ours(recipient_id) and isinstance(text, str):
            await self.send_plain(text)

    async def send_text_with_buttons(
        self,
        recipient_id: Text,
        text: Text,
        buttons: List[Dict[Text, Any]],
        **kwargs: Any,
    ) -> None:
        """Send a text with an inline keyboard, one Rasa button per row."""
        if not self._is_ours(recipient_id):
            return
        keyboard = build_inline_keyboard(buttons or [], self._payloads)
        await self.send_plain(text if isinstance(text, str) else "", reply_markup=keyboard)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        """Send an image as its link (the bot never uploads files)."""
        if isinstance(image, str) and image.startswith("https://"):
            await self.send_text_message(recipient_id, image)
        else:
            logger.warning("telegram reply dropped: image is not an https link")

    async def send_attachment(self, recipient_id: Text, attachment: Any, **kwargs: Any
                              ) -> None:
        """Send an attachment given as a link or a text; anything else is dropped."""
        if isinstance(attachment, str):
            await self.send_text_message(recipient_id, attachment)
        else:
            logger.warning("telegram reply dropped: attachment is not a text or link")

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        """Send ``{"text": ..., "buttons": [...]}`` custom payloads; drop anything else.

        Unlike Rasa's own connector this never honours a ``chat_id`` in the payload (a
        response could otherwise write to another chat) and never sends files.
        """
        if not isinstance(json_message, dict) or not isinstance(json_message.get("text"), str):
            logger.warning("telegram custom payload dropped: only text and buttons are sent")
            return
        buttons = json_message.get("buttons")
        if isinstance(buttons, list) and buttons:
            await self.send_text_with_buttons(recipient_id, json_message["text"], buttons)
        else:
            await self.send_text_message(recipient_id, json_message["text"])
