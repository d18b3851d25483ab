"""quick_scan: the cheap check of the part of an over-long message the full reading skips.
It must never lose a crisis after character 4,000; it may answer ``possible`` too often."""
from __future__ import annotations

import pytest

from bot.reading.risk import FULL_READING_CHARS, assess_risk, quick_scan

STORY = ("Hace un mes alguien creó una cuenta falsa con mis fotos y le escribe a mis "
         "contactos haciéndose pasar por mí. Lo reporté varias veces y la plataforma no "
         "responde. En el trabajo ya lo saben y me da mucha vergüenza ir. ")


def long_story(chars: int) -> str:
    return (STORY * (chars // len(STORY) + 1))[:chars]


@pytest.mark.parametrize("ending, kind", [
    ("Me tomé todas las pastillas.", "crisis"),
    ("Ya no quiero vivir.", "crisis"),
    ("Esta es mi última noche, cuiden a mi perro.", "crisis"),
    ("Ahora mismo está afuera de mi casa gritando.", "danger"),
    ("mi hijo dijo que prefería estar muerto", "crisis"),
])
def test_a_crisis_after_character_4000_is_not_lost(ending, kind):
    text = long_story(9000) + " " + ending
    tail = text[FULL_READING_CHARS:]
    assert assess_risk(text).level == "none"  # the full reading stops at 4,000
    risk = quick_scan(tail)
    assert risk.level != "none" and risk.kind == kind


def test_a_crisis_at_the_end_of_a_megabyte_is_not_lost():
    risk = quick_scan(long_story(1_000_000) + " me quiero matar, ya tengo las pastillas")
    assert risk.level != "none"


def test_a_long_story_without_risk_is_quiet():
    assert quick_scan(long_story(50_000)).level == "none"


def test_many_trigger_words_make_it_careful_not_blind():
    # More windows than it may read: it answers "possible" (a check-in), never "none".
    text = " ".join(f"me muero de vergüenza {i}, {STORY}" for i in range(400))
    risk = quick_scan(text + " me tomé todas las pastillas")
    assert risk.level != "none"


@pytest.mark.parametrize("text", ["", " ", "hola"])
def test_short_or_empty_text_has_no_risk(text):
    assert quick_scan(text).level == "none"


def test_quick_scan_agrees_with_the_full_reading_on_a_short_message():
    for text in ("me quiero morir", "está afuera de mi casa", "me muero de vergüenza"):
        assert quick_scan(text).level == assess_risk(text).level


def test_the_whole_message_is_read_first_part_fully_and_the_rest_quickly():
    from bot.reading.risk import assess_whole_message
    from bot.safety import classify_risk

    text = long_story(6000) + " ya no quiero vivir, me voy a tirar del puente"
    assert assess_whole_message(text).urgent
    assert classify_risk(text) == "crisis"
    assert assess_whole_message(long_story(6000)).level == "none"
