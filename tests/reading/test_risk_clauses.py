"""Long messages are read clause by clause (bot/reading/clauses.py)."""
from __future__ import annotations

import pytest

from bot.reading.clauses import split_clauses
from bot.reading.risk import assess_risk

UNPUNCTUATED = ("hola mira lo que pasa es que un tipo me escribio por insta y me dijo que tenia "
                "fotos mias y yo le mande y ahora quiere mas y la verdad me voy a tirar del "
                "puente")


@pytest.mark.parametrize("text, clauses", [
    ("me voy a matar hoy", ["me voy a matar hoy"]),
    ("Me hackearon la cuenta. Ya no quiero vivir.",
     ["Me hackearon la cuenta.", "Ya no quiero vivir."]),
    (UNPUNCTUATED, None),
])
def test_split_clauses(text, clauses):
    found = split_clauses(text)
    if clauses is not None:
        assert found == clauses
    else:
        assert len(found) >= 3 and found[-1].startswith("la verdad")


def test_a_joke_in_one_clause_does_not_cancel_a_crisis_in_another():
    text = ("Ayer en el grupo pasaron un meme mío y todos pusieron jajaja. "
            "Pero ya no quiero vivir, en serio.")
    assert assess_risk(text).urgent


def test_a_plan_split_from_its_time_is_still_a_plan():
    risk = assess_risk("Ya lo decidí, me voy a matar. El viernes.")
    assert risk.urgent and "plan" in risk.cues
