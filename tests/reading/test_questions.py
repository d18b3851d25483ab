"""Every example question of bot/knowledge/questions.yml is recognised as its own id."""
from __future__ import annotations

import pytest

from bot.reading.model import QUESTIONS
from bot.reading.questions import examples, read_question

EXAMPLES = [(qid, text) for qid, texts in examples().items() for text in texts]


def test_every_example_belongs_to_a_question_id():
    assert EXAMPLES and {qid for qid, _ in EXAMPLES} <= set(QUESTIONS)


@pytest.mark.parametrize("qid, text", EXAMPLES)
def test_example_is_read_as_its_question(qid, text):
    assert read_question(text) == qid
