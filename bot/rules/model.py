"""Frozen dataclasses of the law engine: what the YAML holds and what the engine returns."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping, Optional

from bot.facts import CaseFacts

#: Values of ``status.value``: the norm is law now, or only a bill.
STATUS_IN_FORCE = "vigente"
STATUS_BILL = "proyecto de ley"
STATUSES: tuple[str, ...] = (STATUS_IN_FORCE, STATUS_BILL)

#: Confidence levels of ``support_services_and_law.md``. Only ``SHOWN_CONFIDENCE`` reach a person.
CONFIDENCES: tuple[str, ...] = ("high", "medium", "low", "UNVERIFIED")
SHOWN_CONFIDENCE: tuple[str, ...] = ("high", "medium")

#: What a provision is.
#:  offence     a conduct and its penalty (or a law that punishes conducts)
#:  protection  a law that recognises the violence and protects, without creating a crime
#:  aggravating a circumstance that makes an offence listed in ``aggravates`` more serious
#:  procedure   how a case is handled (who may start it, notifications, platform duties)
#:  definition  a definition (digital violence, consent); shown only on request
KINDS: tuple[str, ...] = ("offence", "protection", "aggravating", "procedure", "definition")

#: Topics ``legal_info`` answers; a provision or gap lists the topics it belongs to.
TOPICS: tuple[str, ...] = ("consent", "definition", "procedure", "platforms", "aggravating", "status")


@dataclass(frozen=True)
class Source:
    """Where a fact was read: a seed file or the reference, and the article / passage.

    Args:
        document: the file the fact comes from (``seeds/004_....txt`` or
            ``reference/support_services_and_law.md``), with the original site if any.
        article: the article and passage (``art. 161-K, inciso 2° (línea 660)``).
        title: how to name the source to a person (``Informe ... Boletín 13.928-07``).
        location: where in the document, for maintainers (``línea 660``); not shown.
        quote: the passage relied on, copied from the source (required for provisions).
        url: the public address of the source, shown as its link (None for a seed file).
    """

    document: str
    article: str
    title: Optional[str] = None
    location: Optional[str] = None
    quote: Optional[str] = None
    url: Optional[str] = None

    @property
    def label(self) -> str:
        """Human name of the source for the chat."""
        return self.title or self.document


@dataclass(frozen=True)
class Status:
    """Legal status of a norm: in force, or a bill at some stage.

    Args:
        value: ``vigente`` or ``proyecto de ley``.
        stage: where it stands, in Spanish (``Segundo trámite constitucional ...``).
        date: date of that stage, as written in the source (``2025-10``, ``n/d``).
        enactment_verified: False when nobody could check whether the bill became law.
        source: where the stage was read.
    """

    value: str
    stage: str
    date: str
    enactment_verified: bool = True
    source: Optional[str] = None

    @property
    def is_bill(self) -> bool:
        """True for a bill (``proyecto de ley``)."""
        return self.value == STATUS_BILL


class _ShownByConfidence:
    """``shown``: what a provision and a gap decide the same way, from their ``confidence``."""

    confidence: str

    @property
    def shown(self) -> bool:
        """True when its confidence allows showing it to a person."""
        return self.confidence in SHOWN_CONFIDENCE


@dataclass(frozen=True)
class Provision(_ShownByConfidence):
    """One norm (an article or one of its paragraphs) of one jurisdiction.

    ``conditions`` is a tuple of ``(key, value)`` pairs from the vocabulary in
    ``bot.rules.conditions``; ``replaces`` names provisions this one supersedes when it applies;
    ``aggravates`` names (or prefixes) the offences an aggravating circumstance applies to.
    """

    id: str
    country: str
    kind: str
    law: str
    article: Optional[str]
    paragraph: Optional[str]
    paragraph_format: str
    title: Optional[str]
    explanation: str
    penalty: Optional[str]
    status: Status
    source: Source
    checked: dt.date
    confidence: str
    incidents: tuple[str, ...]
    conditions: tuple[tuple[str, Any], ...] = ()
    region: Optional[str] = None
    replaces: tuple[str, ...] = ()
    aggravates: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    file: str = ""


@dataclass(frozen=True)
class Gap(_ShownByConfidence):
    """An honest limit: what no norm covers there, or what we could not verify.

    ``source`` and ``checked`` are None only for the engine's own generic notices
    (unsupported country, country not known, no verified norm).
    """

    id: str
    country: Optional[str]
    text: str
    incidents: tuple[str, ...]
    source: Optional[Source]
    checked: Optional[dt.date]
    confidence: str = "high"
    conditions: tuple[tuple[str, Any], ...] = ()
    region: Optional[str] = None
    short: bool = False
    topics: tuple[str, ...] = ()
    file: str = ""


@dataclass(frozen=True)
class Jurisdiction:
    """All provisions and gaps of one country (national and regional), from ``<CC>.yml``."""

    country: str
    name: str
    paragraph_format: str
    provisions: tuple[Provision, ...]
    gaps: tuple[Gap, ...]
    file: str

    @property
    def regions(self) -> tuple[str, ...]:
        """ISO 3166-2 codes of the regions with their own provisions or gaps, in file order."""
        seen: dict[str, None] = {}
        for entry in (*self.provisions, *self.gaps):
            if entry.region:
                seen.setdefault(entry.region, None)
        return tuple(seen)


@dataclass(frozen=True)
class LawKnowledge:
    """Everything loaded from ``bot/knowledge/law/``: jurisdictions by country and chat texts."""

    jurisdictions: Mapping[str, Jurisdiction]
    texts: Mapping[str, Any]
    directory: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "jurisdictions", MappingProxyType(dict(self.jurisdictions)))
        object.__setattr__(self, "texts", MappingProxyType(dict(self.texts)))


@dataclass(frozen=True)
class Possible:
    """A provision that would apply if facts the bot does not know turn out true.

    ``missing`` lists the ``(key, value)`` conditions whose answer is unknown.
    """

    provision: Provision
    missing: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class LegalAssessment:
    """What the law says about one case. Built by ``bot.rules.assess``.

    Args:
        facts: the case.
        country: the country code used (upper case), or None.
        supported: a jurisdiction file exists for that country.
        jurisdiction_name: ``Chile``, ``México``... (None if unsupported).
        provisions: offences and protection laws that apply, most relevant first (in force
            before bills, regional before national).
        aggravating: aggravating circumstances present, each a provision with its article.
        procedure: procedural notes that apply (who may start the case, notifications...).
        possible: provisions that would apply if an unknown fact is true.
        gaps: honest limits (no norm, bill may change, country unsupported...).
        sources: every source behind what is listed, without repeats.
        possible_aggravating: aggravating circumstances whose fact is unknown, shown as
            "podría agravarse si…" (never dropped silently).
    """

    facts: CaseFacts
    country: Optional[str]
    supported: bool
    jurisdiction_name: Optional[str]
    provisions: tuple[Provision, ...] = ()
    aggravating: tuple[Provision, ...] = ()
    procedure: tuple[Provision, ...] = ()
    possible: tuple[Possible, ...] = ()
    gaps: tuple[Gap, ...] = ()
    sources: tuple[Source, ...] = field(default=())
    possible_aggravating: tuple[Possible, ...] = ()

    @property
    def has_bill(self) -> bool:
        """True when a bill is among what applies (then texts must say "proyecto de ley")."""
        listed = (*self.provisions, *self.aggravating, *self.procedure,
                  *(p.provision for p in (*self.possible, *self.possible_aggravating)))
        return any(p.status.is_bill for p in listed)

    @property
    def ids(self) -> frozenset[str]:
        """Ids of provisions, aggravating circumstances and procedure notes that apply."""
        return frozenset(p.id for p in (*self.provisions, *self.aggravating, *self.procedure))


def matches(ref: str, provision_id: str) -> bool:
    """True if ``ref`` names ``provision_id`` exactly or is a prefix of it (``CL-161-K``)."""
    return provision_id == ref or provision_id.startswith(ref + "-")
