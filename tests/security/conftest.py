"""Servers for the attack tests: the real channels (web chat + REST) with a fake bot.

Each fixture runs ``tests/web/stub_server.py`` in a subprocess with the settings of one kind
of deployment; no model is needed. The real bot (tests/conftest.py ``bot_server``) is used
only where the answer depends on what it remembers (tests/test_server.py).
"""
from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from typing import Iterator

import pytest

from tests.web.conftest import running_stub

#: Shared by the servers of one deployment and known to the tests, so that they can forge
#: tokens that are well signed but expired.
WEBCHAT_SECRET = "test-webchat-secret-" + "x" * 24
REST_TOKEN = "test-rest-token-0123456789"
SALT = "test-salt-not-the-default-0123456789"
#: New sessions per address on the production server (the limit test opens one more).
SESSION_LIMIT = 3


@dataclass(frozen=True)
class Server:
    """A running stub and how it was configured."""

    base: str
    env: dict[str, str]

    def get_json(self, path: str):
        with urllib.request.urlopen(self.base + path, timeout=5) as response:
            return json.load(response)

    def senders(self) -> list[str]:
        """Conversation ids the fake bot received messages for, in order."""
        return [m["sender_id"] for m in self.get_json("/stub/messages")]

    def conversations(self) -> dict[str, list[str]]:
        """What the fake bot keeps per conversation (``/delete_my_data`` erases one)."""
        return self.get_json("/stub/conversations")


def _serve(tmp_path_factory: pytest.TempPathFactory, name: str, env: dict[str, str]) -> Iterator[Server]:
    log = tmp_path_factory.mktemp(name) / "stub_server.log"
    with running_stub(log, env=env) as base:
        yield Server(base, env)
    # Malformed input must never reach an unhandled exception.
    assert "Traceback" not in log.read_text(errors="replace"), log.read_text(errors="replace")


@pytest.fixture(scope="session")
def local_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The local default run (ACOMPANA_ENV unset), with a known web-chat secret."""
    yield from _serve(tmp_path_factory, "local", {
        "ACOMPANA_ENV": "", "ACOMPANA_WEBCHAT_SECRET": WEBCHAT_SECRET,
        "ACOMPANA_WEBCHAT_SESSIONS_PER_HOUR": "1000", "ACOMPANA_REST_TOKEN": ""})


@pytest.fixture(scope="session")
def production_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Production with REST on (a token) and a small limit of new sessions per address."""
    yield from _serve(tmp_path_factory, "production", {
        "ACOMPANA_ENV": "production", "ACOMPANA_WEBCHAT_SECRET": WEBCHAT_SECRET,
        "ACOMPANA_ID_SALT": SALT, "ACOMPANA_REST_TOKEN": REST_TOKEN,
        "ACOMPANA_WEBCHAT_SESSIONS_PER_HOUR": str(SESSION_LIMIT)})


@pytest.fixture(scope="session")
def production_server_without_rest(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Production as the deploy templates set it up: no REST token, so no REST."""
    yield from _serve(tmp_path_factory, "production-norest", {
        "ACOMPANA_ENV": "production", "ACOMPANA_WEBCHAT_SECRET": WEBCHAT_SECRET,
        "ACOMPANA_ID_SALT": SALT, "ACOMPANA_REST_TOKEN": ""})
