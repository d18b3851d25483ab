"""The running bot, over REST, as a person (or a broken client) talks to it."""
from __future__ import annotations

import uuid

import pytest

from tests.conftest import LOGS, post_json, say, texts

WEBHOOK = "/webhooks/rest/webhook"


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def follow_the_plan(base_url: str, sender: str, *payloads: str) -> str:
    """Press the plan's buttons in turn; every reply text of those turns, joined."""
    return "\n".join(texts(say(base_url, sender, payload)) for payload in payloads)


@pytest.mark.parametrize("place, incident_text, expected", [
    ("soy de La Serena, Chile", "mi ex subió fotos íntimas mías a un grupo de telegram", ["134", "StopNCII"]),
    ("vivo en San Luis Potosí", "me están exhibiendo, subieron mi pack a facebook", ["911", "444 255 0103"]),
    ("soy de Mendoza", "un flaco viralizó un video íntimo mío por whatsapp", ["144", "Mendoza"]),
    ("vivo en Madrid", "han colgado fotos mías desnuda en instagram sin permiso", ["016", "AEPD"]),
])
def test_each_country_gets_its_own_services(bot_server, place, incident_text, expected):
    """The plan comes a few steps at a time; the country's services are in it and the law
    answer says it is general information."""
    sender = new_sender()
    conversation = [texts(say(bot_server, sender, incident_text)),
                    texts(say(bot_server, sender, place)),
                    texts(say(bot_server, sender, "no, tengo 30 años")),
                    follow_the_plan(bot_server, sender, "/next_step", "/next_step",
                                    "/ask_report_police", "/ask_support", "/ask_legal_info")]
    replies = "\n".join(conversation)
    for fragment in expected:
        assert fragment in replies
    assert "no asesoría legal" in replies


def test_first_reply_is_an_automated_assistant_that_keeps_little(bot_server):
    first = say(bot_server, new_sender(), "hola")[0]["text"]
    assert "asistente automático" in first and "24 horas" in first and "borrar" in first


def test_crisis_as_first_message_gets_the_crisis_line_first(bot_server):
    replies = say(bot_server, new_sender(), "soy de chile y ya no quiero vivir")
    assert "*4141" in replies[0]["text"]


def test_crisis_in_the_middle_of_a_case_interrupts_it(bot_server):
    sender = new_sender()
    say(bot_server, sender, "me amenaza con publicar mis videos si no le pago")
    replies = say(bot_server, sender, "no aguanto más, me quiero matar")
    first = replies[0]["text"]
    assert "024" in first and "*4141" in first  # no country yet: every country's lines


def test_danger_now_gets_emergency_numbers_first(bot_server):
    sender = new_sender()
    say(bot_server, sender, "soy de argentina")
    assert "911" in say(bot_server, sender, "está afuera de mi casa gritando que me va a matar")[0]["text"]


def test_minor_goes_to_child_protection_and_never_to_stopncii(bot_server):
    sender = new_sender()
    replies = "\n".join([texts(say(bot_server, sender, "tengo 15 y un compañero pasó fotos mías sin ropa por whatsapp")),
                         texts(say(bot_server, sender, "México")),
                         follow_the_plan(bot_server, sender, "/next_step", "/next_step", "/ask_support")])
    assert "Take It Down" in replies and "StopNCII" not in replies


def test_unclear_message_gets_a_question_with_buttons(bot_server):
    sender = new_sender()
    say(bot_server, sender, "hola")
    replies = say(bot_server, sender, "?")
    assert any(r.get("buttons") for r in replies)


def test_erase_my_data_confirms(bot_server):
    sender = new_sender()
    say(bot_server, sender, "publicaron mi dirección en twitter")
    assert "borré" in texts(say(bot_server, sender, "borra mis datos por favor"))


@pytest.mark.parametrize("body, statuses", [
    (b"", {400}),
    (b"null", {400}),
    (b"[]", {400}),
    (b"{not json", {400}),
    (b"\xff\xfe\x00binary", {400}),
    (b'{"sender": 5, "message": "hola"}', {400}),
    (b'{"sender": "x", "message": null}', {400}),
    (b'{"sender": "x", "message": ""}', {200}),
])
def test_malformed_requests_get_a_clean_4xx_or_a_kind_reply(bot_server, body, statuses):
    status, reply = post_json(bot_server + WEBHOOK, body)
    assert status in statuses, reply
    if status == 200:
        assert reply and reply[0]["text"]


def test_huge_message_gets_a_reply_and_a_crisis_at_its_end_is_not_lost(bot_server):
    text = "me pasó algo muy feo con unas fotos. " * 600 + " ya no quiero vivir"
    assert len(text) > 20_000
    replies = say(bot_server, new_sender(), text)
    assert "024" in replies[0]["text"]


def test_no_message_text_or_phone_number_in_the_server_logs(bot_server):
    marker = f"zumbido{uuid.uuid4().hex[:8]}"
    say(bot_server, new_sender(), f"{marker} mi número es +56 9 8765 4321 y me acosan")
    logs = "".join(p.read_text(errors="replace") for p in LOGS.glob("bot-*.log"))
    assert marker not in logs and "8765 4321" not in logs


def test_http_api_is_off_by_default(bot_server):
    status, _ = post_json(bot_server + "/model/parse", {"text": "hola"})
    assert status in (404, 405)


def test_session_start_over_rest_gets_an_answer_not_silence(bot_server):
    replies = say(bot_server, new_sender(), "/session_start")
    assert replies and replies[0]["text"]


def test_root_route_does_not_name_rasa_or_its_version(bot_server):
    import urllib.request

    with urllib.request.urlopen(bot_server + "/", timeout=10) as response:
        body = response.read().lower()
    assert b"rasa" not in body and b"3.6" not in body


def test_quick_exit_erases_the_web_chat_conversation_on_the_server(bot_server):
    """After the erase route, the same token opens a conversation that remembers nothing."""
    import asyncio
    import urllib.request

    from tests.web.socket_client import open_chat

    async def chat(token=None, *messages: str) -> tuple[str, str]:
        socket = await open_chat(bot_server, token)
        try:
            replies = []
            for message in messages:
                replies = await socket.say(message)
            return socket.token, "\n".join(r.get("text", "") for r in replies)
        finally:
            await socket.close()

    token, _ = asyncio.run(chat(None, "mi ex subió fotos íntimas mías a un grupo", "soy de Chile"))
    request = urllib.request.Request(bot_server + "/chat/erase", data=token.encode(),
                                     headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 204
    _, reply = asyncio.run(chat(token, "necesito apoyo psicológico"))
    assert "¿en qué país estás?" in reply  # the country given before is gone
