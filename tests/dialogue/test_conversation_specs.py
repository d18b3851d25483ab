"""Conversation sets load into specs; a photo turn is the channel's, not the dialogue's."""
from bot.dialogue.evaluate import load_specs


def test_a_photo_turn_is_left_to_the_channel():
    data = {"conversations": [{"id": "k1", "turns": [
        {"user": "me amenaza con pasar mis fotos", "expect": ["incident:report_ncii"]},
        {"user": "[foto]", "photo": True, "expect": ["no_images_kept"]},
        {"user": "qué hago", "expect": []},
    ]}]}
    (spec,) = load_specs(data)
    assert [text for text, _ in spec.turns] == ["me amenaza con pasar mis fotos", "qué hago"]
