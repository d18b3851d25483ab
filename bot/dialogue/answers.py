"""Answer the person's question first (the answer bank, bot/knowledge/answers.yml)."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from bot.dialogue import contacts, plan
from bot.dialogue.model import Case
from bot.dialogue.say import Turn
from bot.directory import takedown_request
from bot.facts import CaseFacts
from bot.rules import explain_rights, explain_rights_details, legal_info

#: Take-down request templates by incident (others use the intimate-images one).
TAKEDOWN_KIND = {"report_impersonation": "impersonation", "report_doxing": "doxing"}
#: Who writes for someone else (the parent variant of an answer is for them).
CARERS = frozenset({"parent", "teacher"})


def facts_for(case: Case) -> CaseFacts:
    """The case, or a general one in the person's place when no incident is known yet."""
    return case.facts() or case.facts(incident=contacts.GENERAL_INCIDENT)


def answer(turn: Turn, question: str, *, given_steps: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Send the answer to ``question``; returns the plan step ids it gave."""
    entry = turn.texts.answers[question]
    case = turn.case
    facts = facts_for(case)
    text = entry.text
    if entry.parent is not None and case.writer in CARERS:
        text = entry.parent
    elif entry.minor is not None and _maybe_minor(facts):
        text = entry.minor
    lead, register = text.pick(case.vos)
    parts = [lead] if lead else []
    then = entry.then
    steps: tuple[str, ...] = ()
    if "steps" in then:
        pairs = plan.step_texts(facts, phases=then["steps"])
        steps = tuple(sid for sid, _ in pairs)
        parts.extend(f"• {body}" for _, body in pairs)
    if "services" in then:
        found = contacts.lines_for(facts, then["services"], limit=3,
                                   written=bool(then.get("written")))
        parts.append(contacts.services_text(found))
    if "law" in then:
        parts.append(_law(case, then["law"]))
    if then.get("human"):
        parts.append(_human(turn, facts))
    if then.get("takedown"):
        kind = TAKEDOWN_KIND.get(case.incident or "", "ncii")
        parts.append(takedown_request(kind, platform=case.platform, country=case.country))
    turn.add(f"answer:{question}", "\n".join(p for p in parts if p), register=register,
             requested=True, audience=case.writer if case.writer in CARERS else None)
    if then.get("law") == "rights" and case.incident and case.country:
        turn.add_buttons(["law_details"])
    return steps


def _maybe_minor(facts: CaseFacts) -> bool:
    status = facts.minor_status
    return status == "yes" or (status == "unknown" and facts.incident in plan.IMAGE_INCIDENTS)


def _law(case: Case, part: str) -> str:
    facts = case.facts()
    if part == "details" and facts is not None and case.country:
        return explain_rights_details(facts)
    if part in ("rights", "details") and facts is not None and case.country:
        return explain_rights(facts)
    return legal_info(facts or case.country)


def _human(turn: Turn, facts: CaseFacts) -> str:
    directory_text = contacts.human_text(facts)
    if directory_text is not None:
        return directory_text
    team, lines = contacts.human(facts)
    if team is not None:
        lead, _ = turn.texts.block("human_team").pick(turn.case.vos)
        return f"{lead}\n{contacts.services_text([team])}"
    lead, _ = turn.texts.block("no_human_team").pick(turn.case.vos)
    return f"{lead}\n{contacts.services_text(lines)}"


def needs_country(turn: Turn, question: str) -> bool:
    """True when the answer depends on a country the person has not said."""
    return turn.texts.answers[question].needs_country and turn.case.country is None


def pending_after(question: Optional[str], case_before: Case, case_now: Case) -> bool:
    """A question waiting for the country can now be answered."""
    return question is not None and case_before.country is None and case_now.country is not None
