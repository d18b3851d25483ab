"""What one message says, read once: the frozen :class:`Reading`.

This is the contract between understanding (``bot.reading``, run once per message inside the
NLU pipeline by ``extensions.message_reader``) and the dialogue (``bot.dialogue.respond``).
The dialogue and the actions read the ``Reading``; nothing reads the raw text a second time.

A ``Reading`` holds no message text, no names, no phone numbers: only closed vocabularies,
numbers and ISO codes. It is stored in the tracker (inside the message's ``parse_data`` under
the key ``"reading"``) and must stay small.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Optional

#: Risk levels. ``risk``: crisis or danger, answered first with the crisis/emergency lines.
#: ``possible``: a short, warm check-in that names the crisis line. ``none``: nothing found.
RISK_LEVELS: tuple[str, ...] = ("risk", "possible", "none")
#: What kind of risk. ``crisis``: self-harm or suicide. ``danger``: physical danger now
#: (someone at the door, following, holding or hitting the person).
RISK_KINDS: tuple[str, ...] = ("crisis", "danger")
#: Whom the risk is about: the writer, or someone else (a friend, a child): then the reply is
#: addressed to the helper.
RISK_SUBJECTS: tuple[str, ...] = ("self", "other")

#: Who is writing: the person affected, a parent or carer, a teacher or school staff, a friend
#: or relative helping, or a witness who found material.
WRITERS: tuple[str, ...] = ("self", "parent", "teacher", "friend", "witness")

#: Answer signals: yes / no, "no sé", "prefiero no decirlo", and a correction ("no, no es eso").
SIGNALS: tuple[str, ...] = ("yes", "no", "dont_know", "decline", "correction")

#: Questions a person asks, each answered by an entry of the answer bank
#: (``bot/knowledge/answers.yml``, key = question id). The first six are the broad topics the
#: bot always knew; the rest are the follow-ups people ask.
QUESTIONS: tuple[str, ...] = (
    "evidence",             # how to keep evidence
    "report_platform",      # how to report / take down on a platform
    "report_police",        # where / how to file a complaint
    "legal_info",           # what the law says, my rights
    "support",              # who can support me, someone to talk to
    "privacy",              # what the bot keeps, how to erase it
    "delete_evidence",      # should I delete the messages / threats?
    "can_i_be_charged",     # can they accuse me? (I sent the photos, I'm a minor, ...)
    "chat_instead_of_call", # is there a chat / WhatsApp instead of calling?
    "tell_parents_or_school",  # whom to tell first: parents, school, police?
    "cyber_police_region",  # is there a cyber police in my state / province?
    "which_articles",       # which articles apply exactly?
    "minor_call_alone",     # can a minor call / report alone, without parents?
    "after_complaint",      # what happens after I file a complaint?
    "boss_fire",            # can my boss fire me / consequences at work or school?
    "aggressor_family",     # the aggressor is a family member: what then?
    "already_paid",         # I already paid / sent more: what now?
    "content_reappears",    # the content comes back / is re-uploaded
    "takedown_letter",      # write me the take-down request for the platform
    "human",                # I want to talk to a person
)

#: Conversation acts that are not incidents nor questions.
ACTS: tuple[str, ...] = (
    "greet", "goodbye", "thank", "bot_challenge", "delete_my_data", "out_of_scope",
)


@dataclass(frozen=True)
class Risk:
    """Crisis or danger found in the message.

    Attributes:
        level: one of ``RISK_LEVELS``.
        kind: one of ``RISK_KINDS`` (None when ``level == "none"``).
        subject: one of ``RISK_SUBJECTS``: the writer, or someone the writer is helping.
        cues: names of the signals that decided it (``"means"``, ``"plan"``, ``"finality"``,
            ``"wish_not_to_exist"``, ``"danger_now"``, ``"threat_with_time"``, ...): for
            tests and explanations, never text.
    """

    level: str = "none"
    kind: Optional[str] = None
    subject: str = "self"
    cues: tuple[str, ...] = ()

    @property
    def urgent(self) -> bool:
        """Answered first with the crisis or emergency lines."""
        return self.level == "risk"


@dataclass(frozen=True)
class Facts:
    """Facts said in this message (None / False = not said here).

    Attributes:
        country: ISO 3166-1 alpha-2 (``CL``, ``MX``, ``AR``, ``ES`` or another).
        region: ISO 3166-2 code (``MX-SLP``, ``AR-M``, ``CL-CO``, ``ES-MD``).
        city: the city's name as written in GeoNames (display only; it set country/region).
        place_ambiguous: a place was named that fits several countries/regions ("Córdoba").
        age: the affected person's age in years, if said.
        adult: True = said to be 18 or over ("soy mayor", "tengo más de 18"), False = said to
            be a minor ("soy menor", "tengo 15"), None = not said.
        platform: one of ``bot.facts.PLATFORMS``.
        relationship: who the aggressor is to the person affected: one of
            ``bot.facts.RELATIONSHIPS``.
        writer: one of ``WRITERS`` when the message says who is writing.
        lives_with_aggressor: the person lives with the aggressor.
        device_monitored: the aggressor watches or controls the person's phone or accounts.
        spread: ``"public"`` (published, a channel or group made to spread it) or
            ``"private"`` (sent to one person or a private group), None = not said.
        via_group: a group or channel *created to spread sexual content* (the Telegram
            "packs" groups); a family or class group is not.
        profit: the aggressor sells the content or asks for money.
        impersonation_to_obtain: a false identity was used to obtain the content.
        consent_to_capture: True = the person agreed to the recording (not to its spread),
            False = recorded without consent.
        several_aggressors: two or more people took part.
        anonymous_aggressor: the aggressor hides behind an anonymous or fake account.
        images_taken_as_minor: the images were taken when the person was under 18.
    """

    country: Optional[str] = None
    region: Optional[str] = None
    city: Optional[str] = None
    place_ambiguous: bool = False
    age: Optional[int] = None
    adult: Optional[bool] = None
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


@dataclass(frozen=True)
class Reading:
    """Everything the bot understood from one message.

    Attributes:
        risk: crisis or danger (:class:`Risk`).
        incident: the incident the story describes (one of ``bot.facts.INCIDENTS``), or None.
        incident_confidence: the classifier's confidence for ``incident`` (0–1).
        question: the question the person asks (one of ``QUESTIONS``), or None.
        act: a conversation act (one of ``ACTS``), or None.
        facts: facts said in this message (:class:`Facts`).
        signals: answer signals found (subset of ``SIGNALS``), e.g. ``("no",)``.
        self_blame: the person blames themselves ("fue mi culpa por mandarlas").
        offers_images: the person offers or tries to send the images.
        considers_confronting: the person thinks of confronting, negotiating or paying.
        vos: the person writes with voseo ("tenés", "podés"): answer with vos.
        long: the message is long (over ``LONG_MESSAGE`` characters).
        truncated: the message was cut before the full reading (the cheap risk check still
            read all of it).
    """

    risk: Risk = field(default_factory=Risk)
    incident: Optional[str] = None
    incident_confidence: float = 0.0
    question: Optional[str] = None
    act: Optional[str] = None
    facts: Facts = field(default_factory=Facts)
    signals: tuple[str, ...] = ()
    self_blame: bool = False
    offers_images: bool = False
    considers_confronting: bool = False
    vos: bool = False
    long: bool = False
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (stored in the tracker under ``parse_data["reading"]``)."""
        data = asdict(self)
        data["risk"]["cues"] = list(self.risk.cues)
        data["signals"] = list(self.signals)
        return data

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> "Reading":
        """The inverse of :meth:`to_dict`; unknown keys are ignored, missing ones default."""
        if not data:
            return cls()
        risk = data.get("risk") or {}
        facts = data.get("facts") or {}
        return cls(
            risk=Risk(**{**_known(Risk, risk), "cues": tuple(risk.get("cues") or ())}),
            facts=Facts(**_known(Facts, facts)),
            signals=tuple(data.get("signals") or ()),
            **{k: v for k, v in _known(cls, data).items()
               if k not in ("risk", "facts", "signals")},
        )


#: Characters over which a message counts as long (read clause by clause).
LONG_MESSAGE = 150


def _known(kind: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(kind)}
    return {k: v for k, v in data.items() if k in names}
