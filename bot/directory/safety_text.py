"""The short, calm safety answers (crisis, danger, technical failure) built from the directory.

``bot.directory.domain`` writes them into domain.yml too, so they work with the action server down.
"""
from __future__ import annotations

from typing import Optional

from bot.facts import SUPPORTED_COUNTRIES
from bot.directory.load import get_directory
from bot.directory.model import Directory
from bot.directory.select import crisis_contacts
from bot.directory.service_text import _safety_item

#: Safety kinds accepted by ``render_safety_text``: crisis lines first; emergency numbers
#: first; or the technical-failure reply (apology, then emergency and crisis numbers).
SAFETY_KINDS: tuple[str, ...] = ("crisis", "danger", "fallback")


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
