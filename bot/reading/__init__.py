"""Understanding one message: risk, incident, question, facts and answer signals.

The contract is :class:`bot.reading.model.Reading` (frozen). ``read_message`` builds it.
"""
from bot.reading.model import (  # noqa: F401
    ACTS, QUESTIONS, RISK_KINDS, RISK_LEVELS, SIGNALS, WRITERS, Facts, Reading, Risk,
)
