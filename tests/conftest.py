"""Shared fixtures: a real running bot (Rasa server + action server) for end-to-end tests."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from scripts.http_client import post_json  # noqa: F401 - used by the tests
from scripts.ports import free_port  # noqa: F401 - used by the tests
from tests.model import require_model

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "artifacts" / "logs"
#: Seconds a cold Rasa server may take to load TensorFlow and the model on a busy machine.
STARTUP_TIMEOUT = 240


def wait_http(url: str, *, timeout: float, process: subprocess.Popen) -> None:
    """Wait until ``url`` answers 200, failing early if ``process`` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; see {LOGS}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def start_bot(*, port: int, actions_port: int, env_extra: dict[str, str] | None = None,
              name: str = "bot", with_actions: bool = True) -> list[subprocess.Popen]:
    """Start the action server (optional) and the Rasa server; return the processes."""
    model = require_model()
    LOGS.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3",
               RASA_TELEMETRY_ENABLED="false",
               ACOMPANA_ACTIONS_URL=f"http://127.0.0.1:{actions_port}/webhook")
    env.update(env_extra or {})
    processes = []
    if with_actions:
        actions = subprocess.Popen(
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port)],
            cwd=ROOT, env=env, stdout=open(LOGS / f"{name}-actions.log", "w"), stderr=subprocess.STDOUT)
        processes.append(actions)
    server = subprocess.Popen(
        [sys.executable, "-m", "scripts.serve", "--port", str(port), "--model", str(model)],
        cwd=ROOT, env=env, stdout=open(LOGS / f"{name}-rasa.log", "w"), stderr=subprocess.STDOUT)
    processes.append(server)
    try:
        if with_actions:
            wait_http(f"http://127.0.0.1:{actions_port}/health", timeout=STARTUP_TIMEOUT,
                      process=processes[0])
        wait_http(f"http://127.0.0.1:{port}/", timeout=STARTUP_TIMEOUT, process=server)
    except Exception:
        stop(processes)
        raise
    return processes


def stop(processes: list[subprocess.Popen]) -> None:
    """Terminate the processes and wait for them."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def bot_server() -> Iterator[str]:
    """Base URL of a running Acompaña (Rasa + actions) on 127.0.0.1."""
    port, actions_port = free_port(), free_port()
    processes = start_bot(port=port, actions_port=actions_port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(processes)


def say(base_url: str, sender: str, text: str) -> list[dict]:
    """Send one message over REST and return the bot's replies."""
    status, replies = post_json(f"{base_url}/webhooks/rest/webhook", {"sender": sender, "message": text})
    assert status == 200, (status, replies)
    assert isinstance(replies, list)
    return replies


def texts(replies: list[dict]) -> str:
    """All reply texts joined, for `in` assertions."""
    return "\n".join(r.get("text", "") for r in replies)
