"""Cross-validation of question reading on its training corpus only (never a fresh set).

    PYTHONPATH=. .venv/bin/python -m scripts.question_cv

The corpus is ``corpus/questions/*.yml`` plus the examples of ``bot/knowledge/questions.yml``
(``bot.reading.question_model.corpus``). For 5 stratified folds the classifier is fitted on
four and read on the fifth; the cues (which learn nothing) read every text. Prints accuracy
and macro-F1 over the question ids and ``none`` for: the cues alone, the model alone, and
the two ways of joining them at several probability thresholds; the constants of
``question_model`` are the best row.
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.reading import question_model  # noqa: E402
from bot.reading.questions import read_question  # noqa: E402

CS = (10.0, 30.0, 100.0)
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
JOINS = ("cues_first", "model_first")
#: Rows whose macro-F1 is this close to the best count as equal.
TOLERANCE = 0.002


def main() -> int:
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    texts, labels = question_model.corpus()
    cues = [read_question(t) for t in texts]
    cue_labels = [c or question_model.NONE for c in cues]
    print(f"{len(texts)} texts, {len(set(labels))} labels")

    def figures(found):
        return accuracy_score(labels, found), f1_score(labels, found, average="macro")

    rows = [("cues alone", None, None, *figures(cue_labels))]
    for c in CS:
        predicted = [None] * len(texts)
        for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels):
            fitted = question_model.build(c).fit([texts[i] for i in train], [labels[i] for i in train])
            for i, p in zip(test, question_model.predict([texts[i] for i in test], fitted)):
                predicted[i] = p
        for join, threshold in itertools.product(JOINS, THRESHOLDS):
            found = [question_model.combine(cue, p, join=join, min_probability=threshold)
                     or question_model.NONE for cue, p in zip(cues, predicted)]
            rows.append((join, c, threshold, *figures(found)))
        rows.append(("model alone", c, 0.0, *figures([p[0] for p in predicted])))
    # The best macro-F1; among rows within TOLERANCE of it, the highest threshold (a wrong
    # answer put first is worse than the broad answer), then the best accuracy.
    learned = [r for r in rows if r[1] is not None]
    top = max(r[4] for r in learned)
    best = max((r for r in learned if r[4] >= top - TOLERANCE), key=lambda r: (r[2], r[3]))
    print(f"{'how':<12} {'C':>5} {'from':>5}  accuracy  macro-F1")
    for r in rows:
        mark = "  <- chosen" if r is best else ""
        c = "" if r[1] is None else f"{r[1]:g}"
        t = "" if r[2] is None else f"{r[2]:g}"
        print(f"{r[0]:<12} {c:>5} {t:>5}  {r[3]:.3f}     {r[4]:.3f}{mark}")
    print(f"chosen: JOIN={best[0]!r} C={best[1]} MIN_PROBABILITY={best[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
