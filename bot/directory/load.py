"""Load and validate the directory YAML; a bad file stops start-up with file, entry and field.

The files are read by one module each: ``parse_services`` (services/*.yml, local.yml),
``parse_steps`` (steps.yml), ``parse_texts`` (texts.yml, takedown.yml); ``fields`` and
``hours`` hold the field checks they share.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Optional

from bot.directory.model import (
    DEFAULT_EXTRA_NAME,
    DIRECTORY_DIR,
    EXTRA_ENV_VAR,
    Directory,
    DirectoryError,
    Issue,
    Service,
    Step,
)
from bot.directory.parse_services import read_services
from bot.directory.parse_steps import read_steps
from bot.directory.parse_texts import read_takedown, read_texts
from bot.settings import directory_extra_file

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    """What ``check_directory`` found: the entries it could read and every problem."""

    services: tuple[Service, ...]
    steps: tuple[Step, ...]
    issues: tuple[Issue, ...]
    files: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.issues


def resolve_extra_path(base_dir: Path = DIRECTORY_DIR) -> Optional[Path]:
    """The deployer's extra file: ``$ACOMPANA_DIRECTORY_EXTRA``, else ``local.yml`` if present."""
    configured = directory_extra_file()
    if configured:
        return Path(configured)
    default = base_dir / DEFAULT_EXTRA_NAME
    return default if default.is_file() else None


def load_directory(*, base_dir: Path = DIRECTORY_DIR, extra_path: Optional[Path] = None) -> Directory:
    """Read and validate the directory (plus an optional deployer file).

    Raises:
        DirectoryError: naming the file, entry id and field of every problem.
    """
    result, directory = _read(base_dir, extra_path)
    if result.issues:
        raise DirectoryError(list(result.issues))
    assert directory is not None
    logger.info("directory loaded: %d services, %d steps, %d files",
                len(directory.services), len(directory.steps), len(directory.files))
    return directory


def check_directory(*, base_dir: Path = DIRECTORY_DIR, extra_path: Optional[Path] = None) -> CheckResult:
    """Validate everything and return what was read and every problem, without raising."""
    result, _ = _read(base_dir, extra_path)
    return result


@functools.lru_cache(maxsize=1)
def get_directory() -> Directory:
    """The directory of this deployment, loaded once (call it at start-up to fail early)."""
    return load_directory(extra_path=resolve_extra_path())


# ----------------------------------------------------------------------------- reading


def _read(base_dir: Path, extra_path: Optional[Path]) -> tuple[CheckResult, Optional[Directory]]:
    issues: list[Issue] = []
    regions = None
    files: list[str] = []

    services: list[Service] = []
    seen: dict[str, str] = {}
    for path in sorted((base_dir / "services").glob("*.yml")):
        files.append(str(path))
        for service in read_services(path, regions, issues):
            if service.id in seen:
                issues.append(Issue(str(path), service.id, "id", f"duplicate id (also in {seen[service.id]})"))
                continue
            seen[service.id] = str(path)
            services.append(service)

    if extra_path is not None:
        files.append(str(extra_path))
        if not extra_path.is_file():
            issues.append(Issue(str(extra_path), "-", "-", f"file not found (set by {EXTRA_ENV_VAR} or {DEFAULT_EXTRA_NAME})"))
        else:
            services = _merge_extra(services, read_services(extra_path, regions, issues, extra=True))

    steps_path = base_dir / "steps.yml"
    files.append(str(steps_path))
    steps = read_steps(steps_path, {s.id for s in services}, issues)

    texts_path = base_dir / "texts.yml"
    files.append(str(texts_path))
    texts = read_texts(texts_path, issues)

    takedown_path = base_dir / "takedown.yml"
    files.append(str(takedown_path))
    takedown = read_takedown(takedown_path, issues)

    result = CheckResult(tuple(services), tuple(steps), tuple(issues), tuple(files))
    if issues:
        return result, None
    directory = Directory(
        services=tuple(services),
        steps=tuple(steps),
        texts=_freeze(texts),
        takedown=_freeze(takedown),
        files=tuple(files),
    )
    return result, directory


def _merge_extra(services: list[Service], extra: list[Service]) -> list[Service]:
    """Entries of the extra file replace entries with the same id, or are added."""
    by_id = {service.id: service for service in extra}
    merged = [by_id.pop(service.id, service) for service in services]
    return merged + [service for service in extra if service.id in by_id]


def _freeze(value: Any) -> Any:
    """Read-only copy of nested dicts and lists (module-level data must not change)."""
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value
