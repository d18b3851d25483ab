"""Checks shared by the loaders of ``bot/knowledge/*.yml``: a field is there with its type, a
list item is text. Each loader passes its own error class, so the message names the file,
the entry and the field in one style."""
from __future__ import annotations

from pathlib import Path
from typing import Any


def require(mapping: Any, key: str, kind: type, where: str, path: Path, *,
            error: type[Exception]) -> Any:
    """``mapping[key]``, refused with ``error`` when missing or not of type ``kind``."""
    if not isinstance(mapping, dict) or key not in mapping:
        raise error(f"{path.name}: {where}: missing field {key!r}")
    value = mapping[key]
    if not isinstance(value, kind):
        raise error(f"{path.name}: {where}.{key}: expected {kind.__name__}, "
                    f"got {type(value).__name__}")
    return value


def check_text(item: Any, where: str, path: Path, *, error: type[Exception]) -> None:
    """Refuse non-text list items: YAML reads a bare no/yes/on/off as true or false."""
    if not isinstance(item, str):
        raise error(f"{path.name}: {where}: {item!r} is not text (write words "
                    f"such as \"no\" in quotes)")
