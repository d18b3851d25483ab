"""Throw hostile inputs at a running bot over REST, Socket.IO and the Telegram webhook.

Asserts that no request gets a 5xx answer and that the bot still answers a normal message
afterwards on every channel. Used by tests/test_fuzz.py; also runnable by hand against a
bot started with Telegram enabled:

    python -m scripts.fuzz --base http://127.0.0.1:5005 --telegram-secret S [--count 500]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import string
import sys
from dataclasses import dataclass, field
from typing import Any, Optional

import aiohttp

#: Inputs per run unless told otherwise (the issue asks for at least 500).
DEFAULT_COUNT = 600
REST = "/webhooks/rest/webhook"
TELEGRAM = "/webhooks/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

#: JSON nested deeper than Python's recursion limit (a RecursionError must never be a 500).
DEEP_BODIES = [b"[" * 1_000 + b"]" * 1_000, b"[" * 100_000,
               b'{"a":' * 5_000 + b"1" + b"}" * 5_000]

NASTY_STRINGS = [
    "", " ", "\n\n\n", "\x00", "\x00\x01\x02", "\ud800", "🙂" * 2000, "a" * 25_000,
    "/", "//", "/inform", "/inform{", '/inform{"country": ', '/inform{"country": 5}',
    '/inform{"victim_is_minor": "quizás"}', '/report_ncii{"victim_age": -3}',
    '/inform{"victim_age": 1e309}', "/restart", "/session_start", "/nlu_fallback",
    "/action_listen", "/" + "x" * 500, "{{slot}}", "{country}", "%s%s%s%n", "'; DROP TABLE events;--",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${TELEGRAM_TOKEN}",
    "../../etc/passwd", "\u202eevil", "ｍｅ ｑｕｉｅｒｏ ｍａｔａｒ", "ME QUIERO MATAR!!!!!!",
    "null", "[]", "{}", "true", "NaN", "-1", "9" * 400, "\t" * 100, "ñ" * 5000,
]


@dataclass
class Tally:
    """What happened, per channel."""

    sent: int = 0
    server_errors: list[str] = field(default_factory=list)
    other: dict[int, int] = field(default_factory=dict)

    def record(self, channel: str, status: int, what: str) -> None:
        self.sent += 1
        self.other[status] = self.other.get(status, 0) + 1
        if status >= 500:
            self.server_errors.append(f"{channel} {status}: {what[:80]!r}")


def random_text(rng: random.Random) -> str:
    alphabet = string.printable + "áéíóúñü¿¡😀\u200b\u0301"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))


def rest_bodies(rng: random.Random, count: int) -> list[bytes]:
    """Raw REST bodies: broken JSON, wrong types, hostile strings, random bytes."""
    fixed: list[Any] = [b"", b"null", b"[]", b"{", b'{"sender":', b"\xff\xfe\xfd", b"\x00" * 50,
                        b'{"sender": [], "message": "hola"}', b'{"sender": "x"}',
                        b'{"message": 42, "sender": "x"}', b'{"sender": "x", "message": {"a": 1}}',
                        b'{"sender": "' + b"s" * 500 + b'", "message": "hola"}',
                        b'{"sender": "x", "message": "hola", "metadata": "no"}',
                        json.dumps({"sender": "x", "message": "a" * 300_000}).encode()]
    bodies = [b if isinstance(b, bytes) else json.dumps(b).encode() for b in fixed]
    while len(bodies) < count:
        choice = rng.random()
        if choice < 0.5:
            text = rng.choice(NASTY_STRINGS) if rng.random() < 0.6 else random_text(rng)
            bodies.append(json.dumps({"sender": f"fuzz-{rng.randint(0, 30)}", "message": text}).encode())
        elif choice < 0.8:
            bodies.append(bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200))))
        else:
            bodies.append(json.dumps(rng.choice([None, 1, "x", [], {"sender": None}, {"message": []}])).encode())
    return bodies[:count]


def telegram_bodies(rng: random.Random, count: int) -> list[bytes]:
    """Telegram updates, valid and broken: media, odd chats, wrong types, random bytes."""
    def update(**message: Any) -> dict:
        base = {"message_id": rng.randint(1, 10**6), "date": 1718000000,
                "chat": {"id": rng.randint(1, 10**9), "type": "private"},
                "from": {"id": rng.randint(1, 10**9), "is_bot": False, "first_name": "F"}}
        base.update(message)
        return {"update_id": rng.randint(1, 10**9), "message": base}

    shapes = [
        lambda: update(text=rng.choice(NASTY_STRINGS)),
        lambda: update(text=random_text(rng)),
        lambda: update(photo=[{"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1}]),
        lambda: update(sticker={"file_id": "x"}),
        lambda: update(voice={"file_id": "x", "duration": 1}),
        lambda: update(document={"file_id": "x"}, caption=rng.choice(NASTY_STRINGS)),
        lambda: update(text="hola", chat={"id": -100, "type": "supergroup"}),
        lambda: update(text=None),
        lambda: update(text=12345),
        lambda: {"update_id": 1, "callback_query": {"id": "q", "data": rng.choice(NASTY_STRINGS)[:64]}},
        lambda: {"update_id": 2, "callback_query": {"id": "q", "from": {"id": 5}, "data": "~deadbeef",
                                                    "message": {"chat": {"id": 5, "type": "private"}}}},
        lambda: {"update_id": "x"},
        lambda: {"edited_message": {"text": "hola"}},
        lambda: rng.choice([None, [], 1, "x"]),
    ]
    bodies = list(DEEP_BODIES)
    bodies.append(b'{"update_id": 5, "message": ' + b"[" * 3_000 + b"]" * 3_000 + b"}")
    while len(bodies) < count:
        if rng.random() < 0.15:
            bodies.append(bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300))))
        else:
            bodies.append(json.dumps(rng.choice(shapes)()).encode())
    return bodies


async def fuzz_http(session: aiohttp.ClientSession, url: str, bodies: list[bytes], tally: Tally,
                    channel: str, headers: Optional[dict] = None) -> None:
    for body in bodies:
        try:
            async with session.post(url, data=body, headers={"Content-Type": "application/json",
                                                             **(headers or {})}) as response:
                await response.read()
                tally.record(channel, response.status, body.decode("utf-8", "replace"))
        except aiohttp.ClientError as error:
            tally.record(channel, 599, f"connection failed: {error}")


async def fuzz_socketio(base: str, rng: random.Random, count: int, tally: Tally) -> None:
    """Hostile Socket.IO events: bad session ids, non-dict payloads, huge texts."""
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    await client.connect(base, transports=["polling"], socketio_path="/socket.io")
    payloads: list[Any] = [None, 1, "x", [], {}, {"message": None}, {"message": 5},
                           {"message": "hola", "session_id": "../../x"}, {"session_id": []},
                           {"message": "a" * 30_000, "session_id": "f" * 32}]
    for index in range(count):
        payload = payloads[index % len(payloads)] if index < len(payloads) else {
            "message": rng.choice(NASTY_STRINGS) if rng.random() < 0.6 else random_text(rng),
            "session_id": rng.choice(["f" * 32, "", "not-a-session", None])}
        event = "user_uttered" if rng.random() < 0.8 else "session_request"
        await client.emit(event, payload)
        tally.record("socketio", 200, repr(payload))
    await asyncio.sleep(1)
    await client.disconnect()
    # The HTTP side of Socket.IO, with junk.
    async with aiohttp.ClientSession() as session:
        for query in ["", "?EIO=4", "?EIO=4&transport=polling&sid=nope", "?EIO=9&transport=x"]:
            async with session.post(f"{base}/socket.io/{query}", data=b"\xff\x00junk") as response:
                tally.record("socketio-http", response.status, query)


async def still_answers(base: str, session: aiohttp.ClientSession) -> bool:
    """A normal message still gets a normal reply over REST."""
    async with session.post(base + REST, json={"sender": "fuzz-check", "message": "hola"}) as response:
        replies = await response.json()
        return response.status == 200 and bool(replies) and bool(replies[0].get("text"))


async def socketio_still_answers(base: str) -> bool:
    """A normal message still gets a reply over Socket.IO."""
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    got: asyncio.Queue = asyncio.Queue()
    confirmed: asyncio.Queue = asyncio.Queue()
    client.on("bot_uttered", lambda data: got.put_nowait(data))
    client.on("session_confirm", lambda data: confirmed.put_nowait(data))
    await client.connect(base, transports=["polling"], socketio_path="/socket.io")
    await client.emit("session_request", {"session_id": None})
    session = await asyncio.wait_for(confirmed.get(), 20)
    session_id = session.get("session_id") if isinstance(session, dict) else session
    await client.emit("user_uttered", {"message": "hola", "session_id": session_id})
    reply = await asyncio.wait_for(got.get(), 60)
    await client.disconnect()
    return bool(reply.get("text"))


async def run(base: str, *, count: int, telegram_secret: Optional[str], seed: int = 7) -> Tally:
    """Fuzz every channel; return the tally."""
    rng = random.Random(seed)
    tally = Tally()
    share = max(count // 3, 1)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await fuzz_http(session, base + REST, rest_bodies(rng, share), tally, "rest")
        if telegram_secret:
            bodies = telegram_bodies(rng, share)
            await fuzz_http(session, base + TELEGRAM, bodies, tally, "telegram",
                            {SECRET_HEADER: telegram_secret})
            await fuzz_http(session, base + TELEGRAM, bodies[:20], tally, "telegram-nosecret")
        await fuzz_socketio(base, rng, share, tally)
        if not await still_answers(base, session):
            tally.server_errors.append("REST: no normal answer after fuzzing")
    if not await socketio_still_answers(base):
        tally.server_errors.append("Socket.IO: no normal answer after fuzzing")
    return tally


def main() -> int:
    """Command line: print the tally, exit 1 on any 5xx or lost answer."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:5005")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--telegram-secret")
    options = parser.parse_args()
    tally = asyncio.run(run(options.base, count=options.count, telegram_secret=options.telegram_secret))
    print(f"fuzz: {tally.sent} inputs, statuses {dict(sorted(tally.other.items()))}, "
          f"{len(tally.server_errors)} problem(s)")
    for problem in tally.server_errors[:20]:
        print("  " + problem)
    return 1 if tally.server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
