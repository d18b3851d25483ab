"""Sending the bot's replies to the one live socket of a web chat conversation."""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Optional, Text

import socketio
from rasa.core.channels.channel import OutputChannel


class WebChatOutput(OutputChannel):
    """Sends the bot's replies to the one live socket of a conversation, on this server.

    The recipient is a conversation id; it is looked up at each send, so a reply never goes to
    a socket that was taken over, and a browser that reconnected mid-turn still gets it.
    """

    @classmethod
    def name(cls) -> Text:
        return "webchat"

    def __init__(self, sio: socketio.AsyncServer, bot_message_evt: Text,
                 live_socket: Callable[[Text], Optional[str]]) -> None:
        self.sio = sio
        self.bot_message_evt = bot_message_evt
        self.live_socket = live_socket
        self.sent = 0

    async def _send(self, recipient_id: Text, message: Dict[str, Any]) -> None:
        self.sent += 1
        sid = self.live_socket(recipient_id)
        if sid is None:
            return  # the person left (or erased the conversation): nobody to send to
        await self.sio.emit(self.bot_message_evt, message, to=sid)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """One ``bot_uttered`` per paragraph."""
        for part in text.strip().split("\n\n"):
            await self._send(recipient_id, {"text": part})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        """Paragraphs, the buttons on the last one."""
        parts = text.strip().split("\n\n") if text.strip() else [""]
        for part in parts[:-1]:
            await self._send(recipient_id, {"text": part})
        await self._send(recipient_id, {"text": parts[-1], "quick_replies": [
            {"content_type": "text", "title": b.get("title", ""), "payload": b.get("payload", "")}
            for b in buttons]})

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        """Custom payloads go to the same socket (never to a room named by the payload)."""
        await self._send(recipient_id, dict(json_message))

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        """The bot sends no images; kept for Rasa's interface."""
        await self._send(recipient_id, {"attachment": {"type": "image", "payload": {"src": image}}})

    async def send_attachment(self, recipient_id: Text, attachment: Text, **kwargs: Any) -> None:
        """Kept for Rasa's interface."""
        await self._send(recipient_id, {"attachment": attachment})

    async def send_elements(self, recipient_id: Text, elements: Iterable[Dict[Text, Any]],
                            **kwargs: Any) -> None:
        """Kept for Rasa's interface."""
        for element in elements:
            await self._send(recipient_id, {"attachment": {"type": "template", "payload": {
                "template_type": "generic", "elements": element}}})
