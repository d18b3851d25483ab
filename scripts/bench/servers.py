"""The action server and the Rasa server the benchmark starts (and times), and stops."""
from __future__ import annotations

import math
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from scripts.bench.settings import LOGS, ROOT, STARTUP_TIMEOUT
from scripts.http_client import post_json
from scripts.ports import free_port


@dataclass
class Servers:
    """The action server and the Rasa server started for the benchmark."""

    rasa_url: str
    token: str
    actions: subprocess.Popen
    rasa: subprocess.Popen
    cold_start_seconds: float = math.nan
    actions_ready_seconds: float = math.nan


def start_servers(model: Path) -> Servers:
    """Start both servers and time process start → first REST answer (the cold start)."""
    LOGS.mkdir(parents=True, exist_ok=True)
    port, actions_port = free_port(), free_port()
    token = secrets.token_urlsafe(24)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               TF_CPP_MIN_LOG_LEVEL="3", RASA_TELEMETRY_ENABLED="false", SQLALCHEMY_SILENCE_UBER_WARNING="1",
               ACOMPANA_ACTIONS_URL=f"http://127.0.0.1:{actions_port}/webhook",
               ACOMPANA_ENABLE_API="1", ACOMPANA_API_TOKEN=token)
    started = time.monotonic()
    actions = subprocess.Popen(
        [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port)],
        cwd=ROOT, env=env, stdout=open(LOGS / "bench-actions.log", "w"), stderr=subprocess.STDOUT)
    rasa = subprocess.Popen(
        [sys.executable, "-m", "scripts.serve", "--port", str(port), "--model", str(model)],
        cwd=ROOT, env=env, stdout=open(LOGS / "bench-rasa.log", "w"), stderr=subprocess.STDOUT)
    servers = Servers(f"http://127.0.0.1:{port}", token, actions, rasa)
    try:
        import urllib.error
        import urllib.request

        deadline = started + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            for name, process in (("acciones", actions), ("Rasa", rasa)):
                if process.poll() is not None:
                    raise RuntimeError(f"el servidor de {name} terminó ({process.returncode}); ver {LOGS}")
            if math.isnan(servers.actions_ready_seconds):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{actions_port}/health", timeout=2):
                        servers.actions_ready_seconds = time.monotonic() - started
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
            # post_json answers status 0 while the server is not listening yet.
            status, replies = post_json(f"{servers.rasa_url}/webhooks/rest/webhook",
                                        {"sender": "bench-cold-start", "message": "hola"}, timeout=30)
            if status == 200 and replies:
                servers.cold_start_seconds = time.monotonic() - started
                return servers
            time.sleep(0.2)
        raise TimeoutError(f"el bot no respondió en {STARTUP_TIMEOUT} s; ver {LOGS}")
    except BaseException:
        stop_servers(servers)
        raise


def stop_servers(servers: Servers) -> None:
    """Terminate both servers (only the processes this benchmark started)."""
    for process in (servers.rasa, servers.actions):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in (servers.rasa, servers.actions):
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def memory_kib(pid: int) -> dict[str, int]:
    """Resident memory now (``VmRSS``) and at its peak (``VmHWM``) of a process, in KiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found
