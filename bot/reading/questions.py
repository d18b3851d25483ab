"""The question a person asks: one id of ``bot.reading.model.QUESTIONS``, from cues in
``bot/knowledge/questions.yml`` read on the question clauses of the message.

Why cues and not a classifier (or Rasa's ResponseSelector): the fine-grained ids have no
training corpus of their own, several are told apart by one or two words ("¿borro...?" vs
"¿cómo guardo...?"), and a wrong answer to a question is worse than the broad answer. The
cues are checked on question clauses only, so a story that mentions "pruebas" does not become
the question "evidence". The broad ids also come from the intent classifier (``ask_*``) when
no cue matches; see ``docs/reading.md`` for the measurement.
"""
from __future__ import annotations

import functools
import re
from typing import Optional, Sequence

from bot.reading.clauses import split_clauses
from bot.reading.model import QUESTIONS
from bot.reading.text import KnowledgeError, load_yaml, normalize

#: The broad question ids, which the intent classifier's ``ask_*`` intents also give.
BROAD = frozenset({"evidence", "report_platform", "report_police", "legal_info", "support",
                   "privacy"})
#: Up to this many words may stand in the gap of a cue written with "...".
GAP_WORDS = 4


def _cue_regex(cue: str) -> str:
    parts = [re.escape(normalize(p)) for p in cue.split("...")]
    return r"\b" + rf"(?: \w+){{0,{GAP_WORDS}}} ".join(parts) + r"\b"


@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    data = load_yaml("questions.yml")
    table = []
    for qid, spec in data["questions"].items():
        if qid not in QUESTIONS:
            raise KnowledgeError(f"questions.yml: {qid}: not a question id of bot.reading.model")
        cues = (spec or {}).get("cues") or []
        if not cues:
            raise KnowledgeError(f"questions.yml: {qid}: cues: must be a non-empty list")
        table.append((qid, re.compile("|".join(_cue_regex(c) for c in cues))))
    starters = sorted({normalize(s) for s in data["question_starters"]}, key=len, reverse=True)
    return {
        "table": table,
        "starter": re.compile(r"^(?:\w+ ){0,3}?(?:" + "|".join(re.escape(s) for s in starters)
                              + r")\b"),
        "examples": {qid: list((spec or {}).get("examples") or [])
                     for qid, spec in data["questions"].items()},
    }


#: A question written with its marks: "¿...?" or a sentence ending in "?".
_MARKED = re.compile(r"¿[^?¿]*\?|[^.!?¿\n]*\?")


def question_clauses(text: str) -> list[str]:
    """The parts of ``text`` that ask something: "¿...?", a sentence ending in "?", or a
    clause that starts with a question word ("cómo hago para...")."""
    starter = _tables()["starter"]
    found = [m.group(0).strip() for m in _MARKED.finditer(text) if len(m.group(0).strip()) > 2]
    unmarked = _MARKED.sub(" . ", text)
    for clause in split_clauses(unmarked):
        for piece in re.split(r"[.!\n]+", clause):
            if piece.strip() and starter.search(normalize(piece)):
                found.append(piece.strip())
    return found


def match_question(text: str) -> Optional[str]:
    """The first question id whose cue is in ``text`` (any clause), or None."""
    norm = normalize(text)
    for qid, pattern in _tables()["table"]:
        if pattern.search(norm):
            return qid
    return None


def read_question(text: str, *, broad: Optional[str] = None, short: bool = True,
                  story: bool = False, learned: bool = True) -> Optional[str]:
    """The question asked in ``text``: a cue first, then the learned classifier
    (``bot.reading.question_model``), then the intent classifier's broad id.

    Args:
        text: the message.
        broad: the broad id given by the intent classifier (``ask_evidence`` -> "evidence").
        short: a short message is read whole (a bare "¿y si lo borro?"); a long one only in
            its question clauses.
        story: the message tells an incident: the classifier reads only its question
            clauses (a story is not a question).
        learned: use the classifier (False: cues and broad id only, as measured before it;
            the reader passes False when the intent classifier is sure the message is a
            conversation act or unrelated: "quién canta despacito").
    """
    clauses = question_clauses(text)
    for clause in clauses:
        found = match_question(clause)
        if found:
            return found
    if short:
        found = match_question(text)
        if found and found not in ("evidence", "legal_info", "report_police", "support"):
            return found
    if learned:
        from bot.reading import question_model

        # Only a message that asks (a "?" or a question word): "hola", "gracias", "tengo 17"
        # are not read by it. A short one is read whole (its context helps), a story or a
        # long one in its question clauses.
        whole = short and not story and len(text.split()) >= question_model.MIN_WORDS
        pieces = ([text] if whole else clauses) if clauses else []
        best = max(question_model.predict(pieces), key=lambda p: (p[0] != question_model.NONE, p[1]),
                   default=(question_model.NONE, 0.0))
        found = question_model.combine(None, best)
        if found and found not in BROAD:
            # the six broad ids are better told by the intent classifier (400 examples of its
            # own: with them from here too, the held-out accuracy fell from 0.898 to 0.882);
            # the classifier here adds the fourteen fine-grained ones
            return found
        if best[0] == question_model.NONE and best[1] >= question_model.NONE_OVER_BROAD:
            return None
    return broad if (broad and (short or clauses)) else None


def examples() -> dict[str, list[str]]:
    """The example questions of each id (for tests and docs)."""
    return _tables()["examples"]


def all_question_clauses(texts: Sequence[str]) -> list[list[str]]:
    """``question_clauses`` of each text (for the measurement script)."""
    return [question_clauses(t) for t in texts]
