"""Pure rules of the Telegram connector: splitting, commands, updates, buttons, ids, texts."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from bot.channels.telegram_replies import (
    CALLBACK_KEY_PREFIX,
    TELEGRAM_MAX_CALLBACK_DATA,
    TELEGRAM_MAX_TEXT,
    CallbackPayloads,
    build_inline_keyboard,
    split_for_telegram,
    utf16_len,
)
from bot.channels.telegram_texts import CHANNEL_TEXTS_PATH, CHANNEL_TEXT_KEYS, load_channel_texts
from bot.channels.telegram_updates import MalformedUpdate, UpdateKind, classify_update, hash_sender_id, map_command
from bot.channels.texts import ChannelTextsError
from tests.channels.fake_telegram import load_fixture

# -- split_for_telegram ------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def test_short_text_is_one_part():
    assert split_for_telegram("  Hola.\n\nEstoy aquí.  ") == ["Hola.\n\nEstoy aquí."]


def test_blank_text_is_no_part():
    assert split_for_telegram(" \n ") == []


def test_4096_splitting_keeps_every_word_and_respects_the_limit():
    paragraph = ("Puedes guardar las pruebas en un lugar seguro antes de denunciar. " * 20).strip()
    text = "\n\n".join([paragraph] * 12)  # about 16 000 characters
    parts = split_for_telegram(text)
    assert len(parts) > 1
    assert all(utf16_len(part) <= TELEGRAM_MAX_TEXT for part in parts)
    assert _words(" ".join(parts)) == _words(text)


def test_split_prefers_paragraph_boundaries():
    paragraph = "a" * 60
    text = "\n\n".join([paragraph] * 5)
    assert split_for_telegram(text, limit=130) == [paragraph + "\n\n" + paragraph] * 2 + [paragraph]


@pytest.mark.parametrize("text, limit, expected", [
    ("uno dos\ntres cuatro", 12, ["uno dos", "tres cuatro"]),  # line before space
    ("uno dos tres cuatro", 9, ["uno dos", "tres", "cuatro"]),  # space
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # one long word: cut inside
])
def test_split_boundaries(text, limit, expected):
    assert split_for_telegram(text, limit=limit) == expected


def test_split_counts_emoji_as_two_units():
    text = "💜" * 3000  # 6000 UTF-16 code units
    parts = split_for_telegram(text)
    assert [utf16_len(part) for part in parts] == [4096, 1904]
    assert "".join(parts) == text


def test_split_refuses_a_zero_limit():
    with pytest.raises(ValueError):
        split_for_telegram("hola", limit=0)


# -- commands ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, to_rasa", [
    ("/start", "/greet"),
    ("/start campaña_radio", "/greet"),
    ("/START@AcompanaBot", "/greet"),
    ("/ayuda", "/greet"),
    ("/help", "/greet"),
    ("/borrar", "/delete_my_data"),
    ("/borrar@AcompanaBot", "/delete_my_data"),
    ('/inform{"country": "CL"}', 'inform{"country": "CL"}'),  # no intent injection
    ("//restart", "restart"),
    ("/", ""),
    ("  hola  ", "hola"),
])
def test_map_command(typed, to_rasa):
    assert map_command(typed) == to_rasa


# -- classify_update -------------------------------------------------------------------------


@pytest.mark.parametrize("fixture, kind, text", [
    ("text", UpdateKind.TEXT, "Hola, necesito ayuda porque mi ex publicó fotos mías"),
    ("start", UpdateKind.TEXT, "/greet"),
    ("borrar", UpdateKind.TEXT, "/delete_my_data"),
    ("edited_message", UpdateKind.TEXT,
     "Hola, necesito ayuda porque mi ex publicó fotos mías en un grupo"),
    ("photo", UpdateKind.MEDIA, "Esto es lo que publicó"),
    ("sticker", UpdateKind.MEDIA, None),
    ("voice", UpdateKind.MEDIA, None),
    ("document", UpdateKind.MEDIA, None),
    ("video", UpdateKind.MEDIA, None),
    ("video_note", UpdateKind.MEDIA, None),
    ("animation", UpdateKind.MEDIA, None),
    ("audio", UpdateKind.MEDIA, None),
    ("location", UpdateKind.UNSUPPORTED, None),
    ("group_message", UpdateKind.GROUP, None),
])
def test_classify_fixture(fixture, kind, text):
    incoming = classify_update(load_fixture(fixture))
    assert (incoming.kind, incoming.text) == (kind, text)


def test_classify_callback_query():
    incoming = classify_update(load_fixture("callback_query"))
    assert incoming.kind is UpdateKind.CALLBACK
    assert incoming.callback_query_id == "4382345678901234567"
    assert incoming.callback_data == '/inform_country{"country":"CL"}'
    assert (incoming.chat_id, incoming.user_id) == (111222333, 111222333)


@pytest.mark.parametrize("change", [
    lambda q: q.pop("data"),  # a game button
    lambda q: q.pop("message"),  # an inline-mode message
    lambda q: q["message"]["chat"].update(type="supergroup"),
])
def test_callback_queries_we_only_acknowledge(change):
    update = load_fixture("callback_query")
    change(update["callback_query"])
    assert classify_update(update).kind is UpdateKind.CALLBACK_IGNORED


def test_service_message_in_private_is_ignored():
    update = load_fixture("text")
    del update["message"]["text"]
    update["message"]["pinned_message"] = {"message_id": 5}
    assert classify_update(update).kind is UpdateKind.IGNORED


def test_update_types_we_did_not_ask_for_are_ignored():
    incoming = classify_update({"update_id": 1, "my_chat_member": {"chat": {"id": 1}}})
    assert (incoming.kind, incoming.update_type) == (UpdateKind.IGNORED, "my_chat_member")


@pytest.mark.parametrize("body", [None, [], 42, "texto", {}, {"update_id": "1"},
                                  {"update_id": True}, {"update_id": 1, "message": None},
                                  {"update_id": 1, "message": {"text": "hola"}},
                                  {"update_id": 1, "callback_query": {"data": "/x"}}])
def test_malformed_updates_raise(body):
    with pytest.raises(MalformedUpdate):
        classify_update(body)


def test_incoming_repr_hides_text_and_ids():
    incoming = classify_update(load_fixture("text"))
    assert "necesito" not in repr(incoming)
    assert "111222333" not in repr(incoming)


# -- buttons ----------------------------------------------------------------------------------


def test_short_payload_is_sent_as_it_is():
    assert CallbackPayloads().encode("/affirm") == "/affirm"


@pytest.mark.parametrize("payload", [
    "/inform" + '{"region": "San Luis Potosí", "platform": "telegram", "country": "MX"}',
    "ñ" * 33,  # 33 characters but 66 bytes
    "~looks_like_a_key",
])
def test_long_payload_gets_a_short_key_that_maps_back(payload):
    payloads = CallbackPayloads()
    data = payloads.encode(payload)
    assert data.startswith(CALLBACK_KEY_PREFIX)
    assert len(data.encode("utf-8")) <= TELEGRAM_MAX_CALLBACK_DATA
    assert payloads.decode(data) == payload


def test_payload_map_is_bounded_and_forgets_the_oldest():
    payloads = CallbackPayloads(max_entries=3)
    keys = [payloads.encode("/x" + "y" * 70 + str(n)) for n in range(5)]
    assert len(payloads) == 3
    assert payloads.decode(keys[0]) is None
    assert payloads.decode(keys[4]) is not None


def test_same_payload_same_key():
    payloads = CallbackPayloads()
    assert payloads.encode("/" + "x" * 80) == payloads.encode("/" + "x" * 80)
    assert len(payloads) == 1


def test_inline_keyboard_one_button_per_row_skips_unusable_buttons():
    keyboard = build_inline_keyboard([
        {"title": "Sí", "payload": "/affirm"},
        {"title": "", "payload": "/deny"},
        {"title": "Sin payload"},
        {"title": "Más información", "url": "https://example.org/info"},
        "not a button",
    ], CallbackPayloads())
    assert keyboard == {"inline_keyboard": [
        [{"text": "Sí", "callback_data": "/affirm"}],
        [{"text": "Más información", "url": "https://example.org/info"}],
    ]}


def test_no_usable_button_no_keyboard():
    assert build_inline_keyboard([{"title": "x"}], CallbackPayloads()) is None


# -- sender ids -------------------------------------------------------------------------------


def test_sender_id_is_salted_and_reveals_no_telegram_id():
    sender = hash_sender_id(111222333, "salt-a")
    assert re.fullmatch(r"tg-[0-9a-f]{32}", sender)
    assert "111222333" not in sender
    assert sender == hash_sender_id(111222333, "salt-a")
    assert sender != hash_sender_id(111222333, "salt-b")
    assert sender != hash_sender_id(111222334, "salt-a")


# -- channel texts ----------------------------------------------------------------------------


def test_channel_texts_load_and_stay_kind():
    load_channel_texts()
    texts = yaml.safe_load(CHANNEL_TEXTS_PATH.read_text(encoding="utf-8"))["texts"]
    for key, value in texts.items():
        value = value.lower()
        # Never ask for images, never promise a deletion the bot cannot do.
        for forbidden in ("envíame", "mándame", "borraremos", "eliminaremos", "de internet",
                          "tu culpa"):
            assert forbidden not in value, (key, forbidden)
        assert not re.search(r"\d{3,}", value), key  # no phone numbers here


def test_media_note_says_it_was_not_kept_and_images_are_not_needed():
    text = load_channel_texts().media_not_kept.lower()
    assert "no lo abrí ni lo guardé" in text
    assert "no hace falta que me los envíes" in text


def test_missing_text_key_names_file_and_key(tmp_path: Path):
    path = tmp_path / "channel_texts.yml"
    path.write_text("texts:\n  media_not_kept: hola\n", encoding="utf-8")
    with pytest.raises(ChannelTextsError, match=r"channel_texts.yml: texts.unsupported_update"):
        load_channel_texts(path)


def test_other_connectors_texts_are_allowed_but_not_empty(tmp_path: Path):
    data = {"texts": {key: "hola" for key in CHANNEL_TEXT_KEYS}}
    data["texts"]["empty_message"] = "Escríbeme cuando quieras."
    path = tmp_path / "channel_texts.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_channel_texts(path).media_not_kept == "hola"
    data["texts"]["empty_message"] = " "
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ChannelTextsError, match="texts.empty_message"):
        load_channel_texts(path)


def test_texts_the_other_connectors_use_exist():
    texts = yaml.safe_load(CHANNEL_TEXTS_PATH.read_text(encoding="utf-8"))["texts"]
    assert {"empty_message", "error_fallback"} <= set(texts)  # bot/channels/rest.py


def test_fixtures_are_not_modified_by_classification():
    update = load_fixture("photo")
    before = copy.deepcopy(update)
    classify_update(update)
    assert update == before
