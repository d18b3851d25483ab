"""What the bot should ask or say next in a case: pure decisions, no Rasa.

The Rasa action ``action_next_steps`` reads the slots, calls :func:`plan_next` and turns the
resulting :class:`Plan` into messages.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from bot.facts import ADULT_AGE, INCIDENTS

#: Intents that answer a yes/no question of the bot.
YES, NO = "affirm", "deny"
#: Intents answered first by a domain response; the case goes on quietly after them.
RISK_INTENTS = ("express_crisis", "immediate_danger")
#: Sentinel country value for "somewhere else" (button "Otro país") or "I'd rather not say".
OTHER_COUNTRY = "OTHER"


@dataclass(frozen=True)
class CaseState:
    """The slots (and the reading of the last answer) that decide the next move.

    Attributes:
        answer_age: an age read from the last message, read as an answer to "how old".
        said_adult: the last message says the person is an adult ("mayor", "31 años").
        dont_know: the last message says "no sé" / "prefiero no decirlo".
        facts_key: a fingerprint of the facts now; ``steps_for`` the one of the last plan.
    """

    latest_intent: str
    incident: Optional[str] = None
    country: Optional[str] = None
    victim_is_minor: Optional[bool] = None
    age_declined: bool = False
    awaiting: Optional[str] = None
    dont_know: bool = False
    answer_age: Optional[int] = None
    said_adult: bool = False
    facts_key: Optional[str] = None
    steps_for: Optional[str] = None


@dataclass(frozen=True)
class Plan:
    """The next move.

    Attributes:
        acknowledge: send the incident's acknowledgement first (a new incident was reported).
        ask: ``"country"`` or ``"victim_is_minor"`` when that fact is missing, else None.
        give_steps: the case is complete: give the next steps (and then the rights).
        more_help: the steps for these same facts were already given: offer the options.
        set_minor / set_age / set_country: slot values read from the person's answer.
        menu: no incident known yet: offer the main situations.
        quiet: say nothing more (a crisis or danger answer was just given).
        legal_help: the person accepted the offer of free legal help.
        declined_age: the person does not know or will not say the age (no more asking).
    """

    acknowledge: bool = False
    ask: Optional[str] = None
    give_steps: bool = False
    more_help: bool = False
    set_minor: Optional[bool] = None
    set_age: Optional[int] = None
    set_country: Optional[str] = None
    menu: bool = False
    quiet: bool = False
    legal_help: bool = False
    declined_age: bool = False


def _read_answers(state: CaseState) -> dict:
    """Slot values the last message gives as an answer to the bot's pending question."""
    answers: dict = {}
    if state.awaiting == "victim_is_minor":
        if state.dont_know:
            answers["declined_age"] = True
        elif state.answer_age is not None:
            answers["set_age"] = state.answer_age
            answers["set_minor"] = state.answer_age < ADULT_AGE
        elif state.said_adult:
            answers["set_minor"] = False
        elif state.latest_intent in (YES, NO):
            answers["set_minor"] = state.latest_intent == YES
    if state.awaiting == "country" and state.dont_know and not state.country:
        answers["set_country"] = OTHER_COUNTRY
    return answers


def plan_next(state: CaseState) -> Plan:
    """Decide the next move of a case from its state."""
    if state.awaiting == "legal_help" and state.latest_intent == YES:
        return Plan(legal_help=True)
    answers = _read_answers(state)
    minor = answers.get("set_minor", state.victim_is_minor)
    country = state.country or answers.get("set_country")
    acknowledge = state.latest_intent in INCIDENTS
    if state.incident is None:
        quiet = state.latest_intent in RISK_INTENTS
        return Plan(menu=not quiet, quiet=quiet, **answers)
    if not country:
        return Plan(acknowledge=acknowledge, ask="country", **answers)
    if (minor is None and not (state.age_declined or answers.get("declined_age"))
            and state.incident != "report_csam"):
        return Plan(acknowledge=acknowledge, ask="victim_is_minor", **answers)
    if state.facts_key is not None and state.facts_key == state.steps_for:
        return Plan(acknowledge=acknowledge, more_help=True, **answers)
    return Plan(acknowledge=acknowledge, give_steps=True, **answers)
