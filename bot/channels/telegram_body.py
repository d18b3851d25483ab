"""Reading a webhook request's body within a limit, and bounding what is read of a refused one."""
from __future__ import annotations

from typing import List, Optional

from sanic.exceptions import PayloadTooLarge
from sanic.request import Request

#: Largest webhook body read, in bytes. Real updates are a few kilobytes (text is at most
#: 4096 characters, files arrive as ids); anything larger is refused with 413.
MAX_WEBHOOK_BODY = 1_000_000

#: Most bytes of a refused request (403, 413) Sanic reads and throws away after answering,
#: so the client can read the answer; a longer body gets its connection closed instead.
MAX_DISCARDED_BODY = 4_000_000


def refuse_body(request: Request) -> None:
    """Bound what Sanic reads (and throws away, unparsed) of a body we refused.

    Sanic reads the rest of a body after the answer so that the client sees the answer
    rather than a reset connection; past ``MAX_DISCARDED_BODY`` it closes the connection.
    """
    stream = getattr(request, "stream", None)
    if stream is not None and hasattr(stream, "request_max_size"):
        stream.request_max_size = MAX_DISCARDED_BODY


async def read_body(request: Request, limit: int) -> Optional[bytes]:
    """The request body, or None if it is larger than ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        refuse_body(request)
        return None
    stream = getattr(request, "stream", None)
    if stream is None or not hasattr(stream, "read"):
        body = request.body or b""
        return body if len(body) <= limit else None
    chunks: List[bytes] = []
    size = 0
    try:
        while True:
            chunk = await stream.read()
            if chunk is None:
                break
            size += len(chunk)
            if size > limit:
                refuse_body(request)
                return None
            chunks.append(chunk)
    except PayloadTooLarge:  # Sanic's own limit, if a deployer set a lower one
        return None
    return b"".join(chunks)
