"""The lines every law answer is built from: citations, status labels, hedges, sources, places.

Shared by ``bot.rules.render`` (answers about one case) and ``bot.rules.topics`` (answers about
a country's law); every word comes from ``bot/knowledge/law/texts.yml`` or the jurisdiction
files. The names starting with ``_`` are for those two modules only.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Optional, Union

from bot.rules.conditions import UNKNOWN_FACT
from bot.rules.model import Gap, LawKnowledge, LegalAssessment, Possible, Provision, Source
from bot.rules.regions import region_name

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
