"""Short Spanish answers about the law, for the chat. Every word a person reads is in
``bot/knowledge/law/texts.yml`` or in the jurisdiction files; this module only assembles them.

Every text ends with the disclaimer ("Esto es información general, no asesoría legal" and a
pointer to free legal help); bills are always labelled as bills.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Optional, Union

from bot.facts import INCIDENTS, CaseFacts
from bot.rules.conditions import UNKNOWN_FACT
from bot.rules.engine import assess
from bot.rules.loader import load_law, matches
from bot.rules.model import (TOPICS, Gap, LawKnowledge, LegalAssessment, Possible, Provision,
                             Source)
from bot.rules.regions import region_code, region_name

#: Provisions named in the short answer (the rest are in the details).
MAX_KEY_PROVISIONS = 3
#: "May apply" provisions named in the short answer when none applies for sure.
MAX_SHORT_POSSIBLE = 2
#: Gaps named in the short answer (those marked ``short: true``).
MAX_SHORT_GAPS = 2
#: "Podría agravarse si…" phrases in the short answer (all of them are in the details).
MAX_SHORT_POSSIBLE_AGGRAVATING = 2
#: Sources named in the short answer (name + date + link); all of them are in the details.
MAX_SHORT_SOURCES = 3

PathLike = Optional[Union[Path, str]]


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _paragraph(provision: Provision) -> str:
    if provision.paragraph is None:
        return ""
    return ", " + provision.paragraph_format.format(n=provision.paragraph)


def citation(provision: Provision, texts: Mapping[str, Any]) -> str:
    """How a provision is cited: ``Boletín N° 13.928-07 (...), art. 161-K, inciso 2°``."""
    templates = texts["templates"]
    if provision.article is None:
        return templates["citation_no_article"].format(law=provision.law)
    return templates["citation"].format(law=provision.law, article=provision.article,
                                        paragraph=_paragraph(provision))


def status_label(provision: Provision, texts: Mapping[str, Any], *, long: bool = False) -> str:
    """``vigente`` / ``proyecto de ley, aún no vigente`` (with stage and date if ``long``)."""
    status = provision.status
    key = "unverified" if status.is_bill and not status.enactment_verified else status.value
    if not long:
        return texts["status_labels"][key]
    return texts["templates"]["status_long"][key].format(stage=status.stage, date=status.date)


def _hedge(entry: Union[Provision, Gap], texts: Mapping[str, Any]) -> str:
    # "medium" facts are worded with care ("fuente secundaria: conviene confirmarlo").
    if entry.source is None:
        return ""
    return texts["confidence_notes"].get(entry.confidence) or ""


def _medium_sources(entries: list[Union[Provision, Gap]], texts: Mapping[str, Any]) -> list[str]:
    # Short answers name their secondary sources once, instead of a note on every line.
    labels: dict[str, None] = {}
    for entry in entries:
        if entry.source is not None and texts["confidence_notes"].get(entry.confidence):
            labels.setdefault(entry.source.label, None)
    if not labels:
        return []
    return [texts["templates"]["medium_sources"].format(sources="; ".join(labels))]


def _condition_phrase(missing: tuple[tuple[str, Any], ...], texts: Mapping[str, Any]) -> str:
    phrases = []
    for key, value in missing:
        if key == UNKNOWN_FACT:
            phrases.append(texts["unasked_facts"][value])
            continue
        table = texts["condition_text"][key]
        if isinstance(value, tuple):
            phrases.append(table.get("prefix", "") + texts["templates"]["or"].join(
                table[v] for v in value))
        else:
            phrases.append(table[value])
    return _capitalize(texts["templates"]["and"].join(phrases))


def _place(country_name: Optional[str], region: Optional[str], texts: Mapping[str, Any],
           regions: tuple[str, ...] = ()) -> str:
    # Name the region only when it has norms of its own ("San Luis Potosí (México)").
    if region and region in regions:
        return texts["templates"]["place_region"].format(region=region_name(region),
                                                         country=country_name)
    return country_name or ""


def _regions(knowledge: LawKnowledge, country: Optional[str]) -> tuple[str, ...]:
    jurisdiction = knowledge.jurisdictions.get(country) if country else None
    return jurisdiction.regions if jurisdiction else ()


def _finish(lines: list[str], texts: Mapping[str, Any]) -> str:
    lines.append(texts["disclaimer"].strip())
    return "\n".join(line for line in lines if line is not None)


def _short_line(provision: Provision, texts: Mapping[str, Any], template: str, *,
                brief: bool = False) -> str:
    # A brief line (the short answer) names the conduct by its title when it has one (a few
    # words), not the whole explanation: the details give that.
    summary = provision.title if brief and provision.title else provision.explanation
    return texts["templates"][template].format(
        citation=citation(provision, texts), status=status_label(provision, texts),
        explanation=summary)


def _source_item(source: Source, checked: Optional[str], texts: Mapping[str, Any]) -> str:
    templates = texts["templates"]
    item = templates["source_item"].format(name=source.label, checked=checked or "")
    if source.url:
        item += templates["source_link"].format(url=source.url)
    return item + templates["source_close"]


def _short_sources(entries: list[Union[Provision, Gap]], texts: Mapping[str, Any]) -> list[str]:
    # One line: "Fuentes: Código Penal (LeyChile, BCN) (revisado 2026-12-02, https://…);
    # fuentes secundarias, conviene confirmarlas: …" — name, date, link; the hedge said once.
    primary: dict[str, None] = {}
    secondary: dict[str, None] = {}
    for entry in entries:
        if entry.source is None:
            continue
        checked = entry.checked.isoformat() if entry.checked else None
        group = secondary if texts["confidence_notes"].get(entry.confidence) else primary
        group.setdefault(_source_item(entry.source, checked, texts), None)
    primary_shown = list(primary)[:MAX_SHORT_SOURCES]
    secondary_shown = list(secondary)[:max(0, MAX_SHORT_SOURCES - len(primary_shown))]
    if not primary_shown and not secondary_shown:
        return []
    templates = texts["templates"]
    more = (templates["sources_more"]
            if len(primary) + len(secondary) > len(primary_shown) + len(secondary_shown) else "")
    if not primary_shown:
        return [templates["sources_line_secondary_only"].format(
            sources="; ".join(secondary_shown), more=more)]
    parts = ["; ".join(primary_shown)]
    if secondary_shown:
        parts.append(templates["sources_secondary"].format(sources="; ".join(secondary_shown)))
    return [templates["sources_line"].format(sources="; ".join(parts), more=more)]


def _possible_aggravating_line(possible: tuple[Possible, ...], texts: Mapping[str, Any]) -> list[str]:
    # One compact line: "Podría agravarse si quien lo hizo es tu pareja; si …".
    phrases: dict[str, None] = {}
    for entry in possible:
        phrase = _condition_phrase(entry.missing, texts)
        phrases.setdefault(phrase[:1].lower() + phrase[1:], None)
    if not phrases:
        return []
    shown = list(phrases)[:MAX_SHORT_POSSIBLE_AGGRAVATING]
    return [texts["templates"]["possible_aggravating_short"].format(conditions="; ".join(shown))]


def _possible_line(possible: Possible, texts: Mapping[str, Any], *, brief: bool = False) -> str:
    provision = possible.provision
    summary = provision.title if brief and provision.title else provision.explanation
    return texts["templates"]["possible_line"].format(
        condition=_condition_phrase(possible.missing, texts), citation=citation(provision, texts),
        status=status_label(provision, texts), explanation=summary)


def _detail_lines(provision: Provision, texts: Mapping[str, Any]) -> list[str]:
    templates = texts["templates"]
    title = templates["detail_title"].format(title=provision.title) if provision.title else ""
    lines = [templates["detail_line"].format(
        title=title, citation=citation(provision, texts),
        status=status_label(provision, texts), explanation=provision.explanation)]
    if provision.penalty:
        lines.append(templates["detail_penalty"].format(penalty=provision.penalty))
    elif provision.kind == "offence":
        lines.append(templates["detail_no_penalty"])
    link = (templates["source_link"].format(url=provision.source.url)
            if provision.source.url else "")
    lines.append(templates["detail_source"].format(
        source=provision.source.label, article=provision.source.article,
        checked=provision.checked.isoformat(), link=link, hedge=_hedge(provision, texts)))
    return lines


def _gap_line(gap: Gap, texts: Mapping[str, Any]) -> str:
    return texts["templates"]["gap_line"].format(text=gap.text.strip())


def _gap_detail_lines(gap: Gap, texts: Mapping[str, Any]) -> list[str]:
    lines = [_gap_line(gap, texts)]
    if gap.source is not None and gap.checked is not None:
        lines.append(texts["templates"]["gap_source"].format(
            source=gap.source.label, checked=gap.checked.isoformat(), hedge=_hedge(gap, texts)))
    return lines


def _unsupported(result: LegalAssessment, texts: Mapping[str, Any]) -> str:
    return _finish([gap.text.strip() for gap in result.gaps], texts)


#: Unknown facts whose "podría aplicar" line is never left out of a short answer: whether the
#: person is (or was) a minor decides the child-protection route.
CHILD_KEYS = ("material_of_minor", "minor", "under_14")


def _child_route(result: LegalAssessment) -> Optional[Possible]:
    for entry in result.possible:
        if entry.provision.kind == "offence" and any(
                k in CHILD_KEYS and v is True for k, v in entry.missing):
            return entry
    return None


def _short_possible(result: LegalAssessment, *, with_offence: bool) -> list[Possible]:
    # Without an offence that surely applies: the routes that may apply, one per unknown detail
    # (consent yes / no, adult / minor). With one: only the child-protection route, if open.
    child = _child_route(result)
    if with_offence:
        return [child] if child is not None else []
    by_detail: dict[tuple, Possible] = {}
    for entry in result.possible:
        if entry.provision.kind in ("offence", "protection"):
            by_detail.setdefault(entry.missing, entry)
    chosen = list(by_detail.values())[:MAX_SHORT_POSSIBLE]
    if child is not None and child not in chosen:
        chosen = [*chosen[:MAX_SHORT_POSSIBLE - 1], child]
    return chosen


def explain_rights(facts: CaseFacts, *, law_dir: PathLike = None) -> str:
    """Short answer: which conduct this is, 1–3 key provisions with status, aggravating
    circumstances, the most important limits, and the disclaimer."""
    knowledge = load_law(law_dir)
    texts = knowledge.texts
    templates = texts["templates"]
    result = assess(facts, law_dir=law_dir)
    if not result.supported:
        return _unsupported(result, texts)
    region = region_code(result.country, facts.region)
    lines = [templates["short_intro"].format(
        incident_name=texts["incident_names"][facts.incident],
        place=_place(result.jurisdiction_name, region, texts,
                     _regions(knowledge, result.country)))]
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
    knowledge = load_law(law_dir)
    texts = knowledge.texts
    templates = texts["templates"]
    result = assess(facts, law_dir=law_dir)
    if not result.supported:
        return _unsupported(result, texts)
    lines = [templates["details_intro"].format(
        incident_name=texts["incident_names"][facts.incident],
        place=_place(result.jurisdiction_name, region_code(result.country, facts.region), texts,
                     _regions(knowledge, result.country)))]
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


def _in_region(entry: Union[Provision, Gap], region: Optional[str]) -> bool:
    # Without a region, show regional entries too (labelled); with one, only that region's.
    return entry.region is None or region is None or entry.region == region


def _with_region(line: str, entry: Union[Provision, Gap], texts: Mapping[str, Any]) -> str:
    # "• [Mendoza] Reforma del Código ..." for regional entries listed with national ones.
    if entry.region is None:
        return line
    label = texts["templates"]["region_prefix"].format(region=region_name(entry.region))
    bullet = "• "
    if line.startswith(bullet):
        return bullet + label + line[len(bullet):]
    return label + line


def _consent_text(knowledge: LawKnowledge, country: Optional[str], region: Optional[str]) -> str:
    texts = knowledge.texts
    templates = texts["templates"]
    jurisdiction = knowledge.jurisdictions.get(country.upper()) if country else None
    if jurisdiction is None:
        key = "no_country" if country is None else "unsupported"
        return _finish([texts["generic_gaps"][key].format(country=country)], texts)
    region = region_code(jurisdiction.country, region)
    entries = [p for p in jurisdiction.provisions
               if "consent" in p.topics and p.shown and _in_region(p, region)]
    entries.sort(key=lambda p: p.region is not None)
    place = _place(jurisdiction.name, region, texts, jurisdiction.regions)
    if not entries:
        return _finish([templates["consent_none"].format(place=place)], texts)
    lines = [templates["consent_intro"].format(place=place)]
    for provision in entries:
        lines.append(_with_region(_short_line(provision, texts, "short_line"), provision, texts))
    lines += _medium_sources(list(entries), texts)
    return _finish(lines, texts)


def consent_definition(country: Optional[str], *, region: Optional[str] = None,
                       law_dir: PathLike = None) -> str:
    """What the law of ``country`` says consent is (Chile's bill art. 161-F: libre, expresa,
    informada, clara, específica, inequívoca y revocable; silence is not consent)."""
    return _consent_text(load_law(law_dir), country, region)


def _overview(knowledge: LawKnowledge, country: str, region: Optional[str]) -> str:
    texts = knowledge.texts
    templates = texts["templates"]
    jurisdiction = knowledge.jurisdictions[country]
    lines = [templates["info_intro"].format(
        place=_place(jurisdiction.name, region, texts, jurisdiction.regions))]
    seen: dict[tuple[str, Optional[str]], Provision] = {}
    articles: dict[tuple[str, Optional[str]], dict[str, None]] = {}
    for provision in jurisdiction.provisions:
        if provision.shown and _in_region(provision, region):
            key = (provision.law, provision.region)
            seen.setdefault(key, provision)
            if provision.article:
                articles.setdefault(key, {}).setdefault(provision.article, None)
    for key, provision in seen.items():
        arts = list(articles.get(key, {}))
        law = provision.law
        if arts:
            template = "law_articles" if len(arts) > 1 else "law_article"
            law = templates[template].format(law=law, articles=", ".join(arts))
        lines.append(_with_region(templates["info_line"].format(
            law=law, status=status_label(provision, texts, long=True)), provision, texts))
    gaps = [gap for gap in jurisdiction.gaps
            if "status" in gap.topics and gap.shown and _in_region(gap, region)]
    lines += [_gap_line(gap, texts) for gap in gaps]
    lines += _medium_sources([*seen.values(), *gaps], texts)
    return _finish(lines, texts)


def _topic(knowledge: LawKnowledge, country: str, region: Optional[str], topic: str) -> str:
    texts = knowledge.texts
    templates = texts["templates"]
    jurisdiction = knowledge.jurisdictions[country]
    place = _place(jurisdiction.name, region, texts, jurisdiction.regions)
    title = texts["topic_titles"][topic]
    provisions = [p for p in jurisdiction.provisions
                  if topic in p.topics and p.shown and _in_region(p, region)]
    gaps = [g for g in jurisdiction.gaps if topic in g.topics and g.shown and _in_region(g, region)]
    if not provisions and not gaps:
        return _finish([templates["topic_none"].format(topic=title.lower(), place=place)], texts)
    lines = [templates["topic_intro"].format(topic=title, place=place)]
    for provision in provisions:
        detail = _detail_lines(provision, texts)
        lines += [_with_region(detail[0], provision, texts), *detail[1:]]
    for gap in gaps:
        lines += _gap_detail_lines(gap, texts)
    return _finish(lines, texts)


def legal_info(facts_or_country: Union[CaseFacts, str, None], topic: Optional[str] = None, *,
               law_dir: PathLike = None) -> str:
    """Answer a generic legal question about a country (and region).

    Args:
        facts_or_country: the case (its country and region are used) or a country code.
        topic: None or ``"status"`` for an overview of the norms and their status;
            ``"consent"``, ``"definition"``, ``"procedure"``, ``"platforms"``,
            ``"aggravating"`` (see ``bot.rules.model.TOPICS``); or an incident name, which
            gives the same short answer as ``explain_rights``.

    Raises:
        ValueError: ``topic`` is neither a topic nor an incident name.
    """
    if topic is not None and topic not in TOPICS and topic not in INCIDENTS:
        raise ValueError(f"unknown legal topic {topic!r}; expected one of {TOPICS} or an incident")
    if isinstance(facts_or_country, CaseFacts):
        country = facts_or_country.country
        region = region_code(country, facts_or_country.region)
    else:
        country, region = facts_or_country, None
    knowledge = load_law(law_dir)
    texts = knowledge.texts
    if topic in INCIDENTS:
        return explain_rights(CaseFacts(topic, country, region), law_dir=law_dir)
    if topic == "consent":
        return _consent_text(knowledge, country, region)
    if country is None:
        return _finish([texts["generic_gaps"]["no_country"]], texts)
    if country.upper() not in knowledge.jurisdictions:
        return _finish([texts["generic_gaps"]["unsupported"].format(country=country.upper())], texts)
    if topic in (None, "status"):
        return _overview(knowledge, country.upper(), region)
    return _topic(knowledge, country.upper(), region, topic)
