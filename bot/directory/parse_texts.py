"""The texts files: ``texts.yml`` (labels and sentences) and ``takedown.yml`` (letters)."""
from __future__ import annotations

from pathlib import Path

from bot.directory.fields import load_yaml
from bot.directory.model import AUDIENCES, TAKEDOWN_KINDS, Issue

_REQUIRED_TEXTS = {
    "labels": ("whatsapp", "email", "url", "chat", "hours", "hours_medium", "hours_unknown",
               "medium_entry", "medium_entry_online", "medium_field", "medium_step",
               "compact_hours", "always_open"),
    "next_steps": ("intro", "none"),
    "services": ("empty",),
    "coverage": ("region_not_covered",),
    "safety_helper": ("crisis_lead", "crisis_close"),
    "sources": ("line", "line_link"),
    "human_contact": ("open", "closed", "closed_with_line", "unknown_hours", "none", "none_with_line"),
    "safety": ("crisis_lead", "crisis_also", "crisis_emergency", "crisis_close", "danger_lead",
               "danger_place", "danger_after", "danger_close", "all_crisis_lead",
               "all_danger_lead", "all_country", "all_emergency", "all_other", "separator",
               "medium", "fallback_lead", "fallback_emergency", "fallback_crisis"),
}


def read_texts(path: Path, issues: list[Issue]) -> dict:
    """The labels and sentences of ``texts.yml``, checked for every required text."""
    data = load_yaml(path, "labels", issues)
    if data is None:
        return {}
    for section, keys in _REQUIRED_TEXTS.items():
        block = data.get(section)
        if not isinstance(block, dict):
            issues.append(Issue(str(path), section, "-", "section missing"))
            continue
        for key in keys:
            if not isinstance(block.get(key), str):
                issues.append(Issue(str(path), section, key, "required text"))
    for section in ("countries", "platforms"):
        if not isinstance(data.get(section), dict):
            issues.append(Issue(str(path), section, "-", "section missing"))
    audiences = data.get("audiences")
    for audience in AUDIENCES:
        if not isinstance(audiences, dict) or not isinstance(audiences.get(audience), str):
            issues.append(Issue(str(path), "audiences", audience, "required text (may be empty)"))
    return data


def read_takedown(path: Path, issues: list[Issue]) -> dict:
    """The take-down letter templates of ``takedown.yml``, checked for every required text."""
    data = load_yaml(path, "templates", issues)
    if data is None:
        return {}
    for key in ("header", "where", "footer", "country_line", "minor_line", "minor_line_parent"):
        if not isinstance(data.get(key), str):
            issues.append(Issue(str(path), "-", key, "required text"))
    missing = data.get("missing")
    if not isinstance(missing, dict) or not all(isinstance(missing.get(k), str) for k in ("platform", "platform_in_text", "link")):
        issues.append(Issue(str(path), "-", "missing", "needs 'platform', 'platform_in_text' and 'link' placeholders"))
    titles = data.get("button_titles")
    if not isinstance(titles, dict) or not all(isinstance(titles.get(k), str) for k in TAKEDOWN_KINDS):
        issues.append(Issue(str(path), "-", "button_titles", f"needs a short title for {', '.join(TAKEDOWN_KINDS)}"))
    templates = data.get("templates") or {}
    for kind in TAKEDOWN_KINDS:
        template = templates.get(kind)
        if not isinstance(template, dict):
            issues.append(Issue(str(path), kind, "-", "template missing"))
            continue
        for key in ("subject", "body"):
            if not isinstance(template.get(key), str):
                issues.append(Issue(str(path), kind, key, "required text"))
        if "{link}" not in str(template.get("body", "")):
            issues.append(Issue(str(path), kind, "body", "must contain {link}"))
    return data
