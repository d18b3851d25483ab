"""Loaders for the YAML test sets of tests/safety (shared by several test modules)."""
from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CRISIS_AND_DANGER = HERE / "crisis_and_danger.yml"
FIGURATIVE = HERE / "figurative.yml"


def load_list(path: Path, key: str) -> list[str]:
    """The list ``key`` of a test-set file, refusing empty or non-text entries."""
    with path.open(encoding="utf-8") as handle:
        items = yaml.safe_load(handle)[key]
    bad = [item for item in items if not isinstance(item, str) or not item.strip()]
    assert not bad, f"{path.name}:{key}: entries that are not text: {bad}"
    return items


def crisis_phrases() -> list[str]:
    return load_list(CRISIS_AND_DANGER, "crisis")


def danger_phrases() -> list[str]:
    return load_list(CRISIS_AND_DANGER, "danger")


def figurative_phrases() -> list[str]:
    return load_list(FIGURATIVE, "figurative")
