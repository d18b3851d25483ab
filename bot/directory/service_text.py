"""How one service is written in a chat: compact under a step, in full in a list, as a
safety number, and its source line. Only shown entries (verified, not low) are ever rendered;
medium facts get "según ...". The names starting with ``_`` are for ``bot.directory``'s
other render modules only.
"""
from __future__ import annotations

from typing import Optional, Sequence

from bot.directory.load import get_directory
from bot.directory.model import Directory, Service, Step

#: Indentation of the lines under a numbered item.
_INDENT = "   "


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


def _domain(url: str) -> str:
    bare = url.split("://", 1)[-1]
    return bare.split("/", 1)[0].removeprefix("www.") or url
