"""No message of a fresh test set (tests/fresh/**.yml) is a near-duplicate of a training line.

Fresh sets measure how the bot reads messages nobody here has seen; a training example that
is the same message with a word changed would make that measurement a lie. Near-duplicate:
character 5-gram Jaccard similarity of the normalised texts of at least ``NEAR_DUPLICATE``.
The failure names the file and the message's position only, never its text (the fresh sets
must stay unseen by whoever tunes the bot).
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bot.reading import evaluate, question_model
from bot.reading.text import normalize

ROOT = Path(__file__).resolve().parents[2]
FRESH = ROOT / "tests" / "fresh"
#: Jaccard similarity of character 5-grams from which two messages count as the same.
NEAR_DUPLICATE = 0.8
GRAM = 5
#: Messages of fewer words are answers every data set shares ("sí", "no sé", "tengo 24"):
#: they cannot leak a story, so they are not compared.
MIN_WORDS = 4
#: The brief the fresh sets were written from quotes a few answers from the issue ("no, tengo
#: más de 18"); both the training data and the fresh writers took them from there, so a fresh
#: message the brief itself contains is a known, documented overlap (tests/fresh/*/README.md).
BRIEFS = sorted(FRESH.glob("*/*.md")) if FRESH.exists() else []


def grams(text: str) -> frozenset[str]:
    """Character 5-grams of the normalised text (the whole text if shorter)."""
    norm = normalize(text)
    if len(norm) < GRAM:
        return frozenset({norm})
    return frozenset(norm[i:i + GRAM] for i in range(len(norm) - GRAM + 1))


def near_duplicates(fresh: list[str], training: list[str]) -> list[int]:
    """Positions in ``fresh`` of messages with a near-duplicate in ``training``."""
    index: dict[str, list[int]] = defaultdict(list)
    train_grams = [grams(t) for t in training]
    for i, g in enumerate(train_grams):
        for gram in g:
            index[gram].append(i)
    found = []
    for pos, text in enumerate(fresh):
        g = grams(text)
        shared: dict[int, int] = defaultdict(int)
        for gram in g:
            for i in index.get(gram, ()):
                shared[i] += 1
        if any(n / (len(g) + len(train_grams[i]) - n) >= NEAR_DUPLICATE
               for i, n in shared.items()):
            found.append(pos)
    return found


def test_the_near_duplicate_check_catches_a_changed_word():
    training = ["mi ex subió mis fotos íntimas a un grupo de telegram y no sé qué hacer"]
    fresh = ["mi ex subió mis fotos íntimas a un grupo de telegram y no sé que hacer!!",
             "me hackearon la cuenta de instagram"]
    assert near_duplicates(fresh, training) == [0]


FRESH_FILES = sorted(FRESH.glob("**/*.yml")) if FRESH.exists() else []


@pytest.mark.skipif(not FRESH_FILES, reason="no fresh test set under tests/fresh/")
@pytest.mark.parametrize("path", FRESH_FILES, ids=lambda p: str(p.relative_to(FRESH)))
def test_no_fresh_message_is_a_near_duplicate_of_training(path):
    training = [t for t, _ in evaluate.training_examples(sorted((ROOT / "data" / "nlu").glob("*.yml")))]
    training += question_model.corpus()[0]  # the question classifier's training texts too
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    fresh = [str(m.get("text", "")) for m in data.get("messages") or []]
    fresh += [str(t.get("user", "")) for c in data.get("conversations") or [] for t in c.get("turns") or []]
    brief = " ".join(normalize(b.read_text(encoding="utf-8")) for b in BRIEFS)
    fresh = [t if len(t.split()) >= MIN_WORDS and normalize(t) not in brief else "" for t in fresh]
    positions = [p for p in near_duplicates(fresh, training) if fresh[p]]
    assert positions == [], (f"{len(positions)} message(s) of {path.name} are near-duplicates "
                             f"of training examples (positions {positions[:20]})")
