"""The trained model the end-to-end tests need, and what happens when it is missing.

Without ``models/acompana.tar.gz`` those tests are skipped, with the command that trains it;
``scripts/test.sh`` trains it first and sets ``ACOMPANA_REQUIRE_MODEL=1``, so there (and in
CI) a missing model is a failure, never a silent skip.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The model ``scripts/test.sh`` and ``scripts/start.sh`` train.
MODEL = ROOT / "models" / "acompana.tar.gz"
#: Set to 1 (scripts/test.sh, CI): a missing model fails instead of skipping.
REQUIRE_MODEL_ENV = "ACOMPANA_REQUIRE_MODEL"


def require_model() -> Path:
    """The trained model's path; skip the test without it (fail if ``REQUIRE_MODEL_ENV=1``)."""
    if MODEL.exists():
        return MODEL
    reason = f"no trained model {MODEL.relative_to(ROOT)} (scripts/test.sh trains it)"
    if os.environ.get(REQUIRE_MODEL_ENV) == "1":
        pytest.fail(f"{REQUIRE_MODEL_ENV}=1 but {reason}")
    pytest.skip(reason)
