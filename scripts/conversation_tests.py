"""Run the conversation tests (tests/test_stories.yml) end to end and fail on any error.

``rasa test core --e2e`` sends each user line through the NLU model and checks each bot step;
Rasa 3.6 exits 0 even when stories fail and also flags entities the stories do not list, so
this script reads its report and fails only on a wrong intent or a wrong action.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results" / "conversations"
PREDICTED = re.compile(r"#\s*predicted:\s*([\w/]+)")


def mistakes(failed_stories_text: str) -> list[str]:
    """Wrong intents and actions in Rasa's ``failed_test_stories.yml`` text."""
    found, story = [], ""
    for line in failed_stories_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- story:"):
            story = stripped[len("- story:"):].strip()
        match = PREDICTED.search(stripped)
        if not match:
            continue
        kind, _, gold = stripped.partition("#")[0].strip().lstrip("- ").partition(":")
        if kind in ("intent", "action") and gold.strip() != match.group(1):
            found.append(f"{story}: {kind} {gold.strip()} -> predicted {match.group(1)}")
    return found


def main() -> int:
    """Run the stories; print and count the mistakes."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    command = [
        str(Path(sys.executable).with_name("rasa")), "test", "core", "--e2e",
        "--model", str(ROOT / "models" / "acompana.tar.gz"),
        "--stories", str(ROOT / "tests" / "test_stories.yml"),
        "--out", str(RESULTS), "--quiet",
    ]
    status = subprocess.call(command, cwd=ROOT)
    failed = RESULTS / "failed_test_stories.yml"
    if status != 0 or not failed.exists():
        sys.stderr.write(f"rasa test failed to run (exit {status})\n")
        return status or 1
    found = mistakes(failed.read_text(encoding="utf-8"))
    stories = yaml.safe_load((ROOT / "tests" / "test_stories.yml").read_text(encoding="utf-8"))
    total = len(stories["stories"])
    for mistake in found:
        sys.stderr.write(f"FAILED {mistake}\n")
    print(f"conversation tests: {total} stories, {len(found)} mistake(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
