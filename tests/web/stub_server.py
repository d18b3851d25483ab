"""A stand-in for ``rasa run``: the web chat channel with a fake bot, on 127.0.0.1.

Used by the browser test (``tests/web/conftest.py`` starts it in a subprocess) and by hand::

    .venv/bin/python -m tests.web.stub_server --port 5055
    # then open http://127.0.0.1:5055/chat/

The app is built by Rasa's own ``configure_app`` from a credentials file, exactly as
``rasa run`` builds it (``/`` hello route, CORS, channels under ``/webhooks/``); only the
agent is fake, so no model is needed. ``GET /stub/messages`` lists what the fake bot
received, so tests can check that the widget sent ``/greet`` once per conversation and
button payloads rather than titles; ``GET /stub/conversations`` lists what the fake bot keeps
per conversation (``/delete_my_data`` erases one, like the real tracker store).

Settings come from the environment as for the real server (``ACOMPANA_ALLOWED_ORIGINS``,
``ACOMPANA_WEBCHAT_SESSIONS_PER_HOUR``, ``ACOMPANA_WEBCHAT_SECRET``...).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.run import configure_app, create_http_input_channels
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

#: The channel's key in ``credentials.yml``.
CHANNEL = "bot.channels.webchat.WebChatInput"
#: The REST channel's key in ``credentials.yml``.
REST_CHANNEL = "bot.channels.rest.SafeRestInput"
#: Channel settings as in ``credentials.yml``.
CREDENTIALS: Dict[str, Any] = {
    "user_message_evt": "user_uttered",
    "bot_message_evt": "bot_uttered",
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
#: Answer to any other text; exercises the widget's formatting (bold, links) and escaping.
NUMBERED_REPLY = (
    "Respuesta de prueba número {count}: **importante**, más en https://example.org/ayuda "
    "y <img src=x onerror=alert(1)> se muestra como texto."
)
#: The fake bot raises on this payload, as a real bot might when the action server is down.
FAIL_PAYLOAD = "/stub_fail"
#: The fake bot says nothing to this payload (as Rasa to ``/session_start``).
SILENT_PAYLOAD = "/stub_silent"
DELETED = "Prueba: he recibido la petición de borrar la conversación."
#: Delay that stands for the bot's processing time.
REPLY_DELAY_SECONDS = 0.05


class FakeAgent:
    """Replies to every message through the real output channel and remembers what it got."""

    def __init__(self) -> None:
        self.received: List[Dict[str, str]] = []
        #: What the fake bot keeps per conversation (sender id -> texts), erased on request.
        self.conversations: Dict[str, List[str]] = {}

    async def handle_message(self, message: UserMessage) -> None:
        """Reply like a tiny bot: an intro with buttons, a deletion notice, or a numbered text."""
        self.received.append(
            {
                "sender_id": message.sender_id,
                "text": message.text or "",
                "input_channel": message.input_channel or "",
            }
        )
        if message.text == "/delete_my_data":
            self.conversations.pop(message.sender_id, None)
        else:
            self.conversations.setdefault(message.sender_id, []).append(message.text or "")
        await asyncio.sleep(REPLY_DELAY_SECONDS)
        output = message.output_channel
        if message.text == FAIL_PAYLOAD:
            raise RuntimeError("the fake bot fails on purpose")
        if message.text == SILENT_PAYLOAD:
            return
        if message.text == "/greet":
            await output.send_text_with_buttons(message.sender_id, GREETING, GREETING_BUTTONS)
        elif message.text == "/delete_my_data":
            await output.send_text_message(message.sender_id, DELETED)
        else:
            count = sum(1 for item in self.received if item["sender_id"] == message.sender_id)
            await output.send_text_message(
                message.sender_id, NUMBERED_REPLY.format(count=count)
            )


def create_app(
    *, web_dir: Optional[Path] = None, cors: Optional[str] = None
) -> Sanic:
    """Build the app as ``rasa run --credentials … [--cors …]`` does, with a fake agent.

    The channel comes from a credentials file holding :data:`CREDENTIALS` under the key
    ``bot.channels.webchat.WebChatInput``, read by Rasa's own loader; ``GET /stub/messages``
    lists what the fake bot received.
    """
    with tempfile.TemporaryDirectory() as folder:
        credentials = Path(folder) / "credentials.yml"
        # JSON is valid YAML. REST too, as in credentials.yml (tests/security uses it).
        credentials.write_text(json.dumps({CHANNEL: CREDENTIALS, REST_CHANNEL: None}))
        channels = create_http_input_channels(None, str(credentials))
    if web_dir is not None:
        for channel in channels:
            if hasattr(channel, "web_dir"):
                channel.web_dir = web_dir
    app = configure_app(input_channels=channels, cors=cors, enable_api=False)
    app.ctx.agent = FakeAgent()

    @app.get("/stub/messages")
    async def received(_: Request) -> HTTPResponse:
        return response.json(app.ctx.agent.received)

    @app.get("/stub/conversations")
    async def kept(_: Request) -> HTTPResponse:
        return response.json(app.ctx.agent.conversations)

    return app


def main() -> None:
    """Run the stub until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--web-dir", type=Path, help="widget folder (default: web/)")
    parser.add_argument("--cors", help="as `rasa run --cors`, e.g. '*'")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    create_app(web_dir=args.web_dir, cors=args.cors).run(
        host=args.host, port=args.port, access_log=False, motd=False, workers=1
    )


if __name__ == "__main__":
    main()
