"""Reading one YAML file of the directory, and the field checks its entries share."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Optional

from bot import yaml_checks
from bot.directory.model import Issue
from bot.yaml_checks import DataError


def load_yaml(path: Path, top_key: str, issues: list[Issue]) -> Any:
    """The mapping in ``path`` with ``top_key`` at its top, or None with the problem in ``issues``."""
    try:
        data = yaml_checks.load_yaml(path)
    except DataError as error:
        issues.append(Issue(str(path), "-", "-", error.problem))
        return None
    if not isinstance(data, dict) or top_key not in data:
        issues.append(Issue(str(path), "-", top_key, f"the file must have a top-level '{top_key}:'"))
        return None
    return data


def closed_list(value: Any, allowed: tuple[str, ...], field_name: str, problem) -> Optional[tuple[str, ...]]:
    """A non-empty list (or one name) whose items are all in ``allowed``."""
    items = string_list(value, field_name, problem)
    if not items:
        problem(field_name, "must not be empty")
        return None
    for item in items:
        if item not in allowed:
            problem(field_name, f"unknown value {item!r}; use {', '.join(allowed)}")
    return tuple(items)


def string_list(value: Any, field_name: str, problem) -> list[str]:
    """One name or a list of names, as a list."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problem(field_name, "must be a list of names")
        return []
    return list(value)


def parse_date(value: Any, field_name: str, problem) -> Optional[date]:
    """A ``YYYY-MM-DD`` date that is not in the future."""
    if value is None:
        return None
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(str(value))
        except ValueError:
            problem(field_name, "must be a date written YYYY-MM-DD")
            return None
    if parsed > date.today():
        problem(field_name, "is in the future")
        return None
    return parsed
