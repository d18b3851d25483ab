"""Shared fixtures: the shipped directory (without any deployer file) and a writer for extras."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from bot.directory import Directory, load_directory


@pytest.fixture(scope="session")
def directory() -> Directory:
    """The directory exactly as shipped: no local.yml, no environment variable."""
    return load_directory(extra_path=None)


def good_entry(**changes: Any) -> dict:
    """A valid deployer entry; keyword arguments change or (with None) remove fields."""
    entry = {
        "id": "ong-acompanamiento",
        "country": "CL",
        "region": "CL-CO",
        "name": "Equipo de acompañamiento de Fundación Ejemplo",
        "kind": "human_contact",
        "audience": "everyone",
        "description": "Una persona de nuestro equipo te escucha.",
        "handles": {"incidents": "all", "ages": "all"},
        "whatsapp": "+56 9 1111 2222",
        "hours": "lunes a viernes de 10:00 a 18:00",
        "source_url": "dato propio de la organización",
        "checked": "2026-11-01",
        "confidence": "high",
        "verified": True,
    }
    for key, value in changes.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    return entry


@pytest.fixture
def write_extra(tmp_path: Path) -> Callable[..., Path]:
    """Write a deployer file with the given entries and return its path."""

    def write(*entries: dict, name: str = "local.yml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump({"services": list(entries)}, allow_unicode=True), encoding="utf-8")
        return path

    return write
