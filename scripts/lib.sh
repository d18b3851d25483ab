# Shared set-up steps for scripts/start.sh and scripts/test.sh. Each step does nothing when
# its work is already done, so both commands are safe to run again and again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
MODEL="$ROOT/models/acompana.tar.gz"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore
export RASA_TELEMETRY_ENABLED=false

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

find_python310() {
  for candidate in "${ACOMPANA_PYTHON:-}" "$(command -v pyenv >/dev/null 2>&1 && echo "$(pyenv root)/versions/3.10.13/bin/python")" \
      "$HOME/.pyenv/versions/3.10.13/bin/python" "$(command -v python3.10 || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "No Python 3.10 found. Install it (e.g. 'pyenv install 3.10.13') or set ACOMPANA_PYTHON." >&2
  return 1
}

# 1. Python environment (.venv) with the packages of pyproject.toml, every version pinned by
#    constraints.txt (the same set for start.sh and test.sh: a reproducible set-up).
ensure_python_env() {
  local stamp="$VENV/.acompana-installed" want
  want="$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
  if [ ! -x "$PY" ]; then
    say "Creando el entorno de Python en .venv (sólo la primera vez, ~2 minutos)"
    "$(find_python310)" -m venv "$VENV"
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Instalando dependencias de Python"
    "$PY" -m pip install --quiet --upgrade pip
    "$PY" -m pip install --quiet -c constraints.txt -e ".[test,spacy]"
    echo "$want" > "$stamp"
  fi
}

# 2. JavaScript for the web chat (socket.io-client), served locally: no CDN at run time.
ensure_web_assets() {
  [ -f web/package.json ] || return 0
  local stamp="web/node_modules/.acompana-installed" want
  want="$(cat web/package.json web/package-lock.json 2>/dev/null | sha256sum | cut -c1-16)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Instalando el widget web (npm)"
    npm ci --prefix web --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
}

# 3. Files generated from bot/knowledge (crisis replies in domain.yml, NLU lookup tables).
render_generated() {
  "$PY" -m scripts.render_domain
}

# 4. The Rasa model, trained only when the data, the domain or the configuration changed.
ensure_model() {
  local stamp="$ROOT/models/.fingerprint" want
  # The data and the code of the trained components: a change of either retrains.
  want="$(cat config.yml domain.yml $(find data -name '*.yml' | sort) extensions/*.py \
    bot/reading/classifier.py bot/reading/risk_model.py | sha256sum | cut -c1-16)"
  if [ ! -f "$MODEL" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Entrenando el modelo (1–3 minutos)"
    mkdir -p models
    "$VENV/bin/rasa" train --config config.yml --domain domain.yml --data data \
      --out models --fixed-model-name acompana --quiet
    echo "$want" > "$stamp"
  fi
}
