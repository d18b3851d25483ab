#!/usr/bin/env bash
# Run every check of Acompaña, setting up whatever is missing first: data validation,
# unit tests, NLU held-out accuracy, conversation tests, Telegram and web-widget tests,
# fault and fuzz tests against a running bot, and the multi-server (scale-out) check.
# Exits non-zero on any failure (pytest's "no tests collected" counts as a failure).
source "$(dirname "$0")/lib.sh"
ensure_python_env
# Debian packages the checks use: Chromium (web widget test); PostgreSQL, Redis and nginx
# (scale-out check). Installed once, in one go.
ensure_system_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ "${#missing[@]}" -eq 0 ] && return 0
  say "Instalando paquetes de Debian: ${missing[*]}"
  local sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    "${missing[@]}" >/dev/null
}
ensure_system_packages
ensure_web_assets
render_generated
export ACOMPANA_REQUIRE_BROWSER=1 ACOMPANA_REQUIRE_MODEL=1

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

say "Varios servidores: PostgreSQL + Redis + nginx (scripts/scaleout_check.sh)"
scripts/scaleout_check.sh
say "Todo en orden."
