"""A classifier trained on data/nlu (pure scikit-learn, no Rasa), shared by reading tests."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from bot.reading import evaluate
from bot.reading.classifier import DEFAULTS, build_pipeline, predict_scores

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def ranking() -> Callable[[str], list[tuple[str, float]]]:
    """``text -> [(intent, confidence), ...]`` best first, as the Rasa component gives it."""
    pairs = evaluate.training_examples(sorted((ROOT / "data" / "nlu").glob("*.yml")))
    model = build_pipeline(DEFAULTS).fit([t for t, _ in pairs], [i for _, i in pairs])

    def rank(text: str) -> list[tuple[str, float]]:
        scores = predict_scores(model, [text])[0]
        return sorted(scores.items(), key=lambda kv: -kv[1])

    return rank
