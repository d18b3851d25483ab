"""Names used in several modules have one definition, imported everywhere else."""
from __future__ import annotations

from pathlib import Path

import yaml

from bot.channels.common import RISK_PAYLOADS
from bot.directory.model import TAKEDOWN_INCIDENT, TAKEDOWN_KINDS
from bot.facts import INCIDENTS
from bot.reading.intents import RISK_INTENT

ROOT = Path(__file__).resolve().parent.parent
#: The one accent folding of bot/ (``bot.reading.text.fold``), and the copies still left in
#: modules other engineers own (to be switched to ``fold`` there).
FOLDING = {"bot/reading/text.py"}
FOLDING_LEFT = {"bot/reading/risk.py", "bot/dialogue/buttons.py", "bot/dialogue/expectations.py"}


def test_risk_intents_are_intents_of_the_domain():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert set(RISK_INTENT.values()) <= set(domain["intents"])


def test_every_module_reads_the_one_risk_intent_mapping():
    from extensions import metrics, respond_policy

    by_intent = {intent: kind for kind, intent in RISK_INTENT.items()}
    assert RISK_PAYLOADS == {kind: f"/{intent}" for kind, intent in RISK_INTENT.items()}
    assert respond_policy.RISK_INTENTS == by_intent
    assert metrics.RISK_INTENTS == by_intent


def test_takedown_kinds_are_the_kinds_of_takedown_incident():
    assert TAKEDOWN_KINDS == tuple(TAKEDOWN_INCIDENT)
    assert set(TAKEDOWN_INCIDENT.values()) <= set(INCIDENTS)


def test_accents_are_folded_in_one_place():
    folding = {str(path.relative_to(ROOT)) for path in (ROOT / "bot").rglob("*.py")
               if "unicodedata.normalize" in path.read_text(encoding="utf-8")}
    assert folding - FOLDING_LEFT == FOLDING
