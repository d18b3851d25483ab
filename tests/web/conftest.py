"""Fixtures for the web chat tests: a stub server on 127.0.0.1 and the browser prerequisites."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator, Optional

import pytest

from scripts.ports import free_port  # noqa: F401 - used by the tests

ROOT = Path(__file__).resolve().parents[2]
WIDGET_SPEC = Path(__file__).with_name("widget.spec.mjs")
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
NODE_MODULES = ROOT / "web" / "node_modules"

#: Seconds the stub server may take to start (importing Rasa takes a few).
STUB_START_TIMEOUT = 60.0
#: CI sets this to 1: a missing browser is then a failure, not a skip.
REQUIRE_BROWSER_ENV = "ACOMPANA_REQUIRE_BROWSER"


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll ``url`` until it answers; fail with the server's log if it dies or is too slow."""
    deadline = time.monotonic() + STUB_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"stub server exited with {process.returncode}:\n{log.read_text()}")
        with contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError):
            with urllib.request.urlopen(url, timeout=2):
                return
        time.sleep(0.2)
    pytest.fail(f"stub server did not answer {url} in {STUB_START_TIMEOUT} s:\n{log.read_text()}")


@contextlib.contextmanager
def running_stub(log: Path, *, web_dir: Optional[Path] = None,
                 env: Optional[dict[str, str]] = None) -> Iterator[str]:
    """Run ``tests/web/stub_server.py`` in a subprocess and yield its base URL.

    ``env`` adds settings (``ACOMPANA_ALLOWED_ORIGINS``...) to the server's environment.
    """
    port = free_port()
    command = [sys.executable, "-m", "tests.web.stub_server", "--port", str(port)]
    if web_dir is not None:
        command += ["--web-dir", str(web_dir)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(f"{base}/webhooks/webchat/", process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


#: Port of the "NGO's page" the browser test embeds the widget in: an origin of its own,
#: which the stub server allows (ACOMPANA_ALLOWED_ORIGINS), as a deployer would.
HOST_PAGE_PORT = free_port()
HOST_PAGE_ORIGIN = f"http://127.0.0.1:{HOST_PAGE_PORT}"


@pytest.fixture(scope="session")
def stub_bot_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL ("http://127.0.0.1:<port>") of the web chat channel with a fake bot.

    The fake bot answers "/greet" with a text and two buttons, "/delete_my_data" with a
    notice and anything else with a numbered text; ``GET <base>/stub/messages`` lists what
    it received.
    """
    log = tmp_path_factory.mktemp("stub") / "stub_server.log"
    with running_stub(log, env={"ACOMPANA_ALLOWED_ORIGINS": HOST_PAGE_ORIGIN}) as base:
        yield base


def browser_missing_reason() -> Optional[str]:
    """Why the browser test cannot run here, or None if it can."""
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} not found; install it with "
            "`apt-get install -y chromium chromium-driver`"
        )
    if shutil.which("node") is None:
        return "node (Node.js) not found"
    if not (NODE_MODULES / "playwright-core").is_dir():
        return "web/node_modules missing; run `npm ci --prefix web`"
    return None


def require_browser() -> None:
    """Skip when Chromium, node or web/node_modules is missing; fail instead in CI."""
    reason = browser_missing_reason()
    if reason is None:
        return
    if os.environ.get(REQUIRE_BROWSER_ENV) == "1":
        pytest.fail(f"{REQUIRE_BROWSER_ENV}=1 but {reason}")
    pytest.skip(reason)
