"""Text helpers shared by the readers: folding, phrase patterns, the YAML of ``bot/knowledge``."""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Optional

from bot import yaml_checks
from bot.yaml_checks import DataError

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


class KnowledgeError(DataError):
    """A language-data file of ``bot/knowledge`` is malformed (names file, entry and field)."""


def fold(text: str) -> str:
    """Lowercase and strip accents (ñ becomes n), keeping punctuation."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(text: str) -> str:
    """Fold, replace punctuation by spaces and collapse spaces: "¿Qué hago?" -> "que hago"."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", fold(text))).strip()


@functools.lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """A YAML file of ``bot/knowledge`` (read once)."""
    return yaml_checks.load_yaml(KNOWLEDGE / name, error=KnowledgeError)


def phrase_pattern(phrases: Iterable[str]) -> Optional[re.Pattern[str]]:
    """One regex matching any of ``phrases`` as whole words of a normalized text."""
    alternatives = sorted({normalize(p) for p in phrases if normalize(p)}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alternatives) + r")\b")


def phrase_list(data: dict, key: str, where: str) -> list[str]:
    """``data[key]`` as a non-empty list of strings, or a :class:`KnowledgeError`."""
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: {key}: must be a non-empty list of phrases")
    return value
