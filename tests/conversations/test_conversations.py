"""The conversation tests of tests/conversations/*.yml, read by the real trained NLU."""
from __future__ import annotations

import pytest

from tests.conversations.runner import MODEL, hold, load_conversations, read_with_model, uses_real_reading

CONVERSATIONS = load_conversations()

pytestmark = pytest.mark.skipif(not MODEL.exists(), reason="no trained model (scripts/test.sh trains it)")


def test_there_are_at_least_sixty_conversations():
    assert len(CONVERSATIONS) >= 60


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=lambda c: f"{c.file}:{c.name}")
def test_conversation(conversation):
    problems = hold(conversation, read_with_model)
    if problems and conversation.needs_reading and not uses_real_reading():
        pytest.xfail("needs bot.reading in the NLU pipeline: " + "; ".join(problems))
    assert problems == []
