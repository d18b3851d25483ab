"""The closed vocabulary of the conversation tests: one checker for every expectation.

A conversation test gives, for each user turn, expectations such as ``crisis_lines``,
``asks:country``, ``answers:delete_evidence`` or ``country:MX``; :func:`check` says what is
wrong with a reply (None = as expected). Some expectations are met by what the conversation
said so far (``child_protection``, ``both_tools``, ``safety_first``, ``national_answer``,
``never_pay``, ``not_your_fault``): a block is never repeated, so once said it counts.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional, Sequence

from bot.dialogue import contacts
from bot.dialogue.model import Case, Reply
from bot.facts import INCIDENTS
from bot.reading.model import QUESTIONS, WRITERS

#: Expectations without an argument.
PLAIN = frozenset({
    "crisis_lines", "emergency_lines", "check_in", "no_crisis_block", "child_protection",
    "no_capture_advice", "both_tools", "safety_first", "never_pay", "no_images_kept",
    "not_your_fault", "national_answer", "vos", "erased", "short",
})
#: Expectations with an argument: ``name:argument``.
WITH_ARGUMENT = frozenset({"asks", "not_asks", "answers", "incident", "addressed_to",
                           "country", "region"})
#: A reply is short when all its messages together are at most this long.
SHORT_CHARS = 500
#: Blocks that may come before an answer (what must always come first).
PREAMBLE = frozenset({"disclosure", "no_images", "not_your_fault", "not_your_fault_helper",
                      "dont_confront",
                      "check_in_possible", "check_in_possible_helper"})
CRISIS_BLOCKS = frozenset({"crisis", "crisis_helper", "crisis_again", "crisis_again_helper"})
RISK_BLOCKS = frozenset({"crisis", "danger", "crisis_helper", "danger_helper", "crisis_again",
                         "crisis_again_helper"})
ASK_BLOCKS = {"country": ("ask:country", "ask:country_which"),
              "age": ("ask:age", "ask:age_helper")}
#: A check-in: asks how the person is (after the crisis lines, whether they are safe now).
CHECK_IN_BLOCKS = frozenset({"check_in", "check_in_helper", "check_in_possible",
                             "check_in_possible_helper", "safe_now", "safe_now_danger",
                             "safe_now_helper", "safe_now_again"})
_CAPTURE = re.compile(r"(?<!no )(?<!ni )\b(?:haz|hace|toma|saca|guarda)\w*\b[^.;]{0,30}\bcaptur"
                      r"|\bhaz capturas\b")
_NEVER_PAY = re.compile(r"\bno (?:le )?pagu|\bno pagar\b|\bno pagues\b")
_NOT_FAULT = re.compile(r"no es (?:tu|su) culpa|no es culpa (?:tuya|suya)|no tienes la culpa|no tenes la culpa"
                        r"|la culpa nunca es de quien")


def validate(expectation: str) -> None:
    """Raise ValueError for a word outside the vocabulary."""
    name, _, argument = expectation.partition(":")
    if argument:
        if name not in WITH_ARGUMENT:
            raise ValueError(f"unknown expectation {expectation!r}")
        allowed = {"asks": ASK_BLOCKS, "not_asks": ASK_BLOCKS, "answers": QUESTIONS,
                   "incident": INCIDENTS, "addressed_to": tuple(w for w in WRITERS if w != "self")}
        if name in allowed and argument not in allowed[name]:
            raise ValueError(f"unknown argument in {expectation!r}")
    elif name not in PLAIN:
        raise ValueError(f"unknown expectation {expectation!r}")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower())
                   if unicodedata.category(c) != "Mn")


def check(expectation: str, reply: Reply, case: Case, said_before: Sequence[str] = ()) -> Optional[str]:
    """What is wrong with ``reply`` for ``expectation`` (None when it holds).

    Args:
        reply: the reply of this turn.
        case: the case after this turn (``fold`` applied).
        said_before: block ids said in earlier turns of the conversation.
    """
    validate(expectation)
    name, _, arg = expectation.partition(":")
    blocks = reply.blocks
    so_far = set(said_before) | set(blocks)
    text = _fold(reply.text)
    ok: bool
    if name == "crisis_lines":
        ok = bool(CRISIS_BLOCKS & set(blocks)) and _has_number(reply, contacts.crisis_line(case.country))
    elif name == "emergency_lines":
        number = contacts.emergency_line(case.country) or contacts.helper_lines(None, "danger")
        ok = bool(RISK_BLOCKS & set(blocks)) and _has_number(reply, number)
    elif name == "check_in":
        ok = bool(CHECK_IN_BLOCKS & set(blocks))
    elif name == "no_crisis_block":
        ok = not RISK_BLOCKS & set(blocks)
    elif name == "asks":
        ok = any(b in ASK_BLOCKS[arg] for b in blocks)
    elif name == "not_asks":
        ok = not any(b in ASK_BLOCKS[arg] for b in blocks)
    elif name == "answers":
        rest = [b for b in blocks if b not in PREAMBLE]
        ok = bool(rest) and rest[0] == f"answer:{arg}"
    elif name == "incident":
        ok = case.incident == arg
    elif name == "addressed_to":
        ok = (any(m.audience == arg for m in reply.messages) or f"writer:{arg}" in so_far) \
            and case.writer == arg and "cuentaselo a tu madre" not in text
    elif name == "child_protection":
        ok = "child_protection" in so_far or "writer:parent" in so_far and case.minor_status == "yes"
    elif name == "no_capture_advice":
        ok = not _CAPTURE.search(text)
    elif name == "both_tools":
        ok = "both_tools" in so_far or ("take it down" in text and "stopncii" in text)
    elif name == "safety_first":
        ok = "safety_first" in so_far and not _account_step_before(blocks, "safety_first")
    elif name == "never_pay":
        ok = bool(_NEVER_PAY.search(text)) or bool({"dont_confront", "ack:report_sextortion",
                                                     "answer:already_paid"} & so_far)
    elif name == "no_images_kept":
        ok = "no_images" in blocks
    elif name == "not_your_fault":
        ok = bool(_NOT_FAULT.search(text)) or bool({"not_your_fault", "not_your_fault_helper"} & so_far)
    elif name == "country":
        ok = case.country == arg
    elif name == "region":
        ok = case.region is not None and (case.region == arg or _fold(
            contacts.region_name(case.region) or "") == _fold(arg))
    elif name == "national_answer":
        ok = "national_answer" in so_far or "unsupported_country" in so_far
    elif name == "vos":
        registers = {m.register for m in reply.messages if m.register}
        ok = "tu" not in registers and ("vos" in registers or not registers)
    elif name == "erased":
        ok = reply.restart
    else:  # short
        ok = len(reply.text) <= SHORT_CHARS
    if ok:
        return None
    return f"expected {expectation}; blocks {list(blocks)}"


def _has_number(reply: Reply, line: str) -> bool:
    first = line.split(" (")[0].split(" — ")[0].strip()
    return not first or first in reply.text


def _account_step_before(blocks: Sequence[str], block: str) -> bool:
    if block not in blocks:
        return False
    index = blocks.index(block)
    return any(b.startswith("step:account") for b in blocks[:index])
