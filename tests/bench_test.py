"""The benchmark's arithmetic (scripts/bench/): percentiles, F1, data reading, scripts.

No timing here: the benchmark prints figures, it is not a test.
"""
from __future__ import annotations

import argparse
import random

import pytest

from scripts.bench.cli import parse_turn_range
from scripts.bench.nlu import NluScores, read_intent_examples, score_intents, strip_annotations, train_baseline
from scripts.bench.people import CLOSINGS, COUNTRY_ANSWERS, INCIDENT_MESSAGES, conversation_script
from scripts.bench.report import targets
from scripts.bench.settings import BASELINE_C
from scripts.bench.stats import percentile


@pytest.mark.parametrize("values, q, expected", [
    ([1.0], 95, 1.0),
    ([1.0, 2.0, 3.0, 4.0, 5.0], 50, 3.0),
    ([1.0, 2.0, 3.0, 4.0, 5.0], 0, 1.0),
    ([1.0, 2.0, 3.0, 4.0, 5.0], 100, 5.0),
    ([5.0, 1.0, 4.0, 2.0, 3.0], 95, 4.8),
    ([10.0, 20.0], 50, 15.0),
])
def test_percentile_interpolates_like_numpy(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected)


def test_percentile_of_nothing_is_nan():
    assert percentile([], 95) != percentile([], 95)


def test_percentile_matches_numpy_on_many_values():
    numpy = pytest.importorskip("numpy")
    values = [random.Random(1).random() for _ in range(101)]
    for q in (50, 95, 99):
        assert percentile(values, q) == pytest.approx(float(numpy.percentile(values, q)))


def test_perfect_predictions_score_one():
    scores = score_intents(["greet", "deny", "greet"], ["greet", "deny", "greet"])
    assert (scores.macro_f1, scores.accuracy, scores.error_rate) == (1.0, 1.0, 0.0)


def test_fallback_counts_against_the_true_intent_only():
    scores = score_intents(["greet", "greet", "deny", "deny"],
                           ["greet", "nlu_fallback", "deny", "deny"])
    assert scores.per_intent["greet"].recall == 0.5
    assert scores.per_intent["greet"].precision == 1.0
    assert scores.per_intent["deny"].f1 == 1.0
    assert "nlu_fallback" not in scores.per_intent
    assert scores.accuracy == 0.75


def test_an_intent_never_predicted_has_zero_precision_and_f1():
    scores = score_intents(["a", "b"], ["a", "a"])
    assert scores.per_intent["b"] == scores.per_intent["b"].__class__(0.0, 0.0, 0.0, 1)
    assert scores.per_intent["a"].precision == 0.5


def test_macro_f1_matches_sklearn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = random.Random(3)
    labels = ["a", "b", "c", "d"]
    expected = [rng.choice(labels) for _ in range(200)]
    predicted = [e if rng.random() < 0.7 else rng.choice(labels + ["nlu_fallback"]) for e in expected]
    ours = score_intents(expected, predicted)
    theirs = metrics.f1_score(expected, predicted, labels=labels, average="macro", zero_division=0)
    assert ours.macro_f1 == pytest.approx(theirs)
    precision, recall, _, _ = metrics.precision_recall_fscore_support(
        expected, predicted, labels=labels, zero_division=0)
    assert [ours.per_intent[label].precision for label in labels] == pytest.approx(list(precision))
    assert [ours.per_intent[label].recall for label in labels] == pytest.approx(list(recall))


def test_lengths_must_match():
    with pytest.raises(ValueError):
        score_intents(["a"], [])


@pytest.mark.parametrize("text, expected", [
    ("vivo en [Chile](country)", "vivo en Chile"),
    ('soy de [Mendoza]{"entity": "region"}', "soy de Mendoza"),
    ("sin anotaciones", "sin anotaciones"),
])
def test_strip_annotations(text, expected):
    assert strip_annotations(text) == expected


def test_read_intent_examples_skips_lookups_and_reads_every_intent(tmp_path):
    path = tmp_path / "nlu.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hola\n    - buenas\n'
        "- lookup: country\n  examples: |\n    - chile\n"
        "- intent: inform\n  examples: |\n    - vivo en [Chile](country)\n", encoding="utf-8")
    assert read_intent_examples([path]) == [("hola", "greet"), ("buenas", "greet"),
                                            ("vivo en Chile", "inform")]


@pytest.mark.parametrize("value, expected", [("6-8", (6, 8)), ("7", (7, 7)), ("4-4", (4, 4))])
def test_parse_turn_range(value, expected):
    assert parse_turn_range(value) == expected


@pytest.mark.parametrize("value", ["3", "8-6", "2-5"])
def test_parse_turn_range_refuses_too_few_turns(value):
    with pytest.raises(argparse.ArgumentTypeError):
        parse_turn_range(value)


def test_conversation_scripts_are_incident_conversations_of_the_asked_length():
    rng = random.Random(0)
    for _ in range(200):
        messages = conversation_script(rng, (6, 8))
        assert 6 <= len(messages) <= 8
        assert messages[0] in INCIDENT_MESSAGES
        assert messages[1] in COUNTRY_ANSWERS
        assert messages[-1] in CLOSINGS


def test_targets_report_pass_and_fail_honestly():
    from scripts.bench.nlu import IntentScore

    def scores(recall: float, accuracy: float) -> NluScores:
        per = {i: IntentScore(1.0, recall, 1.0, 10) for i in ("express_crisis", "immediate_danger")}
        return NluScores(per, macro_f1=0.95, accuracy=accuracy)

    nlu = {"bot": scores(1.0, 0.96), "baseline": scores(1.0, 0.90)}
    latency = {"people": 20, "turn": {"p95_ms": 900.0, "errors": 0},
               "parse": {"p95_ms": 200.0, "errors": 0}}
    verdicts = {target: met for target, _, met in targets(nlu, latency)}
    assert verdicts["macro-F1 held-out >= 0.90"] is True
    assert verdicts["error rate <= 0.5 x baseline"] is True  # 0.04 / 0.10
    assert verdicts["p95 turn <= 3 x p95 parse (20 people)"] is False  # 4.5
    assert verdicts["zero errors under load"] is True


def test_train_baseline_returns_the_fitted_baseline_with_the_default_c():
    pytest.importorskip("sklearn")
    train = [("hola buenas", "greet"), ("hola qué tal", "greet"),
             ("chao gracias", "goodbye"), ("adiós chao", "goodbye")]
    model = train_baseline(train)
    assert list(model.predict(["hola", "chao"])) == ["greet", "goodbye"]
    assert model[-1].C == BASELINE_C
