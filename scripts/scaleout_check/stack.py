"""Every process and folder the check starts (and cleans up), and waiting for them."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from scripts.scaleout_check.settings import LOGS, ROOT


@dataclass
class Stack:
    """Every process and folder this check starts, so that all of them are cleaned up."""

    tmp: Path
    keep: bool = False
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def spawn(self, name: str, command: list[str], *, env: Optional[dict] = None,
              user: Optional[str] = None) -> subprocess.Popen:
        """Start a process whose output goes to artifacts/logs/scaleout-<name>.log."""
        LOGS.mkdir(parents=True, exist_ok=True)
        log = open(LOGS / f"scaleout-{name}.log", "a")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   user=user, stdin=subprocess.DEVNULL)
        self.processes[name] = process
        return process

    def stop(self, name: str, *, timeout: float = 30) -> None:
        """Stop one process this check started (SIGTERM, then SIGKILL)."""
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def close(self) -> None:
        """Stop everything, newest first, and remove the temporary folder."""
        for name in reversed(list(self.processes)):
            self.stop(name)
        for cleanup in reversed(self.cleanups):
            try:
                cleanup()
            except (OSError, subprocess.SubprocessError) as error:
                print(f"  (limpieza: {error})", file=sys.stderr)
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)


def wait_until(what: str, ready: Callable[[], bool], *, timeout: float,
               processes: tuple[subprocess.Popen, ...] = ()) -> float:
    """Poll ``ready`` until it is true; return the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{what}: el proceso terminó ({process.returncode}); ver {LOGS}")
        if ready():
            return time.monotonic() - started
        time.sleep(0.3)
    raise TimeoutError(f"{what}: no respondió en {timeout:.0f} s; ver {LOGS}")


def get_ok(url: str) -> bool:
    """True when a GET of ``url`` answers 200 within 2 seconds."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False
