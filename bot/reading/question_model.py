"""The learned half of question reading: which of ``QUESTIONS`` a follow-up asks, or none.

The cues of ``bot/knowledge/questions.yml`` are precise but people ask the same thing in more
ways than a list holds ("y a mí no me pueden meter en problemas?", "me escribís el texto
formal para instagram?"). This classifier — TF-IDF of words 1–2 and characters 2–5, accents
folded, logistic regression — is trained on ``corpus/questions/*.yml`` (follow-up questions
written by someone who saw neither the code nor any test set, plus the ``examples`` of
questions.yml) and on a ``none`` class (answers, story sentences, thanks). It is small (about
900 short texts) and is fitted once per process, the first time it is needed (about a second;
the NLU component warms it up at start).

How it joins the cues (:func:`combine`) and its two constants were chosen by cross-validation
on that corpus only (``python -m scripts.question_cv``; figures in docs/reading.md).
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Optional, Sequence

from bot import yaml_checks
from bot.reading.model import QUESTIONS

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "corpus" / "questions"
#: Where the fitted classifier is kept between processes (not in git).
CACHE = ROOT / "models" / "cache"
#: The label of a message that asks none of the questions.
NONE = "none"
#: Regularisation of the logistic regression (chosen by ``scripts.question_cv``).
C = 100.0
#: The model's id counts from this probability (chosen by ``scripts.question_cv``).
MIN_PROBABILITY = 0.20
#: A short message without "?" is read by the classifier from this many words ("de una",
#: "ok dale" are answers, not questions).
MIN_WORDS = 3
#: A ``none`` at least this sure overrides the intent classifier's broad question id.
NONE_OVER_BROAD = 1.01
#: How cues and model are joined (chosen by ``scripts.question_cv``): "cues_first" (a cue
#: wins, the model answers when no cue is found) or "model_first" (the model wins from
#: :data:`MIN_PROBABILITY`, the cues otherwise).
JOIN = "cues_first"


class QuestionCorpusError(yaml_checks.DataError):
    """A file of ``corpus/questions`` is malformed."""


def corpus(directory: Path = CORPUS) -> tuple[list[str], list[str]]:
    """Texts and labels of every ``*.yml`` of the corpus, plus the examples of questions.yml."""
    from bot.reading.questions import examples

    texts: list[str] = []
    labels: list[str] = []
    for path in sorted(directory.glob("*.yml")):
        data = yaml_checks.load_yaml(path, error=QuestionCorpusError)
        for index, entry in enumerate((data or {}).get("messages") or []):
            label = entry.get("question") if isinstance(entry, dict) else None
            text = entry.get("text") if isinstance(entry, dict) else None
            if label not in QUESTIONS and label != NONE or not isinstance(text, str):
                raise QuestionCorpusError(f"{path.name}: messages[{index}]: needs a text and a "
                                          f"question among the ids of bot.reading.model or none")
            texts.append(text)
            labels.append(label)
    for qid, found in examples().items():
        texts += found
        labels += [qid] * len(found)
    return texts, labels


def build(c: float = C) -> Any:
    """The scikit-learn pipeline (the strong baseline's features, characters within words)."""
    from bot.reading.tfidf import tfidf_logreg

    return tfidf_logreg(c, char_analyzer="char_wb")


@functools.lru_cache(maxsize=1)
def model() -> Optional[Any]:
    """The classifier fitted on the corpus; None when there is no corpus.

    Fitting takes a few seconds, so the fitted model is kept in :data:`CACHE` under a
    fingerprint of the corpus and the constants; any change of either fits it again."""
    import hashlib
    import pickle

    texts, labels = corpus()
    if len(set(labels)) < 2:
        return None
    key = hashlib.sha256(repr((texts, labels, C)).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"question_model-{key}.pkl"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        pass
    fitted = build().fit(texts, labels)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.glob("question_model-*.pkl"):
            if old != path:
                old.unlink(missing_ok=True)
        temporary = path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(fitted, handle)
        temporary.replace(path)
    except OSError:
        pass  # a read-only checkout: fitted again in the next process
    return fitted


def predict(texts: Sequence[str], fitted: Any = None) -> list[tuple[str, float]]:
    """(label, probability) of each text: a question id or ``none``."""
    fitted = fitted if fitted is not None else model()
    if fitted is None or not texts:
        return [(NONE, 0.0) for _ in texts]
    classes = list(fitted.classes_)
    out = []
    for row in fitted.predict_proba(list(texts)):
        best = max(range(len(classes)), key=row.__getitem__)
        out.append((classes[best], float(row[best])))
    return out


def combine(cue: Optional[str], predicted: tuple[str, float], *, join: str = JOIN,
            min_probability: float = MIN_PROBABILITY) -> Optional[str]:
    """The question id from the cue found (or None) and the model's (label, probability)."""
    label, probability = predicted
    learned = label if label != NONE and probability >= min_probability else None
    if join == "model_first":
        return learned or cue
    return cue or learned
