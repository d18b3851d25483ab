"""How the server is started from environment settings (scripts/serve.py)."""
from __future__ import annotations

import pytest

from scripts.serve import rasa_args


def test_http_api_is_off_and_server_listens_locally_by_default(monkeypatch):
    for name in ("ACOMPANA_ENABLE_API", "ACOMPANA_API_TOKEN", "ACOMPANA_HOST", "ACOMPANA_CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    args = rasa_args(5005, "model.tar.gz")
    assert "--enable-api" not in args
    assert args[args.index("--interface") + 1] == "127.0.0.1"


def test_api_needs_a_long_token(monkeypatch):
    monkeypatch.setenv("ACOMPANA_ENABLE_API", "1")
    monkeypatch.setenv("ACOMPANA_API_TOKEN", "short")
    with pytest.raises(SystemExit):
        rasa_args(5005, "model.tar.gz")


def test_api_with_token(monkeypatch):
    monkeypatch.setenv("ACOMPANA_ENABLE_API", "1")
    monkeypatch.setenv("ACOMPANA_API_TOKEN", "x" * 20)
    args = rasa_args(5005, "model.tar.gz")
    assert args[args.index("--auth-token") + 1] == "x" * 20


def test_cors_origins_for_a_widget_on_another_site(monkeypatch):
    monkeypatch.setenv("ACOMPANA_CORS_ORIGINS", "https://ong.example.org https://otra.example")
    args = rasa_args(5005, "model.tar.gz")
    assert args[args.index("--cors") + 1: args.index("--cors") + 3] == ["https://ong.example.org", "https://otra.example"]


# -- operations settings (action server, metrics) ------------------------------------------

@pytest.mark.parametrize("env, expected", [
    ({}, ("127.0.0.1", "", False, 9105)),
    ({"ACOMPANA_ACTIONS_HOST": "0.0.0.0", "ACOMPANA_ACTIONS_TOKEN": " s3cret ",
      "ACOMPANA_METRICS": "1", "ACOMPANA_METRICS_PORT": "9200"}, ("0.0.0.0", "s3cret", True, 9200)),
    ({"ACOMPANA_METRICS": "no"}, ("127.0.0.1", "", False, 9105)),
])
def test_operations_settings(monkeypatch, env, expected):
    from bot.settings import load_operations_settings

    for name in ("ACOMPANA_ACTIONS_HOST", "ACOMPANA_ACTIONS_TOKEN", "ACOMPANA_METRICS",
                 "ACOMPANA_METRICS_PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = load_operations_settings()
    assert (settings.actions_host, settings.actions_token, settings.metrics,
            settings.metrics_port) == expected
