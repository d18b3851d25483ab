"""Start-up refuses settings that would let someone compute or forge a conversation id."""
from __future__ import annotations

import pytest

from bot.channels.rest import SafeRestInput, bearer_token_matches
from bot.channels.webchat import WebChatInput
from bot.settings import (
    DEFAULT_ID_SALT,
    SettingsError,
    load_settings,
    require_safe_settings,
    settings_problems,
)
from scripts.serve import rasa_args

GOOD = {
    "ACOMPANA_ENV": "production",
    "ACOMPANA_ID_SALT": "a-secret-salt-of-this-deployment-0123",
    "ACOMPANA_WEBCHAT_SECRET": "s" * 40,
}
NAMES = (*GOOD, "ACOMPANA_REST_TOKEN")


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch):
    def set_env(**values: str) -> None:
        for name in NAMES:
            monkeypatch.delenv(name, raising=False)
        for name, value in values.items():
            monkeypatch.setenv(name, value)
    return set_env


@pytest.mark.parametrize("change, named", [
    ({"ACOMPANA_ID_SALT": None}, "ACOMPANA_ID_SALT"),
    ({"ACOMPANA_ID_SALT": DEFAULT_ID_SALT}, "ACOMPANA_ID_SALT"),
    ({"ACOMPANA_ID_SALT": "short"}, "ACOMPANA_ID_SALT"),
    ({"ACOMPANA_WEBCHAT_SECRET": None}, "ACOMPANA_WEBCHAT_SECRET"),
    ({"ACOMPANA_WEBCHAT_SECRET": "too-short"}, "ACOMPANA_WEBCHAT_SECRET"),
    ({"ACOMPANA_REST_TOKEN": "short"}, "ACOMPANA_REST_TOKEN"),
    ({"ACOMPANA_ENV": "prod"}, "ACOMPANA_ENV"),
])
def test_production_start_up_refuses_unsafe_settings_and_names_them(environment, change, named):
    environment(**{k: v for k, v in {**GOOD, **change}.items() if v is not None})
    with pytest.raises(SettingsError, match=named):
        require_safe_settings()
    with pytest.raises(SystemExit, match=named):
        rasa_args(5005, "model.tar.gz")
    with pytest.raises(SettingsError, match=named):
        WebChatInput.from_credentials({})
    with pytest.raises(SettingsError, match=named):
        SafeRestInput.from_credentials(None)


def test_default_salt_is_refused_in_production_with_a_clear_message(environment):
    environment(**{**GOOD, "ACOMPANA_ID_SALT": DEFAULT_ID_SALT})
    (problem,) = settings_problems(load_settings())
    assert "ACOMPANA_ID_SALT" in problem and "Telegram" in problem and "secrets" in problem


def test_production_with_its_secrets_starts(environment):
    environment(**GOOD)
    assert settings_problems(load_settings()) == []
    assert "--interface" in rasa_args(5005, "model.tar.gz")


def test_local_default_run_needs_no_secret_and_signs_with_a_random_one(environment):
    environment()
    settings = require_safe_settings()
    assert not settings.production and settings.id_salt == DEFAULT_ID_SALT
    assert len(settings.webchat_secret) >= 32
    assert load_settings().webchat_secret == settings.webchat_secret  # one per process


def test_secrets_are_not_in_the_settings_repr(environment):
    environment(**{**GOOD, "ACOMPANA_REST_TOKEN": "r" * 20})
    shown = repr(load_settings())
    assert "s" * 40 not in shown and "r" * 20 not in shown


@pytest.mark.parametrize("header, ok", [
    ("Bearer " + "t" * 20, True),
    ("bearer " + "t" * 20, True),
    ("Bearer " + "t" * 19, False),
    ("Bearer " + "t" * 21, False),
    ("Token " + "t" * 20, False),
    ("t" * 20, False),
    ("", False),
    (None, False),
    ("Bearer ñ" + "t" * 19, False),
])
def test_rest_bearer_token(header, ok):
    assert bearer_token_matches(header, "t" * 20) is ok
