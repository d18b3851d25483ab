"""How many new web-chat conversations one client address may start (no Rasa imports).

The addresses are never stored as such: each is hashed with a key drawn when the process
starts, kept only in memory, and forgotten once its last session is older than the window.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from collections import deque
from typing import Deque, Dict, Mapping, Optional

#: Length of the window in which new sessions are counted.
SESSION_WINDOW_SECONDS = 3600
#: Most addresses remembered at once; past it the oldest are forgotten (memory stays bounded).
MAX_TRACKED_ADDRESSES = 50_000


class SessionLimiter:
    """At most ``limit`` new sessions per client address in any ``window_seconds``.

    Addresses of this machine are not limited: behind nginx the address is the real client's
    (``X-Real-IP``), so only local tools and tests come from 127.0.0.1.
    """

    def __init__(self, limit: int, *, window_seconds: float = SESSION_WINDOW_SECONDS,
                 max_addresses: int = MAX_TRACKED_ADDRESSES) -> None:
        self.limit = limit
        self.window_seconds = window_seconds
        self.max_addresses = max_addresses
        self._key = secrets.token_bytes(16)
        self._starts: Dict[str, Deque[float]] = {}

    def _hashed(self, address: str) -> str:
        return hmac.new(self._key, address.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def allow(self, address: str, *, now: Optional[float] = None) -> bool:
        """Count one new session for ``address``; False (and not counted) past the limit."""
        if self.limit <= 0 or _is_loopback(address):
            return True  # 0 turns the limit off; this machine (tests, tools) is not limited
        now = time.monotonic() if now is None else now
        key = self._hashed(address)
        starts = self._starts.get(key)
        if starts is None:
            if len(self._starts) >= self.max_addresses:
                self._forget_oldest(now)
            starts = self._starts[key] = deque()
        while starts and starts[0] <= now - self.window_seconds:
            starts.popleft()
        if len(starts) >= self.limit:
            return False
        starts.append(now)
        return True

    def _forget_oldest(self, now: float) -> None:
        for key in [k for k, v in self._starts.items() if not v or v[-1] <= now - self.window_seconds]:
            del self._starts[key]
        while len(self._starts) >= self.max_addresses:
            del self._starts[next(iter(self._starts))]


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def client_address(peer: str, headers: Mapping[str, str]) -> str:
    """The client's address: the peer, or ``X-Real-IP`` when the peer is a local proxy.

    Only a proxy on this machine (nginx, deploy/nginx.conf.template, which sets the header
    itself) is believed; a client talking to the server directly cannot claim another address.
    """
    if _is_loopback(peer):
        forwarded = (headers.get("x-real-ip") or "").strip()
        if forwarded:
            return forwarded
    return peer
