"""A handful of conversations over the real running bot (REST): the Rasa glue works.

The dialogue itself is tested in test_conversations.py (real NLU, respond(), fold); these
prove that RespondPolicy, action_respond and the domain's crisis responses hold together.
"""
from __future__ import annotations

import uuid

from bot.dialogue.split import MAX_MESSAGE_CHARS
from tests.conftest import say, texts


def new_sender() -> str:
    return f"dialogue-{uuid.uuid4().hex[:12]}"


def test_first_reply_says_what_the_bot_is_with_the_what_i_keep_button(bot_server):
    replies = say(bot_server, new_sender(), "hola")
    assert "asistente automático" in replies[0]["text"]
    assert any(b["title"] == "Qué guardo" for r in replies for b in r.get("buttons", []))


def test_crisis_lines_come_first_and_once(bot_server):
    replies = say(bot_server, new_sender(), "soy de chile y ya no quiero vivir")
    assert "*4141" in replies[0]["text"]
    assert sum("*4141" in r["text"] for r in replies) == 1


def test_next_turn_after_a_crisis_is_a_short_check_in(bot_server):
    sender = new_sender()
    say(bot_server, sender, "me quiero matar")
    replies = say(bot_server, sender, "gracias")
    assert len(texts(replies)) <= 500 and "¿cómo estás ahora?" in texts(replies)


def test_a_case_over_three_turns_with_a_button(bot_server):
    sender = new_sender()
    first = say(bot_server, sender, "mi ex subió fotos íntimas mías a un grupo de telegram")
    assert "¿en qué país estás?" in texts(first)
    second = say(bot_server, sender, '/inform{"country": "CL"}')
    assert "menos de 18" in texts(second) and "¿en qué país" not in texts(second)
    third = say(bot_server, sender, "no, tengo 24")
    assert "133" in texts(third) and "menos de 18" not in texts(third)
    for reply in first + second + third:
        assert len(reply["text"]) <= MAX_MESSAGE_CHARS


def test_erase_then_start_again(bot_server):
    sender = new_sender()
    say(bot_server, sender, "publicaron mi dirección en twitter")
    assert "borré" in texts(say(bot_server, sender, "borra mis datos por favor"))
    assert "asistente automático" in texts(say(bot_server, sender, "hola"))
