"""The plan of a case, a few steps at a time, never a step twice.

Steps and their services come from ``bot.directory.next_steps``; each step is rendered by the
directory (``render_next_steps_messages`` with one step per message) so its wording, numbers
and sources stay in one place.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.directory import next_steps, render_next_steps_messages
from bot.facts import CaseFacts

#: Steps given per turn once the facts are known (first reply: fewer, see respond).
STEPS_PER_TURN = 2
#: Incidents where the content may be a sexual image of the person.
IMAGE_INCIDENTS = frozenset({"report_ncii", "report_sextortion", "report_csam"})
#: Phases that touch the accounts (after the safety block when the aggressor is close).
ACCOUNT_PHASES = frozenset({"takedown"})

_NUMBER = re.compile(r"^\d+\.\s+")
_CAPTURE = re.compile(r"\b(?:haz|hac[eé]|toma|saca)\b[^.]{0,30}\bcaptur|\bcapturas? de pantalla",
                      re.IGNORECASE)


def step_texts(facts: CaseFacts, *, phases: Optional[Sequence[str]] = None) -> list[tuple[str, str]]:
    """(step id, text) for the case, safe for it, without the directory's numbering."""
    steps = next_steps(facts)
    rendered = render_next_steps_messages(facts, steps_per_message=1)
    if len(rendered) != len(steps):
        return []
    pairs = []
    for index, (step, text) in enumerate(zip(steps, rendered)):
        if phases is not None and step.phase not in phases:
            continue
        if index == 0 and "\n\n" in text:
            text = text.split("\n\n", 1)[1]  # the plan's introduction line: said by us
        text = _NUMBER.sub("", text.strip())
        if not safe_for(facts, text):
            continue
        pairs.append((step.id, text))
    return pairs


def safe_for(facts: CaseFacts, text: str) -> bool:
    """False for advice to capture the content when the person may be a minor (rule 3)."""
    if facts.incident not in IMAGE_INCIDENTS or facts.minor_status == "no":
        return True
    lowered = text.lower()
    return not (_CAPTURE.search(lowered) and "no hagas captur" not in lowered)


def next_batch(facts: CaseFacts, given: Sequence[str], *, limit: int = STEPS_PER_TURN,
               phases: Optional[Sequence[str]] = None) -> tuple[list[tuple[str, str]], bool]:
    """The next steps not given yet, and whether more remain after them."""
    remaining = [(sid, text) for sid, text in step_texts(facts, phases=phases)
                 if sid not in given]
    return remaining[:limit], len(remaining) > limit
