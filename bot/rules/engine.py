"""The law engine: ``CaseFacts`` in, ``LegalAssessment`` out. Pure functions over loaded YAML.

No article is special-cased here: which provision applies is decided by its ``incidents``,
``region`` and ``conditions`` in the jurisdiction file (see ``bot.rules.conditions``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from bot.facts import INCIDENTS, CaseFacts
from bot.rules.conditions import evaluate_all
from bot.rules.loader import load_law
from bot.rules.model import (Gap, Jurisdiction, LawKnowledge, LegalAssessment, Possible,
                             Provision, Source, matches)
from bot.rules.regions import region_code, region_name

__all__ = ["applicable_provisions", "assess"]

#: Kinds listed in ``LegalAssessment.provisions``.
MAIN_KINDS = ("offence", "protection")


def _in_place(entry_region: Optional[str], region: Optional[str]) -> bool:
    # National entries apply everywhere in the country; regional ones only in their region
    # (both ISO 3166-2 codes: ``region`` was normalised by ``region_code``).
    return entry_region is None or entry_region == region


def _generic_gap(knowledge: LawKnowledge, key: str, for_country: Optional[str],
                 **fields: str) -> Gap:
    text = knowledge.texts["generic_gaps"][key].format(**fields)
    return Gap(id=f"GEN-{key.upper()}", country=for_country, text=text, incidents=(),
               source=None, checked=None, short=True)


def _order(provisions: Iterable[Provision]) -> tuple[Provision, ...]:
    # In force before bills, regional before national, then file order (Python sort is stable).
    return tuple(sorted(provisions, key=lambda p: (p.status.is_bill, p.region is None)))


def _sources(entries: Iterable[object]) -> tuple[Source, ...]:
    seen: dict[Source, None] = {}
    for entry in entries:
        source = getattr(entry, "source", None)
        if source is not None:
            seen.setdefault(source, None)
    return tuple(seen)


def _assess_in(jurisdiction: Jurisdiction, facts: CaseFacts,
               knowledge: LawKnowledge) -> LegalAssessment:
    region = region_code(jurisdiction.country, facts.region)
    applicable: list[Provision] = []
    possible: list[Possible] = []
    maybe_aggravating: list[Possible] = []
    for provision in jurisdiction.provisions:
        if (not provision.shown or facts.incident not in provision.incidents
                or not _in_place(provision.region, region)):
            continue
        result, missing = evaluate_all(provision.conditions, facts)
        if result is True:
            applicable.append(provision)
        elif result is None and provision.kind == "aggravating":
            maybe_aggravating.append(Possible(provision, missing))
        elif result is None:
            possible.append(Possible(provision, missing))

    # A more specific paragraph replaces the general one (e.g. 161-K-2 replaces 161-K-1).
    replaced = {ref for p in applicable for ref in p.replaces}
    applicable = [p for p in applicable if p.id not in replaced]
    possible = [p for p in possible if p.provision.id not in replaced]

    main = [p for p in applicable if p.kind in MAIN_KINDS]
    offence_ids = [p.id for p in main if p.kind == "offence"]
    # An aggravating circumstance is listed next to an offence that applies or may apply; one
    # whose fact is unknown is shown as "podría agravarse si…" (M1: never dropped silently).
    offence_or_possible = offence_ids + [p.provision.id for p in possible
                                         if p.provision.kind == "offence"]
    aggravating = [p for p in applicable if p.kind == "aggravating"
                   and any(matches(ref, oid) for ref in p.aggravates for oid in offence_or_possible)]
    possible_aggravating = [p for p in maybe_aggravating if any(
        matches(ref, oid) for ref in p.provision.aggravates for oid in offence_or_possible)]
    # Procedure notes speak of "these offences": keep them only next to an offence (or a
    # protection law) of the same law that applies or may apply.
    offence_laws = {p.law for p in main} | {
        p.provision.law for p in possible if p.provision.kind in MAIN_KINDS}
    procedure = [p for p in applicable if p.kind == "procedure" and p.law in offence_laws]
    possible = [p for p in possible
                if p.provision.kind != "procedure" or p.provision.law in offence_laws]

    gaps = []
    for gap in jurisdiction.gaps:
        if (gap.shown and facts.incident in gap.incidents and _in_place(gap.region, region)
                and evaluate_all(gap.conditions, facts)[0] is True):
            gaps.append(gap)
    has_offence = any(p.kind == "offence" for p in main) or any(
        p.provision.kind == "offence" for p in possible)
    if not has_offence and not gaps:
        gaps.append(_generic_gap(knowledge, "no_verified_norm", jurisdiction.country,
                                 place=jurisdiction.name))
    if region is None:
        # Say that some regions have rules of their own, if any covers this incident.
        regional = [r for r in jurisdiction.regions if any(
            e.region == r and e.shown and facts.incident in e.incidents
            for e in (*jurisdiction.provisions, *jurisdiction.gaps))]
        if regional:
            gaps.append(_generic_gap(knowledge, "region_unknown", jurisdiction.country,
                                     regions=", ".join(region_name(r) for r in regional)))

    listed = (*main, *aggravating, *procedure,
              *(p.provision for p in (*possible, *possible_aggravating)), *gaps)
    return LegalAssessment(
        facts=facts, country=jurisdiction.country, supported=True,
        jurisdiction_name=jurisdiction.name,
        provisions=_order(main), aggravating=tuple(aggravating), procedure=tuple(procedure),
        possible=tuple(possible), gaps=tuple(gaps), sources=_sources(listed),
        possible_aggravating=tuple(possible_aggravating))


def assess(facts: CaseFacts, *, law_dir: Optional[Path | str] = None) -> LegalAssessment:
    """What the law of the case's country (and region) says about it.

    Args:
        facts: the case; ``facts.country`` picks the jurisdiction file, ``facts.region`` adds
            regional provisions.
        law_dir: another knowledge directory (tests, an NGO's own files).

    Returns:
        A frozen ``LegalAssessment``. Unknown or unsupported countries get no provisions and
        a gap that says so.

    Raises:
        ValueError: ``facts.incident`` is not one of ``bot.facts.INCIDENTS``.
    """
    if facts.incident not in INCIDENTS:
        raise ValueError(f"unknown incident {facts.incident!r}; expected one of {INCIDENTS}")
    knowledge = load_law(law_dir)
    country = facts.country.upper() if facts.country else None
    if country is None:
        return LegalAssessment(facts=facts, country=None, supported=False, jurisdiction_name=None,
                               gaps=(_generic_gap(knowledge, "no_country", None),))
    jurisdiction = knowledge.jurisdictions.get(country)
    if jurisdiction is None:
        return LegalAssessment(facts=facts, country=country, supported=False,
                               jurisdiction_name=None,
                               gaps=(_generic_gap(knowledge, "unsupported", country, country=country),))
    return _assess_in(jurisdiction, facts, knowledge)


def applicable_provisions(facts: CaseFacts, *, law_dir: Optional[Path | str] = None
                          ) -> tuple[Provision, ...]:
    """Every provision that applies: offences and protection, aggravating, procedure."""
    result = assess(facts, law_dir=law_dir)
    return (*result.provisions, *result.aggravating, *result.procedure)
