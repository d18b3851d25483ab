"""Answers to the person's questions, shared by the question actions and ``action_next_steps``
(which answers a pending question again once the country is known)."""
from __future__ import annotations

from typing import Callable, Optional

from rasa_sdk import Tracker

from actions.common import case_facts
from bot.directory import render_next_steps, render_services, services_for
from bot.facts import CaseFacts
from bot.rules import legal_info

#: Incident assumed for a general question asked before the person said what happened.
GENERAL_INCIDENT = "report_harassment"


def facts_for_question(tracker: Tracker) -> CaseFacts:
    """The case, or a general one in the person's country when no incident is known yet."""
    return case_facts(tracker) or CaseFacts(
        GENERAL_INCIDENT,
        country=tracker.get_slot("country"),
        region=tracker.get_slot("region"),
        victim_is_minor=tracker.get_slot("victim_is_minor"),
        platform=tracker.get_slot("platform"),
    )


def evidence_guide(tracker: Tracker) -> str:
    """How to keep evidence for this case."""
    return render_next_steps(facts_for_question(tracker), phases=("evidence",))


def report_guide(tracker: Tracker) -> str:
    """Where and how to file a complaint."""
    return render_next_steps(facts_for_question(tracker), phases=("report",))


def takedown_guide(tracker: Tracker) -> str:
    """How to get the content taken down (platform routes first)."""
    return render_next_steps(facts_for_question(tracker), phases=("takedown",))


def support_services(tracker: Tracker) -> str:
    """Who can support the person now."""
    facts = facts_for_question(tracker)
    return render_services(services_for(facts, kinds=("support", "crisis", "legal_help", "child_protection"), limit=5))


def people_who_help(tracker: Tracker) -> str:
    """Services where people answer (for "quiero hablar con una persona")."""
    facts = facts_for_question(tracker)
    return render_services(services_for(facts, kinds=("support", "crisis"), limit=3))


def legal_overview(tracker: Tracker) -> str:
    """What the law of the person's country says, for this case if one is known."""
    return legal_info(case_facts(tracker) or tracker.get_slot("country"))


def legal_help(tracker: Tracker) -> str:
    """Where to get free legal advice."""
    facts = facts_for_question(tracker)
    return render_services(services_for(facts, kinds=("legal_help", "support"), limit=4))


#: Question topics that depend on the country, by the intent that asked them.
BY_TOPIC: dict[str, Callable[[Tracker], str]] = {
    "ask_report_police": report_guide,
    "ask_report_platform": takedown_guide,
    "ask_support": support_services,
    "ask_legal_info": legal_overview,
    "request_human": people_who_help,
}


def pending_topic(tracker: Tracker) -> Optional[str]:
    """The question still waiting for the person's country."""
    topic = tracker.get_slot("topic")
    return topic if topic in BY_TOPIC else None
