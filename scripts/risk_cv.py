"""Cross-validation of the risk reading on the training data only (never a fresh set).

    PYTHONPATH=. .venv/bin/python -m scripts.risk_cv

For each fold (5, stratified by risk label) the risk classifier of ``bot.reading.risk_model``
is fitted on the other folds and joined with the rules (``bot.reading.risk``) by
``risk_model.decide``. Prints, for a grid of C and thresholds: recall of crisis + danger
examples (``risk`` or ``possible`` counts as answered safely), the share answered ``risk``,
and false alarms on the figurative examples (``data/nlu/*figurative*.yml``; ``possible`` counts
half) and on every other no-risk example (at most :data:`OTHER_BUDGET`; long ones at most
:data:`LONG_BUDGET`). Short and long
messages (``risk_model.LONG_FROM_WORDS``) have thresholds of their own; the two subsets are
disjoint, so their counts are computed apart and added. The constants of
``bot/reading/risk_model.py`` are the row this prints as chosen: the highest recall whose
figurative false alarms stay within :data:`FALSE_ALARM_BUDGET`.
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
#: False alarms allowed on the other no-risk examples (greetings, answers, incidents).
OTHER_BUDGET = 0.03
#: False alarms allowed on long no-risk messages (stories): read in many windows, they are where
#: the model over-fires, and a crisis block in front of a long story is what people notice.
LONG_BUDGET = 0.15
CS = (3.0, 10.0, 30.0)
RISK_FROM = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
POSSIBLE_FROM = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
VETO_BELOW = (0.0, 0.1, 0.2, 0.3)
STRONG_VETO_BELOW = (0.0, 0.02, 0.05)
LIFT_MIN_WORDS = (3, 4)
VETO_MIN_WORDS = (0, 6, 10)
LONG_READS = ("whole", "windows")
#: The model alone (no rule signal) makes ``risk`` only from this score; 1.01 = never.
ALONE_RISK_FROM = (0.0, 0.8, 0.9, 1.01)
ALARM = {"risk": 1.0, "possible": 0.5}


def _stats(indices, decide_one) -> tuple:
    """(safe, urgent, positives, figurative alarm, figurative n, other alarm, other n)."""
    safe = urgent = positives = 0
    fig_alarm = fig_n = other_alarm = other_n = 0.0
    for i, label, figurative in indices:
        got = decide_one(i)
        if label != "none":
            positives += 1
            safe += got != "none"
            urgent += got == "risk"
        elif figurative:
            fig_alarm, fig_n = fig_alarm + ALARM.get(got, 0.0), fig_n + 1
        else:
            other_alarm, other_n = other_alarm + ALARM.get(got, 0.0), other_n + 1
    return safe, urgent, positives, fig_alarm, fig_n, other_alarm, other_n


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
    long_ = [w >= risk_model.LONG_FROM_WORDS for w in words]
    short_idx = [(i, labels[i], figurative[i]) for i in range(len(texts)) if not long_[i]]
    long_idx = [(i, labels[i], figurative[i]) for i in range(len(texts)) if long_[i]]
    print(f"{len(texts)} training examples: {labels.count('crisis')} crisis, "
          f"{labels.count('danger')} danger, {sum(figurative)} figurative; "
          f"{len(long_idx)} long ({risk_model.LONG_FROM_WORDS}+ words)")
    thresholds = [(r, p) for r, p in itertools.product(RISK_FROM, POSSIBLE_FROM) if p < r]
    rows = []
    for c in CS:
        by_read: dict = {read: [None] * len(texts) for read in LONG_READS}
        folds = StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels)
        for train, test in folds:
            model = risk_model.build(c).fit([texts[i] for i in train], [labels[i] for i in train])
            for read in LONG_READS:
                found = risk_model.score(model, [texts[i] for i in test], long_read=read)
                for i, s in zip(test, found):
                    by_read[read][i] = s
        for veto, sveto, lift, veto_words, read, alone in itertools.product(
                VETO_BELOW, STRONG_VETO_BELOW, LIFT_MIN_WORDS, VETO_MIN_WORDS, LONG_READS,
                ALONE_RISK_FROM):
            scores = by_read[read]

            def decider(r, p, scores=scores, alone=alone):
                return lambda i: risk_model.decide(
                    rules[i], scores[i], helper=helper[i], words=words[i], risk_from=r,
                    possible_from=p, risk_from_long=r, possible_from_long=p, veto_below=veto,
                    strong_veto_below=sveto, lift_min_words=lift,
                    veto_min_words=veto_words, long_read=read, alone_risk_from=alone).level
            short = {t: _stats(short_idx, decider(*t)) for t in thresholds}
            long_stats = {t: _stats(long_idx, decider(*t)) for t in thresholds}
            for ts, tl in itertools.product(thresholds, thresholds):
                a, b = short[ts], long_stats[tl]
                safe, urgent, pos, fa, fn, oa, on = (x + y for x, y in zip(a, b))
                rows.append((c, ts, tl, (veto, sveto, lift, veto_words, read, alone), safe / pos,
                             urgent / pos, fa / max(fn, 1), oa / max(on, 1),
                             (b[3] + b[5]) / max(b[4] + b[6], 1)))
    rules_only = [(r.level != "none") for r, l in zip(rules, labels) if l != "none"]
    fig_rules = [ALARM.get(r.level, 0.0) for r, l, f in zip(rules, labels, figurative)
                 if l == "none" and f]
    other_rules = [ALARM.get(r.level, 0.0) for r, l, f in zip(rules, labels, figurative)
                   if l == "none" and not f]
    print(f"rules alone: recall {sum(rules_only) / len(rules_only):.3f}, figurative false "
          f"alarms {sum(fig_rules) / max(len(fig_rules), 1):.3f}, other false alarms "
          f"{sum(other_rules) / max(len(other_rules), 1):.3f}")
    rows = [r for r in rows if r[7] <= OTHER_BUDGET and r[8] <= LONG_BUDGET] or rows
    within = [r for r in rows if r[6] <= FALSE_ALARM_BUDGET] or [min(rows, key=lambda r: r[6])]
    # Recall first (a check-in counts as safe, as in the issue), then the most answered
    # ``risk`` (with the lines, not a check-in), then the fewest false alarms. Choosing by the
    # fewest false alarms within a recall tolerance instead was tried (2026-12-02): it picked
    # "the model alone never gives the lines" and a person with pills at hand got a check-in.
    best = max(within, key=lambda r: (r[4], r[5], -r[6], -r[7]))
    print("C     (risk, possible) short / long   (veto, strong, lift/veto words, long read)  recall  "
          "as_risk  fig_FA  other_FA  long_FA")
    frontier = []
    for budget in (0.05, 0.075, 0.1, 0.125, 0.15, 0.2):
        ok = [r for r in rows if r[6] <= budget]
        if ok:
            frontier.append(max(ok, key=lambda r: (r[4], r[5], -r[6], -r[7])))
    for r in frontier:
        mark = "  <- chosen" if r == best else ""
        print(f"{r[0]:<5} {str(r[1]):<11} {str(r[2]):<11}     {str(r[3]):<33} {r[4]:.3f}   "
              f"{r[5]:.3f}    {r[6]:.3f}   {r[7]:.3f}     {r[8]:.3f}{mark}")
    print(f"chosen: C={best[0]} (RISK_FROM, POSSIBLE_FROM)={best[1]} (RISK_FROM_LONG, "
          f"POSSIBLE_FROM_LONG)={best[2]} (VETO_BELOW, STRONG_VETO_BELOW, LIFT_MIN_WORDS, "
          f"VETO_MIN_WORDS, LONG_READ, ALONE_RISK_FROM)={best[3]} (recall {best[4]:.3f}, figurative false alarms "
          f"{best[6]:.3f}, other {best[7]:.3f}, long {best[8]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
