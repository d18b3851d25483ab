"""The action server listens on this machine only, or asks for a shared secret.

rasa-sdk 3.6 listens on ``0.0.0.0`` with no authentication unless told otherwise; it reads
the interface from ``SANIC_HOST`` and offers one extension point, a ``rasa_sdk_plugins``
package whose hooks may attach Sanic middleware (``rasa_sdk_plugins/__init__.py`` calls
:func:`attach`). Here:

* the interface is ``ACOMPANA_ACTIONS_HOST`` (default ``127.0.0.1``), passed on as
  ``SANIC_HOST`` unless that is set explicitly;
* with ``ACOMPANA_ACTIONS_TOKEN`` set, every request but ``/health`` must carry it in the
  ``X-Acompana-Actions-Token`` header (compared in constant time), else 403. Rasa sends it
  from ``action_endpoint: headers:`` in ``deploy/endpoints.production.yml``;
* an action server on a non-loopback interface without a token refuses to start.
"""
from __future__ import annotations

import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Optional

from bot.settings import LOOPBACK_HOSTS, load_operations_settings

logger = logging.getLogger(__name__)

#: Header that carries the shared secret.
TOKEN_HEADER = "X-Acompana-Actions-Token"

#: Paths answered without the secret (a health check reveals nothing).
OPEN_PATHS = frozenset({"/health"})


class ActionServerConfigError(SystemExit):
    """The action server would be reachable from other machines without a secret."""


def token_matches(sent: Optional[str], expected: str) -> bool:
    """Whether ``sent`` is the shared secret (constant-time comparison)."""
    return bool(sent) and hmac.compare_digest(sent.encode("utf-8", "replace"),
                                              expected.encode("utf-8"))


def attach(app: Any) -> None:
    """Set the interface and, with a token, add the check to the rasa-sdk Sanic ``app``."""
    settings = load_operations_settings()
    host = os.environ.setdefault("SANIC_HOST", settings.actions_host)
    if not settings.actions_token:
        if host not in LOOPBACK_HOSTS:
            raise ActionServerConfigError(
                f"El servidor de acciones escucharía en {host} sin ACOMPANA_ACTIONS_TOKEN: "
                "define un secreto compartido (y el mismo en el servidor Rasa) o usa "
                "ACOMPANA_ACTIONS_HOST=127.0.0.1.")
        return
    app.register_middleware(token_check(settings.actions_token), "request")
    logger.info("action server: shared-secret check on")


def token_check(token: str) -> Callable[[Any], Awaitable[Any]]:
    """Sanic request middleware: 403 unless the request carries ``token`` (or is open)."""
    from sanic import response

    async def require_token(request: Any) -> Any:
        if request.path in OPEN_PATHS or token_matches(request.headers.get(TOKEN_HEADER),
                                                       token):
            return None
        logger.warning("action server: request refused, wrong or missing token")
        return response.json({"error": "forbidden"}, status=403)

    return require_token
