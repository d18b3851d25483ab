"""How the Rasa intents relate to the parts of a ``Reading`` (incident, question, act), and
the clause-level scoring of long messages."""
from __future__ import annotations

from typing import Callable, Mapping, Optional, Sequence

from bot.facts import INCIDENTS
from bot.reading.clauses import split_clauses
from bot.reading.model import LONG_MESSAGE

#: The 28 intents of domain.yml.
INTENTS: tuple[str, ...] = (
    *INCIDENTS, "express_crisis", "immediate_danger",
    "ask_evidence", "ask_report_platform", "ask_report_police", "ask_legal_info", "ask_support",
    "ask_privacy", "greet", "goodbye", "affirm", "deny", "thank", "bot_challenge",
    "request_human", "delete_my_data", "inform", "out_of_scope",
)
#: Broad question intents -> question id.
QUESTION_OF_INTENT: dict[str, str] = {
    "ask_evidence": "evidence", "ask_report_platform": "report_platform",
    "ask_report_police": "report_police", "ask_legal_info": "legal_info",
    "ask_support": "support", "ask_privacy": "privacy", "request_human": "human",
}
#: Question id -> the broad intent logged and used by rules.
INTENT_OF_QUESTION: dict[str, str] = {
    **{q: i for i, q in QUESTION_OF_INTENT.items()},
    "delete_evidence": "ask_evidence", "can_i_be_charged": "ask_legal_info",
    "chat_instead_of_call": "ask_support", "tell_parents_or_school": "ask_support",
    "cyber_police_region": "ask_report_police", "which_articles": "ask_legal_info",
    "minor_call_alone": "ask_support", "after_complaint": "ask_report_police",
    "boss_fire": "ask_legal_info", "aggressor_family": "ask_legal_info",
    "already_paid": "ask_support", "content_reappears": "ask_report_platform",
    "takedown_letter": "ask_report_platform",
}
#: Intents that are conversation acts (``Reading.act``).
ACT_INTENTS: frozenset[str] = frozenset(
    {"greet", "goodbye", "thank", "bot_challenge", "delete_my_data", "out_of_scope"})
#: Acts a long message may still be (a long greeting is a story that was not understood).
LONG_ACTS: frozenset[str] = frozenset({"delete_my_data", "out_of_scope"})
RISK_INTENT: dict[str, str] = {"crisis": "express_crisis", "danger": "immediate_danger"}
#: Weight of the best clause against the whole message in a long message's scores.
CLAUSE_WEIGHT = 0.5


def clause_scores(text: str, predict: Callable[[Sequence[str]], Sequence[Mapping[str, float]]]
                  ) -> dict[str, float]:
    """Scores of ``text``; a long one blends the whole with its best clause per intent.

    A story that starts with a greeting, or hides the incident in its fifth sentence, is
    read by the clause that states it: each intent gets ``(1 - w) * whole + w * max(clause)``,
    renormalised.
    """
    clauses = split_clauses(text) if len(text) > LONG_MESSAGE else []
    rows = list(predict([text, *clauses])) if len(clauses) > 1 else list(predict([text]))
    whole = dict(rows[0])
    if len(rows) == 1:
        return whole
    best = {k: max(r.get(k, 0.0) for r in rows[1:]) for k in whole}
    mixed = {k: (1 - CLAUSE_WEIGHT) * whole[k] + CLAUSE_WEIGHT * best[k] for k in whole}
    total = sum(mixed.values()) or 1.0
    return {k: v / total for k, v in mixed.items()}


def best_of(scores: Mapping[str, float], names: Sequence[str] | frozenset[str]
            ) -> tuple[Optional[str], float]:
    """The highest-scored intent among ``names`` and its score."""
    pairs = [(scores.get(n, 0.0), n) for n in names if n in scores]
    if not pairs:
        return None, 0.0
    value, name = max(pairs)
    return name, value
