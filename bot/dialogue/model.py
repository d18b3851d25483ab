"""The frozen values a turn works with: :class:`Case`, :class:`History`, :class:`Reply`."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Optional

from bot.facts import CaseFacts

#: Questions the bot itself asks (``History.last_question``).
ASKS: tuple[str, ...] = ("country", "age")


@dataclass(frozen=True)
class Case:
    """The facts of the conversation so far (one Rasa slot each).

    Same meaning as :class:`bot.facts.CaseFacts`; ``incident`` may still be unknown, and
    ``minor`` is the yes/no answer (``age`` beats it, see ``CaseFacts.minor_status``).
    ``vos`` is the person's register (they write with voseo).
    """

    incident: Optional[str] = None
    country: Optional[str] = None
    region: Optional[str] = None
    age: Optional[int] = None
    minor: Optional[bool] = None
    platform: Optional[str] = None
    relationship: Optional[str] = None
    writer: Optional[str] = None
    lives_with_aggressor: bool = False
    device_monitored: bool = False
    spread: Optional[str] = None
    via_group: bool = False
    profit: bool = False
    impersonation_to_obtain: bool = False
    consent_to_capture: Optional[bool] = None
    several_aggressors: bool = False
    anonymous_aggressor: bool = False
    images_taken_as_minor: bool = False
    vos: bool = False

    def facts(self, *, incident: Optional[str] = None) -> Optional[CaseFacts]:
        """The :class:`CaseFacts` the law and the directory take (None without an incident)."""
        chosen = incident or self.incident
        if chosen is None:
            return None
        return CaseFacts(
            chosen, country=self.country, region=self.region, victim_is_minor=self.minor,
            victim_age=self.age, relationship=self.relationship, spread=self.spread,
            profit=self.profit, via_group=self.via_group,
            impersonation_to_obtain=self.impersonation_to_obtain,
            consent_to_capture=self.consent_to_capture,
            several_aggressors=self.several_aggressors, platform=self.platform,
            writer=self.writer, lives_with_aggressor=self.lives_with_aggressor,
            device_monitored=self.device_monitored,
            anonymous_aggressor=self.anonymous_aggressor,
            images_taken_as_minor=self.images_taken_as_minor,
        )

    @property
    def minor_status(self) -> str:
        """``"yes"`` / ``"no"`` / ``"unknown"`` (the one definition, from CaseFacts)."""
        return (self.facts(incident=self.incident or "report_harassment")).minor_status

    def to_slots(self) -> dict[str, Any]:
        """Slot name -> value."""
        return asdict(self)

    @classmethod
    def from_slots(cls, slots: dict[str, Any]) -> "Case":
        """Build from slot values; unknown slots ignored, a float age made an int."""
        values = {f.name: slots.get(f.name) for f in fields(cls) if slots.get(f.name) is not None}
        if isinstance(values.get("age"), float):
            values["age"] = int(values["age"])
        return cls(**values)


#: The one slot that holds the History (every other slot is a fact of the case).
HISTORY_SLOT = "said"


@dataclass(frozen=True)
class History:
    """What was already said in this conversation (kept in ONE slot, ``said``).

    Attributes:
        said: block ids already sent, in order.
        steps: ids of the plan steps already given.
        last_question: what the bot asked last (one of ``ASKS``), or None.
        declined: facts the person did not know or preferred not to say (not asked again).
        crisis: a crisis or danger answer was given in the previous turn.
        helper_crisis: that answer was about someone else (the reply goes to the helper).
        turns: how many turns the bot answered.
        pending: a question answered in general that waits for the country.
    """

    said: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    last_question: Optional[str] = None
    declined: tuple[str, ...] = ()
    crisis: bool = False
    helper_crisis: bool = False
    turns: int = 0
    pending: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (the ``said`` slot)."""
        data = asdict(self)
        for name in ("said", "steps", "declined"):
            data[name] = list(data[name])
        return data

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> "History":
        """Inverse of :meth:`to_dict`; None or junk gives a fresh history."""
        if not isinstance(data, dict):
            return cls()
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names and v is not None}
        for name in ("said", "steps", "declined"):
            if name in values:
                values[name] = tuple(values[name])
        return cls(**values)


@dataclass(frozen=True)
class Button:
    """A button: what it says and the payload it sends (``/intent{...}``)."""

    title: str
    payload: str


@dataclass(frozen=True)
class Message:
    """One chat message.

    Attributes:
        block: what it is (``"disclosure"``, ``"ack:report_ncii"``, ``"step:evidence-save"``,
            ``"answer:delete_evidence"``...): never sent twice unless ``requested``.
        text: what the person reads (at most ``MAX_MESSAGE_CHARS``).
        buttons: buttons under it.
        requested: the person asked for it (may repeat an earlier block).
        register: ``"tu"``/``"vos"`` when the text had both variants.
        audience: whom it addresses when that is a helper (``"parent"``, ``"teacher"``...).
    """

    block: str
    text: str
    buttons: tuple[Button, ...] = ()
    requested: bool = False
    register: Optional[str] = None
    audience: Optional[str] = None


@dataclass(frozen=True)
class Reply:
    """What one turn says and changes.

    Attributes:
        messages: in order.
        updates: case fields changed this turn (name -> new value).
        history: the history after this turn.
        restart: erase the conversation (the person asked to delete their data).
    """

    messages: tuple[Message, ...] = ()
    updates: tuple[tuple[str, Any], ...] = ()
    history: History = field(default_factory=History)
    restart: bool = False

    @property
    def blocks(self) -> tuple[str, ...]:
        """The block ids of the messages."""
        return tuple(m.block for m in self.messages)

    @property
    def text(self) -> str:
        """All messages joined (for tests)."""
        return "\n\n".join(m.text for m in self.messages)


def fold(case: Case, history: History, reply: Reply) -> tuple[Case, History]:
    """Apply a reply to the state: the adapter and the tests use this one function."""
    if reply.restart:
        return Case(), History()
    return replace(case, **dict(reply.updates)), reply.history


def fields_of_case() -> tuple[str, ...]:
    """The slot names of the case (one slot per field of :class:`Case`)."""
    return tuple(f.name for f in fields(Case))
