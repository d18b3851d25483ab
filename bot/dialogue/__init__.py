"""The dialogue: one pure function per turn, ``respond(reading, case, history) -> Reply``.

Modules, one per concern:
    model      Case, History, Message, Reply and ``fold`` (apply a reply to the state)
    update     facts in passing: what a Reading adds to or corrects in the Case
    respond    the order of a reply (risk first, then the question, then the case)
    answers    the answer bank (bot/knowledge/answers.yml)
    plan       the next steps of a case, a few at a time
    contacts   phone lines in compact form, from the directory
    say        building the messages of a turn, never a block twice
    texts      bot/knowledge/replies.yml and answers.yml, validated once
    split      messages of at most 1,200 characters
    buttons    a Reading for a button payload (they skip the NLU pipeline)
    checks     checks over every reply (length, repeats, known facts, forbidden words)
    expectations  the closed vocabulary of the conversation tests
"""
from bot.dialogue.model import Button, Case, History, Message, Reply, fold
from bot.dialogue.respond import respond

__all__ = ["Button", "Case", "History", "Message", "Reply", "fold", "respond"]
