"""A stand-in for ``rasa run``: the web chat channel with a fake bot, on 127.0.0.1.

Used by the browser test (``tests/web/conftest.py`` starts it in a subprocess) and by hand::

    .venv/bin/python -m tests.web.stub_server --port 5055
    # then open http://127.0.0.1:5055/chat/

The channel is registered exactly as ``rasa run`` does it (``rasa.core.channels.channel.register``
with the ``/webhooks/`` route and Rasa's ``/`` hello route already taken); only the agent is
fake. ``GET /stub/messages`` lists what the fake bot received, so tests can check that the
widget sent ``/greet`` once per conversation and button payloads rather than titles.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.webchat import WebChatInput

logger = logging.getLogger(__name__)

#: Channel settings as in ``credentials.yml``.
CREDENTIALS: Dict[str, Any] = {
    "user_message_evt": "user_uttered",
    "bot_message_evt": "bot_uttered",
    "session_persistence": True,
}

#: The fake bot's introduction; two paragraphs, so it arrives as two ``bot_uttered`` events.
GREETING = (
    "Hola. Soy el asistente de prueba de Acompaña (servidor simulado).\n\n"
    "¿Qué quieres hacer?"
)
#: Buttons sent with the introduction (``title`` shown, ``payload`` sent back).
GREETING_BUTTONS: List[Dict[str, str]] = [
    {"title": "Contar lo que pasó", "payload": "/stub_option_one"},
    {"title": "Qué se guarda", "payload": "/stub_option_two"},
]
DELETED = "Prueba: he recibido la petición de borrar la conversación."
#: Delay that stands for the bot's processing time.
REPLY_DELAY_SECONDS = 0.05


class FakeAgent:
    """Replies to every message through the real output channel and remembers what it got."""

    def __init__(self) -> None:
        self.received: List[Dict[str, str]] = []

    async def handle_message(self, message: UserMessage) -> None:
        """Reply like a tiny bot: an intro with buttons, a deletion notice, or a numbered text."""
        self.received.append(
            {
                "sender_id": message.sender_id,
                "text": message.text or "",
                "input_channel": message.input_channel or "",
            }
        )
        await asyncio.sleep(REPLY_DELAY_SECONDS)
        output = message.output_channel
        if message.text == "/greet":
            await output.send_text_with_buttons(message.sender_id, GREETING, GREETING_BUTTONS)
        elif message.text == "/delete_my_data":
            await output.send_text_message(message.sender_id, DELETED)
        else:
            count = sum(1 for item in self.received if item["sender_id"] == message.sender_id)
            await output.send_text_message(
                message.sender_id, f"Respuesta de prueba número {count}."
            )


def create_app(
    name: str = "acompana_webchat_stub", *, web_dir: Optional[Path] = None
) -> Sanic:
    """Build the stub app: Rasa's root route, the web chat channel and ``/stub/messages``."""
    app = Sanic(name, configure_logging=False)
    app.ctx.agent = FakeAgent()

    @app.get("/")
    async def hello(_: Request) -> HTTPResponse:
        return response.text("Hello from the Acompaña stub")

    @app.get("/stub/messages")
    async def received(_: Request) -> HTTPResponse:
        return response.json(app.ctx.agent.received)

    channel = WebChatInput.from_credentials(CREDENTIALS)
    if web_dir is not None:
        channel.web_dir = web_dir
    register([channel], app, route="/webhooks/")
    return app


def main() -> None:
    """Run the stub until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--web-dir", type=Path, help="widget folder (default: web/)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    create_app(web_dir=args.web_dir).run(
        host=args.host, port=args.port, access_log=False, motd=False, workers=1
    )


if __name__ == "__main__":
    main()
