"""Web-chat tokens: the only way a browser can name a conversation (no Rasa imports).

A token is ``v1.<conversation id>.<expiry>.<signature>``:

- the conversation id is 128 random bits drawn by the server (``secrets``), never chosen by
  or derived from anything the client sends; it is the tracker's ``sender_id``;
- the expiry is a Unix time in seconds; an expired token is refused;
- the signature is HMAC-SHA256 over the rest with ``ACOMPANA_WEBCHAT_SECRET``, the same on
  every server, so a browser that reconnects to another server keeps its conversation.

A token is a bearer secret: whoever holds it is that conversation. It is kept in the page's
memory, or in ``localStorage`` only when the person ticks "Recordar".
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from typing import Optional

#: Format version, the first field of every token.
TOKEN_VERSION = "v1"
#: What a conversation id looks like (``secrets.token_hex(16)``).
CONVERSATION_ID_PATTERN = re.compile(r"[0-9a-f]{32}")
#: Longest token read at all; anything longer is refused before any work is done.
MAX_TOKEN_CHARS = 200


@dataclass(frozen=True)
class TokenClaims:
    """What a valid token says: which conversation, valid until when."""

    conversation_id: str
    expires_at: int


def new_conversation_id() -> str:
    """A fresh conversation id: 128 random bits as 32 hex digits."""
    return secrets.token_hex(16)


def _signature(secret: str, body: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), body.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def issue_token(secret: str, conversation_id: str, *, lifetime_seconds: float,
                now: Optional[float] = None) -> str:
    """A signed token for ``conversation_id`` that expires ``lifetime_seconds`` from now."""
    if not CONVERSATION_ID_PATTERN.fullmatch(conversation_id):
        raise ValueError("conversation ids are issued by new_conversation_id()")
    if not secret:
        raise ValueError("a web-chat token needs a secret")
    expires_at = int((time.time() if now is None else now) + lifetime_seconds)
    body = f"{TOKEN_VERSION}.{conversation_id}.{expires_at}"
    return f"{body}.{_signature(secret, body)}"


def read_token(secret: str, token: object, *, now: Optional[float] = None) -> Optional[TokenClaims]:
    """The claims of a valid, unexpired token signed with ``secret``; None for anything else.

    Never raises: a token comes from the network and may be any JSON value.
    """
    if not secret or not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
        return None
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != TOKEN_VERSION:
        return None
    version, conversation_id, expiry, signature = parts
    if not CONVERSATION_ID_PATTERN.fullmatch(conversation_id) or not expiry.isdigit():
        return None
    expected = _signature(secret, f"{version}.{conversation_id}.{expiry}")
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii", "replace")):
        return None
    if int(expiry) <= (time.time() if now is None else now):
        return None
    return TokenClaims(conversation_id=conversation_id, expires_at=int(expiry))
