"""Safety checks that run on every message: crisis and danger, redaction, logs.

Ages and minors are read by ``bot.reading.age`` (from the ``minors`` section of safety.yml).

Everything here is deterministic and works without Rasa. The language data (Spanish
phrases, SMS spellings, street types...) lives in ``bot/knowledge/safety.yml``; the code that
reads and applies it lives in ``bot/phrases/`` (normalise, compiler, matching, safety_data) and
is re-exported here. Crisis and danger are read by
``bot.reading.risk`` (data: ``bot/knowledge/risk.yml``); the four risk functions here are
wrappers kept for old callers. See ``docs/safety.md``.

Public API:
    normalise(text)                   the form every pattern is matched against
    detect_crisis(text)               wrapper of bot.reading.risk.assess_risk
    detect_danger(text)               wrapper of bot.reading.risk.assess_risk
    classify_risk(text)               "crisis", "danger" or None (wrapper, urgent risk only)
    explain_risk(text)                wrapper of bot.reading.risk.explain
    (stated_age, mentions_minor: moved to bot/reading/age.py)
    reply_problems(text)              forbidden patterns in a BOT reply
    redact, scrub_log_message, PrivacyLogFilter, install_log_filter: moved to bot/privacy/
    load_safety_data(path), SafetyDataError  read and check safety.yml (done at import)
"""
from __future__ import annotations

import logging
from typing import Optional

# The phrase machinery lives in bot/phrases/; the names below are re-exported because
# bot.reading (age, risk, risk_data) and old callers use them from here.
from bot.phrases.compiler import GAP_WORDS, SafetyDataError, _Compiler, _Rule, _Section  # noqa: F401
from bot.phrases.matching import _cancelled, _Hit, _hits, _negated, _prepare  # noqa: F401
from bot.phrases.normalise import (  # noqa: F401
    _CLAUSE, _collapse, _match_text, _phonetic, _tokens,
)
from bot.phrases.safety_data import (  # noqa: F401
    REPLY_CATEGORIES, SAFETY_DATA_PATH, SafetyData, _number_regex, _section, load_safety_data,
)

logger = logging.getLogger(__name__)

#: Risk classes returned by :func:`classify_risk`.
CRISIS = "crisis"
DANGER = "danger"
#: A reply excerpt longer than this is cut in :func:`reply_problems` messages.
EXCERPT_CHARS = 80


def normalise(text: str) -> str:
    """Return ``text`` as patterns see it: "Me qiero mataaar!!" -> "me quiero matar"."""
    return " ".join(t for t in _tokens(text or "", _DATA.sms_words) if t != _CLAUSE)


# Crisis and danger: read by bot.reading.risk (bot/knowledge/risk.yml). These thin wrappers
# keep the old names working until every caller uses ``bot.reading.risk.assess_risk``.

def classify_risk(text: str) -> Optional[str]:
    """Return ``"crisis"``, ``"danger"`` or None: the kind of an urgent risk anywhere in
    ``text`` (``bot.reading.risk.assess_whole_message``). Beyond the fully read part, text
    with too many trigger words to read counts as a crisis (the safe side)."""
    # late import: bot.reading.risk imports this module
    from bot.reading.risk import assess_whole_message

    risk = assess_whole_message(text or "")
    return risk.kind if risk.urgent or "unread" in risk.cues else None


def detect_crisis(text: str) -> bool:
    """True when the message shows a crisis (self-harm, suicide) that is answered first."""
    return classify_risk(text) == CRISIS


def detect_danger(text: str) -> bool:
    """True when the message shows physical danger now (answered first)."""
    return classify_risk(text) == DANGER


def explain_risk(text: str) -> list[str]:
    """Which risk patterns matched, for maintainers (see ``bot.reading.risk.explain``)."""
    from bot.reading.risk import explain

    return explain(text or "")


# --------------------------------------------------------------------------------------
# Forbidden replies
# --------------------------------------------------------------------------------------

def reply_problems(text: str) -> list[str]:
    """List what is forbidden in a bot reply; an empty list means the reply is fine.

    Each item is ``"<category>: <matched words, normalised>"`` with category one of
    :data:`REPLY_CATEGORIES`: ``asks_for_images`` ("envíame la foto"), ``victim_blaming``
    ("¿por qué enviaste...?") and ``false_promise`` ("lo borraremos de internet").
    """
    prepared = _prepare(text, _DATA)
    problems: list[str] = []
    for category in REPLY_CATEGORIES:
        kept: list[tuple[int, int]] = []
        hits = sorted(_hits(prepared, _DATA.replies[category], _DATA),
                      key=lambda h: (h.start, -h.end))
        for hit in hits:
            if any(start <= hit.start and hit.end <= end for start, end in kept):
                continue  # the same words, already reported by a longer match
            kept.append((hit.start, hit.end))
            excerpt = prepared[hit.start:hit.end].strip(" .")[:EXCERPT_CHARS]
            item = f"{category}: {excerpt}"
            if item not in problems:
                problems.append(item)
    return problems


_DATA: SafetyData = load_safety_data()


# Redaction and log scrubbing moved to bot/privacy/ (privacy data: bot/knowledge/privacy.yml).
# Re-exported here until every caller imports bot.privacy.
from bot.privacy.logs import PrivacyLogFilter, install_log_filter, scrub_log_message  # noqa: E402,F401
from bot.privacy.redaction import redact  # noqa: E402,F401
