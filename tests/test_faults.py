"""When parts fail: the action server is down; the HTTP API is on and must ask for a token."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from typing import Iterator

import pytest

from tests.conftest import free_port, post_json, say, start_bot, stop, texts

TOKEN = "test-token-" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def bot_without_actions() -> Iterator[str]:
    """A Rasa server whose action server is not running, with the HTTP API on."""
    port = free_port()
    processes = start_bot(port=port, actions_port=free_port(), with_actions=False,
                          name="faults", env_extra={"ACOMPANA_ENABLE_API": "1",
                                                    "ACOMPANA_API_TOKEN": TOKEN})
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(processes)


def get_json(url: str) -> tuple[int, object]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None


def test_action_server_down_still_gives_a_safe_answer_with_emergency_numbers(bot_without_actions):
    sender = f"down-{uuid.uuid4().hex[:8]}"
    say(bot_without_actions, sender, "soy de chile")
    replies = texts(say(bot_without_actions, sender, "mi ex publicó mis fotos íntimas en instagram"))
    assert "problema técnico" in replies
    assert "133" in replies and "*4141" in replies


def test_crisis_answer_needs_no_action_server(bot_without_actions):
    replies = say(bot_without_actions, f"down-{uuid.uuid4().hex[:8]}", "me quiero morir")
    assert "024" in replies[0]["text"]


def test_http_api_without_token_is_refused(bot_without_actions):
    status, _ = post_json(bot_without_actions + "/model/parse", {"text": "hola"})
    assert status == 401


def test_http_api_with_token_works(bot_without_actions):
    status, parsed = post_json(f"{bot_without_actions}/model/parse?token={TOKEN}", {"text": "hola"})
    assert status == 200 and parsed["intent"]["name"] == "greet"


def test_stored_conversation_is_redacted_and_erased_on_request(bot_without_actions):
    sender = f"erase-{uuid.uuid4().hex[:8]}"
    say(bot_without_actions, sender, "me llaman al +54 9 11 5555 1234 y me escriben a lu.gomez@gmail.com")
    tracker_url = f"{bot_without_actions}/conversations/{sender}/tracker?token={TOKEN}"
    status, tracker = get_json(tracker_url)
    stored = json.dumps(tracker, ensure_ascii=False)
    assert status == 200
    assert "5555 1234" not in stored and "lu.gomez" not in stored
    say(bot_without_actions, sender, "borrar mis datos")
    status, tracker = get_json(tracker_url)
    user_texts = [e.get("text") for e in tracker["events"] if e["event"] == "user"]
    assert user_texts == []


# -- nothing a person wrote reaches a log line of either server ----------------------------

#: Words and data that must never be in a log: a made-up word (stands for any message text),
#: a phone number, an e-mail address, a street address.
SECRETS = ("Zorbaxquel", "8765 4321", "87654321", "ana.perez", "Libertador 1234")

HOSTILE_AND_PERSONAL = [
    "Zorbaxquel: mi ex tiene mis fotos, llámame al +56 9 8765 4321",
    "/Zorbaxquel me quiero morir +56987654321",           # not a known intent
    '/inform{"phone": "+56 9 8765 4321", "email": "ana.perez@correo.cl"}',
    "/inform{Zorbaxquel ana.perez@correo.cl",              # broken entity JSON
    '/greet{"x": "Zorbaxquel, vivo en Av. Libertador 1234"}',
    "vivo en Av. Libertador 1234 y mi correo es ana.perez@correo.cl, Zorbaxquel",
    "Zorbaxquel " * 2000 + " me quiero matar",            # long, crisis after the cut
    "{" * 500 + "Zorbaxquel" + "}" * 500,
    "\x00Zorbaxquel\u202e 8765 4321",
]


@pytest.fixture(scope="module")
def bot_for_logs() -> Iterator[str]:
    """A full bot (Rasa + actions) whose logs this module reads."""
    port = free_port()
    processes = start_bot(port=port, actions_port=free_port(), name="privacy-logs")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(processes)


def test_no_log_line_of_either_server_contains_what_people_wrote(bot_for_logs):
    from tests.conftest import LOGS

    for index, text in enumerate(HOSTILE_AND_PERSONAL):
        status, replies = post_json(f"{bot_for_logs}/webhooks/rest/webhook",
                                    {"sender": f"logs-{index}", "message": text})
        assert status < 500, (index, status)
    for name in ("privacy-logs-rasa.log", "privacy-logs-actions.log"):
        log = (LOGS / name).read_text(encoding="utf-8", errors="replace")
        for secret in SECRETS:
            assert secret not in log, f"{secret!r} in {name}"
