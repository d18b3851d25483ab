"""Spanish chat text for steps, services, safety lines and take-down requests.

Only shown entries (verified, not low) are ever rendered; medium facts get "según ...".
"""
from __future__ import annotations

from typing import Optional, Sequence

from bot.facts import SUPPORTED_COUNTRIES, CaseFacts
from bot.directory.load import get_directory
from bot.directory.model import (
    MAX_LINK_CHARS,
    MAX_PLATFORM_CHARS,
    TAKEDOWN_INCIDENT,
    TAKEDOWN_KINDS,
    Directory,
    Service,
    Step,
)
from bot.directory.select import crisis_contacts, next_steps, services_for

#: Indentation of the lines under a numbered item.
_INDENT = "   "
#: Safety kinds accepted by ``render_safety_text``: crisis lines first; emergency numbers
#: first; or the technical-failure reply (apology, then emergency and crisis numbers).
SAFETY_KINDS: tuple[str, ...] = ("crisis", "danger", "fallback")
#: Numbered steps per chat message when the plan is sent in parts.
STEPS_PER_MESSAGE = 3


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
        lines.extend(_step_lines(number, step, directory))
    return "\n".join(lines).rstrip()


def render_next_steps_messages(facts: CaseFacts, *, steps_per_message: int = STEPS_PER_MESSAGE,
                               directory: Optional[Directory] = None) -> list[str]:
    """The next steps split into chat messages of a few steps each (easier to read)."""
    directory = directory or get_directory()
    texts = directory.texts
    steps = next_steps(facts, directory=directory)
    if not steps:
        return [texts["next_steps"]["none"]]
    messages: list[str] = []
    lines: list[str] = [texts["next_steps"]["intro"], ""]
    for number, step in enumerate(steps, start=1):
        lines.extend(_step_lines(number, step, directory))
        if number % steps_per_message == 0 or number == len(steps):
            messages.append("\n".join(lines).rstrip())
            lines = []
    return messages


def render_services(services: Sequence[Service], *, directory: Optional[Directory] = None) -> str:
    """A numbered list of services: name, contacts, what it does, hours (medium ones with care)."""
    directory = directory or get_directory()
    texts = directory.texts
    shown = [service for service in services if service.shown]
    if not shown:
        return texts["services"]["empty"]
    lines: list[str] = []
    for number, service in enumerate(shown, start=1):
        lines.extend(_service_lines(service, texts, first=f"{number}. ", rest=_INDENT))
    return "\n".join(lines)


def render_safety_text(country: Optional[str], kind: str, *, directory: Optional[Directory] = None) -> str:
    """Short, calm safety answer: crisis lines first ("crisis") or emergency first ("danger").

    "fallback" is the reply for a technical failure: an apology, then the emergency and crisis
    numbers, so that a person in danger is never left without them. Works for None or an
    unsupported country by listing every supported country.

    Raises:
        ValueError: if ``kind`` is not "crisis", "danger" or "fallback".
    """
    if kind not in SAFETY_KINDS:
        raise ValueError(f"kind must be one of {SAFETY_KINDS}, not {kind!r}")
    directory = directory or get_directory()
    texts = directory.texts["safety"]
    if country not in SUPPORTED_COUNTRIES:
        return _safety_all_countries(kind, directory)
    contacts = crisis_contacts(country, directory=directory)
    crisis = [s for s in contacts if "emergency" not in s.kinds]
    emergency = [s for s in contacts if "emergency" in s.kinds]
    sep = texts["separator"]
    lines: list[str] = []
    if kind == "fallback":
        lines.append(texts["fallback_lead"])
        if emergency:
            lines.append(texts["fallback_emergency"].format(lines=sep.join(_safety_item(s, directory) for s in emergency)))
        if crisis:
            lines.append(texts["fallback_crisis"].format(lines=sep.join(_safety_item(s, directory) for s in crisis)))
    elif kind == "crisis":
        if crisis:
            lines.append(texts["crisis_lead"].format(line=_safety_item(crisis[0], directory, full=True)))
        if crisis[1:]:
            lines.append(texts["crisis_also"].format(lines=sep.join(_safety_item(s, directory, full=True) for s in crisis[1:])))
        if emergency:
            lines.append(texts["crisis_emergency"].format(lines=sep.join(_safety_item(s, directory) for s in emergency)))
        lines.append(texts["crisis_close"])
    else:
        if emergency:
            lines.append(texts["danger_lead"].format(lines=_spanish_or([_safety_item(s, directory) for s in emergency])))
        lines.append(texts["danger_place"])
        if crisis:
            lines.append(texts["danger_after"].format(lines=sep.join(_safety_item(s, directory, full=True) for s in crisis)))
        lines.append(texts["danger_close"])
    return "\n".join(lines)


def takedown_request(
    kind: str,
    *,
    platform: Optional[str] = None,
    link: Optional[str] = None,
    country: Optional[str] = None,
    directory: Optional[Directory] = None,
) -> str:
    """A ready-to-send Spanish take-down request for a platform's form or e-mail.

    Filled with what the person said (platform, link, country); nothing is stored or logged.

    Args:
        kind: "ncii", "impersonation" or "doxing".
        platform: a ``bot.facts.PLATFORMS`` value, or the name the person wrote.
        link: the link to the content or the fake profile.
        country: ISO code of where the person lives.

    Raises:
        ValueError: for an unknown ``kind``.
    """
    if kind not in TAKEDOWN_KINDS:
        raise ValueError(f"kind must be one of {TAKEDOWN_KINDS}, not {kind!r}")
    directory = directory or get_directory()
    data = directory.takedown
    texts = directory.texts
    known_name = _platform_name(platform, texts)
    platform_name = known_name or data["missing"]["platform"]
    clean_link = " ".join((link or "").split())[:MAX_LINK_CHARS] or data["missing"]["link"]
    country_name = texts["countries"].get(country) if country else None
    country_line = data["country_line"].format(country=country_name) if country_name else ""
    template = data["templates"][kind]
    values = {
        "platform": platform_name,
        "platform_in_text": known_name or data["missing"]["platform_in_text"],
        "link": clean_link,
        "country_line": country_line,
    }

    body = template["body"].format(**values)
    body = "\n".join(line.rstrip() for line in body.splitlines())
    lines = [" ".join(data["header"].format(**values).split()), "", f"Asunto: {template['subject']}", "", body, ""]
    route = _platform_route(platform, TAKEDOWN_INCIDENT[kind], directory)
    if route is not None:
        lines.append(data["where"])
        lines.extend(_service_lines(route, texts, first="– ", rest="  "))
        lines.append("")
    lines.append(data["footer"])
    return "\n".join(lines)


# ----------------------------------------------------------------------------- pieces


def _step_lines(number: int, step: Step, directory: Directory) -> list[str]:
    texts = directory.texts
    text = step.text
    if step.confidence == "medium":
        end = ":" if text.endswith(":") else "."
        suffix = texts["labels"]["medium_step"].format(source=step.source_name)
        text = f"{text.rstrip('.:').rstrip()} {suffix}{end}"
    if "\n" in text:
        lines = [f"{number}. {step.title}:"]
        lines.extend(_INDENT + line for line in text.splitlines())
    else:
        lines = [f"{number}. {step.title}. {text}"]
    if step.services and all(_is_safety_line(s) for s in step.services):
        # Emergency numbers on one line: "133 (Carabineros) · 134 (PDI) · 131 (SAMU, ambulancia)".
        separator = texts["safety"]["separator"]
        lines.append(_INDENT + separator.join(_safety_item(s, directory) for s in step.services))
        return lines
    for service in step.services:
        lines.extend(_service_lines(service, texts, first=_INDENT + "– ", rest=_INDENT + "  "))
    return lines


def _is_safety_line(service: Service) -> bool:
    return "emergency" in service.kinds and bool(service.phone and service.short)


def _service_lines(service: Service, texts, *, first: str, rest: str) -> list[str]:
    """Lines for one service: name and contacts; description; hours; cost; care note."""
    labels = texts["labels"]
    contacts = _contacts(service, labels)
    lines = [f"{first}{service.name}" + (f" — {contacts}" if contacts else "")]
    if service.description:
        lines.append(rest + service.description)
    medium = service.confidence == "medium"
    if service.hours:
        hours = _with_field_note(service, "hours", service.hours, labels)
        template = labels["hours_medium"] if medium else labels["hours"]
        lines.append(rest + template.format(value=hours, source=service.source_name))
    elif service.phone and "emergency" not in service.kinds and not medium:
        lines.append(rest + labels["hours_unknown"])
    extras = [
        _sentence(_with_field_note(service, name, value, labels))
        for name, value in (("cost", service.cost), ("confidentiality", service.confidentiality))
        if value
    ]
    if extras:
        lines.append(rest + " ".join(extras))
    if medium and not service.hours:
        template = labels["medium_entry"] if service.phone else labels["medium_entry_online"]
        lines.append(rest + template.format(source=service.source_name))
    return lines


def _contacts(service: Service, labels) -> str:
    parts = []
    if service.phone:
        parts.append(_with_field_note(service, "phone", service.phone, labels))
    for name in ("whatsapp", "email", "url", "chat"):
        value = getattr(service, name)
        if value:
            parts.append(_with_field_note(service, name, labels[name].format(value=value), labels))
    return " · ".join(parts)


def _with_field_note(service: Service, field_name: str, text: str, labels) -> str:
    source = service.medium_source(field_name)
    if source is None:
        return text
    return f"{text.rstrip('.')} {labels['medium_field'].format(source=source)}"


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", ")")) else text + "."


def _safety_item(service: Service, directory: Directory, *, full: bool = False) -> str:
    """'133 (Carabineros)'; with ``full`` also hours and cost. Medium ones cite their source."""
    details = [service.short]
    if service.confidence == "medium":
        details[0] = directory.texts["safety"]["medium"].format(short=service.short, source=service.source_name)
    if full:
        details.extend(value for value in (service.hours, service.cost) if value)
    return f"{service.phone} ({'; '.join(details)})"


def _safety_all_countries(kind: str, directory: Directory) -> str:
    texts = directory.texts["safety"]
    names = directory.texts["countries"]
    sep = texts["separator"]
    lines = [texts["fallback_lead"]] if kind == "fallback" else []
    lines.append(texts["all_crisis_lead"] if kind == "crisis" else texts["all_danger_lead"])
    for code in SUPPORTED_COUNTRIES:
        contacts = crisis_contacts(code, directory=directory)
        crisis = [_safety_item(s, directory) for s in contacts if "emergency" not in s.kinds]
        emergency = [_safety_item(s, directory) for s in contacts if "emergency" in s.kinds]
        emergency_text = texts["all_emergency"].format(lines=sep.join(emergency)) if emergency else ""
        ordered = crisis + [emergency_text] if kind == "crisis" else [emergency_text] + crisis
        lines.append(texts["all_country"].format(country=names.get(code, code), lines=sep.join(p for p in ordered if p)))
    lines.append(texts["all_other"])
    if kind == "crisis":
        lines.append(texts["crisis_close"])
    else:
        lines.append(texts["danger_place"])
    return "\n".join(lines)


def _spanish_or(items: list[str]) -> str:
    """'A', 'A o al B', 'A, al B o al C' (after "llama al")."""
    if len(items) <= 1:
        return "".join(items)
    return ", al ".join(items[:-1]) + " o al " + items[-1]


def _platform_name(platform: Optional[str], texts) -> Optional[str]:
    if not platform or not platform.strip():
        return None
    known = texts["platforms"].get(platform.strip().lower())
    if known:
        return known
    if platform.strip().lower() == "other":
        return None
    return " ".join(platform.split())[:MAX_PLATFORM_CHARS]


def _platform_route(platform: Optional[str], incident: str, directory: Directory) -> Optional[Service]:
    """The platform's own shown reporting entry, if the directory has one for this incident."""
    if not platform:
        return None
    facts = CaseFacts(incident, platform=platform.strip().lower())
    routes = services_for(facts, kinds=["platform"], directory=directory)
    routes = [s for s in routes if s.platforms is not None]
    return routes[0] if routes else None
