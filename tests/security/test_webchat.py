"""Attacks on the web chat: nobody reads, writes as, or erases someone else's conversation.

The victim opens a conversation and writes; the attacker, on another socket, tries every way
in. Each attack must end with the attacker in a conversation of her own (or refused), never
receiving the victim's replies, never writing into the victim's conversation.
"""
from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request

import pytest
import socketio

from bot.channels.webchat_tokens import issue_token, new_conversation_id
from tests.security.conftest import SESSION_LIMIT, WEBCHAT_SECRET, Server
from tests.web.socket_client import ChatSocket, open_chat, texts

LIFETIME = 3600


def conversation_of(token: str) -> str:
    return token.split(".")[1]


def tamper(token: str, *, conversation: str | None = None, expiry: str | None = None,
           signature: str | None = None) -> str:
    version, old_conversation, old_expiry, old_signature = token.split(".")
    return ".".join([version, conversation or old_conversation, expiry or old_expiry,
                     signature or old_signature])


async def victim_conversation(server: Server) -> ChatSocket:
    victim = await open_chat(server.base)
    assert await victim.say("me están extorsionando con unas fotos")
    return victim


FORGERIES = {
    "no token": lambda victim: None,
    "empty": lambda victim: "",
    "not a string": lambda victim: {"token": victim},
    "the bare conversation id": lambda victim: conversation_of(victim),
    "old protocol session id": lambda victim: None,  # sent as {"session_id": ...} below
    "someone else's id, own signature": lambda victim: tamper(
        issue_token(WEBCHAT_SECRET, new_conversation_id(), lifetime_seconds=LIFETIME),
        conversation=conversation_of(victim)),
    "later expiry, same signature": lambda victim: tamper(victim, expiry=str(int(time.time()) + 10**6)),
    "signed with another secret": lambda victim: issue_token(
        "another-secret-" + "y" * 30, conversation_of(victim), lifetime_seconds=LIFETIME),
    "expired, well signed": lambda victim: issue_token(
        WEBCHAT_SECRET, conversation_of(victim), lifetime_seconds=-1),
    "signature of another token": lambda victim: tamper(victim, signature=issue_token(
        WEBCHAT_SECRET, new_conversation_id(), lifetime_seconds=LIFETIME).split(".")[3]),
    "huge": lambda victim: victim + "A" * 100_000,
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_a_guessed_or_forged_token_never_opens_someone_elses_conversation(
    local_server: Server, forgery: str
) -> None:
    async def run() -> None:
        victim = await victim_conversation(local_server)
        try:
            attacker = ChatSocket(local_server.base)
            await attacker.connect()
            if forgery == "old protocol session id":
                await attacker.client.emit("session_request", {"session_id": conversation_of(victim.token)})
                await asyncio.sleep(0.5)
                attacker.token = attacker.confirmed[-1]["token"]
            else:
                await attacker.request_session(FORGERIES[forgery](victim.token))
            try:
                assert attacker.confirmed and attacker.confirmed[-1]["resumed"] is False
                assert conversation_of(attacker.token) != conversation_of(victim.token)
                before = local_server.senders().count(conversation_of(victim.token))
                await attacker.say("escribo como ella",
                                   session_id=conversation_of(victim.token), token=victim.token)
                assert local_server.senders().count(conversation_of(victim.token)) == before
                # the victim hears nothing of the attacker's turn
                assert await victim.collect(len(victim.replies), expect_reply=False) == []
            finally:
                await attacker.close()
        finally:
            await victim.close()

    asyncio.run(run())


def test_a_second_socket_with_the_token_takes_over_and_the_first_gets_nothing_more(
    local_server: Server,
) -> None:
    async def run() -> None:
        first = await victim_conversation(local_server)
        try:
            second = await open_chat(local_server.base, first.token)
            try:
                assert second.confirmed[-1]["resumed"] is True
                assert conversation_of(second.token) == conversation_of(first.token)
                await asyncio.sleep(0.5)
                assert first.closed == [{"reason": "taken_over"}]
                heard = len(first.replies)
                assert await second.say("sigo yo desde el móvil")
                assert len(first.replies) == heard  # the first never receives the other's replies
                conversation = conversation_of(first.token)
                before = local_server.senders().count(conversation)
                if first.client.connected:
                    await first.client.emit("user_uttered", {"message": "escribo desde la primera"})
                    await asyncio.sleep(1.0)
                assert local_server.senders().count(conversation) == before  # nor writes as it
            finally:
                await second.close()
        finally:
            await first.close()

    asyncio.run(run())


def test_messages_before_a_session_is_confirmed_are_ignored(local_server: Server) -> None:
    async def run() -> None:
        chat = ChatSocket(local_server.base)
        await chat.connect()
        try:
            before = len(local_server.senders())
            await chat.client.emit("user_uttered", {"message": "hola",
                                                    "session_id": "0123456789abcdef0123456789abcdef"})
            assert await chat.collect(0, expect_reply=False) == []
            assert len(local_server.senders()) == before
        finally:
            await chat.close()

    asyncio.run(run())


@pytest.mark.parametrize("origin", [
    "https://evil.example",
    "http://127.0.0.1.evil.example",
    "null",
])
def test_socket_io_from_a_foreign_origin_is_refused(local_server: Server, origin: str) -> None:
    async def run() -> None:
        chat = ChatSocket(local_server.base, origin=origin)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await chat.connect()

    asyncio.run(run())


def test_socket_io_from_the_pages_own_origin_is_accepted(local_server: Server) -> None:
    async def run() -> None:
        chat = await open_chat(local_server.base, origin=local_server.base)
        try:
            assert chat.token
        finally:
            await chat.close()

    asyncio.run(run())


def erase(server: Server, body: bytes) -> int:
    request = urllib.request.Request(server.base + "/chat/erase", data=body,
                                     headers={"Content-Type": "text/plain"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_quick_exit_leaves_no_server_side_conversation(local_server: Server) -> None:
    async def run() -> str:
        victim = await victim_conversation(local_server)
        await victim.close()
        return victim.token

    token = asyncio.run(run())
    assert conversation_of(token) in local_server.conversations()
    assert erase(local_server, token.encode()) == 204  # what navigator.sendBeacon sends
    assert conversation_of(token) not in local_server.conversations()


def test_erase_accepts_json_too_and_closes_the_live_socket(local_server: Server) -> None:
    async def run() -> None:
        victim = await victim_conversation(local_server)
        try:
            status = await asyncio.to_thread(erase, local_server, json.dumps({"token": victim.token}).encode())
            assert status == 204
            await asyncio.sleep(0.5)
            assert victim.closed == [{"reason": "erased"}]
            assert conversation_of(victim.token) not in local_server.conversations()
        finally:
            await victim.close()

    asyncio.run(run())


@pytest.mark.parametrize("forgery", [
    "someone else's id, own signature", "expired, well signed", "signed with another secret",
    "the bare conversation id", "later expiry, same signature",
])
def test_the_erase_route_with_anothers_or_a_forged_token_erases_nothing(
    local_server: Server, forgery: str
) -> None:
    async def run() -> tuple[str, str]:
        victim = await victim_conversation(local_server)
        attacker = await open_chat(local_server.base)
        assert await attacker.say("hola")
        await victim.close()
        await attacker.close()
        return victim.token, attacker.token

    victim, attacker = asyncio.run(run())
    assert erase(local_server, FORGERIES[forgery](victim).encode()) == 403
    assert erase(local_server, attacker.encode()) == 204  # her own token: only her own
    kept = local_server.conversations()
    assert conversation_of(victim) in kept and conversation_of(attacker) not in kept


@pytest.mark.parametrize("body", [b"", b"null", b"[]", b"{}", b'{"token": 5}', b"\xff\xfe",
                                  b"[" * 5000, b"x" * 10_000])
def test_the_erase_route_answers_garbage_with_403(local_server: Server, body: bytes) -> None:
    assert erase(local_server, body) == 403


def test_new_sessions_per_address_are_limited_kindly(production_server: Server) -> None:
    async def open_from(address: str, token=None) -> ChatSocket:
        chat = ChatSocket(production_server.base)
        chat.client = socketio.AsyncClient(reconnection=False)
        for event, sink in (("session_confirm", chat.confirmed), ("session_refused", chat.refused),
                            ("bot_uttered", chat.replies), ("session_closed", chat.closed)):
            chat.client.on(event, sink.append)
        await chat.client.connect(production_server.base, headers={"X-Real-IP": address},
                                  transports=["polling"])
        await chat.request_session(token)
        return chat

    async def run() -> None:
        opened = [await open_from("203.0.113.7") for _ in range(SESSION_LIMIT)]
        refused = await open_from("203.0.113.7")
        elsewhere = await open_from("203.0.113.8")
        returning = await open_from("203.0.113.7", opened[0].token)
        try:
            assert all(chat.token for chat in opened)
            assert refused.token is None and refused.refused == [{"reason": "too_many_sessions"}]
            assert elsewhere.token  # another address is not affected
            assert returning.token and returning.confirmed[-1]["resumed"] is True
        finally:
            for chat in [*opened, refused, elsewhere, returning]:
                await chat.close()

    asyncio.run(run())


MALFORMED = [None, 5, "texto", [], ["a"], {"message": None}, {"message": 5}, {"message": ["x"]},
             {"message": {"a": 1}}, {"token": []}, {"token": {"a": "b"}}]


@pytest.mark.parametrize("event", ["session_request", "user_uttered", "unknown_event"])
def test_malformed_events_are_ignored_and_the_chat_keeps_answering(local_server: Server, event: str) -> None:
    async def run() -> None:
        chat = await open_chat(local_server.base)
        try:
            for payload in MALFORMED:
                await chat.client.emit(event, payload)
            await chat.client.emit(event)
            assert texts(await chat.say("hola"))
        finally:
            await chat.close()

    asyncio.run(run())


def test_a_socket_packet_nested_absurdly_deep_does_not_break_the_server(local_server: Server) -> None:
    base = local_server.base + "/socket.io/?EIO=4&transport=polling"
    with urllib.request.urlopen(base, timeout=10) as response:
        handshake = json.loads(response.read()[1:])
    url = f"{base}&sid={handshake['sid']}"

    def send(packet: bytes) -> None:
        request = urllib.request.Request(url, data=packet, headers={"Content-Type": "text/plain"})
        try:
            urllib.request.urlopen(request, timeout=10).read()
        except urllib.error.HTTPError:
            pass

    send(b"40")
    send(b'42["user_uttered",' + b"[" * 3000 + b"]" * 3000 + b"]")
    send(b'42["session_request",{"token":' + b"[" * 3000 + b"]" * 3000 + b"}]")

    async def still_answers() -> None:
        chat = await open_chat(local_server.base)
        try:
            assert texts(await chat.say("hola"))
        finally:
            await chat.close()

    asyncio.run(still_answers())
