"""Load and validate ``bot/knowledge/law/``: one ``<CC>.yml`` per jurisdiction plus ``texts.yml``.

The loader is strict on purpose: a bad file stops start-up (and ``python -m bot.rules check``)
with the file, the entry id and the field, never a surprise in a conversation. It refuses any
provision without ``source``, ``status`` or ``confidence``, with an incident name that is not
in ``bot.facts.INCIDENTS``, or with a condition key outside ``bot.rules.conditions``.

This module reads the files; ``bot.rules.entries`` checks each provision and gap.
"""
from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any, Mapping, Optional

from bot.facts import INCIDENTS
from bot.rules.entries import EntryChecker
from bot.rules.errors import LawDataError, Msg
from bot.rules.model import STATUSES, TOPICS, Jurisdiction, LawKnowledge
from bot.yaml_checks import load_yaml

logger = logging.getLogger(__name__)

#: Where the law knowledge lives by default.
LAW_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "law"
#: Name of the file with the chat texts of the law module.
TEXTS_FILE = "texts.yml"
#: A jurisdiction file is named by its ISO 3166-1 alpha-2 code in capitals: ``CL.yml``.
JURISDICTION_FILE = re.compile(r"^[A-Z]{2}\.yml$")

_TOP_KEYS = ("jurisdiction", "provisions", "gaps", "shared")
#: Keys ``texts.yml`` must have.
TEXT_KEYS = ("disclaimer", "incident_names", "status_labels", "condition_text", "unasked_facts",
             "templates", "generic_gaps", "confidence_notes", "topic_titles")


def load_texts(path: Path) -> dict[str, Any]:
    """Read and check ``texts.yml``.

    Raises:
        LawDataError: a required key or an incident name is missing.
    """
    data = load_yaml(path, error=LawDataError)
    if not isinstance(data, dict):
        raise LawDataError(Msg.E020.format(file=path, key="(top level mapping)"))
    for key in TEXT_KEYS:
        if key not in data:
            raise LawDataError(Msg.E020.format(file=path, key=key))
    for incident in INCIDENTS:
        if incident not in data["incident_names"]:
            raise LawDataError(Msg.E021.format(file=path, key="incident_names", value=incident))
    for value in STATUSES + ("unverified",):
        if value not in data["status_labels"]:
            raise LawDataError(Msg.E021.format(file=path, key="status_labels", value=value))
    for topic in TOPICS:
        if topic not in data["topic_titles"]:
            raise LawDataError(Msg.E021.format(file=path, key="topic_titles", value=topic))
    return data


def load_jurisdiction(path: Path, texts: Mapping[str, Any]) -> Jurisdiction:
    """Read and validate one ``<CC>.yml``.

    Raises:
        LawDataError: naming the file, the entry id and the field.
    """
    data = load_yaml(path, error=LawDataError)
    if not isinstance(data, dict) or "jurisdiction" not in data or "provisions" not in data:
        raise LawDataError(Msg.E002.format(file=path))
    for key in data:
        if key not in _TOP_KEYS:
            raise LawDataError(Msg.E003.format(file=path, key=key, allowed=", ".join(_TOP_KEYS)))
    head = data["jurisdiction"]
    if not isinstance(head, dict):
        raise LawDataError(Msg.E004.format(file=path, field="jurisdiction", problem="must be a mapping"))
    for field in ("country", "name", "paragraph_format"):
        if not head.get(field):
            raise LawDataError(Msg.E004.format(file=path, field=field, problem="is missing"))
    country = str(head["country"])
    if path.name != f"{country}.yml":
        raise LawDataError(Msg.E005.format(file=path, country=country))
    checker = EntryChecker(path, texts)
    provisions, gaps = [], []
    for section, items, build in (("provisions", data["provisions"], checker.provision),
                                  ("gaps", data.get("gaps") or [], checker.gap)):
        if not isinstance(items, list):
            raise LawDataError(Msg.E002.format(file=path))
        seen: set[str] = set()
        for index, entry in enumerate(items):
            if not isinstance(entry, dict) or not entry.get("id"):
                raise LawDataError(Msg.E010.format(file=path, section=section, index=index))
            if str(entry["id"]) in seen:
                raise checker.fail(Msg.E017, kind=section[:-1], id=entry["id"], other=path.name)
            seen.add(str(entry["id"]))
            if section == "provisions":
                provisions.append(build(entry, country, str(head["paragraph_format"])))
            else:
                gaps.append(build(entry, country))
    checker.references(tuple(provisions))
    return Jurisdiction(country=country, name=str(head["name"]),
                        paragraph_format=str(head["paragraph_format"]),
                        provisions=tuple(provisions), gaps=tuple(gaps), file=path.name)


def _load(directory: Path) -> LawKnowledge:
    texts_path = directory / TEXTS_FILE
    if not texts_path.exists():
        texts_path = LAW_DIR / TEXTS_FILE
    texts = load_texts(texts_path)
    jurisdictions: dict[str, Jurisdiction] = {}
    owner: dict[str, str] = {}
    paths = sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml"))
    for path in paths:
        if path.name == TEXTS_FILE:
            continue
        if not JURISDICTION_FILE.match(path.name):
            raise LawDataError(Msg.E005.format(file=path, country="<CC>"))
        jurisdiction = load_jurisdiction(path, texts)
        for entry in (*jurisdiction.provisions, *jurisdiction.gaps):
            if entry.id in owner:
                raise LawDataError(Msg.E017.format(file=path, kind="entry", id=entry.id,
                                                   other=owner[entry.id]))
            owner[entry.id] = path.name
        jurisdictions[jurisdiction.country] = jurisdiction
    if not jurisdictions:
        raise LawDataError(Msg.E030.format(directory=directory))
    logger.info("law knowledge loaded: %s", ", ".join(sorted(jurisdictions)))
    return LawKnowledge(jurisdictions=jurisdictions, texts=texts, directory=str(directory))


@functools.lru_cache(maxsize=16)
def _load_cached(directory: str) -> LawKnowledge:
    return _load(Path(directory))


def load_law(law_dir: Optional[Path | str] = None) -> LawKnowledge:
    """Load every jurisdiction file of ``law_dir`` (default ``bot/knowledge/law``), once.

    Files named ``<CC>.yml`` (``CL.yml``, ``PE.yml``...) are discovered automatically;
    ``texts.yml`` is taken from ``law_dir`` if present, else from the default directory.
    The result is cached per directory: edit a file, then restart (or call ``clear_cache``).

    Raises:
        LawDataError: a file is malformed; the message names file, entry id and field.
    """
    directory = Path(law_dir) if law_dir is not None else LAW_DIR
    return _load_cached(str(directory.resolve()))


def clear_cache() -> None:
    """Forget loaded knowledge (for tools and tests that edit files)."""
    _load_cached.cache_clear()
