"""The training data is big and varied enough, and never contains held-out messages."""
from __future__ import annotations

from collections import Counter
from pathlib import Path


from bot.facts import INCIDENTS
from bot.reading.evaluate import training_examples
from bot.reading.intents import RISK_INTENT
from bot.reading.text import normalize

ROOT = Path(__file__).resolve().parent.parent
TRAINING_FILES = sorted((ROOT / "data" / "nlu").glob("*.yml"))
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
#: Minimum hand-written examples for each incident and safety intent.
MIN_EXAMPLES = 30
#: A held-out message may share at most this many consecutive words with a training line.
MAX_SHARED_WORDS = 4


def examples(path: Path) -> list[tuple[str, str]]:
    """``(intent, text)`` of one Rasa NLU file."""
    return [(intent, text) for text, intent in training_examples([path])]


TRAINING = [pair for path in TRAINING_FILES for pair in examples(path)]
HELD_OUT = examples(HELDOUT)


def test_every_incident_and_safety_intent_has_enough_examples():
    counts = Counter(intent for intent, _ in TRAINING)
    needed = (*INCIDENTS, *RISK_INTENT.values())
    assert {i: counts[i] for i in needed if counts[i] < MIN_EXAMPLES} == {}


def test_no_example_is_written_twice_or_under_two_intents():
    seen: dict[str, str] = {}
    clashes = []
    for intent, text in TRAINING:
        key = normalize(text)
        if key in seen:
            clashes.append((text, seen[key], intent))
        seen[key] = intent
    assert clashes == []


def test_no_held_out_message_is_in_the_training_data():
    training = {normalize(text) for _, text in TRAINING}
    windows = set()
    for _, text in TRAINING:
        words = normalize(text).split()
        windows |= {tuple(words[i:i + MAX_SHARED_WORDS + 1])
                    for i in range(len(words) - MAX_SHARED_WORDS)}
    leaked = []
    for _, text in HELD_OUT:
        words = normalize(text).split()
        if normalize(text) in training or any(
                tuple(words[i:i + MAX_SHARED_WORDS + 1]) in windows
                for i in range(len(words) - MAX_SHARED_WORDS)):
            leaked.append(text)
    assert leaked == []
