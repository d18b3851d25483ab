"""Reading what a browser sends the web chat: Socket.IO packets, the erase request's token,
and the origin the chat page was served from."""
from __future__ import annotations

import json
from typing import Any, Dict, Optional

from bot.channels.webchat_tokens import MAX_TOKEN_CHARS

#: Event name a packet whose JSON cannot be read turns into; no handler, so it is dropped.
MALFORMED_EVENT = "_malformed_packet"


class SafeJson:
    """``json`` for python-socketio: a packet it cannot read becomes an ignored event.

    python-socketio decodes packets with ``json.loads`` and lets any error escape as an
    unhandled exception (with a traceback in the log): invalid JSON raises ValueError, JSON
    nested ~1,000 levels deep RecursionError. Here both become :data:`MALFORMED_EVENT`.
    """

    @staticmethod
    def dumps(*args: Any, **kwargs: Any) -> str:
        return json.dumps(*args, **kwargs)

    @staticmethod
    def loads(*args: Any, **kwargs: Any) -> Any:
        try:
            return json.loads(*args, **kwargs)
        except (ValueError, RecursionError):
            return [MALFORMED_EVENT]


def own_origins(environ: Dict[str, Any]) -> set[str]:
    """The origin the chat page itself was served from, as seen in this request.

    ``Host`` (with its port) and the scheme, which python-engineio takes from nginx's
    ``X-Forwarded-Proto`` (deploy/nginx.conf.template sets both). A page on another site
    cannot set these headers on a browser's socket.
    """
    host = (environ.get("HTTP_HOST") or "").split(",")[0].strip()
    scheme = (environ.get("wsgi.url_scheme") or "http").split(",")[0].strip()
    return {f"{scheme}://{host}"} if host else set()


def token_from_body(raw: bytes) -> Optional[str]:
    """The token in an erase request: the plain body (``sendBeacon``) or ``{"token": ...}``."""
    if not raw or len(raw) > MAX_TOKEN_CHARS * 2:
        return None
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None
    if text.startswith("{"):
        try:
            body = json.loads(text)
        except (ValueError, RecursionError):
            return None
        token = body.get("token") if isinstance(body, dict) else None
        return token if isinstance(token, str) else None
    return text
