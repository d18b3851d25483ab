"""A ready-to-send Spanish take-down request for a platform, and where to send it."""
from __future__ import annotations

from typing import Optional

from bot.facts import CaseFacts
from bot.directory.load import get_directory
from bot.directory.model import MAX_LINK_CHARS, MAX_PLATFORM_CHARS, TAKEDOWN_INCIDENT, TAKEDOWN_KINDS, Directory, Service
from bot.directory.select import services_for
from bot.directory.service_text import _service_lines


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
