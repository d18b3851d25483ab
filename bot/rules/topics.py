"""Answers about a country's law rather than one case: an overview of its norms and their
status, one topic (consent, definition, procedure, platforms, aggravating), consent.

Every text ends with the disclaimer; bills are always labelled as bills.
"""
from __future__ import annotations

from typing import Optional, Union

from bot.facts import INCIDENTS, CaseFacts
from bot.rules.lines import (
    PathLike,
    _detail_lines,
    _finish,
    _gap_detail_lines,
    _gap_line,
    _in_region,
    _medium_sources,
    _place,
    _short_line,
    _with_region,
    status_label,
)
from bot.rules.loader import load_law
from bot.rules.model import TOPICS, LawKnowledge, Provision
from bot.rules.regions import region_code
from bot.rules.render import explain_rights


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
