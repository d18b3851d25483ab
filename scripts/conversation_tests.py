"""Run the conversation tests (tests/test_stories.yml) with `rasa test` and fail on any error.

The stories are checked end to end: each user line goes through the NLU model and each bot
step must be the predicted action. Results land in results/ (failed_test_stories.yml).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run ``rasa test core`` and return its exit status (non-zero on any failed story)."""
    command = [
        str(Path(sys.executable).with_name("rasa")), "test", "core",
        "--model", str(ROOT / "models" / "acompana.tar.gz"),
        "--stories", str(ROOT / "tests" / "test_stories.yml"),
        "--out", str(ROOT / "results"),
        "--fail-on-prediction-errors", "--quiet",
    ]
    status = subprocess.call(command, cwd=ROOT)
    failed = ROOT / "results" / "failed_test_stories.yml"
    if status != 0 and failed.exists():
        sys.stderr.write(failed.read_text(encoding="utf-8"))
    return status


if __name__ == "__main__":
    sys.exit(main())
