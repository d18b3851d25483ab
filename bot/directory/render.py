"""Spanish chat text for the next steps of a case, its coverage note and the human contact.

Services are written by ``service_text``, safety answers by ``safety_text``, take-down requests
by ``takedown``. Only shown entries (verified, not low) are ever rendered; medium facts get
"según ...".
"""
from __future__ import annotations

from typing import Optional, Sequence

from bot.facts import CaseFacts
from bot.directory.load import get_directory
from bot.directory.regions import region_code, region_name
from bot.directory.model import Directory, Step
from bot.directory.select import HumanContactAnswer, next_steps, region_covered
from bot.directory.service_text import _INDENT, _compact_service, _contacts, _is_safety_line, _safety_item

#: Numbered steps per chat message when the plan is sent in parts.
STEPS_PER_MESSAGE = 3
#: No chat message of the plan is longer than this (issue 13: "no message over 1,200").
MAX_MESSAGE_CHARS = 1200
#: A step with its services should fit in about this many characters (tests check it).
STEP_BUDGET_CHARS = 400


def render_next_steps(
    facts: CaseFacts,
    *,
    phases: Optional[Sequence[str]] = None,
    directory: Optional[Directory] = None,
) -> str:
    """Numbered next steps with their services, ready to send in a chat.

    Args:
        facts: the case.
        phases: only these phases (no introduction line then), e.g. ``("report",)``.
    """
    directory = directory or get_directory()
    texts = directory.texts
    steps = next_steps(facts, phases=phases, directory=directory)
    if not steps:
        return texts["next_steps"]["none"]
    lines = [texts["next_steps"]["intro"], ""] if phases is None else []
    for number, step in enumerate(steps, start=1):
        lines.append(render_step(step, number=number, directory=directory))
    return "\n".join(lines).rstrip()


def render_next_steps_messages(facts: CaseFacts, *, steps_per_message: int = STEPS_PER_MESSAGE,
                               max_chars: int = MAX_MESSAGE_CHARS,
                               directory: Optional[Directory] = None) -> list[str]:
    """The next steps split into chat messages of a few steps each, none over ``max_chars``."""
    directory = directory or get_directory()
    texts = directory.texts
    steps = next_steps(facts, directory=directory)
    if not steps:
        return [texts["next_steps"]["none"]]
    messages: list[str] = []
    current: list[str] = [texts["next_steps"]["intro"], ""]
    count = 0
    for number, step in enumerate(steps, start=1):
        block = render_step(step, number=number, directory=directory)
        candidate = "\n".join([*current, block]).strip()
        if count and (count >= steps_per_message or len(candidate) > max_chars):
            messages.append("\n".join(current).strip())
            current, count = [], 0
        current.append(block)
        count += 1
    messages.append("\n".join(current).strip())
    return messages


def render_step(step: Step, *, number: Optional[int] = None, directory: Optional[Directory] = None) -> str:
    """One step with its services in a compact form (name, who it is for, contacts, hours).

    About ``STEP_BUDGET_CHARS`` long, so the dialogue can pace the plan a few steps at a time.
    Descriptions of services are left to ``render_services`` (the detailed view).
    """
    directory = directory or get_directory()
    return "\n".join(_step_lines(number, step, directory))


def render_coverage_note(facts: CaseFacts, *, directory: Optional[Directory] = None) -> Optional[str]:
    """"No tengo servicios propios de Nuevo León…" when the region has no entries, else None."""
    directory = directory or get_directory()
    if region_covered(facts, directory=directory):
        return None
    code = region_code(facts.region, facts.country)
    name = region_name(code) if code else facts.region
    return directory.texts["coverage"]["region_not_covered"].format(region=name)


def render_human_contact(answer: HumanContactAnswer, *, directory: Optional[Directory] = None) -> str:
    """The reply to "¿puedo hablar con una persona?": the team and whether it is open now.

    Outside its hours (or with no team) the country's 24-hour line follows.
    """
    directory = directory or get_directory()
    texts = directory.texts["human_contact"]
    labels = directory.texts["labels"]
    lines: list[str] = []
    contact = answer.contact
    if contact is None:
        lines.append(texts["none"])
    else:
        contacts = _contacts(contact, labels)
        if answer.open_now is True:
            lines.append(texts["open"].format(contact=f"{contact.name} — {contacts}"))
        elif answer.open_now is False:
            lines.append(texts["closed"].format(name=contact.name, hours=contact.hours))
        else:
            lines.append(texts["unknown_hours"].format(contact=f"{contact.name} — {contacts}", hours=contact.hours))
    if answer.line is not None and answer.open_now is not True:
        key = "none_with_line" if contact is None else "closed_with_line"
        lines.append(texts[key].format(line=_compact_service(answer.line, directory)))
    return "\n".join(lines)


def _step_lines(number: Optional[int], step: Step, directory: Directory) -> list[str]:
    texts = directory.texts
    text = step.text
    if step.confidence == "medium":
        end = ":" if text.endswith(":") else "."
        suffix = texts["labels"]["medium_step"].format(source=step.source_name)
        text = f"{text.rstrip('.:').rstrip()} {suffix}{end}"
    prefix = f"{number}. " if number is not None else ""
    if "\n" in text:
        lines = [f"{prefix}{step.title}:"]
        lines.extend(_INDENT + line for line in text.splitlines())
    else:
        lines = [f"{prefix}{step.title}. {text}"]
    if step.services and all(_is_safety_line(s) for s in step.services):
        # Emergency numbers on one line: "133 (Carabineros) · 134 (PDI) · 131 (SAMU, ambulancia)".
        separator = texts["safety"]["separator"]
        lines.append(_INDENT + separator.join(_safety_item(s, directory) for s in step.services))
        return lines
    for service in step.services:
        lines.append(_INDENT + "– " + _compact_service(service, directory))
    return lines
