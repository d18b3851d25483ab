"""What the bot should ask or say next in a case: pure decisions, no Rasa.

The Rasa action ``action_next_steps`` reads the slots, calls :func:`plan_next` and turns the
resulting :class:`Plan` into messages.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from bot.facts import INCIDENTS

#: Intents that answer a yes/no question of the bot.
YES, NO = "affirm", "deny"
#: Sentinel country value for "somewhere else" (button "Otro país").
OTHER_COUNTRY = "OTHER"


@dataclass(frozen=True)
class CaseState:
    """The slots that decide the next move."""

    latest_intent: str
    incident: Optional[str] = None
    country: Optional[str] = None
    victim_is_minor: Optional[bool] = None
    age_declined: bool = False
    awaiting: Optional[str] = None
    dont_know: bool = False


@dataclass(frozen=True)
class Plan:
    """The next move.

    Attributes:
        acknowledge: send the incident's acknowledgement first (a new incident was reported).
        ask: ``"country"`` or ``"victim_is_minor"`` when that fact is missing, else None.
        give_steps: the case is complete: give the next steps (and then the rights).
        set_minor: value for the ``victim_is_minor`` slot read from a yes/no answer.
        menu: no incident known yet: offer the main situations.
        legal_help: the person accepted the offer of free legal help.
        declined_age: the person does not know or will not say the age (no more asking).
    """

    acknowledge: bool = False
    ask: Optional[str] = None
    give_steps: bool = False
    set_minor: Optional[bool] = None
    menu: bool = False
    legal_help: bool = False
    declined_age: bool = False


def plan_next(state: CaseState) -> Plan:
    """Decide the next move of a case from its state."""
    set_minor = None
    declined = state.awaiting == "victim_is_minor" and state.dont_know
    if state.awaiting == "victim_is_minor" and state.latest_intent in (YES, NO) and not declined:
        set_minor = state.latest_intent == YES
    minor = set_minor if set_minor is not None else state.victim_is_minor
    acknowledge = state.latest_intent in INCIDENTS
    if state.awaiting == "legal_help" and state.latest_intent == YES:
        return Plan(legal_help=True)

    if state.incident is None:
        return Plan(menu=True, set_minor=set_minor)
    if not state.country:
        return Plan(acknowledge=acknowledge, ask="country", set_minor=set_minor)
    if minor is None and not (state.age_declined or declined) and state.incident != "report_csam":
        return Plan(acknowledge=acknowledge, ask="victim_is_minor", set_minor=set_minor)
    return Plan(acknowledge=acknowledge, give_steps=True, set_minor=set_minor,
                declined_age=declined)
