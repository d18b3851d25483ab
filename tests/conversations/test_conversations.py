"""The conversation tests of tests/conversations/*.yml, read by the real trained NLU."""
from __future__ import annotations

import pytest

from tests.conversations.runner import hold, load_conversations, read_with_model, uses_real_reading
from tests.model import require_model

CONVERSATIONS = load_conversations()

def test_there_are_at_least_sixty_conversations():
    assert len(CONVERSATIONS) >= 60


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=lambda c: f"{c.file}:{c.name}")
def test_conversation(conversation):
    require_model()
    problems = hold(conversation, read_with_model)
    if problems and conversation.needs_reading and not uses_real_reading():
        pytest.xfail("needs bot.reading in the NLU pipeline: " + "; ".join(problems))
    assert problems == []
