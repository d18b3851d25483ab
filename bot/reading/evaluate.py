"""Honest measurement of intent and risk reading (run by ``scripts/nlu_eval.py``).

For every test set it compares, side by side, the bot (the trained Rasa model's NLU followed
by ``read_message``, given as a ``parse`` function) and a strong baseline: scikit-learn TF-IDF
of words 1–2 and characters 2–5 (accents folded) with logistic regression, C chosen by
cross-validation on the training data only. Short (< ``LONG_MESSAGE`` characters) and long
messages are reported separately.

Test-set format (YAML): ``{meta: {...}, messages: [{text, intent?, risk: risk|possible|none,
incident?, question?, ...}]}``; the old held-out file (Rasa NLU format) is read too.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

import yaml

from bot.facts import INCIDENTS
from bot.reading.model import LONG_MESSAGE, Reading

RISK_INTENTS = ("express_crisis", "immediate_danger")
#: Cs tried for the baseline (chosen by 3-fold cross-validation on the training data).
BASELINE_CS = (3.0, 10.0, 30.0, 100.0)


@dataclass(frozen=True)
class Example:
    """One labelled test message."""

    text: str
    intent: Optional[str] = None
    risk: Optional[str] = None
    incident: Optional[str] = None


@dataclass(frozen=True)
class Prediction:
    """What a system said about one message."""

    intent: Optional[str]
    risk: str  # "risk", "possible" or "none"
    incident: Optional[str]


def training_examples(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """``(text, intent)`` of every Rasa NLU file among ``paths``."""
    pairs = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for block in data.get("nlu", []) or []:
            if "intent" not in block:
                continue
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    pairs.append((line.strip()[2:].strip(), block["intent"]))
    return pairs


def load_set(path: Path) -> list[Example]:
    """A fresh set (``messages:``) or a Rasa NLU file (intent blocks) as examples."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if "messages" in data:
        return [Example(text=str(m["text"]), intent=m.get("intent"), risk=m.get("risk"),
                        incident=m.get("incident")) for m in data["messages"]]
    out = []
    for text, intent in training_examples([path]):
        risk = "risk" if intent in RISK_INTENTS else "none"
        out.append(Example(text, intent, risk, intent if intent in INCIDENTS else None))
    return out


def macro_f1(expected: Sequence[str], predicted: Sequence[Optional[str]]) -> float:
    """Macro-F1 over the labels present in ``expected``."""
    from sklearn.metrics import f1_score

    labels = sorted(set(expected))
    return float(f1_score(list(expected), [p or "none" for p in predicted], labels=labels,
                          average="macro", zero_division=0))


def baseline_pipeline(C: float) -> Any:
    """TF-IDF of words 1–2 and characters 2–5, accents folded, logistic regression."""
    from bot.reading.tfidf import tfidf_logreg

    return tfidf_logreg(C, char_analyzer="char")


def cross_validate(make: Callable[[], Any], pairs: Sequence[tuple[str, str]], *, folds: int = 5,
                   predict: Optional[Callable[[Any, list[str]], list[str]]] = None) -> float:
    """Mean macro-F1 of stratified ``folds``-fold cross-validation on ``pairs``."""
    from sklearn.model_selection import StratifiedKFold

    texts = [t for t, _ in pairs]
    labels = [i for _, i in pairs]
    scores = []
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, labels):
        model = make().fit([texts[i] for i in train], [labels[i] for i in train])
        test_texts = [texts[i] for i in test]
        guessed = predict(model, test_texts) if predict else list(model.predict(test_texts))
        scores.append(macro_f1([labels[i] for i in test], guessed))
    return sum(scores) / len(scores)


def choose_baseline_c(pairs: Sequence[tuple[str, str]]) -> tuple[float, dict[float, float]]:
    """The C of :data:`BASELINE_CS` with the best 3-fold CV macro-F1 on the training data."""
    figures = {c: cross_validate(lambda c=c: baseline_pipeline(c), pairs, folds=3)
               for c in BASELINE_CS}
    return max(figures, key=figures.get), figures


def baseline_prediction(intent: str) -> Prediction:
    """A baseline intent read as the bot would act on it."""
    return Prediction(intent, "risk" if intent in RISK_INTENTS else "none",
                      intent if intent in INCIDENTS else None)


def bot_prediction(parse_data: dict) -> Prediction:
    """The bot's answer from a Rasa parse result with its ``reading``."""
    reading = Reading.from_dict(parse_data.get("reading"))
    intent = (parse_data.get("intent") or {}).get("name")
    return Prediction(intent, reading.risk.level, reading.incident)


def measure(examples: Sequence[Example], predictions: Sequence[Prediction]) -> dict[str, Any]:
    """The figures of one system on one group of examples."""
    with_intent = [(e, p) for e, p in zip(examples, predictions) if e.intent]
    figures: dict[str, Any] = {"n": len(examples)}
    if with_intent:
        figures["macro_f1"] = macro_f1([e.intent for e, _ in with_intent],
                                       [p.intent for _, p in with_intent])
    urgent = [p for e, p in zip(examples, predictions) if e.risk == "risk"]
    if urgent:
        figures["risk_recall"] = sum(p.risk in ("risk", "possible") for p in urgent) / len(urgent)
        figures["n_risk"] = len(urgent)
    calm = [p for e, p in zip(examples, predictions) if e.risk == "none"]
    if calm:
        figures["false_alarm"] = sum(1.0 if p.risk == "risk" else 0.5 if p.risk == "possible"
                                     else 0.0 for p in calm) / len(calm)
        figures["n_none"] = len(calm)
    stories = [p for e, p in zip(examples, predictions)
               if len(e.text) >= LONG_MESSAGE and (e.incident or e.intent in INCIDENTS)]
    if stories:
        figures["long_no_incident"] = sum(p.incident is None for p in stories) / len(stories)
    return figures


def split_by_length(examples: Sequence[Example], predictions: Sequence[Prediction]
                    ) -> dict[str, tuple[list[Example], list[Prediction]]]:
    """``{"short": ..., "long": ...}`` at ``LONG_MESSAGE`` characters."""
    groups: dict[str, tuple[list[Example], list[Prediction]]] = {"short": ([], []),
                                                                 "long": ([], [])}
    for e, p in zip(examples, predictions):
        key = "long" if len(e.text) >= LONG_MESSAGE else "short"
        groups[key][0].append(e)
        groups[key][1].append(p)
    return groups


def format_row(name: str, bot: dict[str, Any], base: dict[str, Any]) -> str:
    """One line of the side-by-side table."""
    def fig(d: dict, key: str) -> str:
        return f"{d[key]:.3f}" if key in d else "  -  "

    ratio = "  -  "
    if "macro_f1" in bot and "macro_f1" in base:
        base_err = 1 - base["macro_f1"]
        ratio = f"{(1 - bot['macro_f1']) / base_err:.2f}" if base_err > 0 else "  inf" \
            if bot["macro_f1"] < 1 else " 1.00"
    return (f"{name:<28} n={bot['n']:<4} F1 bot {fig(bot, 'macro_f1')} base {fig(base, 'macro_f1')}"
            f" err-ratio {ratio} | risk recall bot {fig(bot, 'risk_recall')} base "
            f"{fig(base, 'risk_recall')} | false alarm bot {fig(bot, 'false_alarm')} base "
            f"{fig(base, 'false_alarm')} | long w/o incident bot {fig(bot, 'long_no_incident')}"
            f" base {fig(base, 'long_no_incident')}")
