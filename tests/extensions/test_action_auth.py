"""The action server answers only this machine, or only a caller with the shared secret."""
from __future__ import annotations

import pytest
from sanic import Sanic, response

from extensions.action_auth import TOKEN_HEADER, ActionServerConfigError, attach, token_check


def app_with_check(monkeypatch, **env) -> Sanic:
    for name in ("ACOMPANA_ACTIONS_TOKEN", "ACOMPANA_ACTIONS_HOST", "SANIC_HOST"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    Sanic.test_mode = True
    app = Sanic(f"actions_{abs(hash(tuple(env.items())))}")

    @app.route("/webhook", methods=["POST"])
    async def webhook(_):
        return response.json({"events": [], "responses": []})

    @app.route("/health")
    async def health(_):
        return response.json({"status": "ok"})

    attach(app)
    return app


def test_default_binds_to_loopback_without_a_token(monkeypatch):
    import os

    app_with_check(monkeypatch)
    assert os.environ["SANIC_HOST"] == "127.0.0.1"


def test_other_interface_without_a_token_refuses_to_start(monkeypatch):
    with pytest.raises(ActionServerConfigError, match="ACOMPANA_ACTIONS_TOKEN"):
        app_with_check(monkeypatch, ACOMPANA_ACTIONS_HOST="0.0.0.0")


class FakeRequest:
    def __init__(self, path: str, headers: dict) -> None:
        self.path = path
        self.headers = headers


@pytest.mark.parametrize("path, headers, refused", [
    ("/webhook", {}, True),
    ("/webhook", {TOKEN_HEADER: "wrong"}, True),
    ("/webhook", {TOKEN_HEADER: "s3cret-s3cret-s3cret-s3cret"}, False),
    ("/health", {}, False),
])
def test_with_a_token_only_callers_with_it_are_answered(path, headers, refused):
    import asyncio

    check = token_check("s3cret-s3cret-s3cret-s3cret")
    answer = asyncio.run(check(FakeRequest(path, headers)))
    assert (answer is not None and answer.status == 403) == refused


def test_with_a_token_the_check_is_attached(monkeypatch):
    app = app_with_check(monkeypatch, ACOMPANA_ACTIONS_TOKEN="s3cret-s3cret-s3cret-s3cret",
                         ACOMPANA_ACTIONS_HOST="0.0.0.0")
    assert len(app.request_middleware) == 1


def test_rasa_sdk_finds_the_plugin():
    from rasa_sdk.plugin import plugin_manager

    plugin_manager.cache_clear()
    names = [type(p).__name__ for p in plugin_manager().get_plugins()]
    assert "_AcompanaPlugin" in names
