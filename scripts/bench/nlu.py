"""Part 1: NLU quality on the held-out file, the bot's model against a textbook baseline."""
from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from scripts.bench.settings import BASELINE_C, HELDOUT, NLU_DIR

_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def strip_annotations(text: str) -> str:
    """``"vivo en [Chile](country)"`` → ``"vivo en Chile"`` (Rasa's entity markup removed)."""
    return _ANNOTATION.sub(r"\1", text)


def read_intent_examples(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """``(text, intent)`` pairs of Rasa YAML NLU files (lookup tables, synonyms skipped), the
    entity markup stripped; the files are read by ``bot.reading.evaluate.training_examples``."""
    from bot.reading.evaluate import training_examples

    return [(strip_annotations(text), intent) for text, intent in training_examples(paths)]


@dataclass(frozen=True)
class IntentScore:
    """Precision, recall and F1 of one intent, with its number of held-out messages."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class NluScores:
    """Intent classification quality on a labelled set."""

    per_intent: dict[str, IntentScore]
    macro_f1: float
    accuracy: float

    @property
    def error_rate(self) -> float:
        """Share of messages whose intent is wrong."""
        return 1.0 - self.accuracy


def score_intents(expected: Sequence[str], predicted: Sequence[str]) -> NluScores:
    """Per-intent precision/recall/F1 and their macro average over the expected intents.

    A prediction outside the expected intents (``nlu_fallback``) is simply wrong: it lowers
    the recall of the true intent and nobody's precision. An intent never predicted has
    precision 0.
    """
    if len(expected) != len(predicted):
        raise ValueError("expected and predicted must have the same length")
    per_intent = {}
    for intent in sorted(set(expected)):
        true_pos = sum(e == intent and p == intent for e, p in zip(expected, predicted))
        n_pred = sum(p == intent for p in predicted)
        n_true = sum(e == intent for e in expected)
        precision = true_pos / n_pred if n_pred else 0.0
        recall = true_pos / n_true
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[intent] = IntentScore(precision, recall, f1, n_true)
    macro = sum(s.f1 for s in per_intent.values()) / len(per_intent) if per_intent else 0.0
    right = sum(e == p for e, p in zip(expected, predicted))
    return NluScores(per_intent, macro, right / len(expected) if expected else 0.0)


def baseline_pipeline(c: float = BASELINE_C):
    """The textbook baseline: TF-IDF of words and word pairs + logistic regression.

    Scikit-learn's defaults (C = 1). The bot's own classifier is a tuned member of the same
    family (character n-grams, folded accents, lookup tables, C = 30) plus deterministic
    layers (crisis and danger check, short answers), so this row shows what those add.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(C=c, max_iter=5000))


def train_baseline(train: Sequence[tuple[str, str]]) -> Any:
    """The baseline (``C = BASELINE_C``) fitted on ``train``."""
    model = baseline_pipeline()
    model.fit([t for t, _ in train], [i for _, i in train])
    return model


def run_nlu(model: Path) -> dict[str, Any]:
    """Score the trained model and the baseline on the held-out file."""
    heldout = read_intent_examples([HELDOUT])
    train = read_intent_examples(sorted(NLU_DIR.glob("*.yml")))
    texts, expected = [t for t, _ in heldout], [i for _, i in heldout]

    started = time.monotonic()
    baseline = train_baseline(train)
    baseline_seconds = time.monotonic() - started
    baseline_scores = score_intents(expected, list(baseline.predict(texts)))

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # no per-message debug lines (they carry the text)
    agent = Agent.load(str(model))

    async def parse_all() -> list[str]:
        return [(await agent.parse_message(text))["intent"]["name"] for text in texts]

    started = time.monotonic()
    predicted = asyncio.run(parse_all())
    parse_seconds = time.monotonic() - started
    bot_scores = score_intents(expected, predicted)
    misses = [{"text": t, "expected": e, "predicted": p}
              for t, e, p in zip(texts, expected, predicted) if e != p]
    return {
        "heldout_messages": len(heldout), "training_messages": len(train),
        "bot": bot_scores, "baseline": baseline_scores, "baseline_c": BASELINE_C,
        "baseline_fit_seconds": baseline_seconds, "bot_parse_seconds": parse_seconds,
        "bot_fallbacks": sum(p == "nlu_fallback" for p in predicted),
        "bot_misses": misses,
    }
