"""The safety test sets (and the risk tables of tests/reading) must never be training data: a detector tested on its training
examples says nothing. This test reads every example in data/nlu/*.yml (if the folder
exists) and fails on any test phrase that equals one, after normalisation."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.safety import normalise
from tests.reading._risk_cases import TABLES
from tests.safety._sets import crisis_phrases, danger_phrases, figurative_phrases

NLU_DIR = Path(__file__).resolve().parents[2] / "data" / "nlu"
#: Entity annotations in Rasa examples: [text](entity), [text]{"entity": ...}, [text][...]
ANNOTATION_RE = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\])")


def training_examples() -> list[tuple[str, str]]:
    """``(file:intent, example text)`` for every example in data/nlu/*.yml."""
    found = []
    for path in sorted(NLU_DIR.glob("*.yml")) + sorted(NLU_DIR.glob("*.yaml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in content.get("nlu", []) or []:
            if not isinstance(block, dict) or "regex" in block:
                continue
            label = block.get("intent") or block.get("synonym") or block.get("lookup") or "?"
            examples = block.get("examples", "")
            if isinstance(examples, str):
                lines = [line.strip()[2:] for line in examples.splitlines()
                         if line.strip().startswith("- ")]
            else:
                lines = [e.get("text", "") if isinstance(e, dict) else str(e)
                         for e in examples or []]
            for line in lines:
                found.append((f"{path.name}:{label}", ANNOTATION_RE.sub(r"\1", line).strip()))
    return found


def test_no_test_phrase_is_a_training_example(capsys):
    examples = training_examples()
    if not examples:
        pytest.skip(f"no NLU training data in {NLU_DIR}")
    by_form = {}
    for where, text in examples:
        by_form.setdefault(normalise(text), []).append(f"{where}: {text}")
    collisions = []
    risk_tables = [(f"risk table {name}", [row[0] for row in rows])
                   for name, rows in TABLES.items()]
    for set_name, phrases in [("crisis", crisis_phrases()), ("danger", danger_phrases()),
                              ("figurative", figurative_phrases())] + risk_tables:
        for phrase in phrases:
            for hit in by_form.get(normalise(phrase), []):
                collisions.append(f"{set_name} test phrase {phrase!r} == {hit}")
    with capsys.disabled():
        print(f"\n[safety] compared {len(examples)} training examples with the test sets: "
              f"{len(collisions)} collision(s)")
        for line in collisions:
            print(f"[safety]   {line}")
    assert not collisions, ("remove these phrases from data/nlu (or write a different test "
                            "phrase):\n" + "\n".join(collisions))
