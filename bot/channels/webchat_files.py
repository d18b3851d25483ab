"""The widget's own files under ``/chat/``, served by the bot itself (no CDN).

==============================  =====================================================
``GET /chat``                   redirect to ``/chat/``
``GET /chat/``                  ``web/index.html`` (the full-page chat)
``GET /chat/<file>``            a file of ``web/`` named in :data:`STATIC_FILES`
``GET /chat/vendor/<file>``     a file of ``web/node_modules`` named in :data:`VENDOR_FILES`
                                (503 with the command to run if ``npm ci`` was not run)
==============================  =====================================================
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Dict

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

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

#: Shown (to the NGO technician) instead of socket.io when ``npm ci`` was not run.
VENDOR_MISSING_TEXT = (
    "El chat web no puede arrancar: falta web/node_modules/{path}.\n"
    "Ejecuta «npm ci --prefix web» en la carpeta del proyecto (scripts/start.sh lo hace) "
    "y vuelve a cargar la página.\n"
)


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


async def serve_file(path: Path, content_type: str) -> HTTPResponse:
    """Return the file at ``path`` with the widget's security headers, or a 404."""
    if not path.is_file():
        logger.warning("web chat: %s is missing from the web folder", path.name)
        return not_found()
    return await response.file(path, mime_type=content_type, headers=dict(SECURITY_HEADERS))


def not_found() -> HTTPResponse:
    """A plain 404 with the widget's security headers."""
    return response.text("No encontrado.\n", status=404, headers=dict(SECURITY_HEADERS))
