"""Attacks on the REST channel, which trusts the ``sender`` it is sent: they must all fail."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Optional

import pytest

from bot.channels.texts import channel_text
from tests.security.conftest import REST_TOKEN, Server

WEBHOOK = "/webhooks/rest/webhook"
#: The sender id of someone else's conversation (a web chat or a hashed Telegram id).
VICTIM = "0123456789abcdef0123456789abcdef"


def post(server: Server, body: bytes, *, authorization: Optional[str] = None,
         path: str = WEBHOOK) -> tuple[int, object]:
    headers = {"Content-Type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    request = urllib.request.Request(server.base + path, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        return status, raw.decode("utf-8", "replace")


def as_victim(text: str = "borrar mis datos") -> bytes:
    return json.dumps({"sender": VICTIM, "message": text}).encode()


def get(server: Server, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(server.base + path, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_rest_is_off_in_production_without_a_token(production_server_without_rest: Server) -> None:
    status, _ = post(production_server_without_rest, as_victim())
    assert status == 404
    assert VICTIM not in production_server_without_rest.senders()


@pytest.mark.parametrize("authorization", [
    None,
    "",
    "Bearer",
    "Bearer wrong-token-of-the-same-length",
    f"Bearer {REST_TOKEN}x",
    f"Bearer {REST_TOKEN[:-1]}",
    f"Basic {REST_TOKEN}",
    REST_TOKEN,
])
def test_rest_with_someone_elses_sender_and_no_valid_token_is_refused(
    production_server: Server, authorization: Optional[str]
) -> None:
    status, reply = post(production_server, as_victim(), authorization=authorization)
    assert status == 401, reply
    assert VICTIM not in production_server.senders()


def test_rest_with_the_token_answers(production_server: Server) -> None:
    status, reply = post(production_server, json.dumps({"sender": "ops-check", "message": "hola"}).encode(),
                         authorization=f"Bearer {REST_TOKEN}")
    assert status == 200 and reply and reply[0]["text"]


@pytest.mark.parametrize("body", [
    b"[" * 1000 + b"]" * 1000,
    b'{"a":' * 1000 + b"1" + b"}" * 1000,
    b"[" * 100_000,
    b'{"sender": "x", "message": "hola", "metadata": ' + b"[" * 5000 + b"]" * 5000 + b"}",
])
def test_json_nested_absurdly_deep_gets_400_not_500(local_server: Server, body: bytes) -> None:
    status, reply = post(local_server, body)
    assert status == 400, reply


def test_a_body_over_the_limit_gets_a_kind_413(local_server: Server) -> None:
    body = json.dumps({"sender": "x", "message": "a" * 300_000}).encode()
    status, reply = post(local_server, body)
    assert status == 413
    assert reply["error"] == channel_text("message_too_long")


def test_a_turn_without_replies_still_answers(local_server: Server) -> None:
    # Rasa says nothing to "/session_start"; the stub says nothing to "/stub_silent".
    status, reply = post(local_server, json.dumps({"sender": "silent", "message": "/stub_silent"}).encode())
    assert status == 200
    assert [r["text"] for r in reply] == [channel_text("no_reply")]


def test_root_does_not_reveal_the_rasa_version(local_server: Server) -> None:
    status, body = get(local_server, "/")
    assert status == 200 and b"rasa" not in body.lower() and b"3.6" not in body


@pytest.mark.parametrize("path", ["/", "/version"])
def test_production_reveals_no_version(production_server: Server, path: str) -> None:
    status, body = get(production_server, path)
    assert b"rasa" not in body.lower() and b"3.6" not in body
    assert status == (200 if path == "/" else 404)


@pytest.mark.parametrize("peer, status", [
    ("127.0.0.1", None), ("::1", None), ("203.0.113.5", 403), ("10.0.0.2", 403), ("", 403),
])
def test_without_a_token_rest_answers_only_this_machine(monkeypatch, peer, status):
    from types import SimpleNamespace

    from bot.channels.rest import SafeRestInput
    from bot.settings import load_settings

    monkeypatch.delenv("ACOMPANA_ENV", raising=False)
    monkeypatch.delenv("ACOMPANA_REST_TOKEN", raising=False)
    channel = SafeRestInput(settings=load_settings())
    refused = channel.refusal(SimpleNamespace(ip=peer, headers={}))
    assert (refused.status if refused else None) == status
