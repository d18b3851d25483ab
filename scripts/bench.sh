#!/usr/bin/env bash
# Benchmark of Acompaña: NLU quality against a strong TF-IDF baseline on every set (fresh sets
# included), the conversations (expectations met, reply lengths), latency of full conversations
# under load, cold start and training time; then the robustness figures (a 1 MB message,
# turn 300 against turn 10, memory after 5,000 conversations, a sweep over 5,000).
# Prints the figures and a PASS/FAIL line per target; figures are never asserted in tests.
# Usage: scripts/bench.sh [--people 20] [--turns 6-8] [--rounds 3] [--skip-training] [--json F]
source "$(dirname "$0")/lib.sh"
ensure_python_env
[ -f "$MODEL" ] || ensure_model
"$PY" scripts/nlu_eval.py tests/nlu/heldout.yml $(ls tests/fresh/*/*.yml 2>/dev/null) --no-cv || true  # bot vs strong baseline per set
# Conversations: expectations met, reply lengths (fresh set first, then our own tests).
"$PY" -m scripts.conversation_eval tests/fresh/*/conversations.yml tests/conversations/*.yml \
  --risk-sets $(ls tests/fresh/*/risk.yml tests/fresh/*/figurative.yml 2>/dev/null) || true
"$PY" -m scripts.bench "$@"
"$PY" -m scripts.robustness_bench
