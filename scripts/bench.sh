#!/usr/bin/env bash
# Benchmark of Acompaña: NLU quality against a TF-IDF baseline, latency of full conversations
# under load, cold start and training time. Prints the figures and a PASS/FAIL line per target.
# Usage: scripts/bench.sh [--people 20] [--turns 6-8] [--rounds 3] [--skip-training] [--json F]
source "$(dirname "$0")/lib.sh"
ensure_python_env
[ -f "$MODEL" ] || ensure_model
"$PY" scripts/nlu_eval.py tests/nlu/heldout.yml $(ls tests/fresh/*/*.yml 2>/dev/null) --no-cv || true  # READING: bot vs baseline per set
exec "$PY" -m scripts.bench "$@"
