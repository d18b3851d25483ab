"""Spanish texts that connectors send by themselves (``bot/knowledge/channel_texts.yml``).

The one loader of that file: every text must be non-empty and fit in one Telegram message
(4096 UTF-16 code units). A bad file stops start-up naming the file and the key.
"""
from __future__ import annotations

import functools
from pathlib import Path

from bot.yaml_checks import DataError, load_yaml

TEXTS_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "channel_texts.yml"

#: Longest text, in UTF-16 code units, Telegram accepts in one message.
MAX_TEXT_UTF16 = 4096


class ChannelTextsError(DataError):
    """``channel_texts.yml`` is missing, unreadable or lacks a key (stops start-up)."""


def load_texts(path: Path = TEXTS_PATH) -> dict[str, str]:
    """Read and check every text of ``channel_texts.yml``; return them stripped, by key."""
    data = load_yaml(path, error=ChannelTextsError)
    if not isinstance(data, dict) or not isinstance(data.get("texts"), dict):
        raise ChannelTextsError(f"{path}: expected a mapping with a 'texts:' mapping inside")
    texts: dict[str, str] = {}
    for key, value in data["texts"].items():
        if not isinstance(value, str) or not value.strip():
            raise ChannelTextsError(f"{path}: texts.{key}: missing or empty")
        if len(value.strip().encode("utf-16-le")) // 2 > MAX_TEXT_UTF16:
            raise ChannelTextsError(f"{path}: texts.{key}: longer than {MAX_TEXT_UTF16}")
        texts[str(key)] = value.strip()
    return texts


@functools.lru_cache(maxsize=1)
def _texts() -> dict[str, str]:
    return load_texts()


def channel_text(key: str) -> str:
    """The text for ``key``; a missing key is a bug caught by tests/channels."""
    return _texts()[key]
