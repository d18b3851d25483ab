"""Intent and risk reading of the bot vs a strong baseline, on every test set given.

    PYTHONPATH=. .venv/bin/python scripts/nlu_eval.py tests/nlu/heldout.yml [more.yml ...] \
        [--model models/acompana.tar.gz] [--no-cv]

Prints, per set and for short and long messages separately: intent macro-F1 of the bot (the
trained Rasa model's NLU + read_message) and of the baseline (TF-IDF words 1-2 + chars 2-5,
accents folded, logistic regression, C by cross-validation on the training data), the error
ratio bot/baseline, crisis+danger recall, false alarms on `risk: none` messages and the share
of long incident messages left without an incident. Then 5-fold CV macro-F1 of both on the
training data. The logic is in bot/reading/evaluate.py.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.reading import evaluate  # noqa: E402
from bot.reading.classifier import DEFAULTS, build_pipeline, predict_scores  # noqa: E402


def main() -> int:
    """Run the comparison and print it."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "acompana.tar.gz")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "nlu")
    parser.add_argument("--no-cv", action="store_true", help="skip the 5-fold CV figures")
    options = parser.parse_args()
    # Never print the test messages: Rasa's debug log of a parse includes the text.
    os.environ["LOG_LEVEL"] = os.environ["LOG_LEVEL_LIBRARIES"] = "ERROR"
    logging.disable(logging.WARNING)

    training = evaluate.training_examples(sorted(options.data.glob("*.yml")))
    c, by_c = evaluate.choose_baseline_c(training)
    print(f"baseline C by 3-fold CV on {len(training)} training examples: {c} "
          f"({', '.join(f'C={k}: {v:.3f}' for k, v in by_c.items())})")
    baseline = evaluate.baseline_pipeline(c).fit([t for t, _ in training],
                                                [i for _, i in training])

    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings

    configure_logging_and_warnings(logging.ERROR)
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))

    agent = Agent.load(str(options.model))

    async def parse_all(texts: list[str]) -> list[dict]:
        return [await agent.parse_message(t) for t in texts]

    for path in options.sets:
        examples = evaluate.load_set(path)
        if not examples:
            continue  # a set of conversations, not of messages (scripts/conversation_eval.py)
        texts = [e.text for e in examples]
        bot = [evaluate.bot_prediction(p) for p in asyncio.run(parse_all(texts))]
        base = [evaluate.baseline_prediction(i) for i in baseline.predict(texts)]
        print(f"\n== {path}")
        print(evaluate.format_row("all", evaluate.measure(examples, bot),
                                  evaluate.measure(examples, base)))
        bot_groups = evaluate.split_by_length(examples, bot)
        base_groups = evaluate.split_by_length(examples, base)
        for key in ("short", "long"):
            ex, pr = bot_groups[key]
            if ex:
                print(evaluate.format_row(key, evaluate.measure(ex, pr),
                                          evaluate.measure(*base_groups[key])))
    if not options.no_cv:
        bot_cv = evaluate.cross_validate(
            lambda: build_pipeline(DEFAULTS), training,
            predict=lambda m, texts: [max(s, key=s.get) for s in predict_scores(m, texts)])
        base_cv = evaluate.cross_validate(lambda: evaluate.baseline_pipeline(c), training)
        print(f"\n5-fold CV macro-F1 on the training data: bot classifier {bot_cv:.3f}, "
              f"baseline {base_cv:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
