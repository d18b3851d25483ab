#!/usr/bin/env bash
# Run every check of Acompaña, setting up whatever is missing first: data validation,
# unit tests, NLU held-out accuracy, conversation tests, Telegram and web-widget tests.
# Exits non-zero on any failure (pytest's "no tests collected" counts as a failure).
source "$(dirname "$0")/lib.sh"
ensure_python_env
ensure_system_packages() {
  if [ ! -x /usr/bin/chromium ]; then
    say "Instalando Chromium de Debian para la prueba del widget"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi
  fi
}
ensure_system_packages
ensure_web_assets
render_generated
export ACOMPANA_REQUIRE_BROWSER=1

say "Comprobando los datos de entrenamiento (rasa data validate)"
"$VENV/bin/rasa" data validate --config config.yml --domain domain.yml --data data --quiet

ensure_model

say "Pruebas (pytest)"
set +e
"$PY" -m pytest
status=$?
set -e
if [ "$status" -eq 5 ]; then echo "pytest no encontró ninguna prueba: eso es un fallo." >&2; exit 1; fi
[ "$status" -eq 0 ] || exit "$status"

say "Pruebas de conversación (rasa test, tests/test_stories.yml)"
"$PY" -m scripts.conversation_tests
say "Todo en orden."
