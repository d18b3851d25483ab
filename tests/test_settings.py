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
