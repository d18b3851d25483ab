"""Scale-out check: two Rasa servers behind nginx serve the same conversations.

Started by ``scripts/scaleout_check.sh`` (which installs PostgreSQL, Redis and nginx from
Debian's packages when they are missing). Everything runs on 127.0.0.1, on free ports, in a
temporary folder, with private copies of the servers that are stopped and removed at the end:

1. a PostgreSQL cluster (run as the ``postgres`` user when started as root), Redis without
   persistence, the action server, Rasa servers A and B with ``deploy/endpoints.production.yml``,
   and nginx with ``deploy/nginx.conf.template`` (round-robin over A and B);
2. ten incident conversations: seven over REST (with ``ACOMPANA_REST_TOKEN``, straight to
   A and B on 127.0.0.1, turns alternating between them; nginx never forwards REST) and
   three over the web chat's Socket.IO through nginx, each turn on a new socket that
   re-attaches with its signed token (as a browser does after a reconnect);
3. B is stopped in the middle and started again; meanwhile the REST conversations go on on A
   and the web-chat ones through nginx (a token signed by one server is honoured by the
   other); after the restart B must still know every conversation;
4. checks, from the bot's replies and from the ``events`` table: nothing was lost (the
   country given to one server is used by the other, the bot never asks it again), two
   messages sent at the same moment to A and B are both kept, in order (Redis lock), phone
   numbers are not stored, "borrar mis datos" erases the conversation, the quick exit's
   erase route (through nginx) erases a web-chat conversation, nginx forwards neither REST
   nor Rasa's ``/version``, and expired conversations are erased (when read, and by the
   retention sweep).

Prints one PASS/FAIL line per check and the total time; exits 1 when a check fails.
"""
from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from scripts.scaleout_check.check import run_check
from scripts.scaleout_check.rasa_servers import missing_plugins
from scripts.scaleout_check.report import Report
from scripts.scaleout_check.settings import ENDPOINTS, LOGS, MODEL
from scripts.scaleout_check.stack import Stack


def main(argv: Optional[list[str]] = None) -> int:
    """Run the check; exit 1 when any check fails, 2 when the set-up itself failed."""
    parser = argparse.ArgumentParser(prog="python -m scripts.scaleout_check", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, data)")
    parser.add_argument("--endpoints", type=Path, default=ENDPOINTS,
                        help="endpoints file of the Rasa servers (default: deploy/endpoints.production.yml)")
    options = parser.parse_args(argv)
    if not MODEL.exists():
        print(f"Falta el modelo {MODEL}: ejecuta scripts/start.sh o scripts/test.sh.", file=sys.stderr)
        return 2
    missing = missing_plugins(options.endpoints)
    if missing:
        print(f"{options.endpoints} usa {', '.join(missing)}, que no existe en este árbol "
              "(docs/benchmarks.md, «Producción con varios servidores»).", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="acompana-scaleout-"))
    tmp.chmod(0o755)  # the postgres user and nginx's workers must reach their sub-folders
    stack = Stack(tmp, keep=options.keep)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    for name in ("actions", "rasa-a", "rasa-b", "nginx", "redis", "postgres"):
        (LOGS / f"scaleout-{name}.log").unlink(missing_ok=True)
    report = Report()
    started = time.monotonic()
    print("Comprobación de varios servidores (PostgreSQL + Redis + nginx + Rasa A y B)", flush=True)
    try:
        timings = run_check(stack, report, endpoints=options.endpoints.resolve())
    except (RuntimeError, TimeoutError, subprocess.CalledProcessError) as error:
        print(f"\nLa preparación falló: {error}\nRegistros: {LOGS}/scaleout-*.log", file=sys.stderr)
        return 2
    finally:
        stack.close()
    total = time.monotonic() - started
    print(f"\n{len(report.rows) - report.failed}/{len(report.rows)} comprobaciones correctas; "
          f"arranque de A y B {timings['rasa_start_seconds']:.0f} s, reinicio de B "
          f"{timings['restart_b_seconds']:.0f} s, total {total:.0f} s.")
    if report.failed:
        print(f"FALLÓ: {report.failed} comprobación(es). Registros: {LOGS}/scaleout-*.log")
        return 1
    print("TODO BIEN: los servidores comparten las conversaciones sin perder nada.")
    return 0
