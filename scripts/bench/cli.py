"""Benchmark of Acompaña: NLU quality, latency under load, cold start and training time.

Run ``scripts/bench.sh`` (= ``.venv/bin/python -m scripts.bench``). Options::

    --people 20          simulated people talking at the same time
    --turns 6-8          turns per conversation (a range, or one number)
    --rounds 3           conversations each person holds, one after the other
    --skip-training      do not time ``rasa train`` (it trains a model from scratch)
    --skip-nlu / --skip-latency   run only some parts
    --json PATH          also write every figure as JSON
    --profile PY_SPY     record both servers with py-spy during the load (artifacts/bench/)

It prints a table of figures and one PASS/FAIL line per target (the ``TARGET_*`` constants).
A missed target is reported, not raised: the exit code is non-zero only when the benchmark
crashes.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import warnings
from pathlib import Path
from typing import Optional

from scripts.bench.load import run_latency
from scripts.bench.nlu import run_nlu
from scripts.bench.report import jsonable, print_report, targets
from scripts.bench.settings import MODEL
from scripts.bench.training import time_training


def parse_turn_range(value: str) -> tuple[int, int]:
    """``"6-8"`` → ``(6, 8)``; ``"7"`` → ``(7, 7)``. At least 4 turns (case + one question)."""
    low, _, high = value.partition("-")
    bounds = (int(low), int(high or low))
    if bounds[0] < 4 or bounds[1] < bounds[0]:
        raise argparse.ArgumentTypeError("--turns must be N or MIN-MAX with 4 <= MIN <= MAX")
    return bounds


def main(argv: Optional[list[str]] = None) -> int:
    """Run the parts asked for and print the report."""
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--turns", type=parse_turn_range, default=(6, 8))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--skip-nlu", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--json", type=Path, help="write every figure to this file as well")
    parser.add_argument("--profile", metavar="PY_SPY", help="py-spy binary: profile the servers under load")
    options = parser.parse_args(argv)
    if not options.model.exists():
        print(f"Falta el modelo {options.model}: ejecuta scripts/start.sh o scripts/test.sh.", file=sys.stderr)
        return 2
    if options.profile and not shutil.which(options.profile):
        print(f"No encuentro py-spy en {options.profile}", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

    nlu = latency = training = None
    if not options.skip_nlu:
        print("Midiendo la comprensión (modelo y baseline)...", flush=True)
        nlu = run_nlu(options.model)
    if not options.skip_latency:
        print(f"Midiendo la latencia con {options.people} personas...", flush=True)
        latency = run_latency(options.model, people=options.people, turns=options.turns,
                              rounds=options.rounds, seed=options.seed, py_spy=options.profile)
    if not options.skip_training:
        print("Midiendo el tiempo de entrenamiento (varios minutos)...", flush=True)
        training = time_training()
    print_report(nlu, latency, training)
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        rows = [{"target": t, "measured": m, "met": ok} for t, m, ok in targets(nlu, latency)]
        options.json.write_text(json.dumps(jsonable(
            {"nlu": nlu, "latency": latency, "training": training, "targets": rows}),
            ensure_ascii=False, indent=2), encoding="utf-8")
    return 0
