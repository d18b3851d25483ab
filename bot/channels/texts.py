"""Spanish texts that connectors send by themselves (``bot/knowledge/channel_texts.yml``)."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

TEXTS_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "channel_texts.yml"


@functools.lru_cache(maxsize=1)
def _texts() -> dict[str, str]:
    data = yaml.safe_load(TEXTS_PATH.read_text(encoding="utf-8"))
    return {key: value.strip() for key, value in data["texts"].items()}


def channel_text(key: str) -> str:
    """The text for ``key``; a missing key is a bug caught by tests/channels."""
    return _texts()[key]
