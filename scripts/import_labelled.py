"""Turn labelled message sets (the format of tests/seen/*/ and tests/fresh/*/) into a Rasa NLU
training file, once: ``python -m scripts.import_labelled OUT.yml SET.yml [SET.yml ...]``.

Used for sets that are no longer fresh (``tests/seen/``) and for training messages written by
helpers who had not seen the rest of the data. Each message becomes an example of its
``intent``; a message labelled only with risk becomes ``express_crisis`` / ``immediate_danger``
(``possible`` threats: ``report_threat``); a figurative message without an intent takes its
``incident`` or, failing that, the current classifier's best non-risk intent (marked in a
comment of the generated file). Rasa's entity markup ("[x](y)") is neutralised.

A message already in another training file (same words once accents and punctuation are folded)
is left out, and so is any message that shares five consecutive words with the held-out set
(``tests/nlu/heldout.yml``), which must stay unseen: ``tests/test_nlu_data.py`` checks both.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RISK_INTENTS = ("express_crisis", "immediate_danger")
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
#: A training line may share at most this many consecutive words with a held-out message.
MAX_SHARED_WORDS = 4


def normalise(text: str) -> str:
    """Lower case, accents and punctuation folded, single spaces (as tests/test_nlu_data.py)."""
    text = unicodedata.normalize("NFKD", str(text).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def windows(text: str) -> set[tuple[str, ...]]:
    """Every run of MAX_SHARED_WORDS + 1 consecutive words of ``text``."""
    words = normalise(text).split()
    n = MAX_SHARED_WORDS + 1
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def rasa_examples(path: Path) -> list[str]:
    """The example lines of a Rasa NLU file."""
    from bot.reading.evaluate import training_examples

    return [text for text, _ in training_examples([path])]


def intent_of(message: dict) -> str | None:
    """The training intent of one labelled message (None: to be guessed)."""
    if message.get("intent"):
        return str(message["intent"])
    level, kind = message.get("risk"), message.get("risk_kind")
    if level == "risk":
        return "immediate_danger" if kind == "danger" else "express_crisis"
    if level == "possible":
        if kind == "danger":
            return message.get("incident") or "report_threat"
        return "express_crisis"
    return message.get("incident")


def one_line(text: str) -> str:
    """The text as one Rasa example line (no newlines, no entity markup)."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text.replace("[", "(").replace("]", ")")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--figurative", type=Path,
                        help="write the no-risk messages of risk and figurative sets here "
                             "(the cross-validation of scripts.risk_cv counts false alarms on them)")
    options = parser.parse_args()
    messages = []
    for path in options.sets:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kind = str((data.get("meta") or {}).get("set", ""))
        messages += [(kind, m) for m in data["messages"]]
    figurative = [m for kind, m in messages
                  if options.figurative and kind.startswith(("risk", "figurative"))
                  and m.get("risk", "none") == "none"]
    ids = {id(m) for m in figurative}
    rest = [m for _, m in messages if id(m) not in ids]
    for out, part in ((options.out, rest), (options.figurative, figurative)):
        if out and part:
            write(out, part, options.sets)
    return 0


def write(out_path: Path, messages: list[dict], sets: list[Path]) -> None:
    """Write ``messages`` as a Rasa NLU file."""
    guess_needed = [m for m in messages if intent_of(m) is None]
    guessed: dict[int, str] = {}
    if guess_needed:
        from bot.reading import evaluate
        from bot.reading.classifier import build_pipeline, predict_scores

        training = evaluate.training_examples(sorted((ROOT / "data" / "nlu").glob("*.yml")))
        model = build_pipeline({}).fit([t for t, _ in training], [i for _, i in training])
        for m, scores in zip(guess_needed, predict_scores(model, [m["text"] for m in guess_needed],
                                                          clause_level=False)):
            guessed[id(m)] = max((k for k in scores if k not in RISK_INTENTS), key=scores.get)
    by_intent: dict[str, list[str]] = defaultdict(list)
    seen = {normalise(line) for path in sorted((ROOT / "data" / "nlu").glob("*.yml"))
            if path.resolve() != out_path.resolve() for line in rasa_examples(path)}
    held_out = set().union(*(windows(t) | {(normalise(t),)} for t in rasa_examples(HELDOUT)))
    left_out = 0
    for m in messages:
        line = one_line(m["text"])
        key = normalise(line)
        if not key or key in seen or (key,) in held_out or windows(line) & held_out:
            left_out += bool(key)
            continue
        seen.add(key)
        by_intent[intent_of(m) or guessed[id(m)]].append(line)
    names = ", ".join(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p.name)
                      for p in sets)
    out = ['version: "3.1"', "", f"# Generated by scripts/import_labelled.py from: {names}.",
           f"# {len(guessed)} figurative messages without a label took the classifier's best "
           "non-risk intent.", "", "nlu:"]
    for intent in sorted(by_intent):
        out.append(f"- intent: {intent}")
        out.append("  examples: |")
        out += [f"    - {line}" for line in by_intent[intent]]
    out_path.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{out_path}: {sum(map(len, by_intent.values()))} examples, "
          f"{len(by_intent)} intents, {len(guessed)} guessed, {left_out} left out "
          "(already in the training data or too close to the held-out set)")


if __name__ == "__main__":
    sys.exit(main())
