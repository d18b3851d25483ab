"""A minimal Telegram Bot API client: JSON POSTs with a timeout, errors logged without the token."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Dict, Optional

import aiohttp

logger = logging.getLogger(__name__)

#: Where the Bot API lives unless ``api_url`` says otherwise.
DEFAULT_API_URL = "https://api.telegram.org"

#: Seconds one Bot API call may take before the connector gives up on it.
API_TIMEOUT_SECONDS = 10.0

#: Longest ``retry_after`` (seconds) of a 429 answer the connector waits for, once.
MAX_RETRY_AFTER_SECONDS = 5.0


@dataclass(frozen=True)
class ApiResult:
    """The answer of one Bot API call. ``result`` is Telegram's ``result`` field."""

    ok: bool
    result: Any = None
    error_code: Optional[int] = None
    description: Optional[str] = None
    retry_after: Optional[float] = None


class TelegramApi:
    """Minimal Bot API client: JSON POSTs to ``<api_url>/bot<token>/<method>``.

    One ``aiohttp`` session, created on first use inside the running event loop and closed by
    ``close()``. Never raises for network or Telegram errors: the caller gets
    ``ApiResult(ok=False)`` and the log gets the method and the error code, never the URL (it
    contains the token) nor the payload (it contains what the person reads).
    """

    def __init__(
        self,
        token: str,
        *,
        api_url: str = DEFAULT_API_URL,
        timeout: float = API_TIMEOUT_SECONDS,
    ) -> None:
        self._base = f"{api_url.rstrip('/')}/bot{token}/"
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: Optional[aiohttp.ClientSession] = None

    def __repr__(self) -> str:
        return "TelegramApi(<token hidden>)"

    async def call(self, method: str, payload: Optional[Dict[str, Any]] = None) -> ApiResult:
        """Call one Bot API method; wait once for a short ``retry_after`` on 429."""
        result = await self._post(method, payload or {})
        if result.retry_after is not None and result.retry_after <= MAX_RETRY_AFTER_SECONDS:
            await asyncio.sleep(result.retry_after)
            result = await self._post(method, payload or {})
        if not result.ok:
            logger.warning("telegram api %s failed: code=%s %s", method, result.error_code,
                           (result.description or "")[:120])
        return result

    async def _post(self, method: str, payload: Dict[str, Any]) -> ApiResult:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        try:
            async with self._session.post(self._base + method, json=payload) as answer:
                body = await answer.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            return ApiResult(False, description=type(error).__name__)
        if not isinstance(body, dict):
            return ApiResult(False, error_code=answer.status, description="not a JSON object")
        description = body.get("description")
        parameters = body.get("parameters")
        retry_after = parameters.get("retry_after") if isinstance(parameters, dict) else None
        return ApiResult(
            ok=body.get("ok") is True,
            result=body.get("result"),
            error_code=body.get("error_code"),
            description=description if isinstance(description, str) else None,
            retry_after=float(retry_after) if isinstance(retry_after, (int, float)) else None,
        )

    async def close(self) -> None:
        """Close the HTTP session (safe to call twice)."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None
