"""The Spanish texts the Telegram connector sends by itself (``channel_texts.yml``)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.channels.texts import ChannelTextsError, load_texts

#: Keys the Telegram connector needs in ``bot/knowledge/channel_texts.yml``. The file may
#: hold more keys, used by the other connectors (``bot/channels/texts.py``).
CHANNEL_TEXT_KEYS: tuple[str, ...] = (
    "media_not_kept",
    "unsupported_update",
    "group_not_supported",
    "button_expired",
    "buttons_prompt",
    "error_fallback",
    "chat_erased",
)

#: Default location of the channel texts.
CHANNEL_TEXTS_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "channel_texts.yml"


@dataclass(frozen=True)
class ChannelTexts:
    """Spanish texts the connector sends by itself, loaded from ``channel_texts.yml``."""

    media_not_kept: str
    unsupported_update: str
    group_not_supported: str
    button_expired: str
    buttons_prompt: str
    error_fallback: str
    chat_erased: str


def load_channel_texts(path: Path = CHANNEL_TEXTS_PATH) -> ChannelTexts:
    """Read and check the connector's texts; a bad file names the file and the key.

    Raises:
        ChannelTextsError: the file is missing, is not YAML, a key of ``CHANNEL_TEXT_KEYS``
            is absent or longer than ``TELEGRAM_MAX_TEXT``, or any text is empty.
    """
    texts = load_texts(path)
    values = {}
    for key in CHANNEL_TEXT_KEYS:
        if key not in texts:
            raise ChannelTextsError(f"{path}: texts.{key}: missing or empty")
        values[key] = texts[key]
    return ChannelTexts(**values)
