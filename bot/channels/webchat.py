"""Web chat connector: Rasa's socket.io channel plus the widget's own files under ``/chat/``.

Transport only, no advice logic. The widget (``web/widget.js``) talks to the socket.io
events of :class:`rasa.core.channels.socketio.SocketIOInput`; this module adds the pages and
scripts it needs, served from this same server so that nothing is loaded from a CDN:

==============================  =====================================================
``GET /chat``                   redirect to ``/chat/``
``GET /chat/``                  ``web/index.html`` (the full-page chat)
``GET /chat/<file>``            a file of ``web/`` named in :data:`STATIC_FILES`
``GET /chat/vendor/<file>``     a file of ``web/node_modules`` named in :data:`VENDOR_FILES`
                                (503 with the command to run if ``npm ci`` was not run)
``/socket.io/``                 the socket.io endpoint (Rasa's, unchanged)
``GET /webhooks/webchat/``      health check (Rasa's, unchanged)
==============================  =====================================================

Enabled in ``credentials.yml``::

    bot.channels.webchat.WebChatInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
"""
from __future__ import annotations

import asyncio
import inspect
import json
import logging
import re
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import prepare_text
from bot.channels.texts import channel_text

logger = logging.getLogger(__name__)

#: Folder with the widget: ``index.html``, ``widget.js``, ``widget.css``, ``node_modules/``.
WEB_DIR: Path = Path(__file__).resolve().parents[2] / "web"

#: URL path under which the widget is served (the full-page chat is ``/chat/``).
CHAT_PATH = "/chat"

#: Files of ``web/`` that may be served, with their content type. Anything else is a 404,
#: so ``package.json``, ``node_modules/`` or ``../`` are never reachable.
STATIC_FILES: Dict[str, str] = {
    "index.html": "text/html; charset=utf-8",
    "neutral.html": "text/html; charset=utf-8",
    "widget.js": "text/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
}

#: Third-party files served from ``web/node_modules`` (installed by ``npm ci --prefix web``).
VENDOR_FILES: Dict[str, str] = {
    "socket.io.min.js": "socket.io-client/dist/socket.io.min.js",
}

#: The page may load scripts, styles and images only from this server and connect only
#: to it (``ws:``/``wss:`` for the socket). Navigation (quick exit) is not restricted.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    "connect-src 'self' ws: wss:; "
    "img-src 'self' data:; "
    "object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'none'; "
    "frame-ancestors 'none'"
)

#: Sent with every file of the widget. ``no-store`` keeps even the scripts out of the
#: browser's disk cache, which would otherwise show that this site was visited.
SECURITY_HEADERS: Dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

#: Session ids this server hands out (``uuid4().hex``); any other id asked for is replaced.
SESSION_ID_PATTERN = re.compile(r"[0-9a-f]{32}")

#: Shown (to the NGO technician) instead of socket.io when ``npm ci`` was not run.
VENDOR_MISSING_TEXT = (
    "El chat web no puede arrancar: falta web/node_modules/{path}.\n"
    "Ejecuta «npm ci --prefix web» en la carpeta del proyecto (scripts/start.sh lo hace) "
    "y vuelve a cargar la página.\n"
)


class WebChatInput(SocketIOInput):
    """Rasa's socket.io channel that also serves the web chat widget under ``/chat/``."""

    @classmethod
    def name(cls) -> str:
        """Channel name, as stored in the tracker (``input_channel``) and in the health URL."""
        return "webchat"

    def __init__(self, *args: Any, web_dir: Path = WEB_DIR, **kwargs: Any) -> None:
        """Same arguments as ``SocketIOInput``; ``web_dir`` is the widget folder (for tests)."""
        super().__init__(*args, **kwargs)
        self.web_dir = web_dir

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """Return Rasa's socket.io blueprint together with the widget's files under ``/chat/``.

        Rasa mounts a channel's blueprint under ``/webhooks/<name>/`` and keeps ``/`` for
        itself, so the widget's routes cannot be added to the socket blueprint: they live in
        a second blueprint without a prefix, and :class:`WebChatBlueprint` registers both.
        Two of Rasa's socket handlers are replaced, see :meth:`_replace_session_handlers`.
        """
        socket_blueprint = super().blueprint(on_new_message)
        self._replace_session_handlers(on_new_message)
        return WebChatBlueprint(socket_blueprint, widget_blueprint(self.web_dir))

    def _replace_session_handlers(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """Replace Rasa's ``session_request`` and message handlers on ``self.sio``.

        - Rasa 3.6 calls ``sio.enter_room`` without ``await``; since python-socketio 5.10 it
          is a coroutine, so with ``session_persistence`` no reply ever reached the browser
          (RasaHQ/rasa#13027). Here it is awaited.
        - The session id becomes the tracker's ``sender_id``, and trackers of every channel
          share one store: a browser must not pick one (a Telegram chat id, say). Only ids in
          the server's own format are accepted, and a connection may only send messages for
          the id it was confirmed.
        - Like every connector, the text goes through ``prepare_text`` (safe cut of huge
          messages) and a failure while answering still gets a kind reply, never silence.
        """
        sio = self.sio
        if sio is None:
            raise RuntimeError("call after SocketIOInput.blueprint(), which creates self.sio")
        namespace = self.namespace

        async def session_request(sid: str, data: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            if isinstance(requested, str) and SESSION_ID_PATTERN.fullmatch(requested):
                session_id = requested
            else:
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=namespace)
                if inspect.isawaitable(entered):  # a coroutine since python-socketio 5.10
                    await entered
            await sio.save_session(sid, {"session_id": session_id}, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)
            logger.debug("web chat: session confirmed for socket %s", sid)

        async def user_uttered(sid: str, data: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                return
            if self.session_persistence:
                session = await sio.get_session(sid, namespace=namespace)
                sender_id = session.get("session_id")
                if not sender_id or data.get("session_id") != sender_id:
                    logger.warning("web chat: message ignored, session not confirmed")
                    return
            else:
                sender_id = sid
            output = SocketIOOutput(sio, self.bot_message_evt)
            text = prepare_text(data["message"])
            if not text:
                await output.send_text_message(sender_id, channel_text("empty_message"))
                return
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        output,
                        sender_id,
                        input_channel=self.name(),
                        metadata=read_metadata(data.get(self.metadata_key)),
                    )
                )
            except asyncio.CancelledError:
                logger.error("web chat: message handling was cancelled (timeout)")
                await output.send_text_message(sender_id, channel_text("error_fallback"))
            except Exception as error:  # noqa: BLE001 - any failure must still get a kind reply
                logger.error("web chat: message handling failed (%s)", type(error).__name__)
                await output.send_text_message(sender_id, channel_text("error_fallback"))

        sio.on("session_request", session_request, namespace=namespace)
        sio.on(self.user_message_evt, user_uttered, namespace=namespace)


class WebChatBlueprint(Blueprint):
    """Registers Rasa's socket blueprint under Rasa's prefix and the widget at ``/chat/``.

    Sanic (21.12) forbids setting attributes on a blueprint, hence a wrapper whose only job
    is ``register``; it has no routes of its own.
    """

    def __init__(self, socket_blueprint: Blueprint, page_blueprint: Blueprint) -> None:
        super().__init__("webchat")
        self.ctx.socket_blueprint = socket_blueprint
        self.ctx.page_blueprint = page_blueprint

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        """Attach both blueprints (and through the first, the socket.io server) to ``app``."""
        app.blueprint(self.ctx.socket_blueprint, **options)
        app.blueprint(self.ctx.page_blueprint)


def widget_blueprint(web_dir: Path, *, name: str = "webchat_widget") -> Blueprint:
    """Build the blueprint that serves the widget files of ``web_dir`` under ``/chat/``."""
    blueprint = Blueprint(name, url_prefix=CHAT_PATH, strict_slashes=True)

    @blueprint.route("", methods=["GET", "HEAD"])
    async def chat_without_slash(_: Request) -> HTTPResponse:
        # Relative, so that it still works behind a proxy that serves us under a sub-path;
        # index.html links its files relatively and needs the trailing slash.
        return response.redirect("chat/", headers=dict(SECURITY_HEADERS), status=308)

    @blueprint.route("/", methods=["GET", "HEAD"])
    async def index(_: Request) -> HTTPResponse:
        return await serve_file(web_dir / "index.html", STATIC_FILES["index.html"])

    @blueprint.route("/<filename:str>", methods=["GET", "HEAD"])
    async def widget_file(_: Request, filename: str) -> HTTPResponse:
        if filename not in STATIC_FILES:
            return not_found()
        return await serve_file(web_dir / filename, STATIC_FILES[filename])

    @blueprint.route("/vendor/<filename:str>", methods=["GET", "HEAD"])
    async def vendor_file(_: Request, filename: str) -> HTTPResponse:
        if filename not in VENDOR_FILES:
            return not_found()
        path = web_dir / "node_modules" / VENDOR_FILES[filename]
        if not path.is_file():
            logger.warning("web chat: %s is missing; run `npm ci --prefix web`", path)
            return response.text(
                VENDOR_MISSING_TEXT.format(path=VENDOR_FILES[filename]),
                status=503,
                headers=dict(SECURITY_HEADERS),
            )
        return await serve_file(path, "text/javascript; charset=utf-8")

    return blueprint


def read_metadata(raw: Any) -> Dict[str, Any]:
    """The message's metadata as a dict, whether sent as an object or as JSON text."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            return {}
    return raw if isinstance(raw, dict) else {}


async def serve_file(path: Path, content_type: str) -> HTTPResponse:
    """Return the file at ``path`` with the widget's security headers, or a 404."""
    if not path.is_file():
        logger.warning("web chat: %s is missing from the web folder", path.name)
        return not_found()
    return await response.file(path, mime_type=content_type, headers=dict(SECURITY_HEADERS))


def not_found() -> HTTPResponse:
    """A plain 404 with the widget's security headers."""
    return response.text("No encontrado.\n", status=404, headers=dict(SECURITY_HEADERS))
