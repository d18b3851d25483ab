"""py-spy recording both servers under load (``--profile``)."""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from scripts.bench.servers import Servers
from scripts.bench.settings import BENCH_DIR, ROOT


def start_profilers(py_spy: str, servers: Servers) -> list[tuple[subprocess.Popen, Path]]:
    """py-spy recording both servers: collapsed stacks under artifacts/bench/ (open them in
    https://www.speedscope.app)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    profilers = []
    for name, process in (("rasa", servers.rasa), ("actions", servers.actions)):
        out = BENCH_DIR / f"profile-{name}.txt"
        profilers.append((subprocess.Popen(
            [py_spy, "record", "--pid", str(process.pid), "--rate", "100", "--format", "raw",
             "--output", str(out), "--nonblocking"],
            stdout=subprocess.DEVNULL, stderr=open(BENCH_DIR / f"profile-{name}.log", "w")), out))
    time.sleep(1)
    return profilers


def stop_profilers(profilers: list[tuple[subprocess.Popen, Path]]) -> list[str]:
    """Stop py-spy (SIGINT makes it write its file); return the files written."""
    for process, _ in profilers:
        process.send_signal(signal.SIGINT)
    written = []
    for process, out in profilers:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        if out.exists():
            written.append(str(out.relative_to(ROOT)))
    return written
