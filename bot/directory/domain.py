"""The block of ``domain.yml`` generated from the directory: crisis, danger and failure replies.

They are Rasa responses (one variation per country) so that a person in danger gets the numbers
even when the action server is down. ``python -m bot.directory render`` rewrites the block;
``--check`` only says whether it is stale (pytest runs the check).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import yaml

from bot.facts import SUPPORTED_COUNTRIES
from bot.directory.model import Directory
from bot.directory.safety_text import render_safety_text

#: The Rasa domain file with the generated block.
DOMAIN_FILE = Path(__file__).resolve().parent.parent.parent / "domain.yml"
#: First and last lines of the generated block (nothing between them is edited by hand).
BEGIN = "# BEGIN GENERATED: safety responses (python -m bot.directory render) — do not edit by hand"
END = "# END GENERATED"
#: Older spelling of ``BEGIN`` (before the logic moved from scripts/render_domain.py).
_OLD_BEGINS = ("# BEGIN GENERATED: safety responses (python -m scripts.render_domain) — do not edit by hand",)

#: Response name → kind understood by ``bot.directory.render_safety_text``.
SAFETY_RESPONSES = {
    "utter_crisis": "crisis",
    "utter_danger": "danger",
    "utter_action_failed": "fallback",
}


def render_safety_block(*, directory: Optional[Directory] = None) -> str:
    """The generated part of domain.yml, markers included."""
    responses = {name: _variations(kind, directory) for name, kind in SAFETY_RESPONSES.items()}
    body = yaml.safe_dump(responses, allow_unicode=True, sort_keys=False, width=100)
    indented = "".join(f"  {line}" if line.strip() else line for line in body.splitlines(True))
    return f"{BEGIN}\n{indented}{END}\n"


def render_domain(text: str, *, directory: Optional[Directory] = None) -> str:
    """``domain.yml`` text with its generated block replaced.

    Raises:
        ValueError: when the file has no BEGIN/END markers.
    """
    begin = next((marker for marker in (BEGIN, *_OLD_BEGINS) if marker in text), None)
    if begin is None or END not in text:
        raise ValueError(f"domain.yml has no generated block: add the lines {BEGIN!r} and {END!r}")
    start = text.index(begin)
    end = text.index(END, start) + len(END) + 1
    return text[:start] + render_safety_block(directory=directory) + text[end:]


def domain_is_current(path: Path = DOMAIN_FILE, *, directory: Optional[Directory] = None) -> bool:
    """True when the generated block of ``path`` matches the directory."""
    text = path.read_text(encoding="utf-8")
    return render_domain(text, directory=directory) == text


def write_domain(path: Path = DOMAIN_FILE, *, directory: Optional[Directory] = None) -> bool:
    """Rewrite the generated block of ``path``; returns True when the file changed."""
    text = path.read_text(encoding="utf-8")
    new = render_domain(text, directory=directory)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def _variations(kind: str, directory: Optional[Directory]) -> list[dict]:
    variations: list[dict] = [
        {
            "condition": [{"type": "slot", "name": "country", "value": code}],
            "text": render_safety_text(code, kind, directory=directory),
        }
        for code in SUPPORTED_COUNTRIES
    ]
    variations.append({"text": render_safety_text(None, kind, directory=directory)})
    return variations
