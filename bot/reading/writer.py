"""Who is writing: the person affected, a parent, a teacher, a friend or a witness.

Phrases are language data (``writer`` in ``bot/knowledge/vocabulary.yml``). A message that
says none of them is read as the person affected only when it speaks in the first person of
its own case; otherwise ``None`` (not said).
"""
from __future__ import annotations

import functools
from typing import Optional

from bot.reading.text import load_yaml, normalize, phrase_list, phrase_pattern


@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    vocab = load_yaml("vocabulary.yml")
    writer = vocab["writer"]
    return {
        "order": [(name, phrase_pattern(phrase_list(writer, name, "vocabulary.yml: writer")))
                  for name in ("teacher", "parent", "witness", "friend")],
        "about_other": phrase_pattern(phrase_list(vocab, "writer_about_other", "vocabulary.yml")),
        "self": phrase_pattern(phrase_list(vocab, "writer_self_markers", "vocabulary.yml")),
        "for_a_friend": phrase_pattern(phrase_list(vocab, "writer_for_a_friend", "vocabulary.yml")),
    }


def read_writer(text: str) -> Optional[str]:
    """``"self"``, ``"parent"``, ``"teacher"``, ``"friend"``, ``"witness"`` or None."""
    tables = _tables()
    norm = normalize(text)
    own_case = bool(tables["self"].search(norm))
    for_a_friend = bool(tables["for_a_friend"].search(norm))
    for name, pattern in tables["order"]:
        if name == "friend" and for_a_friend:
            return name
        if not pattern.search(norm):
            continue
        if name == "friend" and (own_case or not tables["about_other"].search(norm)):
            continue
        if name == "witness" and own_case:
            continue
        if name == "parent" and own_case and not tables["about_other"].search(norm):
            continue
        return name
    return "self" if own_case else None
