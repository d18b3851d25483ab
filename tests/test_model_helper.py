"""Without the trained model the end-to-end tests skip, naming the command; with
ACOMPANA_REQUIRE_MODEL=1 (scripts/test.sh, CI) they fail instead."""
from __future__ import annotations

import re

import pytest

from tests import model

MISSING = model.ROOT / "models" / "no-such-model.tar.gz"


def test_a_missing_model_skips_with_the_command_that_trains_it(monkeypatch):
    monkeypatch.setattr(model, "MODEL", MISSING)
    monkeypatch.delenv(model.REQUIRE_MODEL_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match="scripts/test.sh"):
        model.require_model()


def test_a_missing_model_fails_when_it_is_required(monkeypatch):
    monkeypatch.setattr(model, "MODEL", MISSING)
    monkeypatch.setenv(model.REQUIRE_MODEL_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="ACOMPANA_REQUIRE_MODEL=1"):
        model.require_model()


def test_a_present_model_is_returned(monkeypatch, tmp_path):
    present = tmp_path / "acompana.tar.gz"
    present.write_bytes(b"")
    monkeypatch.setattr(model, "MODEL", present)
    monkeypatch.setenv(model.REQUIRE_MODEL_ENV, "1")
    assert model.require_model() == present


def test_scripts_test_sh_requires_the_model():
    script = (model.ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert re.search(rf"^export .*\b{model.REQUIRE_MODEL_ENV}=1\b", script, re.MULTILINE)
