"""Cross-validation of the risk reading on the training data only (never a fresh set).

    PYTHONPATH=. .venv/bin/python -m scripts.risk_cv

For each fold (5, stratified by risk label) the risk classifier of ``bot.reading.risk_model``
is fitted on the other folds and joined with the rules (``bot.reading.risk``) by
``risk_model.decide``. Prints, for a grid of C and thresholds: recall of crisis + danger
examples (``risk`` or ``possible`` counts as answered safely), the share answered ``risk``,
and false alarms on the figurative examples (``data/nlu/*figurative*.yml``; ``possible`` counts
half) and on every other no-risk example (at most :data:`OTHER_BUDGET`). The constants of ``bot/reading/risk_model.py`` are
the row this prints as chosen: the highest recall whose figurative false alarms stay within
:data:`FALSE_ALARM_BUDGET`.
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.reading import evaluate, risk, risk_model  # noqa: E402
from bot.reading.writer import read_writer  # noqa: E402

#: The issue's target is 0.05; no row reaches it on the training data (docs/reading.md), so the
#: chosen row is the highest recall within this budget, the frontier printed beside it.
FALSE_ALARM_BUDGET = 0.15
CS = (3.0, 10.0, 30.0)
RISK_FROM = (0.5, 0.6, 0.7, 0.8, 0.9)
POSSIBLE_FROM = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
VETO_BELOW = (0.0, 0.1, 0.2, 0.3)
STRONG_VETO_BELOW = (0.0, 0.02, 0.05)
LIFT_MIN_WORDS = (3, 4)
VETO_MIN_WORDS = (0, 6, 10)
#: False alarms allowed on the other no-risk examples (greetings, answers, incidents).
OTHER_BUDGET = 0.03


def main() -> int:
    from sklearn.model_selection import StratifiedKFold

    paths = sorted((ROOT / "data" / "nlu").glob("*.yml"))
    pairs, figurative = [], []
    for path in paths:
        found = evaluate.training_examples([path])
        pairs += found
        figurative += [("figurative" in path.name)] * len(found)
    texts = [t for t, _ in pairs]
    labels = [risk_model.label_of(i) for _, i in pairs]
    rules = [risk.assess_whole_message(t) for t in texts]
    helper = [read_writer(t) in ("parent", "teacher", "friend", "witness") for t in texts]
    words = [len(t.split()) for t in texts]
    print(f"{len(texts)} training examples: {labels.count('crisis')} crisis, "
          f"{labels.count('danger')} danger, {sum(figurative)} figurative")
    rows = []
    for c in CS:
        scores: list = [None] * len(texts)
        folds = StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels)
        for train, test in folds:
            model = risk_model.build(c).fit([texts[i] for i in train], [labels[i] for i in train])
            for i, s in zip(test, risk_model.score(model, [texts[i] for i in test])):
                scores[i] = s
        for r_from, p_from, veto, sveto, lift, veto_words in itertools.product(
                RISK_FROM, POSSIBLE_FROM, VETO_BELOW, STRONG_VETO_BELOW, LIFT_MIN_WORDS,
                VETO_MIN_WORDS):
            if p_from >= r_from:
                continue
            safe = urgent = positives = 0
            fig_alarm = fig_n = other_alarm = other_n = 0.0
            for i in range(len(texts)):
                got = risk_model.decide(rules[i], scores[i], helper=helper[i], words=words[i],
                                        risk_from=r_from, possible_from=p_from, veto_below=veto,
                                        strong_veto_below=sveto, lift_min_words=lift,
                                        veto_min_words=veto_words).level
                if labels[i] != "none":
                    positives += 1
                    safe += got != "none"
                    urgent += got == "risk"
                else:
                    alarm = {"risk": 1.0, "possible": 0.5}.get(got, 0.0)
                    if figurative[i]:
                        fig_alarm, fig_n = fig_alarm + alarm, fig_n + 1
                    else:
                        other_alarm, other_n = other_alarm + alarm, other_n + 1
            rows.append((c, r_from, p_from, (veto, sveto, lift, veto_words), safe / positives, urgent / positives,
                         fig_alarm / max(fig_n, 1), other_alarm / max(other_n, 1)))
    rules_only = [(r.level != "none") for r, l in zip(rules, labels) if l != "none"]
    fig_rules = [({"risk": 1.0, "possible": 0.5}.get(r.level, 0.0))
                 for r, l, f in zip(rules, labels, figurative) if l == "none" and f]
    other_rules = [({"risk": 1.0, "possible": 0.5}.get(r.level, 0.0))
                   for r, l, f in zip(rules, labels, figurative) if l == "none" and not f]
    print(f"rules alone: recall {sum(rules_only) / len(rules_only):.3f}, figurative false "
          f"alarms {sum(fig_rules) / max(len(fig_rules), 1):.3f}, other false alarms "
          f"{sum(other_rules) / max(len(other_rules), 1):.3f}")
    rows = [r for r in rows if r[7] <= OTHER_BUDGET] or rows
    within = [r for r in rows if r[6] <= FALSE_ALARM_BUDGET] or [min(rows, key=lambda r: r[6])]
    best = max(within, key=lambda r: (r[4], r[5], -r[6], -r[7]))
    print("C     risk_from possible_from (veto, strong, lift/veto words)  recall  as_risk  fig_FA  other_FA")
    frontier = []
    for budget in (0.05, 0.075, 0.1, 0.125, 0.15, 0.2):
        ok = [r for r in rows if r[6] <= budget]
        if ok:
            frontier.append(max(ok, key=lambda r: (r[4], r[5], -r[6], -r[7])))
    for r in frontier:
        mark = "  <- chosen" if r == best else ""
        print(f"{r[0]:<5} {r[1]:<9} {r[2]:<13} {str(r[3]):<32} {r[4]:.3f}   {r[5]:.3f}    {r[6]:.3f}   "
              f"{r[7]:.3f}{mark}")
    print(f"chosen: C={best[0]} RISK_FROM={best[1]} POSSIBLE_FROM={best[2]} VETO_BELOW, STRONG_VETO_BELOW, LIFT_MIN_WORDS, VETO_MIN_WORDS={best[3]}"
          f" (recall {best[4]:.3f}, figurative false alarms {best[6]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
