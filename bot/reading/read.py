"""``read_message``: the one reading of each message (see ``bot.reading.model.Reading``).

Pure Python: the NLU component ``extensions.message_reader`` calls it with the intent
classifier's ranking; tests and scripts call it with a hand-made ranking or none.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Optional, Sequence

from bot.reading import risk, risk_model
from bot.reading.risk_model import RiskScores
from bot.facts import INCIDENTS
from bot.reading.facts import read_facts
from bot.reading.intents import (
    ACT_INTENTS, INTENT_OF_QUESTION, INTENTS, LONG_ACTS, QUESTION_OF_INTENT, RISK_INTENT,
    best_of,
)
from bot.reading.model import LONG_MESSAGE, Facts, Reading, Risk
from bot.reading.questions import read_question
from bot.reading.signals import (
    blames_self, considers_confronting, names_intimate_material, offers_images, read_signals,
    uses_voseo,
)
from bot.reading.writer import read_writer

#: Characters read in full; the rest of a longer message is only checked for risk.
MAX_READ_CHARS = 4000
#: A short message names an incident when its score reaches this (the fallback threshold).
INCIDENT_MIN_SHORT = 0.30
#: A long message is read more generously: a story rarely gets a confident single label.
INCIDENT_MIN_LONG = 0.08
#: Kept as the incident of a crisis/danger message when it scores at least this.
INCIDENT_MIN_WITH_RISK = 0.15
#: An act or unrelated message the intent classifier is this sure of is not read by the
#: question classifier ("quién canta despacito", "hola, ¿cómo estás?").
SURE_ACT = 0.5
#: The broad question of the classifier counts from this score.
QUESTION_MIN = 0.30
#: The classifier's first intent counts from this score even when it is not sure.
TOP_MIN = 0.20
#: The model's crisis/danger score that makes a ``possible`` when the rules found nothing.
MODEL_POSSIBLE_MIN = 0.5
#: The classifier's intent is kept over a bare fact answer from this confidence.
CONFIDENT = 0.5
#: Writers who write about someone else: a risk they tell is about that person.
HELPERS = frozenset({"parent", "teacher", "friend", "witness"})


def _assess_risk(text: str, scores: Mapping[str, float],
                 risk_scores: Optional[RiskScores]) -> Risk:
    """Risk of the whole message: the rules of ``bot.reading.risk`` (the head read clause by
    clause, the rest scanned) joined with the risk classifier's scores
    (``bot.reading.risk_model.decide``). Without those scores (no trained model), a crisis or
    danger intent score of at least ``MODEL_POSSIBLE_MIN`` still makes a ``possible``."""
    found = risk.assess_whole_message(text)
    if risk_scores is not None:
        return risk_model.decide(found, risk_scores, helper=read_writer(text) in HELPERS,
                                 words=len(text.split()),
                                 read_all=len(text) <= risk_model.MAX_CHARS)
    if found.level != "none":
        return found
    name, value = best_of(scores, tuple(RISK_INTENT.values()))
    if name and value >= MODEL_POSSIBLE_MIN:
        kind = "crisis" if name == "express_crisis" else "danger"
        subject = "other" if read_writer(text) in HELPERS else "self"
        return Risk(level="possible", kind=kind, subject=subject, cues=("model",))
    return Risk()


def _scores(intent_ranking: Sequence[tuple[str, float]]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for name, value in intent_ranking:
        if name in INTENTS and name not in scores:
            scores[name] = float(value)
    return scores


def _top(scores: Mapping[str, float]) -> Optional[str]:
    return max(scores, key=scores.get) if scores else None


def _incident(scores: Mapping[str, float], top: Optional[str], *, long: bool,
              risk: Risk, intimate: bool = False) -> tuple[Optional[str], float]:
    name, value = best_of(scores, INCIDENTS)
    if name is None:
        return None, 0.0
    if name == "report_threat" and intimate:
        # "me amenaza con mandar el video íntimo si lo dejo": a threat to spread intimate
        # material is sextortion (with a demand) or NCII, which the classifier tells apart.
        shared = max(("report_sextortion", "report_ncii"), key=lambda k: scores.get(k, 0.0))
        if scores.get(shared, 0.0) > 0.0:
            name = shared
    if value >= INCIDENT_MIN_SHORT or (top == name and value >= TOP_MIN):
        return name, value
    if long and value >= INCIDENT_MIN_LONG:
        return name, value
    if risk.level != "none" and value >= INCIDENT_MIN_WITH_RISK:
        return name, value
    return None, 0.0


def _broad_question(scores: Mapping[str, float], top: Optional[str]) -> Optional[str]:
    name, value = best_of(scores, tuple(QUESTION_OF_INTENT))
    if name and (value >= QUESTION_MIN or (name == top and value >= TOP_MIN)):
        return QUESTION_OF_INTENT[name]
    return None


def read_message(text: str, *,
                 intent_ranking: Sequence[tuple[str, float]] = (),
                 risk_scores: Optional[RiskScores] = None) -> Reading:
    """Read one message once: risk, incident, question, act, facts, signals, stance.

    Args:
        text: what the person wrote.
        intent_ranking: ``(intent, confidence)`` pairs of the intent classifier, best first
            (empty: the reading relies on the rules alone).
        risk_scores: the risk classifier's scores (``extensions.risk_scorer``); None: the
            rules and the intent ranking decide the risk.
    """
    text = text or ""
    scores = _scores(intent_ranking)
    risk = _assess_risk(text, scores, risk_scores)
    truncated = len(text) > MAX_READ_CHARS
    body = text[:MAX_READ_CHARS]
    long = len(body) > LONG_MESSAGE
    top = _top(scores)
    facts: Facts = read_facts(body)
    incident, confidence = _incident(scores, top, long=long, risk=risk,
                                     intimate=names_intimate_material(body))
    sure_act = top in ACT_INTENTS and scores[top] >= SURE_ACT
    question = read_question(body, broad=_broad_question(scores, top), short=not long,
                             story=incident is not None, learned=not sure_act)
    act = top if (top in ACT_INTENTS and scores[top] >= TOP_MIN
                  and (not long or top in LONG_ACTS)) else None
    if act in ("greet", "thank", "goodbye") and (incident or question):
        act = None
    signals = list(read_signals(body))
    if act == "out_of_scope" and {"yes", "no"} & set(signals):
        act = None  # "ajá", "de una": a short yes or no is an answer, not an unrelated message
    if not long and top == "affirm" and scores[top] >= 0.5 and "yes" not in signals and not signals:
        signals.append("yes")
    if not long and top == "deny" and scores[top] >= 0.5 and "no" not in signals:
        signals.append("no")
    return Reading(
        risk=risk,
        incident=incident,
        incident_confidence=round(confidence, 4),
        question=question,
        act=act,
        facts=facts,
        signals=tuple(s for s in ("yes", "no", "dont_know", "decline", "correction")
                      if s in signals),
        self_blame=blames_self(body),
        offers_images=offers_images(body),
        considers_confronting=considers_confronting(body),
        vos=uses_voseo(body),
        long=long,
        truncated=truncated,
    )


def rasa_intent(reading: Reading, intent_ranking: Sequence[tuple[str, float]] = ()
                ) -> Optional[str]:
    """The Rasa intent consistent with ``reading`` (for logs and the risk-first rules).

    Risk first, then the incident, the question, the act, a yes/no, a bare fact answer; None
    keeps the classifier's intent.
    """
    scores = _scores(intent_ranking)
    top = _top(scores)
    confident = top is not None and scores[top] >= CONFIDENT
    if reading.risk.level == "risk":
        if (reading.risk.kind == "danger" and top == "report_threat" and confident):
            return "report_threat"  # a threat told: its rule gives the emergency numbers too
        return RISK_INTENT[reading.risk.kind or "crisis"]
    if reading.risk.level == "possible" and top in RISK_INTENT.values():
        return None  # the dialogue reads the check-in from the Reading
    if reading.risk.level == "none" and top in RISK_INTENT.values():
        # The risk reading (rules and risk model) found no risk: the intent classifier's risk
        # label on "está bien" is noise; the next best intent stands.
        scores = {k: v for k, v in scores.items() if k not in RISK_INTENT.values()}
        top = _top(scores)
        confident = top is not None and scores[top] >= CONFIDENT
        demoted = top or "nlu_fallback"
    else:
        demoted = None
    if reading.incident:
        return reading.incident
    if reading.question:
        return INTENT_OF_QUESTION[reading.question]
    if reading.act:
        return reading.act
    told = replace(reading.facts, writer=None) != Facts()
    if not reading.long and (told or set(reading.signals) & {"dont_know", "decline",
                                                             "correction"}):
        if top in (None, "inform", "affirm", "deny", "nlu_fallback") or not confident:
            return "inform"
    if "yes" in reading.signals and not reading.long and top not in RISK_INTENT.values():
        return "affirm"
    if "no" in reading.signals and not reading.long and top not in RISK_INTENT.values():
        return "deny"
    if reading.long and top in ("greet", "goodbye", "thank", "affirm", "deny", "bot_challenge"):
        return "out_of_scope"
    return demoted
