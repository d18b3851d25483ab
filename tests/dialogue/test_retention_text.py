"""The disclosure says the retention the deployer set, not a number written in a text."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRST_REPLY = (
    "from bot.dialogue import Case, History, respond\n"
    "from bot.reading.model import Reading\n"
    "print(respond(Reading(act='greet'), Case(), History()).text)\n"
)


def first_reply(hours: str) -> str:
    env = {**os.environ, "ACOMPANA_RETENTION_HOURS": hours, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", FIRST_REPLY], env=env, cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout


def test_disclosure_follows_the_retention_setting():
    assert "48 horas" in first_reply("48")
    assert "24 horas" in first_reply("24")
