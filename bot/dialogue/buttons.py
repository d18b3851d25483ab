"""A :class:`Reading` for a message that skipped the NLU pipeline (a button payload such as
``/report_ncii`` or ``/inform{"country": "CL"}``), and for the fallback reading of an intent."""
from __future__ import annotations

from typing import Any, Mapping, Optional

from bot.facts import INCIDENTS
from bot.reading.model import ACTS, QUESTIONS, SIGNALS, Facts, Reading, Risk

#: Intents of the NLU data that ask one of the ``QUESTIONS``.
INTENT_QUESTIONS = {
    "ask_evidence": "evidence", "ask_report_platform": "report_platform",
    "ask_report_police": "report_police", "ask_legal_info": "legal_info",
    "ask_support": "support", "ask_privacy": "privacy", "request_human": "human",
}
#: Intents that are answer signals.
INTENT_SIGNALS = {"affirm": ("yes",), "deny": ("no",), "next_step": ("yes",)}
#: Risk intents.
INTENT_RISK = {"express_crisis": "crisis", "immediate_danger": "danger"}
#: Entities a payload may carry, as Facts fields.
FACT_ENTITIES = {"country", "region", "age", "adult", "platform", "writer", "relationship"}


def reading_for_intent(intent: Optional[str], entities: Optional[Mapping[str, Any]] = None,
                       *, confidence: float = 1.0) -> Reading:
    """The Reading of an intent (and payload entities), without the text."""
    entities = dict(entities or {})
    facts = Facts(**{k: v for k, v in entities.items() if k in FACT_ENTITIES})
    signals = tuple(s for s in (entities.get("signal"),) if s in SIGNALS)
    if intent in INCIDENTS:
        return Reading(incident=intent, incident_confidence=confidence, facts=facts, signals=signals)
    if intent in INTENT_RISK:
        return Reading(risk=Risk(level="risk", kind=INTENT_RISK[intent]), facts=facts)
    question = INTENT_QUESTIONS.get(intent or "") or (intent if intent in QUESTIONS else None)
    if question:
        return Reading(question=question, facts=facts, signals=signals)
    if intent in ACTS:
        return Reading(act=intent, facts=facts)
    return Reading(facts=facts, signals=INTENT_SIGNALS.get(intent or "", signals))
