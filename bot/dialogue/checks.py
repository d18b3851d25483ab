"""Checks over every reply: length, repeated blocks, questions about known facts, and the
forbidden words of ``bot.safety.reply_problems`` (asking for images, blaming, false promises)."""
from __future__ import annotations

from typing import Sequence

from bot.dialogue.model import Case, Reply
from bot.dialogue.split import MAX_MESSAGE_CHARS
from bot.safety import reply_problems

#: The bot's questions, by the fact they ask about.
QUESTION_BLOCKS = {"country": ("ask:country", "ask:country_which"), "age": ("ask:age", "ask:age_helper")}


def reply_problems_of_turn(before: Case, reply: Reply, said_before: Sequence[str]) -> list[str]:
    """What is wrong with one reply, given the case and blocks before it (empty = fine)."""
    problems = []
    for message in reply.messages:
        if len(message.text) > MAX_MESSAGE_CHARS:
            problems.append(f"too_long: {message.block} has {len(message.text)} characters")
        if not message.text.strip():
            problems.append(f"empty: {message.block}")
        problems.extend(f"forbidden: {message.block}: {p}" for p in reply_problems(message.text))
        if message.block in said_before and not message.requested:
            problems.append(f"repeated: {message.block}")
    blocks = [m.block for m in reply.messages]
    if len(blocks) != len(set(blocks)):
        problems.append(f"repeated in one reply: {blocks}")
    known = {"country": before.country is not None,
             "age": before.age is not None or before.minor is not None}
    for fact, ids in QUESTION_BLOCKS.items():
        if known[fact] and any(b in ids for b in blocks):
            problems.append(f"asks_known_fact: {fact}")
    return problems

