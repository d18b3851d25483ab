"""Server-wide rules the channels install on the Sanic app (Rasa's own routes included).

- ``GET /`` answers a neutral ``ok``: Rasa's "Hello from Rasa: 3.6.21" tells an attacker which
  release (and which known advisories) to try.
- ``GET /version`` (part of Rasa's HTTP API, which has no authentication on it) answers 404
  in production.

Installed once per app, by whichever of Acompaña's channels is registered first.
"""
from __future__ import annotations

from typing import Optional

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import load_settings

#: Body of ``GET /``: enough for a health check, nothing about the software.
ROOT_TEXT = "ok\n"


def install_server_rules(app: Sanic) -> None:
    """Add the request middleware above to ``app`` (once, however many channels call it)."""
    if getattr(app.ctx, "acompana_server_rules", False):
        return
    app.ctx.acompana_server_rules = True
    production = load_settings().production

    async def neutral_public_routes(request: Request) -> Optional[HTTPResponse]:
        if request.path == "/" and request.method in ("GET", "HEAD"):
            return response.text(ROOT_TEXT)
        if production and request.path == "/version":
            return response.text("No encontrado.\n", status=404)
        return None

    app.register_middleware(neutral_public_routes, "request")
