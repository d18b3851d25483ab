"""Building the messages of one turn: blocks from replies.yml, never one twice."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from bot.dialogue.model import Button, Case, Message
from bot.dialogue.split import MAX_MESSAGE_CHARS, split_text
from bot.dialogue.texts import DialogueTexts, Text


@dataclass
class Turn:
    """The messages of the turn being built (mutable only while :func:`respond` runs)."""

    case: Case
    texts: DialogueTexts
    said: tuple[str, ...]
    messages: list[Message] = field(default_factory=list)

    def has_said(self, block: str) -> bool:
        """True when the block was sent earlier in the conversation or in this turn."""
        return block in self.said or any(m.block == block for m in self.messages)

    def block(self, block: str, *, buttons: Iterable[str] = (), audience: Optional[str] = None,
              requested: bool = False, **values: str) -> bool:
        """Send a block of replies.yml once; returns False when it was already said."""
        if self.has_said(block) and not requested:
            return False
        text, register = self.texts.block(block).pick(self.case.vos)
        self.add(block, text.format(**values) if values else text, buttons=buttons,
                 register=register, audience=audience, requested=requested)
        return True

    def text(self, block: str, text: Text, **kwargs) -> None:
        """Send a text with tú/vos forms under a block id."""
        chosen, register = text.pick(self.case.vos)
        self.add(block, chosen, register=register, **kwargs)

    def add(self, block: str, text: str, *, buttons: Iterable[str] = (), register: Optional[str] = None,
            audience: Optional[str] = None, requested: bool = False) -> None:
        """Send a text (cut into messages of at most MAX_MESSAGE_CHARS)."""
        parts = split_text(text, limit=MAX_MESSAGE_CHARS)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            self.messages.append(Message(
                block=block if index == 0 else f"{block}#{index + 1}", text=part,
                buttons=tuple(self.button(b) for b in buttons) if last else (),
                requested=requested, register=register, audience=audience))

    def button(self, name: str) -> Button:
        """A button of replies.yml by name."""
        return self.texts.button(name)

    def add_buttons(self, names: Iterable[str]) -> None:
        """Put buttons under the last message (no duplicates)."""
        if not self.messages:
            return
        last = self.messages[-1]
        have = {b.payload for b in last.buttons}
        extra = tuple(self.button(n) for n in names if self.button(n).payload not in have)
        self.messages[-1] = Message(last.block, last.text, last.buttons + extra, last.requested,
                                    last.register, last.audience)

    @property
    def length(self) -> int:
        """Characters sent so far in this turn."""
        return sum(len(m.text) for m in self.messages)
