"""Web chat connector: Acompaña's own Socket.IO server, plus the widget's files under ``/chat/``.

Transport only, no advice logic. This channel owns its ``socketio.AsyncServer`` (Rasa's
``SocketIOInput`` turns the Origin check off and lets a browser name any conversation):

- **Conversations only the server names.** A browser asks for a session; the server draws a
  new conversation id and answers with a signed, expiring token (``webchat_tokens``). To come
  back (a reconnect, or "Recordar" after a reload) the browser sends that token; nothing it
  could choose or guess names a conversation.
- **One live socket per conversation.** A second socket presenting the same token *takes the
  conversation over*: the first is told (``session_closed``, reason ``taken_over``) and
  disconnected, and from then on gets nothing. Replies always go to the conversation's one
  live socket on this server. (Taking over rather than refusing: after a network drop the
  browser reconnects before the server notices the old socket is gone; refusing would lock
  the person out of her own conversation.)
- **Origins.** Only the chat page's own origin, plus ``ACOMPANA_ALLOWED_ORIGINS``, may open
  the socket from a browser.
- **A limit on new conversations per client address** (``ACOMPANA_WEBCHAT_SESSIONS_PER_HOUR``),
  refused kindly (``session_refused``, reason ``too_many_sessions``).
- **Erase on quick exit.** ``POST /chat/erase`` with a token (the widget's
  ``navigator.sendBeacon``) erases that conversation, and only that one.

Events (see docs/webchat.md)::

    client -> "session_request" {token?}          server -> "session_confirm" {token, resumed}
                                                  server -> "session_refused" {reason}
    client -> "user_uttered" {message}            server -> "bot_uttered" {text, quick_replies?}
                                                  server -> "session_closed" {reason}

Routes: ``/socket.io/`` (the socket), ``GET /webhooks/webchat/`` (health check),
``POST /chat/erase`` and the widget's files (``bot.channels.webchat_files``).

Modules: this one (``WebChatInput``: sessions, messages, erase); ``webchat_output`` (replies
to the live socket); ``webchat_requests`` (packets, the erase body, the page's origin);
``webchat_tokens`` (signed tokens); ``webchat_limits`` (sessions per address);
``webchat_files`` (the widget's files).

Enabled in ``credentials.yml``::

    bot.channels.webchat.WebChatInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
"""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import socketio
from rasa.core.channels.channel import (
    CollectingOutputChannel,
    InputChannel,
    OutputChannel,
    UserMessage,
)
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.common import deliver, prepare_text
from bot.channels.hardening import install_server_rules
from bot.channels.texts import channel_text
from bot.channels.webchat_files import (  # noqa: F401 - re-exported for tests and docs
    CHAT_PATH,
    SECURITY_HEADERS,
    STATIC_FILES,
    VENDOR_FILES,
    WEB_DIR,
    widget_blueprint,
)
from bot.channels.webchat_limits import SessionLimiter, client_address
from bot.channels.webchat_output import WebChatOutput
from bot.channels.webchat_requests import SafeJson, own_origins, token_from_body
from bot.channels.webchat_tokens import (
    CONVERSATION_ID_PATTERN,
    issue_token,
    new_conversation_id,
    read_token,
)
from bot.settings import Settings, require_safe_settings

logger = logging.getLogger(__name__)

#: Longest message (characters) the web chat hands to the bot; longer ones get a kind note.
#: The widget itself stops at 2,000; this leaves room for a pasted account of what happened.
MAX_WEBCHAT_MESSAGE_CHARS = 20_000
#: Largest Socket.IO packet accepted at all (bytes); bigger ones close the connection.
#: Above the message limit, so that a long message is answered kindly instead.
MAX_PACKET_BYTES = 1_000_000
#: Sent by the erase route for the conversation it erases (the bot's own erase path).
DELETE_PAYLOAD = "/delete_my_data"
#: Where the widget sends the token when it leaves (quick exit).
ERASE_PATH = f"{CHAT_PATH}/erase"
#: Reasons sent with ``session_refused`` and ``session_closed`` (the widget shows its text).
TOO_MANY_SESSIONS = "too_many_sessions"
TAKEN_OVER = "taken_over"
ERASED = "erased"
#: Socket.IO path, as ``socketio_path`` in credentials.yml.
DEFAULT_SOCKETIO_PATH = "/socket.io"


class WebChatInput(InputChannel):
    """The web chat: Acompaña's Socket.IO server and the widget under ``/chat/``."""

    @classmethod
    def name(cls) -> Text:
        """Channel name, as stored in the tracker (``input_channel``) and in the health URL."""
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebChatInput":
        """Build the channel from ``credentials.yml``; refuses unsafe production settings."""
        credentials = credentials or {}
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            socketio_path=credentials.get("socketio_path", DEFAULT_SOCKETIO_PATH),
            settings=require_safe_settings(),
        )

    def __init__(self, *, user_message_evt: Text = "user_uttered",
                 bot_message_evt: Text = "bot_uttered",
                 socketio_path: Text = DEFAULT_SOCKETIO_PATH,
                 settings: Optional[Settings] = None, web_dir: Path = WEB_DIR) -> None:
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.socketio_path = socketio_path
        self.settings = settings or require_safe_settings()
        self.web_dir = web_dir
        self.token_lifetime_seconds = max(1, self.settings.retention_hours) * 3600
        self.allowed_origins = frozenset(self.settings.allowed_origins)
        self.limiter = SessionLimiter(self.settings.webchat_sessions_per_hour)
        #: conversation id -> the one live socket (sid) of that conversation on this server
        self.live: Dict[str, str] = {}
        self.sio: Optional[socketio.AsyncServer] = None

    # ---- Origin ------------------------------------------------------------------------

    def origin_allowed(self, origin: Optional[str], environ: Dict[str, Any]) -> bool:
        """The page's own origin and the configured ones; a request without Origin is no
        browser page (python clients, curl) and is let through to the token checks."""
        if not origin:
            return True
        origin = origin.rstrip("/")
        return origin in self.allowed_origins or origin in own_origins(environ)

    def get_output_channel(self) -> Optional[OutputChannel]:
        """Output for Rasa's API (``/conversations/<id>/execute``): the live socket, if any."""
        if self.sio is None:
            return None
        return WebChatOutput(self.sio, self.bot_message_evt, self.live.get)

    # ---- the server --------------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Build the Socket.IO server and the routes; :class:`WebChatBlueprint` registers them."""
        sio = socketio.AsyncServer(
            async_mode="sanic",
            cors_allowed_origins=self.origin_allowed,
            max_http_buffer_size=MAX_PACKET_BYTES,
            json=SafeJson,
            logger=False,
            engineio_logger=False,
        )
        self.sio = sio
        self._add_socket_handlers(sio, on_new_message)

        health = Blueprint("webchat_health", __name__)

        @health.route("/", methods=["GET"])
        async def health_check(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        erase = Blueprint("webchat_erase", url_prefix=CHAT_PATH)

        @erase.route("/erase", methods=["POST"])
        async def erase_route(request: Request) -> HTTPResponse:
            return await self._erase(request, on_new_message)

        return WebChatBlueprint(sio, self.socketio_path, health,
                                [erase, widget_blueprint(self.web_dir)])

    def _add_socket_handlers(self, sio: socketio.AsyncServer,
                             on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        async def connect(sid: str, environ: Dict[str, Any], auth: Any = None) -> bool:
            request = environ.get("sanic.request")
            peer = getattr(request, "ip", "") or ""
            headers = getattr(request, "headers", {}) or {}
            await sio.save_session(sid, {"address": client_address(peer, headers)})
            return True

        async def disconnect(sid: str, *args: Any) -> None:
            session = await self._session(sid)
            conversation = session.get("conversation_id")
            if conversation and self.live.get(conversation) == sid:
                del self.live[conversation]

        async def session_request(sid: str, data: Any = None) -> None:
            token = data.get("token") if isinstance(data, dict) else None
            claims = read_token(self.settings.webchat_secret, token)
            session = await self._session(sid)
            if claims is not None:
                conversation, resumed = claims.conversation_id, True
            elif not self.limiter.allow(str(session.get("address", ""))):
                logger.info("web chat: new session refused (limit per address)")
                await sio.emit("session_refused", {"reason": TOO_MANY_SESSIONS}, to=sid)
                return
            else:
                conversation, resumed = new_conversation_id(), False
            previous = session.get("conversation_id")
            if previous and previous != conversation and self.live.get(previous) == sid:
                del self.live[previous]
            holder = self.live.get(conversation)
            if holder is not None and holder != sid:
                await self._close_socket(holder, TAKEN_OVER)
                logger.info("web chat: a conversation was taken over by a new socket")
            self.live[conversation] = sid
            await sio.save_session(sid, {**session, "conversation_id": conversation})
            fresh = issue_token(self.settings.webchat_secret, conversation,
                                lifetime_seconds=self.token_lifetime_seconds)
            await sio.emit("session_confirm", {"token": fresh, "resumed": resumed}, to=sid)

        async def user_uttered(sid: str, data: Any = None) -> None:
            message = data.get("message") if isinstance(data, dict) else None
            if not isinstance(message, str):
                logger.debug("web chat: malformed message event ignored")
                return
            conversation = (await self._session(sid)).get("conversation_id")
            if not conversation or self.live.get(conversation) != sid:
                logger.warning("web chat: message ignored, session not confirmed")
                return
            output = WebChatOutput(sio, self.bot_message_evt, self.live.get)
            if len(message) > MAX_WEBCHAT_MESSAGE_CHARS:
                await output.send_text_message(conversation, channel_text("message_too_long"))
                return
            await self._handle(on_new_message, prepare_text(message), conversation, output)

        sio.on("connect", connect)
        sio.on("disconnect", disconnect)
        sio.on("session_request", session_request)
        sio.on(self.user_message_evt, user_uttered)

    async def _session(self, sid: str) -> Dict[str, Any]:
        assert self.sio is not None
        try:
            session = await self.sio.get_session(sid)
        except KeyError:  # the socket is already gone
            return {}
        return session if isinstance(session, dict) else {}

    async def _close_socket(self, sid: str, reason: str) -> None:
        """Tell a socket why, detach it from its conversation, and disconnect it."""
        assert self.sio is not None
        session = await self._session(sid)
        conversation = session.pop("conversation_id", None)
        if conversation and self.live.get(conversation) == sid:
            del self.live[conversation]
        try:
            await self.sio.save_session(sid, session)
            await self.sio.emit("session_closed", {"reason": reason}, to=sid)
            await self.sio.disconnect(sid)
        except KeyError:
            pass  # disconnected meanwhile

    async def _handle(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str,
                      conversation: str, output: WebChatOutput) -> None:
        """Hand a message to the bot; empty, failed or silent, it still gets a kind reply."""
        async def handle(prepared: str) -> None:
            await on_new_message(UserMessage(prepared, output, conversation, input_channel=self.name()))

        async def send(reply: str) -> None:
            await output.send_text_message(conversation, reply)

        try:
            await deliver(text, sender_id=conversation, handle=handle, send=send,
                          channel=self.name(), said_nothing=lambda: output.sent == 0)
        except asyncio.CancelledError:
            return  # a timeout: deliver() already sent error_fallback

    async def _erase(self, request: Request,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        """``POST /chat/erase``: erase the conversation the token in the body names."""
        claims = read_token(self.settings.webchat_secret, token_from_body(request.body or b""))
        if claims is None:
            return response.json({"error": "Token no válido o vencido."}, status=403,
                                 headers=dict(SECURITY_HEADERS))
        conversation = claims.conversation_id
        holder = self.live.get(conversation)
        if holder is not None:
            await self._close_socket(holder, ERASED)
        collector = CollectingOutputChannel()
        try:
            await on_new_message(UserMessage(DELETE_PAYLOAD, collector, conversation,
                                             input_channel=self.name()))
        except Exception as error:  # noqa: BLE001 - answer the browser, do not crash
            logger.error("web chat: erase failed (%s)", type(error).__name__)
            return response.json({"error": "No se pudo borrar ahora."}, status=503,
                                 headers=dict(SECURITY_HEADERS))
        logger.info("web chat: conversation erased on quick exit")
        return response.empty(status=204, headers=dict(SECURITY_HEADERS))


class WebChatBlueprint(Blueprint):
    """Attaches the Socket.IO server and registers the channel's and the widget's routes.

    Rasa mounts a channel's blueprint under ``/webhooks/<name>/``; the widget and the erase
    route live under ``/chat/``, hence a wrapper whose only job is ``register`` (Sanic 21.12
    forbids setting attributes on a blueprint, so everything goes through ``ctx``).
    """

    def __init__(self, sio: socketio.AsyncServer, socketio_path: str, channel_blueprint: Blueprint,
                 page_blueprints: List[Blueprint]) -> None:
        super().__init__("webchat")
        self.ctx.sio = sio
        self.ctx.socketio_path = socketio_path
        self.ctx.channel_blueprint = channel_blueprint
        self.ctx.page_blueprints = page_blueprints

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        """Attach the socket server to ``app`` and register every route."""
        self.ctx.sio.attach(app, self.ctx.socketio_path)
        app.blueprint(self.ctx.channel_blueprint, **options)
        for blueprint in self.ctx.page_blueprints:
            app.blueprint(blueprint)
        install_server_rules(app)


__all__ = [
    "CONVERSATION_ID_PATTERN",
    "ERASE_PATH",
    "MAX_WEBCHAT_MESSAGE_CHARS",
    "WebChatInput",
    "WebChatOutput",
]
