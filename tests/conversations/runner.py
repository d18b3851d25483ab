"""Hold a conversation test: each user text read by the REAL trained NLU, answered by
``bot.dialogue.respond`` and folded exactly as ``action_respond`` does.

A conversation file (``tests/conversations/*.yml``)::

    conversations:
      - name: mother of a 14-year-old in Chile
        turns:
          - user: "mi hija de 14 años ... soy de Chile"
            expect: [addressed_to:parent, child_protection, not_asks:age]

Expectations: the closed vocabulary of ``bot.dialogue.expectations``. Every reply is also
checked by ``bot.dialogue.checks`` (no message over 1,200 characters, no block repeated, no
question about a known fact).
"""
from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

import yaml

from bot.dialogue import Case, History, Reply, fold, respond
from bot.dialogue.buttons import reading_from_parse
from bot.dialogue.checks import reply_problems_of_turn
from bot.dialogue.expectations import check, validate
from bot.reading.model import Reading
from tests.model import MODEL

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
#: Voseo forms read by the fallback reading (the real one is bot.reading's).
_VOS = re.compile(r"\b(?:ten[eé]s|pod[eé]s|quer[eé]s|sab[eé]s|sos|vos|contame|decime|hac[eé]s|"
                  r"ayudame|decís|decis|pensás|pensas|necesitás|necesitas)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Turn:
    """One user turn and what its reply must show."""

    user: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Conversation:
    """A named conversation from a YAML file."""

    name: str
    file: str
    turns: tuple[Turn, ...]
    needs_reading: bool = False


def load_conversations(directory: Path = HERE) -> list[Conversation]:
    """Every conversation of every YAML file, with its expectations checked."""
    found = []
    for path in sorted(directory.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("conversations") or []:
            turns = tuple(Turn(t["user"], tuple(t.get("expect") or ())) for t in entry["turns"])
            for turn in turns:
                for expectation in turn.expect:
                    validate(expectation)
            found.append(Conversation(entry["name"], path.name, turns,
                                      bool(entry.get("needs_reading"))))
    return found


@lru_cache(maxsize=1)
def agent() -> Any:
    """The trained Rasa model, loaded in-process once."""
    from rasa.core.agent import Agent  # only the tests' runner touches Rasa

    return Agent.load(str(MODEL))


def parse(text: str) -> dict[str, Any]:
    """The NLU parse of one text (parse_data), as the tracker stores it."""
    return asyncio.run(agent().parse_message(text))


def reading_of(parse_data: dict[str, Any]) -> tuple[Reading, bool]:
    """The Reading of a parse, and whether it came from bot.reading (not the fallback)."""
    if parse_data.get("reading"):
        return Reading.from_dict(parse_data["reading"]), True
    reading = reading_from_parse(parse_data)
    text = parse_data.get("text") or ""
    if _VOS.search(text):
        reading = replace(reading, vos=True)
    return reading, False


def hold(conversation: Conversation, read: Callable[[str], tuple[Reading, bool]]) -> list[str]:
    """Run a conversation; return every problem found (empty = it went as expected)."""
    case, history = Case(), History()
    problems: list[str] = []
    for number, turn in enumerate(conversation.turns, start=1):
        reading, _ = read(turn.user)
        said = history.said
        reply: Reply = respond(reading, case, history)
        for problem in reply_problems_of_turn(case, reply, said):
            problems.append(f"turn {number}: {problem}")
        case, history = fold(case, history, reply)
        for expectation in turn.expect:
            wrong = check(expectation, reply, case, said)
            if wrong:
                problems.append(f"turn {number} ({turn.user[:40]!r}): {wrong}")
    return problems


def read_with_model(text: str) -> tuple[Reading, bool]:
    """Read a text with the trained model."""
    return reading_of(parse(text))


def uses_real_reading() -> bool:
    """True when the trained pipeline writes a Reading (bot.reading's component)."""
    return bool(parse("hola").get("reading"))
