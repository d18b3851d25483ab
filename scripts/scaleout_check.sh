#!/usr/bin/env bash
# Scale-out check (run before every release; ~3-5 minutes): PostgreSQL, Redis, nginx, the
# action server and two Rasa servers on 127.0.0.1, conversations whose turns alternate
# between the servers, one server restarted in the middle; checks that nothing was lost,
# that erase and retention work, and that no phone number is stored.
# Installs postgresql, redis-server and nginx from Debian's packages when missing (needs root
# or sudo). Starts private copies on free ports and stops them at the end.
# Usage: scripts/scaleout_check.sh [--keep]     (--keep: leave the temporary folder)
source "$(dirname "$0")/lib.sh"
ensure_python_env
[ -f "$MODEL" ] || ensure_model

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ "${#missing[@]}" -gt 0 ]; then
  say "Instalando ${missing[*]} (paquetes de Debian)"
  if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

exec "$PY" -m scripts.scaleout_check "$@"
