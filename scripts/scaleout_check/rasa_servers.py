"""The Rasa servers A and B with the production endpoints, started the documented way."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from scripts.http_client import post_json
from scripts.scaleout_check.postgres import Database
from scripts.scaleout_check.settings import (
    ID_SALT,
    MODEL,
    REST_HEADERS,
    REST_TOKEN,
    RETENTION_HOURS,
    ROOT,
    STARTUP_TIMEOUT,
    WEBCHAT_SECRET,
)
from scripts.scaleout_check.stack import Stack, wait_until


def rasa_env(db: Database, redis_port: int, actions_port: int) -> dict[str, str]:
    """Environment of the production mode (the variables deploy/endpoints.production.yml reads)."""
    return dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        TF_CPP_MIN_LOG_LEVEL="3", RASA_TELEMETRY_ENABLED="false",
        SQLALCHEMY_SILENCE_UBER_WARNING="1", PYTHONWARNINGS="ignore",
        ACOMPANA_ACTIONS_URL=f"http://127.0.0.1:{actions_port}/webhook",
        ACOMPANA_DB_HOST=db.host, ACOMPANA_DB_PORT=str(db.port), ACOMPANA_DB_NAME=db.name,
        ACOMPANA_DB_USER=db.user, ACOMPANA_DB_PASSWORD=db.password,
        ACOMPANA_REDIS_HOST="127.0.0.1", ACOMPANA_REDIS_PORT=str(redis_port), ACOMPANA_REDIS_DB="1",
        ACOMPANA_RETENTION_HOURS=str(RETENTION_HOURS),
        # The shared secret deploy/endpoints.production.yml sends to the action server.
        ACOMPANA_ACTIONS_TOKEN=os.environ.get("ACOMPANA_ACTIONS_TOKEN") or secrets.token_urlsafe(24),
        ACOMPANA_ENV="production", ACOMPANA_REST_TOKEN=REST_TOKEN,
        ACOMPANA_WEBCHAT_SECRET=WEBCHAT_SECRET, ACOMPANA_ID_SALT=ID_SALT,
        # every socket of the check comes from 127.0.0.1 through nginx
        ACOMPANA_WEBCHAT_SESSIONS_PER_HOUR="0",
    )


def serve_reads_endpoints_setting() -> bool:
    """True once bot/settings.py reads ACOMPANA_ENDPOINTS (then scripts/serve.py honours it)."""
    from dataclasses import fields

    from bot.settings import Settings

    return "endpoints" in {f.name for f in fields(Settings)}


def start_rasa(stack: Stack, name: str, port: int, env: dict[str, str], endpoints: Path) -> subprocess.Popen:
    """One Rasa server with the production endpoints, started the documented way
    (``python -m scripts.serve`` with ACOMPANA_ENDPOINTS) when scripts/serve.py supports it,
    else with ``rasa run`` directly (same arguments)."""
    if serve_reads_endpoints_setting():
        return stack.spawn(name, [sys.executable, "-m", "scripts.serve", "--port", str(port),
                                  "--model", str(MODEL)], env=dict(env, ACOMPANA_ENDPOINTS=str(endpoints)))
    return stack.spawn(name, [sys.executable, "-m", "rasa", "run", "--model", str(MODEL),
                              "--credentials", str(ROOT / "credentials.yml"),
                              "--endpoints", str(endpoints), "--port", str(port),
                              "--interface", "127.0.0.1", "--quiet"], env=env)


def wait_rasa(name: str, url: str, process: subprocess.Popen) -> float:
    """Wait until the server answers a REST message (model loaded, database reachable)."""
    def answers() -> bool:
        status, replies = post_json(f"{url}/webhooks/rest/webhook",
                                    {"sender": f"scaleout-warmup-{name}", "message": "hola"}, timeout=30,
                                    headers=REST_HEADERS)
        return status == 200 and bool(replies)

    return wait_until(f"Rasa {name}", answers, timeout=STARTUP_TIMEOUT, processes=(process,))


def missing_plugins(endpoints: Path) -> list[str]:
    """Custom store classes named in the endpoints file whose module cannot be found."""
    import importlib.util

    import yaml

    data = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    missing = []
    for section in ("tracker_store", "lock_store"):
        kind = str((data.get(section) or {}).get("type") or "")
        module = kind.rpartition(".")[0]
        if module:
            try:
                found = importlib.util.find_spec(module) is not None
            except ModuleNotFoundError:
                found = False
            if not found:
                missing.append(kind)
    return missing
