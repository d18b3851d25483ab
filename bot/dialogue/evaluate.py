"""Hold a set of conversations and measure them: expectations met, reply lengths, problems.

Used by ``scripts/conversation_eval.py`` (the bench) on the frozen fresh conversations of
``tests/fresh/`` and by nothing that chooses anything: no text of a conversation is printed,
only counts per expectation kind, so reading the figures does not spoil the set.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from bot.dialogue.checks import reply_problems_of_turn
from bot.dialogue.expectations import check, validate
from bot.dialogue.model import Case, History, fold
from bot.dialogue.respond import respond
from bot.reading.model import Reading


@dataclass(frozen=True)
class ConversationSpec:
    """A conversation to hold: user texts, each with its expectations."""

    name: str
    turns: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass
class Report:
    """What holding a set of conversations measured."""

    conversations: int = 0
    conversations_clean: int = 0
    turns: int = 0
    met: Counter = field(default_factory=Counter)
    missed: Counter = field(default_factory=Counter)
    reply_problems: Counter = field(default_factory=Counter)
    message_lengths: list[int] = field(default_factory=list)
    reply_lengths: list[int] = field(default_factory=list)
    #: (conversation, turn number, expectation, what was wrong): kept for seen sets only.
    misses: list[tuple[str, int, str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Printable lines: overall, then per expectation kind, then lengths."""
        total = sum(self.met.values()) + sum(self.missed.values())
        out = [f"conversations fully as expected: {self.conversations_clean}/{self.conversations}"
               f"; turns {self.turns}; expectations met {sum(self.met.values())}/{total}"
               f" ({sum(self.met.values()) / max(total, 1):.2f})"]
        for kind in sorted(set(self.met) | set(self.missed)):
            n = self.met[kind] + self.missed[kind]
            out.append(f"  {kind:<18} {self.met[kind]:>4}/{n:<4} ({self.met[kind] / n:.2f})")
        if self.reply_problems:
            out.append("reply checks failed: " + ", ".join(
                f"{k} {v}" for k, v in self.reply_problems.most_common()))
        out.append("reply length (all messages of a turn): " + _distribution(self.reply_lengths))
        out.append("message length: " + _distribution(self.message_lengths))
        return out


def _distribution(values: Sequence[int]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered):.0f}, p95 {p95}, max {ordered[-1]} characters"


def load_specs(data: dict) -> list[ConversationSpec]:
    """Conversations from a YAML mapping ``{conversations: [{id|name, turns: [{user, expect}]}]}``.

    A turn with ``photo: true`` (the person sends a picture) is left out: the channel answers it
    before the dialogue and keeps nothing (``media_not_kept``, tested in tests/channels/).
    """
    specs = []
    for entry in data.get("conversations") or []:
        turns = tuple((t["user"], tuple(t.get("expect") or ())) for t in entry["turns"]
                      if not t.get("photo"))
        for _, expect in turns:
            for expectation in expect:
                validate(expectation)
        specs.append(ConversationSpec(str(entry.get("name") or entry.get("id")), turns))
    return specs


def evaluate(specs: Iterable[ConversationSpec], read: Callable[[str], Reading]) -> Report:
    """Hold every conversation with ``read`` (text -> Reading) and ``respond``/``fold``."""
    report = Report()
    for spec in specs:
        report.conversations += 1
        case, history = Case(), History()
        clean = True
        for number, (text, expect) in enumerate(spec.turns, 1):
            report.turns += 1
            said = history.said
            reply = respond(read(text), case, history)
            for problem in reply_problems_of_turn(case, reply, said):
                report.reply_problems[problem.split(":")[0]] += 1
                clean = False
            report.message_lengths.extend(len(m.text) for m in reply.messages)
            report.reply_lengths.append(sum(len(m.text) for m in reply.messages))
            case, history = fold(case, history, reply)
            for expectation in expect:
                kind = expectation.split(":")[0]
                problem = check(expectation, reply, case, said)
                if problem is None:
                    report.met[kind] += 1
                else:
                    report.missed[kind] += 1
                    report.misses.append((spec.name, number, expectation, problem))
                    clean = False
        report.conversations_clean += clean
    return report
