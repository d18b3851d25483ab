"""The web chat widget in a real headless Chromium (tests/web/widget.spec.mjs).

Skipped when Chromium, node or web/node_modules is missing, unless ACOMPANA_REQUIRE_BROWSER=1
(CI), which turns that into a failure.
"""
from __future__ import annotations

import json
import subprocess
import urllib.request
from collections import defaultdict
from pathlib import Path

import pytest

from tests.web.conftest import HOST_PAGE_PORT, ROOT, WIDGET_SPEC, require_browser
from tests.web.stub_server import GREETING_BUTTONS

ARTIFACTS = ROOT / "artifacts" / "web"
#: Seconds the whole browser script may take (the real bot answers in seconds each time).
SCRIPT_TIMEOUT = 300


def run_widget_spec(
    base_url: str, *, screenshot: Path, wait_ms: int, stub: bool = False, embed: bool = True
) -> dict:
    """Run the Node script against ``base_url``; fail with its output unless it passes.

    ``embed``: also embed the widget in a page on another origin (HOST_PAGE_PORT), which the
    server must allow (the stub does: tests/web/conftest.py).
    """
    result = subprocess.run(
        [
            "node", str(WIDGET_SPEC),
            "--base", base_url,
            "--screenshot", str(screenshot),
            "--timeout", str(wait_ms),
            "--expect-formatting", "yes" if stub else "no",
            "--host-port", str(HOST_PAGE_PORT),
            "--embed", "yes" if embed else "no",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT,
    )
    output = f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode == 0, output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["ok"], output
    return summary


def stub_messages(base_url: str) -> list[dict]:
    """What the stub's fake bot has received so far."""
    with urllib.request.urlopen(f"{base_url}/stub/messages", timeout=5) as response:
        return json.load(response)


def stub_conversations(base_url: str) -> dict[str, list[str]]:
    """What the stub's fake bot still keeps, per conversation."""
    with urllib.request.urlopen(f"{base_url}/stub/conversations", timeout=5) as response:
        return json.load(response)


def test_widget_against_stub(stub_bot_server: str) -> None:
    require_browser()
    already = len(stub_messages(stub_bot_server))  # from other tests sharing the stub
    run_widget_spec(
        stub_bot_server, screenshot=ARTIFACTS / "widget-stub.png", wait_ms=10_000, stub=True
    )

    by_session: dict[str, list[str]] = defaultdict(list)
    for message in stub_messages(stub_bot_server)[already:]:
        assert message["input_channel"] == "webchat"
        by_session[message["sender_id"]].append(message["text"])

    # Full page (kept across a reload by "Recordar…"), the Esc test page, the embedded widget.
    assert len(by_session) == 3, by_session
    for texts in by_session.values():
        assert texts[0] == "/greet" and texts.count("/greet") == 1, texts
    clicked = GREETING_BUTTONS[0]
    page_session = next(t for t in by_session.values() if clicked["payload"] in t)
    assert clicked["title"] not in page_session  # the payload is sent, not the title

    # Both quick exits (the button, then Esc twice) erased their conversation on the server.
    left = [s for s, texts in by_session.items() if texts[-1] == "/delete_my_data"]
    assert len(left) == 2, by_session
    kept = stub_conversations(stub_bot_server)
    assert not set(left) & set(kept)


def test_widget_against_bot(request: pytest.FixtureRequest) -> None:
    require_browser()  # before starting Rasa, which takes a while
    try:
        base_url = request.getfixturevalue("bot_server")
    except pytest.FixtureLookupError:
        pytest.skip("fixture bot_server (tests/conftest.py) is not defined")
    # The shared bot_server allows no other origin (ACOMPANA_ALLOWED_ORIGINS), so the
    # embedded part runs against the stub only.
    run_widget_spec(base_url, screenshot=ARTIFACTS / "widget.png", wait_ms=60_000, embed=False)
