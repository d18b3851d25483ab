"""Part 3: the time of a full ``rasa train`` from scratch."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from scripts.bench.settings import LOGS, ROOT


def time_training() -> dict[str, Any]:
    """Seconds of a full ``rasa train`` from scratch (empty cache) into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="acompana-bench-train-") as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3",
                   RASA_TELEMETRY_ENABLED="false", RASA_CACHE_DIRECTORY=str(Path(tmp) / "cache"))
        command = [str(Path(sys.executable).with_name("rasa")), "train", "--config", "config.yml",
                   "--domain", "domain.yml", "--data", "data", "--out", tmp,
                   "--fixed-model-name", "bench", "--quiet"]
        LOGS.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with open(LOGS / "bench-train.log", "w") as log:
            finished = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        seconds = time.monotonic() - started
        return {"seconds": seconds, "ok": finished.returncode == 0
                and (Path(tmp) / "bench.tar.gz").exists()}
