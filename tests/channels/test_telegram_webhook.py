"""The Telegram webhook end to end: real update JSON in, fake Rasa and fake Bot API on 127.0.0.1.

Each test starts the connector's blueprint in a Sanic app, posts Telegram fixtures to it as
Telegram would, and checks what reached Rasa and what was sent to the (fake) Bot API.
"""
from __future__ import annotations

import asyncio
import json
import logging

import aiohttp
import pytest

from bot.channels.texts import channel_text

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_body import MAX_WEBHOOK_BODY
from bot.channels.telegram_credentials import TelegramConfigError
from bot.channels.telegram_output import TelegramOutput
from bot.channels.telegram_replies import TELEGRAM_MAX_CALLBACK_DATA, TELEGRAM_MAX_TEXT
from bot.channels.telegram_texts import load_channel_texts
from tests.channels.fake_telegram import (
    LONG_PAYLOAD,
    REPLY_TEXT,
    TEST_SECRET,
    TEST_TOKEN,
    FakeRasa,
    Webhook,
    FakeTelegram,
    load_fixture,
    run,
    running_webhook,
)

TEXTS = load_channel_texts()
USER_ID = 111222333  # the Telegram id in the fixtures

#: Every fixture of a real update, for the "never calls" checks.
UPDATE_FIXTURES = ["text", "start", "borrar", "edited_message", "callback_query", "photo",
                   "sticker", "voice", "document", "video", "video_note", "animation",
                   "audio", "location", "group_message"]

#: The only Bot API methods an update may cause.
REPLY_METHODS = {"sendMessage", "answerCallbackQuery", "deleteMessage"}


async def _scenario(updates, *, rasa=None, fake=None, **post_options):
    """Post ``updates`` in order; return (statuses, fake Rasa, fake Telegram)."""
    rasa = rasa or FakeRasa()
    fake = fake or FakeTelegram()
    await fake.start()
    try:
        async with running_webhook(rasa, fake=fake) as hook:
            statuses = [(await hook.post(update, **post_options)).status for update in updates]
    finally:
        await fake.stop()
    return statuses, rasa, fake


def test_text_reaches_rasa_with_hashed_sender_and_reply_has_inline_keyboard():
    statuses, rasa, fake = run(_scenario([load_fixture("text")]))
    assert statuses == [200]
    [message] = rasa.messages
    assert message.text == "Hola, necesito ayuda porque mi ex publicó fotos mías"
    assert message.input_channel == "telegram"
    assert message.sender_id.startswith("tg-") and str(USER_ID) not in message.sender_id
    assert message.metadata is None  # nothing from Telegram is stored in the tracker
    [sent] = fake.sent()
    assert sent["chat_id"] == USER_ID
    assert sent["text"] == REPLY_TEXT
    rows = sent["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in rows] == ["Chile", "Chile, Coquimbo, por Telegram"]
    assert rows[0][0]["callback_data"] == '/inform_country{"country":"CL"}'
    assert len(rows[1][0]["callback_data"].encode()) <= TELEGRAM_MAX_CALLBACK_DATA


@pytest.mark.parametrize("fixture, typed, to_rasa", [
    ("start", None, "/greet"),
    ("borrar", None, "/delete_my_data"),
    ("text", "/ayuda", "/greet"),
    ("text", "/start@AcompanaBot", "/greet"),
    ("text", '/report_csam{"country":"CL"}', 'report_csam{"country":"CL"}'),
])
def test_commands(fixture, typed, to_rasa):
    update = load_fixture(fixture)
    if typed is not None:
        update["message"]["text"] = typed
    _, rasa, _ = run(_scenario([update]))
    assert rasa.texts() == [to_rasa]


def test_edited_message_is_handled_like_a_new_message():
    _, rasa, fake = run(_scenario([load_fixture("edited_message")]))
    assert rasa.texts() == ["Hola, necesito ayuda porque mi ex publicó fotos mías en un grupo"]
    assert fake.sent()[0]["text"] == REPLY_TEXT


def test_callback_query_is_answered_then_its_payload_goes_to_rasa():
    _, rasa, fake = run(_scenario([load_fixture("text"), load_fixture("callback_query")]))
    assert fake.methods() == ["sendMessage", "answerCallbackQuery", "sendMessage"]
    assert fake.calls[1][1] == {"callback_query_id": "4382345678901234567"}
    assert rasa.texts()[1] == '/inform_country{"country":"CL"}'
    # A button press continues the same conversation as the person's text.
    assert rasa.messages[0].sender_id == rasa.messages[1].sender_id


def test_long_payload_button_round_trip():
    async def scenario():
        rasa, fake = FakeRasa(), FakeTelegram()
        await fake.start()
        async with running_webhook(rasa, fake=fake) as hook:
            await hook.post(load_fixture("text"))
            key = fake.sent()[0]["reply_markup"]["inline_keyboard"][1][0]["callback_data"]
            press = load_fixture("callback_query")
            press["callback_query"]["data"] = key
            await hook.post(press)
        await fake.stop()
        return rasa

    rasa = run(scenario())
    assert rasa.texts()[1] == LONG_PAYLOAD


def test_forgotten_button_is_answered_and_explained_not_sent_to_rasa():
    press = load_fixture("callback_query")
    press["callback_query"]["data"] = "~0123456789abcdef01234567"
    _, rasa, fake = run(_scenario([press]))
    assert fake.methods() == ["answerCallbackQuery", "sendMessage"]
    assert fake.sent()[0]["text"] == TEXTS.button_expired
    assert rasa.messages == []


def test_callback_from_a_group_is_only_acknowledged():
    press = load_fixture("callback_query")
    press["callback_query"]["message"]["chat"] = {"id": -100123, "type": "supergroup",
                                                 "title": "Curso"}
    _, rasa, fake = run(_scenario([press]))
    assert fake.methods() == ["answerCallbackQuery"]
    assert rasa.messages == []


@pytest.mark.parametrize("fixture", ["sticker", "voice", "document", "video", "video_note",
                                     "animation", "audio"])
def test_media_gets_kind_note_and_is_never_downloaded(fixture):
    _, rasa, fake = run(_scenario([load_fixture(fixture)]))
    assert fake.methods() == ["sendMessage"]
    assert fake.sent()[0] == {"chat_id": USER_ID, "text": TEXTS.media_not_kept}
    assert rasa.messages == []


def test_photo_gets_kind_note_and_its_caption_goes_to_rasa():
    _, rasa, fake = run(_scenario([load_fixture("photo")]))
    assert fake.sent()[0]["text"] == TEXTS.media_not_kept
    assert rasa.texts() == ["Esto es lo que publicó"]
    assert "getFile" not in fake.methods()


def test_photo_with_a_crisis_caption_gets_the_crisis_answer_before_the_media_note():
    photo = load_fixture("photo")
    photo["message"]["caption"] = "ya no quiero vivir"
    _, rasa, fake = run(_scenario([photo]))
    assert rasa.texts() == ["ya no quiero vivir"]
    assert fake.sent()[0]["text"] != TEXTS.media_not_kept
    assert fake.sent()[-1]["text"] == TEXTS.media_not_kept


def test_empty_text_gets_a_kind_note_and_does_not_reach_rasa():
    update = load_fixture("text")
    update["message"]["text"] = "   "
    _, rasa, fake = run(_scenario([update]))
    assert rasa.messages == []
    assert fake.sent()[0]["text"] in (channel_text("empty_message"), TEXTS.unsupported_update)


def test_location_gets_unsupported_note():
    _, rasa, fake = run(_scenario([load_fixture("location")]))
    assert fake.sent() == [{"chat_id": USER_ID, "text": TEXTS.unsupported_update}]
    assert rasa.messages == []


def test_group_content_never_reaches_rasa_and_the_group_is_told_once():
    first = load_fixture("group_message")
    second = load_fixture("group_message")
    second["update_id"] += 1
    second["message"]["text"] = "mi ex subió fotos mías"
    _, rasa, fake = run(_scenario([first, second]))
    assert rasa.messages == []
    assert fake.sent() == [{"chat_id": -1001234567890, "text": TEXTS.group_not_supported}]


def test_no_getfile_getme_or_setwebhook_during_updates():
    _, _, fake = run(_scenario([load_fixture(name) for name in UPDATE_FIXTURES]))
    assert set(fake.methods()) <= REPLY_METHODS
    assert {"getFile", "getMe", "setWebhook"}.isdisjoint(fake.methods())


def test_building_the_channel_calls_nothing():
    fake = FakeTelegram()

    async def scenario():
        await fake.start()
        TelegramChannel.from_credentials({"access_token": TEST_TOKEN,
                                          "secret_token": TEST_SECRET, "api_url": fake.url})
        await fake.stop()

    run(scenario())
    assert fake.calls == []


@pytest.mark.parametrize("secret", [None, "", "wrong", TEST_SECRET[:-1], TEST_SECRET + "x",
                                    TEST_SECRET.upper()])
def test_wrong_or_missing_secret_is_refused_and_nothing_reaches_rasa(secret):
    statuses, rasa, fake = run(_scenario([load_fixture("text")], secret=secret))
    assert statuses == [403]
    assert rasa.messages == []
    assert fake.calls == []


def test_malformed_bodies_get_200_and_never_reach_rasa():
    bodies = load_fixture("malformed_bodies")["bodies"] + [
        b"\xff\xfe not utf-8",
        b"[" * 200_000 + b"]" * 200_000,  # nesting deep enough to exhaust the parser
    ]
    statuses, rasa, _ = run(_scenario(bodies, raw=True))
    assert statuses == [200] * len(bodies)
    assert rasa.messages == []


@pytest.mark.parametrize("size", [MAX_WEBHOOK_BODY + 1, 3 * MAX_WEBHOOK_BODY])
def test_huge_body_is_refused_with_413(size):
    body = b'{"update_id": 1, "x": "' + b"a" * size + b'"}'
    statuses, rasa, _ = run(_scenario([body], raw=True))
    assert statuses == [413]
    assert rasa.messages == []


def test_huge_chunked_body_is_refused_with_413():
    async def chunks():
        for _ in range(20):
            yield b"a" * 100_000

    async def scenario():
        rasa, fake = FakeRasa(), FakeTelegram()
        await fake.start()
        async with running_webhook(rasa, fake=fake) as hook:
            async with hook.session.post(
                hook.url, data=chunks(),
                headers={"X-Telegram-Bot-Api-Secret-Token": TEST_SECRET}) as answer:
                status = answer.status
        await fake.stop()
        return status, rasa

    status, rasa = run(scenario())
    assert status == 413
    assert rasa.messages == []


def test_rasa_failure_still_gets_a_kind_reply():
    _, rasa, fake = run(_scenario([load_fixture("text")], rasa=FakeRasa(fail=True)))
    assert len(rasa.messages) == 1
    assert fake.sent() == [{"chat_id": USER_ID, "text": TEXTS.error_fallback}]


def test_long_reply_is_split_at_4096_with_the_keyboard_on_the_last_part():
    paragraph = ("Puedes pedir apoyo cuando lo necesites, a tu ritmo. " * 30).strip()
    long_text = "\n\n".join([paragraph] * 8)  # 8 x 1 559 characters
    rasa = FakeRasa(reply={"text": long_text, "buttons": [{"title": "Sí",
                                                             "payload": "/affirm"}]})
    _, _, fake = run(_scenario([load_fixture("text")], rasa=rasa))
    parts = fake.sent()
    assert all(len(part["text"]) <= TELEGRAM_MAX_TEXT for part in parts)
    # Two whole paragraphs fit in 4096; the cut falls between paragraphs, never inside one.
    assert [part["text"] for part in parts] == ["\n\n".join([paragraph] * 2)] * 4
    assert ["reply_markup" in part for part in parts] == [False, False, False, True]


def test_redelivered_update_is_processed_once():
    update = load_fixture("text")
    statuses, rasa, fake = run(_scenario([update, update]))
    assert statuses == [200, 200]
    assert len(rasa.messages) == 1
    assert len(fake.sent()) == 1


def test_telegram_unreachable_still_answers_200():
    async def scenario():
        rasa = FakeRasa()
        # Port 9 (discard) on 127.0.0.1: nothing listens, the connection is refused at once.
        async with running_webhook(rasa, api_url="http://127.0.0.1:9") as hook:
            status = (await hook.post(load_fixture("text"))).status
        return status, rasa

    status, rasa = run(scenario())
    assert status == 200
    assert len(rasa.messages) == 1


def test_rate_limit_is_waited_for_once():
    fake = FakeTelegram()
    fake.script["sendMessage"] = [(429, {"ok": False, "error_code": 429,
                                         "description": "Too Many Requests: retry after 0",
                                         "parameters": {"retry_after": 0}})]
    _, _, fake = run(_scenario([load_fixture("text")], fake=fake))
    assert fake.methods() == ["sendMessage", "sendMessage"]


def test_reply_addressed_to_another_conversation_is_dropped():
    class WrongRecipient(FakeRasa):
        async def __call__(self, message):
            self.messages.append(message)
            await message.output_channel.send_response("tg-someone-else", {"text": "hola"})

    _, _, fake = run(_scenario([load_fixture("text")], rasa=WrongRecipient()))
    assert fake.sent() == []


@pytest.mark.parametrize("reply, expected", [
    ({"custom": {"text": "Hola", "chat_id": 999}}, [{"chat_id": USER_ID, "text": "Hola"}]),
    ({"custom": {"photo": "https://example.org/x.jpg"}}, []),
    ({"image": "https://example.org/x.jpg"},
     [{"chat_id": USER_ID, "text": "https://example.org/x.jpg"}]),
    ({"attachment": {"type": "file"}}, []),
    ({"text": "", "buttons": [{"title": "Sí", "payload": "/affirm"}]},
     [{"chat_id": USER_ID, "text": TEXTS.buttons_prompt,
       "reply_markup": {"inline_keyboard": [[{"text": "Sí", "callback_data": "/affirm"}]]}}]),
])
def test_other_rasa_reply_shapes_are_sent_safely(reply, expected):
    _, _, fake = run(_scenario([load_fixture("text")], rasa=FakeRasa(reply=reply)))
    assert fake.sent() == expected


def test_logs_never_contain_text_names_or_ids(caplog):
    caplog.set_level(logging.DEBUG)
    updates = [load_fixture(name) for name in UPDATE_FIXTURES]
    run(_scenario(updates, rasa=FakeRasa(fail=True)))
    logged = caplog.text
    assert "telegram update=message kind=text sender=tg-" in logged
    for private in ("necesito ayuda", "publicó", "Ana", "Prueba", "ana_prueba", str(USER_ID),
                    "1001234567890", "Curso 3B", "capturas.pdf", TEST_TOKEN, "-29.9045"):
        assert private not in logged, private


def test_health_route():
    async def scenario():
        async with running_webhook(FakeRasa()) as hook:
            async with hook.session.get(hook.base + "/webhooks/telegram/") as answer:
                return answer.status, await answer.json()

    assert run(scenario()) == (200, {"status": "ok"})


# -- credentials -------------------------------------------------------------------------


def test_quoted_env_references_are_expanded(monkeypatch):
    monkeypatch.setenv("TELEGRAM_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("TELEGRAM_SECRET", TEST_SECRET)
    channel = TelegramChannel.from_credentials({"access_token": "${TELEGRAM_TOKEN}",
                                                "secret_token": "${TELEGRAM_SECRET}"})
    assert channel.name() == "telegram"
    assert channel.get_output_channel() is None  # no chat id without an update


@pytest.mark.parametrize("credentials", [
    {"access_token": TEST_TOKEN},  # no secret: refuse to start rather than accept anyone
    {"access_token": TEST_TOKEN, "secret_token": "has spaces"},
    {"access_token": "not-a-token", "secret_token": TEST_SECRET},
    {"access_token": "${ACOMPANA_TEST_UNSET_VAR}", "secret_token": TEST_SECRET},
    {"access_token": TEST_TOKEN, "secret_token": TEST_SECRET, "api_url": "ftp://x"},
])
def test_bad_credentials_stop_start_up(credentials, monkeypatch):
    monkeypatch.delenv("ACOMPANA_TEST_UNSET_VAR", raising=False)
    with pytest.raises(TelegramConfigError):
        TelegramChannel.from_credentials(credentials)


def test_output_channel_repr_hides_the_chat_id():
    output = TelegramOutput(object(), chat_id=USER_ID, sender_id="tg-x", texts=TEXTS,
                            payloads=None)
    assert str(USER_ID) not in repr(output)
    assert json.dumps(output.name()) == '"telegram"'


def test_connector_failure_answers_200_and_still_gets_a_kind_reply(monkeypatch):
    def broken(self, data):
        raise KeyError("bug")

    monkeypatch.setattr("bot.channels.telegram_replies.CallbackPayloads.decode", broken)
    statuses, rasa, fake = run(_scenario([load_fixture("callback_query")]))
    assert statuses == [200]
    assert rasa.messages == []
    assert fake.sent() == [{"chat_id": USER_ID, "text": TEXTS.error_fallback}]


class SlowFirstRasa(FakeRasa):
    """Rasa that takes too long with the first message (Telegram gives up and re-sends)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    async def __call__(self, message):
        self.calls += 1
        if self.calls == 1:
            await asyncio.sleep(30)
        await super().__call__(message)


def test_update_cancelled_on_timeout_is_answered_once_when_redelivered():
    async def scenario():
        rasa, fake = SlowFirstRasa(), FakeTelegram()
        await fake.start()
        async with running_webhook(rasa, fake=fake) as hook:
            update = load_fixture("text")
            with pytest.raises(asyncio.TimeoutError):
                async with aiohttp.ClientSession(
                        timeout=aiohttp.ClientTimeout(total=0.5)) as impatient:
                    await Webhook(hook.base, impatient, hook.channel).post(update)
            await asyncio.sleep(0.2)  # Sanic notices the closed connection and cancels
            statuses = [(await hook.post(update)).status, (await hook.post(update)).status]
        await fake.stop()
        return statuses, rasa, fake

    statuses, rasa, fake = run(scenario())
    assert statuses == [200, 200]
    assert rasa.calls == 2  # the cancelled delivery, then the re-delivery; not the third
    assert [sent["text"] for sent in fake.sent()] == [REPLY_TEXT]


def test_redelivery_during_handling_waits_and_is_not_answered_twice():
    async def scenario():
        release = asyncio.Event()

        class WaitingRasa(FakeRasa):
            async def __call__(self, message):
                await release.wait()
                await super().__call__(message)

        rasa, fake = WaitingRasa(), FakeTelegram()
        await fake.start()
        async with running_webhook(rasa, fake=fake) as hook:
            update = load_fixture("text")
            first = asyncio.create_task(hook.post(update))
            second = asyncio.create_task(hook.post(update))
            await asyncio.sleep(0.3)
            release.set()
            statuses = [(await first).status, (await second).status]
        await fake.stop()
        return statuses, rasa, fake

    statuses, rasa, fake = run(scenario())
    assert statuses == [200, 200]
    assert len(rasa.messages) == 1 and len(fake.sent()) == 1


def test_burst_in_one_chat_is_answered_or_kindly_refused_none_silent():
    async def scenario():
        release = asyncio.Event()

        class WaitingRasa(FakeRasa):
            async def __call__(self, message):
                await release.wait()
                await super().__call__(message)

        rasa, fake = WaitingRasa(), FakeTelegram()
        await fake.start()
        async with running_webhook(rasa, fake=fake) as hook:
            updates = []
            for i in range(70):
                update = load_fixture("text")
                update["update_id"] += i
                update["message"]["message_id"] += i
                update["message"]["text"] = f"mensaje {i}"
                updates.append(update)
            tasks = [asyncio.create_task(hook.post(u)) for u in updates]
            for _ in range(100):
                if len(rasa.messages) + len(fake.sent()) >= 70:
                    break
                await asyncio.sleep(0.05)
            release.set()
            statuses = [(await t).status for t in tasks]
        await fake.stop()
        return statuses, rasa, fake

    statuses, rasa, fake = run(scenario())
    assert statuses == [200] * 70
    replies = [sent["text"] for sent in fake.sent()]
    assert len(rasa.messages) == replies.count(REPLY_TEXT)
    assert len(rasa.messages) + replies.count(channel_text("busy")) == 70
    assert replies.count(channel_text("busy")) > 0


def test_borrar_deletes_the_recent_messages_of_both_sides_then_explains_the_rest():
    text, borrar = load_fixture("text"), load_fixture("borrar")
    _, rasa, fake = run(_scenario([text, borrar]))
    assert rasa.texts()[-1] == "/delete_my_data"
    deleted = [payload["message_id"] for method, payload in fake.calls
               if method == "deleteMessage"]
    bot_replies = [i + 1 for i, (method, _) in enumerate(fake.calls[:-1])
                   if method == "sendMessage"]  # the fake's message_id is the call number
    person = [text["message"]["message_id"], borrar["message"]["message_id"]]
    assert sorted(deleted) == sorted(set(person + bot_replies))
    assert fake.methods()[-1] == "sendMessage"
    assert fake.sent()[-1]["text"] == TEXTS.chat_erased
    assert all(payload["chat_id"] == USER_ID for method, payload in fake.calls
               if method == "deleteMessage")


def test_only_borrar_deletes_messages():
    _, _, fake = run(_scenario([load_fixture("text"), load_fixture("start")]))
    assert "deleteMessage" not in fake.methods()
