"""One small HTTP helper for the scripts and the tests (standard library only)."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Optional, Union


def post_json(url: str, payload: Union[bytes, Any], *, timeout: float = 60,
              headers: Optional[dict[str, str]] = None) -> tuple[int, Any]:
    """POST JSON (or raw bytes) and return ``(status, decoded JSON or text)``.

    ``headers`` are added (e.g. ``Authorization``). The status is 0 when the connection itself
    failed (refused, reset, timed out).
    """
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(url, data=data,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, None
    try:
        return status, json.loads(body or b"null")
    except ValueError:
        return status, body.decode("utf-8", "replace")
