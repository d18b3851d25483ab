"""The Telegram block of ``credentials.yml``: token and secret checked, ``${VAR}`` expanded."""
from __future__ import annotations

import re
from typing import Any, Dict, Optional, Text

from rasa.shared.exceptions import RasaException

from bot.settings import environment_value

#: Shape of a bot token as @BotFather gives it (``123456789:AA...``).
TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")

#: What Telegram accepts as ``secret_token``: 1-256 of ``A-Z a-z 0-9 _ -``.
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

#: A credentials value that is still an environment reference (Rasa expands only unquoted
#: ``${VAR}``; a quoted one reaches us as text and is expanded here).
ENV_REFERENCE = re.compile(r"^\$\{(\w+)\}$")


class TelegramConfigError(RasaException):
    """The connector's credentials are missing or malformed (stops start-up)."""


def credential(credentials: Dict[Text, Any], key: str, *, default: Optional[str] = None
                ) -> Optional[str]:
    """A credentials value, expanding a ``${VAR}`` Rasa left alone (it was quoted)."""
    value = credentials.get(key)
    if value is None or value == "":
        return default
    value = str(value).strip()
    reference = ENV_REFERENCE.match(value)
    if reference:
        expanded = environment_value(reference.group(1))
        if not expanded:
            raise TelegramConfigError(
                f"telegram: {key} refers to ${{{reference.group(1)}}}, which is not set")
        return expanded
    return value
