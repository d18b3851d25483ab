"""Thin wrapper kept for the actions that still import it; the readers are in ``bot.reading``.

New code reads the :class:`bot.reading.model.Reading` built once per message instead.
"""
from __future__ import annotations

from typing import Optional

from bot.reading.age import read_age
from bot.reading.signals import blames_self, considers_confronting, offers_images, read_signals
from bot.reading.text import normalize

__all__ = ["blames_self", "offers_images", "thinks_of_confronting", "find_minor",
           "says_dont_know", "normalize"]

thinks_of_confronting = considers_confronting


def find_minor(text: str, *, expecting_age: bool = False) -> tuple[Optional[int], Optional[bool]]:
    """``(age, is_minor)`` as far as the text says (None = not said)."""
    age = read_age(text, expecting_age=expecting_age)
    return age.age, (None if age.adult is None else not age.adult)


def says_dont_know(text: str) -> bool:
    """The text answers "I don't know" or "I'd rather not say"."""
    return bool(set(read_signals(text)) & {"dont_know", "decline"})
