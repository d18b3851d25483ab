"""What every connector does with a person's text before Rasa sees it (transport rules only)."""
from __future__ import annotations

from bot import safety

#: Longest text handed to Rasa; longer messages are cut (after the safety check on all of it).
MAX_MESSAGE_CHARS = 4000

#: Intent payloads sent instead of a cut text whose risk sits beyond the cut.
RISK_PAYLOADS = {"crisis": "/express_crisis", "danger": "/immediate_danger"}


def prepare_text(text: str) -> str:
    """Return the text to hand to Rasa: stripped, cut to ``MAX_MESSAGE_CHARS``.

    A crisis or danger anywhere in a long message is never lost by the cut: if only the part
    beyond the cut shows it, the crisis (or danger) intent is sent instead.
    """
    text = text.replace("\x00", "").strip()
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    head = text[:MAX_MESSAGE_CHARS]
    risk = safety.classify_risk(text)
    if risk and safety.classify_risk(head) != risk:
        return RISK_PAYLOADS[risk]
    return head
