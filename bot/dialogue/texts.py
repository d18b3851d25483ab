"""The dialogue's texts (``bot/knowledge/replies.yml``) and answer bank (``answers.yml``).

Both are read and validated once; a bad entry stops start-up naming the file, entry and field.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

from bot.dialogue.model import Button
from bot.reading.model import QUESTIONS
from bot.yaml_checks import DataError, load_yaml

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
REPLIES_PATH = KNOWLEDGE / "replies.yml"
ANSWERS_PATH = KNOWLEDGE / "answers.yml"
#: What an answer's ``then`` may ask for.
THEN_KEYS = frozenset({"steps", "services", "law", "human", "takedown", "written"})
LAW_PARTS = frozenset({"rights", "details", "info"})


class DialogueDataError(DataError):
    """A dialogue YAML file is wrong: the message names file, entry and field."""


@dataclass(frozen=True)
class Text:
    """A text with its tú and vos forms (the same when the file gives one)."""

    tu: str
    vos: str

    def pick(self, vos: bool) -> tuple[str, Optional[str]]:
        """The text for the register, and the register used when the forms differ."""
        if self.tu == self.vos:
            return self.tu, None
        return (self.vos, "vos") if vos else (self.tu, "tu")


@dataclass(frozen=True)
class Answer:
    """One entry of the answer bank."""

    id: str
    text: Text
    minor: Optional[Text]
    parent: Optional[Text]
    then: Mapping[str, Any]
    needs_country: bool
    source: Optional[str]


@dataclass(frozen=True)
class DialogueTexts:
    """Everything the dialogue says that is not law or directory."""

    blocks: Mapping[str, Text]
    buttons: Mapping[str, Button]
    answers: Mapping[str, Answer]

    def block(self, block_id: str) -> Text:
        """The text of a block (KeyError names it)."""
        return self.blocks[block_id]

    def button(self, name: str) -> Button:
        """A button by name."""
        return self.buttons[name]


#: Placeholder a text may carry for the retention setting (``ACOMPANA_RETENTION_HOURS``), so
#: that "se borra sola a las 24 horas" follows what the deployer set.
RETENTION_PLACEHOLDER = "{retention_hours}"


def _with_settings(text: str) -> str:
    if RETENTION_PLACEHOLDER not in text:
        return text
    from bot.settings import load_settings

    return text.replace(RETENTION_PLACEHOLDER, str(load_settings().retention_hours))


def _text(value: Any, where: str) -> Text:
    if isinstance(value, str):
        return Text(_with_settings(value.strip()), _with_settings(value.strip()))
    if isinstance(value, dict) and isinstance(value.get("tu"), str):
        vos = value.get("vos", value["tu"])
        if not isinstance(vos, str):
            raise DialogueDataError(f"{where}: 'vos' must be a string")
        return Text(_with_settings(value["tu"].strip()), _with_settings(vos.strip()))
    raise DialogueDataError(f"{where}: a text is a string or {{tu: ..., vos: ...}}")


def _load_yaml(path: Path, key: str) -> dict:
    data = load_yaml(path, error=DialogueDataError)
    if not isinstance(data, dict) or not isinstance(data.get(key), dict):
        raise DialogueDataError(f"{path.name}: top-level '{key}' mapping missing")
    return data


def _answers(path: Path) -> dict[str, Answer]:
    raw = _load_yaml(path, "answers")["answers"]
    missing = [q for q in QUESTIONS if q not in raw]
    unknown = [q for q in raw if q not in QUESTIONS]
    if missing or unknown:
        raise DialogueDataError(f"{path.name}: answers missing {missing}, unknown {unknown}")
    answers = {}
    for qid, entry in raw.items():
        where = f"{path.name}: answers.{qid}"
        if not isinstance(entry, dict):
            raise DialogueDataError(f"{where}: must be a mapping")
        then = entry.get("then") or {}
        if not isinstance(then, dict) or set(then) - THEN_KEYS:
            raise DialogueDataError(f"{where}.then: keys must be among {sorted(THEN_KEYS)}")
        if "law" in then and then["law"] not in LAW_PARTS:
            raise DialogueDataError(f"{where}.then.law: one of {sorted(LAW_PARTS)}")
        if not entry.get("advice") and not entry.get("source"):
            raise DialogueDataError(f"{where}.source: a text stating a fact needs a source "
                                    "(or 'advice: true' when it states none)")
        answers[qid] = Answer(
            id=qid, text=_text(entry.get("text", ""), f"{where}.text"),
            minor=_text(entry["minor"], f"{where}.minor") if "minor" in entry else None,
            parent=_text(entry["parent"], f"{where}.parent") if "parent" in entry else None,
            then=then, needs_country=bool(entry.get("country")), source=entry.get("source"))
    return answers


def load_texts(replies_path: Path = REPLIES_PATH, answers_path: Path = ANSWERS_PATH) -> DialogueTexts:
    """Read and check both files."""
    raw = _load_yaml(replies_path, "blocks")
    blocks = {bid: _text(value, f"{replies_path.name}: blocks.{bid}")
              for bid, value in raw["blocks"].items()}
    buttons = {}
    for name, value in (raw.get("buttons") or {}).items():
        if not (isinstance(value, dict) and value.get("title") and value.get("payload")):
            raise DialogueDataError(f"{replies_path.name}: buttons.{name}: needs title and payload")
        buttons[name] = Button(value["title"], value["payload"])
    return DialogueTexts(blocks, buttons, _answers(answers_path))


@lru_cache(maxsize=1)
def texts() -> DialogueTexts:
    """The loaded texts (read once)."""
    return load_texts()
