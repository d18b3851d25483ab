"""Where the benchmark reads and writes, its targets and its time limits."""
from __future__ import annotations

from pathlib import Path

from bot.reading.intents import RISK_INTENT

#: The repository (scripts/bench/ is two levels below it).
ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "acompana.tar.gz"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
NLU_DIR = ROOT / "data" / "nlu"
LOGS = ROOT / "artifacts" / "logs"
BENCH_DIR = ROOT / "artifacts" / "bench"

#: Intents that must never be missed.
SAFETY_INTENTS = tuple(RISK_INTENT.values())
#: Minimum intent macro-F1 on the held-out file.
TARGET_MACRO_F1 = 0.90
#: Minimum recall of each safety intent.
TARGET_SAFETY_RECALL = 1.0
#: Largest allowed ratio between the bot's intent error rate and the baseline's.
TARGET_ERROR_RATIO = 0.5
#: Largest allowed ratio between p95 of a full turn and p95 of bare ``/model/parse``.
TARGET_TURN_TO_PARSE_P95 = 3.0
#: Seconds a cold server may take before the benchmark gives up.
STARTUP_TIMEOUT = 300
#: Seconds one HTTP request may take before it counts as an error.
REQUEST_TIMEOUT = 120
#: Regularisation strength of the textbook baseline: scikit-learn's default, not tuned (the
#: strong baseline with C chosen by cross-validation is scripts/nlu_eval.py's).
BASELINE_C = 1.0
#: Reply fragments that mean the bot failed inside (custom action or channel error answers).
FAILURE_MARKERS = ("tuve un problema técnico",)
#: Reply fragment of the clarifying question (the bot did not understand; not an error).
CLARIFY_MARKER = "no tengo claro si te entendí"
