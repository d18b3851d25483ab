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

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
MODEL = ROOT / "models" / "acompana.tar.gz"

#: Minimum share of held-out messages whose intent is right (measured, minus a margin).
HELDOUT_MIN_ACCURACY = 0.85
#: Crisis and danger messages must never be missed (with the deterministic check).
SAFETY_INTENTS = ("express_crisis", "immediate_danger")


def heldout_examples() -> list[tuple[str, str]]:
    """``(text, intent)`` pairs of the held-out file."""
    data = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    pairs = []
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            if line.strip().startswith("- "):
                pairs.append((line.strip()[2:].strip(), block["intent"]))
    return pairs


@pytest.fixture(scope="module")
def agent():
    """The trained model."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run scripts/test.sh (it trains the model)")
    from rasa.core.agent import Agent

    return Agent.load(str(MODEL))


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


def test_heldout_file_covers_every_intent_with_ten_messages():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    counts = Counter(intent for _, intent in heldout_examples())
    assert {i: counts[i] for i in domain["intents"] if counts[i] < 10} == {}


def test_heldout_intent_accuracy_is_above_the_measured_floor(predictions):
    right = sum(expected == predicted for _, expected, predicted in predictions)
    accuracy = right / len(predictions)
    wrong = [(t, e, p) for t, e, p in predictions if e != p]
    assert accuracy >= HELDOUT_MIN_ACCURACY, f"accuracy {accuracy:.3f}; misses: {wrong[:25]}"


@pytest.mark.parametrize("intent", SAFETY_INTENTS)
def test_no_crisis_or_danger_message_is_missed(predictions, intent):
    missed = [t for t, e, p in predictions if e == intent and p != intent]
    assert missed == []


@pytest.mark.parametrize("text, expected", [
    ("soy de Mendoza", {"country": "AR", "region": "Mendoza"}),
    ("México", {"country": "MX"}),
    ("vivo en La Serena", {"country": "CL", "region": "Coquimbo"}),
    ("me hackearon el insta", {"platform": "instagram"}),
])
def test_the_model_keeps_normalised_facts(agent, text, expected):
    parsed = asyncio.run(agent.parse_message(text))
    entities = {e["entity"]: e["value"] for e in parsed["entities"]}
    assert expected.items() <= entities.items()


def test_a_short_fact_answer_is_understood_as_an_answer(agent):
    assert asyncio.run(agent.parse_message("México"))["intent"]["name"] == "inform"


@pytest.mark.parametrize("text", ["?", "😭😭", "..."])
def test_a_message_without_words_gets_the_clarifying_question(agent, text):
    assert asyncio.run(agent.parse_message(text))["intent"]["name"] == "nlu_fallback"
