"""The one reader of ``bot/knowledge/**.yml`` and the checks its loaders share.

:func:`load_yaml` reads a file; a missing, unreadable, empty or not-valid-YAML file is a
:class:`DataError`. Every loader's own error class (``LawDataError``, ``SafetyDataError``,
``DialogueDataError``, ...) is a subclass of it, and every message has one shape,
``<file>: <where>: <problem>``, so that a volunteer who edited a file finds the mistake
without reading Python. :func:`require` and :func:`check_text` check a field and a list item.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

#: Files under the repository are named relative to it (``bot/knowledge/law/texts.yml``).
ROOT = Path(__file__).resolve().parent.parent


class DataError(ValueError):
    """A YAML data file is missing, unreadable, empty, not valid YAML or has a bad entry.

    The message is ``<file>: <where>: <problem>``. Errors raised by :func:`load_yaml` also
    carry ``file`` (the file as shown) and ``problem`` (the message after ``<file>: ``).
    """

    file: str = ""
    problem: str = ""


def shown_path(path: Path) -> str:
    """``path`` as a message shows it: relative to the repository when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _refuse(error: type[DataError], path: Path, problem: str) -> DataError:
    file = shown_path(path)
    refused = error(f"{file}: {problem}")
    refused.file, refused.problem = file, problem
    return refused


def load_yaml(path: Path, *, error: type[DataError] = DataError) -> Any:
    """The content of the YAML file at ``path``; never None.

    Args:
        path: the file.
        error: the :class:`DataError` subclass to raise (the loader's own).

    Raises:
        DataError: (or ``error``) the file is missing, unreadable, not UTF-8, not valid YAML
            (the message gives line and column) or empty (nothing but comments counts too).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as caught:
        raise _refuse(error, path, "file not found") from caught
    except UnicodeDecodeError as caught:
        raise _refuse(error, path, f"byte {caught.start}: not UTF-8 text "
                                   "(save the file as UTF-8)") from caught
    except OSError as caught:
        raise _refuse(error, path, f"cannot read the file ({caught.strerror})") from caught
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as caught:
        mark = caught.problem_mark or caught.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        detail = "; ".join(part for part in (caught.context, caught.problem) if part)
        raise _refuse(error, path, f"{where}: not valid YAML: {detail}") from caught
    except yaml.YAMLError as caught:
        raise _refuse(error, path, f"not valid YAML: {caught}") from caught
    if data is None:
        raise _refuse(error, path, "the file is empty")
    return data


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
