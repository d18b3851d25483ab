"""The REST channel never answers with silence or a 500 (bot.channels.common.deliver)."""
from __future__ import annotations

import json
import urllib.request

import pytest

from bot.channels.texts import channel_text
from tests.web.stub_server import FAIL_PAYLOAD, SILENT_PAYLOAD


def post_rest(base: str, message: str) -> tuple[int, list[dict]]:
    body = json.dumps({"sender": "rest-test", "message": message}).encode()
    request = urllib.request.Request(base + "/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


@pytest.mark.parametrize("message, expected_key", [
    ("   ", "empty_message"),
    (FAIL_PAYLOAD, "error_fallback"),
    (SILENT_PAYLOAD, "no_reply"),
])
def test_rest_gets_one_kind_reply_when_the_bot_cannot_answer(
    stub_bot_server: str, message: str, expected_key: str
) -> None:
    status, replies = post_rest(stub_bot_server, message)
    assert status == 200
    assert replies == [{"recipient_id": "rest-test", "text": channel_text(expected_key)}]


def test_rest_passes_an_answer_through(stub_bot_server: str) -> None:
    status, replies = post_rest(stub_bot_server, "hola")
    assert status == 200
    assert len(replies) == 1 and replies[0]["text"].startswith("Respuesta de prueba")
