"""Cross-validation of the whole reading (not only the classifier) against the strong baseline,
on the training data only: ``python -m scripts.reading_cv [--folds 5]``.

For each fold the intent classifier (``bot.reading.classifier``, the config of config.yml), the
risk classifier (``bot.reading.risk_model``) and the baseline (``bot.reading.evaluate``) are
fitted on the other folds; each held-out example is read as the deployed pipeline reads it
(classifier ranking, the fallback below 0.3, ``read_message`` with the risk scores,
``rasa_intent``) and compared with the baseline's intent. Prints macro-F1 and error ratio for
short and long messages. This is what chooses the reading's thresholds — never a fresh set.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.reading import evaluate, risk_model  # noqa: E402
from bot.reading.classifier import build_pipeline, predict_scores  # noqa: E402
from bot.reading.facts import story_without_facts  # noqa: E402
from bot.reading.model import LONG_MESSAGE  # noqa: E402
from bot.reading.read import rasa_intent, read_message  # noqa: E402

FALLBACK = 0.3


def config() -> dict:
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    entry = next(c for c in pipeline if c["name"].endswith("TfidfIntentClassifier"))
    return {k: v for k, v in entry.items() if k != "name"}


def lookup_tables() -> list[dict]:
    data = yaml.safe_load((ROOT / "data" / "nlu" / "lookups.yml").read_text(encoding="utf-8"))
    return [{"name": b["lookup"], "elements": [line.strip()[2:].strip() for line in
                                               str(b["examples"]).splitlines()
                                               if line.strip().startswith("- ")]}
            for b in data.get("nlu", []) if "lookup" in b]


def bot_intents(model, scorer, texts: list[str], clause_level: bool) -> list[str]:
    out = []
    all_scores = predict_scores(model, texts, clause_level=clause_level)
    risks = risk_model.score(scorer, texts)
    for text, scores, found in zip(texts, all_scores, risks):
        if max(scores, key=scores.get) == "inform":
            story = story_without_facts(text)
            if story:
                again = predict_scores(model, [story], clause_level=clause_level)[0]
                if max(again, key=again.get) != "inform":
                    scores = again
        ranking = sorted(scores.items(), key=lambda kv: -kv[1])
        current = ranking[0][0] if ranking[0][1] >= FALLBACK else "nlu_fallback"
        reading = read_message(text, intent_ranking=ranking, risk_scores=found)
        out.append(rasa_intent(reading, ranking) or current)
    return out


def main() -> int:
    from sklearn.model_selection import StratifiedKFold

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--baseline-c", type=float, default=10.0)
    parser.add_argument("--confusions", action="store_true")
    options = parser.parse_args()
    pairs = evaluate.training_examples(sorted((ROOT / "data" / "nlu").glob("*.yml")))
    texts = [t for t, _ in pairs]
    labels = [i for _, i in pairs]
    cfg, tables = config(), lookup_tables()
    bot: list = [None] * len(texts)
    base: list = [None] * len(texts)
    folds = StratifiedKFold(options.folds, shuffle=True, random_state=0).split(texts, labels)
    for train, test in folds:
        tr_t, tr_l = [texts[i] for i in train], [labels[i] for i in train]
        te_t = [texts[i] for i in test]
        model = build_pipeline(cfg, tables).fit(tr_t, tr_l)
        scorer = risk_model.fit(tr_t, tr_l)
        baseline = evaluate.baseline_pipeline(options.baseline_c).fit(tr_t, tr_l)
        for i, b, p in zip(test, bot_intents(model, scorer, te_t, bool(cfg.get("clause_level"))),
                           baseline.predict(te_t)):
            bot[i], base[i] = b, p
    for name, keep in (("all", lambda t: True), ("short", lambda t: len(t) < LONG_MESSAGE),
                       ("long", lambda t: len(t) >= LONG_MESSAGE)):
        idx = [i for i, t in enumerate(texts) if keep(t)]
        if not idx:
            continue
        exp = [labels[i] for i in idx]
        f_bot = evaluate.macro_f1(exp, [bot[i] for i in idx])
        f_base = evaluate.macro_f1(exp, [base[i] for i in idx])
        ratio = (1 - f_bot) / (1 - f_base) if f_base < 1 else float("nan")
        print(f"{name:<6} n={len(idx):<5} macro-F1 bot {f_bot:.3f} baseline {f_base:.3f} "
              f"error ratio {ratio:.2f}")
        if options.confusions:
            from collections import Counter
            wrong = Counter((labels[i], bot[i]) for i in idx if bot[i] != labels[i])
            base_wrong = Counter((labels[i], base[i]) for i in idx if base[i] != labels[i])
            print("   bot:  " + ", ".join(f"{a}->{b} {n}" for (a, b), n in wrong.most_common(12)))
            print("   base: " + ", ".join(f"{a}->{b} {n}" for (a, b), n in base_wrong.most_common(12)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
