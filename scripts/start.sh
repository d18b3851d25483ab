#!/usr/bin/env bash
# Set up Acompaña (first run only) and start it: the action server and the Rasa server with the
# web chat at http://localhost:5005/chat/ . No token or external service is needed.
# Usage: scripts/start.sh          web chat on localhost (default)
#        scripts/start.sh shell    chat in this terminal instead
source "$(dirname "$0")/lib.sh"
ensure_python_env
ensure_web_assets
render_generated
ensure_model

PORT="${ACOMPANA_PORT:-5005}"
ACTIONS_PORT="${ACOMPANA_ACTIONS_PORT:-5055}"
export ACOMPANA_ACTIONS_URL="http://127.0.0.1:${ACTIONS_PORT}/webhook"
# The action server answers only this machine (extensions/action_auth.py; rasa-sdk reads
# SANIC_HOST). A split deployment sets ACOMPANA_ACTIONS_HOST and ACOMPANA_ACTIONS_TOKEN.
export SANIC_HOST="${ACOMPANA_ACTIONS_HOST:-127.0.0.1}"

say "Arrancando el servidor de acciones (puerto $ACTIONS_PORT)"
"$VENV/bin/rasa" run actions --actions actions --port "$ACTIONS_PORT" --quiet &
ACTIONS_PID=$!
trap 'kill $ACTIONS_PID 2>/dev/null || true' EXIT INT TERM

if [ "${1:-}" = "shell" ]; then
  "$VENV/bin/rasa" shell --model "$MODEL" --endpoints endpoints.yml --quiet
else
  say "Abre http://localhost:${PORT}/chat/ en tu navegador (Ctrl+C para parar)"
  "$VENV/bin/python" -m scripts.serve --port "$PORT"
fi
