"""The trained model understands messages it never saw (tests/nlu/heldout.yml).

The floor below is the accuracy measured when the pipeline was chosen (README, "Cómo se eligió
el modelo") minus a small margin for training noise; a change that makes the bot understand
people worse fails here.
"""
from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.reading.intents import RISK_INTENT
from tests.model import require_model

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"

#: Minimum share of held-out messages whose intent is right: 0.906 measured on 2026-12-02
#: (docs/reading.md) minus a margin for retraining on changed data.
HELDOUT_MIN_ACCURACY = 0.895
#: Crisis and danger messages must never be missed (with the deterministic check).
SAFETY_INTENTS = tuple(RISK_INTENT.values())


def heldout_examples() -> list[tuple[str, str]]:
    """``(text, intent)`` pairs of the held-out file."""
    from bot.reading.evaluate import training_examples

    return training_examples([HELDOUT])


@pytest.fixture(scope="module")
def agent():
    """The trained model."""
    model = require_model()
    from rasa.core.agent import Agent

    return Agent.load(str(model))


@pytest.fixture(scope="module")
def predictions(agent) -> list[tuple[str, str, str]]:
    """``(text, expected, predicted)`` for every held-out message, from the trained model."""

    async def parse_all() -> list[tuple[str, str, str]]:
        results = []
        for text, intent in heldout_examples():
            parsed = await agent.parse_message(text)
            results.append((text, intent, parsed["intent"]["name"]))
        return results

    return asyncio.run(parse_all())


#: Intents that only buttons send (their payload skips the NLU pipeline): nothing to hold out.
BUTTON_ONLY_INTENTS = ("next_step", "which_articles")


def test_heldout_file_covers_every_intent_with_ten_messages():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    counts = Counter(intent for _, intent in heldout_examples())
    typed = [i for i in domain["intents"] if i not in BUTTON_ONLY_INTENTS]
    assert {i: counts[i] for i in typed if counts[i] < 10} == {}


def test_heldout_intent_accuracy_is_above_the_measured_floor(predictions):
    right = sum(expected == predicted for _, expected, predicted in predictions)
    accuracy = right / len(predictions)
    wrong = [(t, e, p) for t, e, p in predictions if e != p]
    print(f"held-out accuracy {accuracy:.3f}")
    assert accuracy >= HELDOUT_MIN_ACCURACY, f"accuracy {accuracy:.3f}; misses: {wrong[:25]}"


@pytest.mark.parametrize("intent", SAFETY_INTENTS)
def test_no_crisis_or_danger_message_is_missed(predictions, predictions_with_reading, intent):
    """Answered safely: the risk intent (crisis or emergency lines first) or, as the issue
    counts it, a ``possible`` reading, whose check-in names the crisis line (tests/dialogue)."""
    missed = [t for (t, e, p), (_, _, level) in zip(predictions, predictions_with_reading)
              if e == intent and p != intent and level != "possible"]
    assert missed == []


@pytest.mark.parametrize("text, expected", [
    ("soy de Mendoza", {"country": "AR", "region": "AR-M"}),
    ("México", {"country": "MX"}),
    ("vivo en La Serena", {"country": "CL", "region": "CL-CO"}),
    ("me hackearon el insta", {"platform": "instagram"}),
])
def test_the_parse_data_carries_the_reading_with_normalised_facts(agent, text, expected):
    parsed = asyncio.run(agent.parse_message(text))
    assert expected.items() <= parsed["reading"]["facts"].items()


@pytest.mark.parametrize("intent", SAFETY_INTENTS)
def test_every_crisis_or_danger_message_gets_a_risk_reading(predictions_with_reading, intent):
    missed = [t for t, e, level in predictions_with_reading if e == intent and level == "none"]
    assert missed == []


@pytest.fixture(scope="module")
def predictions_with_reading(agent) -> list[tuple[str, str, str]]:
    """``(text, expected intent, risk level of the reading)`` for every held-out message."""

    async def parse_all() -> list[tuple[str, str, str]]:
        return [(text, intent, (await agent.parse_message(text))["reading"]["risk"]["level"])
                for text, intent in heldout_examples()]

    return asyncio.run(parse_all())


def test_a_short_fact_answer_is_understood_as_an_answer(agent):
    assert asyncio.run(agent.parse_message("México"))["intent"]["name"] == "inform"


@pytest.mark.parametrize("text", ["?", "😭😭", "..."])
def test_a_message_without_words_gets_the_clarifying_question(agent, text):
    assert asyncio.run(agent.parse_message(text))["intent"]["name"] == "nlu_fallback"
