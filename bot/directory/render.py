"""Spanish chat text for steps, services, safety lines and take-down requests.

Only shown entries (verified, not low) are ever rendered; medium facts get "según ...".
"""
from __future__ import annotations

from typing import Optional, Sequence

from bot.facts import MINOR_YES, SUPPORTED_COUNTRIES, CaseFacts
from bot.directory.load import get_directory
from bot.directory.regions import region_code, region_name
from bot.directory.model import (
    MAX_LINK_CHARS,
    MAX_PLATFORM_CHARS,
    TAKEDOWN_INCIDENT,
    TAKEDOWN_KINDS,
    Directory,
    Service,
    Step,
)
from bot.directory.select import (HumanContactAnswer, crisis_contacts, next_steps, region_covered,
                                  services_for)

#: Indentation of the lines under a numbered item.
_INDENT = "   "
#: Safety kinds accepted by ``render_safety_text``: crisis lines first; emergency numbers
#: first; or the technical-failure reply (apology, then emergency and crisis numbers).
SAFETY_KINDS: tuple[str, ...] = ("crisis", "danger", "fallback")
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


def source_line(service: Service, *, directory: Optional[Directory] = None) -> str:
    """Compact source of a service: "Fuente: jornada.com.mx (2025-11-05): https://…"."""
    directory = directory or get_directory()
    texts = directory.texts["sources"]
    first = service.source_url.split(" ; ")[0].strip()
    name = service.source_name or _domain(first)
    date_text = (service.source_date or "").split(" ; ")[0].strip() or "sin fecha"
    if date_text == "n/d":
        date_text = "sin fecha"
    link = first if first.startswith("http") else None
    if link:
        return texts["line_link"].format(name=name, date=date_text, link=link)
    return texts["line"].format(name=name, date=date_text)


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


def render_safety_text(country: Optional[str], kind: str, *, helper: bool = False,
                       directory: Optional[Directory] = None) -> str:
    """Short, calm safety answer: crisis lines first ("crisis") or emergency first ("danger").

    "fallback" is the reply for a technical failure: an apology, then the emergency and crisis
    numbers, so that a person in danger is never left without them. Works for None or an
    unsupported country by listing every supported country.

    With ``helper`` (someone writes about a friend or a child at risk) the crisis answer is
    addressed to the helper ("no la dejes sola y llamad juntos…").

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
        helper_texts = directory.texts["safety_helper"]
        lead = helper_texts["crisis_lead"] if helper else texts["crisis_lead"]
        if crisis:
            lines.append(lead.format(line=_safety_item(crisis[0], directory, full=True)))
        if crisis[1:]:
            lines.append(texts["crisis_also"].format(lines=sep.join(_safety_item(s, directory, full=True) for s in crisis[1:])))
        if emergency:
            lines.append(texts["crisis_emergency"].format(lines=sep.join(_safety_item(s, directory) for s in emergency)))
        lines.append(helper_texts["crisis_close"] if helper else texts["crisis_close"])
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
    minor: bool = False,
    on_behalf: bool = False,
    directory: Optional[Directory] = None,
) -> str:
    """A ready-to-send Spanish take-down request for a platform's form or e-mail.

    Filled with what the person said (platform, link, country); nothing is stored or logged.

    Args:
        kind: "ncii", "impersonation" or "doxing".
        platform: a ``bot.facts.PLATFORMS`` value, or the name the person wrote.
        link: the link to the content or the fake profile.
        country: ISO code of where the person lives.
        minor: the person in the content is under 18 (``CaseFacts.minor_status == "yes"``):
            the request says so (removal is faster) and goes to the platform's child route
            (Telegram: stopCA@telegram.org).
        on_behalf: a parent writes for the child ("la persona que aparece es mi hija o hijo").

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
    minor_line = ""
    if minor:
        minor_line = data["minor_line_parent"] if on_behalf else data["minor_line"]
    values = {
        "platform": platform_name,
        "platform_in_text": known_name or data["missing"]["platform_in_text"],
        "link": clean_link,
        "country_line": country_line,
    }
    values["country_line"] = " ".join(part for part in (minor_line, country_line) if part)

    body = template["body"].format(**values)
    body = "\n".join(line.rstrip() for line in body.splitlines())
    lines = [" ".join(data["header"].format(**values).split()), "", f"Asunto: {template['subject']}", "", body, ""]
    route = _platform_route(platform, TAKEDOWN_INCIDENT[kind], directory, minor=minor)
    if route is not None:
        lines.append(data["where"])
        lines.extend(_service_lines(route, texts, first="– ", rest="  "))
        lines.append("")
    lines.append(data["footer"])
    return "\n".join(lines)


# ----------------------------------------------------------------------------- pieces


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


def _compact_service(service: Service, directory: Directory) -> str:
    """"SernamEG te Orienta (para mujeres) — 1455 · WhatsApp … Horario: …"; medium ones cite."""
    texts = directory.texts
    labels = texts["labels"]
    name = service.name
    audience = texts["audiences"].get(service.audience, "")
    if audience:
        name = f"{name} ({audience})"
    # Under a step, a phone line does not repeat its e-mail (render_services gives it).
    contacts = _contacts(service, labels, compact=True)
    line = name + (f" — {contacts}" if contacts else "")
    medium = service.confidence == "medium"
    if service.always_open:
        line += labels["compact_hours"].format(value=labels["always_open"])
    elif service.hours:
        line += labels["compact_hours"].format(value=_with_field_note(service, "hours", service.hours, labels))
    if medium:
        line += " " + labels["medium_field"].format(source=service.source_name).strip()
    return line


def _is_safety_line(service: Service) -> bool:
    return "emergency" in service.kinds and bool(service.phone and service.short)


def _service_lines(service: Service, texts, *, first: str, rest: str) -> list[str]:
    """Lines for one service: name and contacts; description; hours; cost; care note."""
    labels = texts["labels"]
    contacts = _contacts(service, labels)
    audience = texts["audiences"].get(service.audience, "") if "audiences" in texts else ""
    name = f"{service.name} ({audience})" if audience else service.name
    lines = [f"{first}{name}" + (f" — {contacts}" if contacts else "")]
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


def _contacts(service: Service, labels, *, compact: bool = False) -> str:
    parts = []
    if service.phone:
        parts.append(_with_field_note(service, "phone", service.phone, labels))
    for name in ("whatsapp", "email", "url", "chat"):
        value = getattr(service, name)
        if compact and service.phone and name in ("email", "chat"):
            continue
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


def _platform_route(platform: Optional[str], incident: str, directory: Directory, *,
                    minor: bool = False) -> Optional[Service]:
    """The platform's own shown reporting entry for this incident; a minor's route first (W6)."""
    if not platform:
        return None
    facts = CaseFacts(incident, platform=platform.strip().lower(), victim_is_minor=minor or None)
    routes = services_for(facts, kinds=["platform"], directory=directory)
    routes = [s for s in routes if s.platforms is not None]
    if minor:
        routes.sort(key=lambda s: s.ages != "minor")
    return routes[0] if routes else None


def step_source_line(step: Step, *, directory: Optional[Directory] = None) -> Optional[str]:
    """Compact source of a step's facts ("Fuente: acoso.online (2026-11-25): https://…"); None for advice."""
    if step.advice or not step.sources:
        return None
    directory = directory or get_directory()
    texts = directory.texts["sources"]
    first = step.sources[0].split(" (")[0].split(":")[0].strip() if not step.sources[0].startswith("http") else step.sources[0]
    name = step.source_name or _domain(first)
    date_text = step.checked.isoformat() if step.checked else "sin fecha"
    link = first if first.startswith("http") else (f"https://{first}" if "/" in first and " " not in first else None)
    if link:
        return texts["line_link"].format(name=name, date=date_text, link=link)
    return texts["line"].format(name=name, date=date_text)


def _domain(url: str) -> str:
    bare = url.split("://", 1)[-1]
    return bare.split("/", 1)[0].removeprefix("www.") or url
