"""Short Spanish answers about the law, for the chat. Every word a person reads is in
``bot/knowledge/law/texts.yml`` or in the jurisdiction files; this module only assembles them.

Every text ends with the disclaimer ("Esto es información general, no asesoría legal" and a
pointer to free legal help); bills are always labelled as bills.

Answers about one case live here (``explain_rights``, ``explain_rights_details``); answers
about a country's law in ``bot.rules.topics``; the lines both are built from in
``bot.rules.lines``.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional, Union

from bot.facts import CaseFacts
from bot.rules.engine import assess
from bot.rules.lines import (
    MAX_KEY_PROVISIONS,
    MAX_SHORT_GAPS,
    PathLike,
    _detail_lines,
    _finish,
    _gap_detail_lines,
    _gap_line,
    _place,
    _possible_aggravating_line,
    _possible_line,
    _regions,
    _short_line,
    _short_possible,
    _short_sources,
    _unsupported,
    status_label,
)
from bot.rules.loader import load_law
from bot.rules.model import Gap, LegalAssessment, Possible, Provision, matches
from bot.rules.regions import region_code


def explain_rights(facts: CaseFacts, *, law_dir: PathLike = None) -> str:
    """Short answer: which conduct this is, 1–3 key provisions with status, aggravating
    circumstances, the most important limits, and the disclaimer."""
    result, texts, intro = _assess_with_intro(facts, "short_intro", law_dir=law_dir)
    if intro is None:
        return _unsupported(result, texts)
    templates = texts["templates"]
    lines = [intro]
    key = list(result.provisions[:MAX_KEY_PROVISIONS])
    shown: list[Union[Provision, Gap]] = [*key, *result.aggravating]
    lines += [_short_line(p, texts, "short_line", brief=True) for p in key]
    with_offence = any(p.kind == "offence" for p in key)
    possible = _short_possible(result, with_offence=with_offence)
    if possible and not with_offence:
        lines.append(templates["short_possible_intro"])
    lines += [_possible_line(p, texts, brief=True) for p in possible]
    shown += [p.provision for p in possible]
    if not key and not possible and not any(g.short for g in result.gaps):
        lines.append(templates["no_provisions"])
    if result.aggravating:
        lines.append(templates["aggravating_intro"])
        lines += [_short_line(p, texts, "aggravating_line") for p in result.aggravating]
    # Short answers say "podría agravarse si…" only next to an offence that surely applies.
    applied = [p.id for p in result.provisions]
    lines += _possible_aggravating_line(tuple(
        p for p in result.possible_aggravating
        if any(matches(ref, pid) for ref in p.provision.aggravates for pid in applied)), texts)
    gaps = [g for g in result.gaps if g.short][:MAX_SHORT_GAPS]
    lines += [_gap_line(g, texts) for g in gaps]
    lines += _short_sources([*shown, *gaps], texts)
    if (result.procedure or result.possible or result.possible_aggravating
            or len(result.provisions) > len(key) or result.gaps):
        lines.append(templates["more_details"])
    return _finish(lines, texts)


def explain_rights_details(facts: CaseFacts, *, law_dir: PathLike = None) -> str:
    """Details on request: every provision with penalty, status, stage and source; what may
    apply; aggravating circumstances; procedure; every gap; the disclaimer."""
    result, texts, intro = _assess_with_intro(facts, "details_intro", law_dir=law_dir)
    if intro is None:
        return _unsupported(result, texts)
    templates = texts["templates"]
    lines = [intro]
    for provision in result.provisions:
        lines += _detail_lines(provision, texts)
    if not result.provisions:
        lines.append(templates["no_provisions"])
    sections = (("details_possible_intro", result.possible),
                ("details_aggravating_intro", result.aggravating),
                ("details_possible_aggravating_intro", result.possible_aggravating),
                ("details_procedure_intro", result.procedure))
    for intro, entries in sections:
        if not entries:
            continue
        lines.append(templates[intro])
        for entry in entries:
            if isinstance(entry, Possible):
                lines.append(_possible_line(entry, texts))
                lines += _detail_lines(entry.provision, texts)[1:]
            else:
                lines += _detail_lines(entry, texts)
    lines += _status_section(result, texts)
    if result.gaps:
        lines.append(templates["details_gaps_intro"])
        for gap in result.gaps:
            lines += _gap_detail_lines(gap, texts)
    return _finish(lines, texts)


def _assess_with_intro(facts: CaseFacts, template: str, *,
                       law_dir: PathLike) -> tuple[LegalAssessment, Mapping[str, Any], Optional[str]]:
    """The assessment, the law texts and the answer's first line (``template`` filled with the
    incident and the place); the line is None when the country is not supported."""
    knowledge = load_law(law_dir)
    texts = knowledge.texts
    result = assess(facts, law_dir=law_dir)
    if not result.supported:
        return result, texts, None
    intro = texts["templates"][template].format(
        incident_name=texts["incident_names"][facts.incident],
        place=_place(result.jurisdiction_name, region_code(result.country, facts.region), texts,
                     _regions(knowledge, result.country)))
    return result, texts, intro


def _status_section(result: LegalAssessment, texts: Mapping[str, Any]) -> list[str]:
    # Each cited law once, with its stage and date (a bill's stage is long: say it once).
    listed = (*result.provisions, *(p.provision for p in result.possible), *result.aggravating,
              *(p.provision for p in result.possible_aggravating), *result.procedure)
    seen: dict[tuple[str, str], Provision] = {}
    for provision in listed:
        seen.setdefault((provision.law, provision.status.stage), provision)
    if not seen:
        return []
    return [texts["templates"]["details_status_intro"]] + [
        texts["templates"]["info_line"].format(law=p.law, status=status_label(p, texts, long=True))
        for p in seen.values()]
