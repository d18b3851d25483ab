"""Risk as its own reading: crisis (self-harm, suicide) and danger now, with three levels.

:func:`assess_risk` reads one message (up to ~4,000 characters) clause by clause
(:func:`bot.reading.clauses.split_clauses`) and looks for SIGNALS (``bot/knowledge/risk.yml``):

- strong: a means of the writer's own self-harm, an act already done, finality (farewells,
  things put in order), a plan (a wish with a day or a time), danger happening now. A strong
  signal is ``risk`` whatever else the clause says.
- weak: a wish to die, not to exist, to disappear; someone else's wish. ``risk`` unless a
  cue in the clause cancels it (a legal question, homework, a joke, quoted words, a crisis
  of the past now over, a game); then ``none``.
- ``possible``: distress ("no aguanto más") and threats received ("me va a matar"); a threat
  with a time that is now ("hoy", "esta noche") is ``risk``.

:func:`quick_scan` is the cheap, linear check for the part of an over-long message that the
full reading does not read: it looks for trigger words and reads a window around each with
:func:`assess_risk`; when there are more windows than it may read it answers ``possible``.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from bot import safety
from bot.reading.clauses import split_clauses
from bot.reading.model import Risk
from bot.reading.risk_data import Pattern, RiskData, Section, load_risk_data

#: Signals that decide ``risk`` on their own, whatever cue the clause carries.
STRONG_SIGNALS: frozenset[str] = frozenset(
    {"means", "act_done", "finality", "plan", "other_strong", "danger_now"})
#: Signals that are ``risk`` unless a cue cancels them.
WEAK_SIGNALS: frozenset[str] = frozenset({"wish", "other"})
#: Signals whose subject is someone else.
OTHER_SIGNALS: frozenset[str] = frozenset({"other", "other_strong"})
#: Danger signals (the rest are crisis).
DANGER_SIGNALS: frozenset[str] = frozenset({"danger_now", "threat", "threat_with_time"})
#: A clause with no signal of its own and at most this many characters (normalised) lends
#: its cues to every clause: "me quiero morir. jajaja", "quiero desaparecer. es broma".
CUE_CLAUSE_CHARS = 30
#: Characters the full reading reads; the rest is for :func:`quick_scan`.
FULL_READING_CHARS = 4000
#: Characters read on each side of a trigger word by :func:`quick_scan`.
SCAN_WINDOW_CHARS = 240
#: Characters folded at a time by :func:`quick_scan` (a word cut at the end of a chunk is
#: read whole thanks to the overlap).
SCAN_CHUNK_CHARS = 4096
SCAN_OVERLAP_CHARS = 40
#: Longest window :func:`quick_scan` makes by joining windows that overlap.
SCAN_MERGE_CHARS = 800
#: Most windows :func:`quick_scan` reads; with more it answers ``possible``.
SCAN_MAX_WINDOWS = 12

_LEVEL_RANK = {"none": 0, "possible": 1, "risk": 2}
#: Cue names reported by :func:`assess_risk` for its decisions.
_ORDER = ("means", "act_done", "plan", "finality", "other_strong", "danger_now",
          "threat_with_time", "wish", "other", "distress", "threat", "unread")


_DATA: RiskData = load_risk_data()


def risk_data() -> RiskData:
    """The compiled ``risk.yml`` (loaded and checked once, when this module is imported)."""
    return _DATA


@dataclass(frozen=True)
class _ClauseRisk:
    level: str
    kind: Optional[str]
    subject: str
    cues: tuple[str, ...]


def _prepare(text: str) -> str:
    return safety._match_text(safety._tokens(text, safety._DATA.sms_words))


def _matches(text: str, section: Section) -> Iterator[tuple[Pattern, int, int]]:
    """``(pattern, start, end)`` of every match not cancelled by a negation just before it
    or by a figurative phrase over its last word (the rules of ``bot.safety``)."""
    figurative: Optional[list[tuple[int, int]]] = None
    for pattern in section.patterns:
        if not pattern.probe.search(text):
            continue
        for m in pattern.regex.finditer(text):
            start, end = m.span(1)
            if end == start or safety._negated(text, start, section, safety._DATA):
                continue
            if section.exceptions:
                if figurative is None:
                    figurative = [m.span(1) for p in section.exceptions
                                  if p.probe.search(text) for m in p.regex.finditer(text)]
                body = text[start:end].rstrip(" .")
                word_end = start + len(body)
                last_word = start + body.rfind(" ")
                if any(f_start <= last_word and f_end >= word_end
                       for f_start, f_end in figurative):
                    continue
            yield pattern, start, end


def _found(prepared: str, section: Section) -> bool:
    return next(_matches(prepared, section), None) is not None


def _cues(prepared: str, data: RiskData) -> set[str]:
    found = {name for name, section in data.cues.items() if _found(prepared, section)}
    if "past_over" in found and _found(prepared, data.renewed):
        found.discard("past_over")
    return found


#: Written between clauses in the one string all patterns run on: "|" is not a word, so no
#: pattern (not even a "..." gap) crosses it, and the dots end a negation and mark ``$``.
_CLAUSE_BREAK = " . | . "


def _signals_by_clause(joined: str, starts: list[int],
                       data: RiskData) -> tuple[list[set[str]], list[bool]]:
    """For each clause, the signals found in it (each pattern runs once on the message), and
    whether someone else is named before its first signal ("mi hermana se tomó ...")."""
    found: list[set[str]] = [set() for _ in starts]
    first: list[int] = [len(joined)] * len(starts)
    for name, section in data.signals.items():
        for _pattern, start, _end in _matches(joined, section):
            index = bisect.bisect_right(starts, start) - 1
            found[index].add(name)
            first[index] = min(first[index], start)
    named = [False] * len(starts)
    if any(found):
        for _pattern, start, _end in _matches(joined, data.mention):
            index = bisect.bisect_right(starts, start) - 1
            named[index] = named[index] or start < first[index]
    return found, named


def _read_clause(signals: set[str], named: bool, prepared: str, next_prepared: str,
                 context_cues: set[str], data: RiskData) -> _ClauseRisk:
    if not signals:
        return _ClauseRisk("none", None, "self", ())
    cues = _cues(prepared, data) | context_cues
    cancelled = set().union(*(data.cue_scope[c] for c in cues)) if cues else set()
    timed = _found(prepared, data.time) or (
        bool(next_prepared) and _found(next_prepared, data.time))
    now = _found(prepared, data.time_now)
    decided: set[str] = set()
    # A plan: a wish, an act or a farewell with a day or a time. Only a crisis of the past
    # ("hace 3 años intenté matarme, hoy estoy bien") keeps a time from making a plan.
    planned = signals & {"wish", "act_done", "finality"}
    if "past_over" in cues:
        planned -= {"wish", "act_done"}
    if planned and timed:
        decided.add("plan")
    if "threat" in signals and (timed or now):
        decided.add("threat_with_time")
    decided |= (signals & STRONG_SIGNALS) - (cancelled & {"act_done"})
    decided |= (signals & (WEAK_SIGNALS | {"distress", "threat"})) - cancelled
    if not decided:
        return _ClauseRisk("none", None, "self", ())
    urgent = decided & (STRONG_SIGNALS | WEAK_SIGNALS)
    if "threat_with_time" in decided and now:
        urgent.add("threat_with_time")
    if urgent:
        level, chosen = "risk", urgent
    else:
        level, chosen = "possible", decided
    crisis = chosen - DANGER_SIGNALS
    kind = "crisis" if crisis else "danger"
    mine = crisis if crisis else chosen
    subject = "self"
    if kind == "crisis" and (mine <= OTHER_SIGNALS or _found(prepared, data.reporter)
                             or (named and not _found(prepared, data.first_person))):
        subject = "other"
    return _ClauseRisk(level, kind, subject, tuple(c for c in _ORDER if c in chosen))


def _combine(parts: Iterable[_ClauseRisk]) -> Risk:
    parts = [p for p in parts if p.level != "none"]
    if not parts:
        return Risk()
    top = max(_LEVEL_RANK[p.level] for p in parts)
    best = [p for p in parts if _LEVEL_RANK[p.level] == top]
    crisis = [p for p in best if p.kind == "crisis"]
    chosen = crisis or best
    subject = "self" if any(p.subject == "self" for p in chosen) else "other"
    cues = {c for p in chosen for c in p.cues}
    return Risk(level=best[0].level, kind=chosen[0].kind, subject=subject,
                cues=tuple(c for c in _ORDER if c in cues))


def assess_risk(text: str) -> Risk:
    """The full reading of risk of one message, clause by clause.

    Args:
        text: the message (the first ``FULL_READING_CHARS`` characters are read; pass the
            rest to :func:`quick_scan`).

    Returns:
        A :class:`~bot.reading.model.Risk`: level ``risk`` / ``possible`` / ``none``, kind
        ``crisis`` / ``danger``, subject ``self`` / ``other`` and the signals that decided.
    """
    text = (text or "")[:FULL_READING_CHARS]
    if not text.strip():
        return Risk()
    data = risk_data()
    clauses = [_prepare(c) for c in split_clauses(text)]
    starts, offset = [], 0
    for clause in clauses:
        starts.append(offset)  # the space before the clause's first word
        offset += len(clause.strip()) + len(_CLAUSE_BREAK)
    joined = f" {_CLAUSE_BREAK.join(c.strip() for c in clauses)} "
    signals, named = _signals_by_clause(joined, starts, data)
    # Cues that count for every clause: those of a short clause that says nothing else
    # ("me quiero morir. jajaja"), and a legal question anywhere (it frames the threats the
    # message tells).
    context: set[str] = set()
    if any(signals):
        for clause, found in zip(clauses, signals):
            cues = _cues(clause, data)
            if not found and len(clause.strip()) <= CUE_CLAUSE_CHARS:
                context |= cues
            context |= cues & {"legal_question"}
    parts = [_read_clause(found, named[i], clauses[i],
                          clauses[i + 1] if i + 1 < len(clauses) else "", context, data)
             for i, found in enumerate(signals) if found]
    return _combine(parts)


def assess_whole_message(text: str) -> Risk:
    """The risk of a message of any length: :func:`assess_risk` on its first
    ``FULL_READING_CHARS`` characters, :func:`quick_scan` on the rest; the higher wins."""
    text = text or ""
    head = assess_risk(text)
    if len(text) <= FULL_READING_CHARS:
        return head
    tail = quick_scan(text[FULL_READING_CHARS:])
    if _LEVEL_RANK[tail.level] > _LEVEL_RANK[head.level]:
        return tail
    if head.level == tail.level != "none" and head.kind != tail.kind:
        return _merge([head, tail])
    return head


def explain(text: str) -> list[str]:
    """Which signals and cues each clause showed, for maintainers checking a decision.

    Lines such as ``"clause 2: wish 'me quiero morir' (pattern: me [ya] {clitic_want}
    {die_root})"``; ``(cancelled)`` marks a match that a negation or a figurative phrase
    cancelled, and ``cue: joke`` a cue found in the clause.
    """
    data = risk_data()
    lines = []
    for number, clause in enumerate(split_clauses(text or ""), start=1):
        prepared = _prepare(clause)
        for name, section in data.signals.items():
            kept = {(p.source, start) for p, start, _ in _matches(prepared, section)}
            for pattern in section.patterns:
                for m in pattern.regex.finditer(prepared):
                    words = m.group(1).strip(" .")
                    status = "" if (pattern.source, m.start(1)) in kept else " (cancelled)"
                    lines.append(f"clause {number}: {name}{status} {words!r} "
                                 f"(pattern: {pattern.source})")
        lines.extend(f"clause {number}: cue: {c}" for c in sorted(_cues(prepared, data)))
        if _found(prepared, data.time):
            lines.append(f"clause {number}: time")
    return lines


# --------------------------------------------------------------------------------------
# The cheap scan of the unread part
# --------------------------------------------------------------------------------------

#: Words that may start a crisis or danger phrase (folded, no accents); each one found makes
#: :func:`quick_scan` read the text around it. Generous on purpose: a window read for
#: nothing costs a little time, a trigger missing costs a crisis.
TRIGGER_PREFIXES: tuple[str, ...] = (
    "mori", "muer", "muri", "matar", "suic", "suis", "susid", "autoles", "pastil", "pildor",
    "sobredos", "overdos", "paracet", "clonaz", "clonas", "rivot", "ribot", "alpraz",
    "sertral", "fluox", "diazep", "loraz", "tramad", "quetiap", "antidepres", "ahorc",
    "colgar", "cuelg", "tirarme", "aventarme", "lanzarme", "arrojarme", "desapare",
    "despert", "despiert", "despid", "despedi", "cuiden", "regal", "cortarme", "cortand",
    "lastim", "veneno", "raticida", "cuchill", "navaj", "gilet", "gillet", "cutter",
    "soga", "azotea", "cornisa", "puente", "atropell", "existir", "vivir", "viviendo",
    "persig", "siguiendo", "encerr", "golpe", "pegando", "amenaz", "amenas", "secuestr",
    "socorro", "auxilio", "pistola", "armad", "afuera", "adentro", "aguant", "soport",
    "kill", "die", "pills", "suicid", "kms", "sangr",
)
#: Whole words that are triggers (too short or too common as prefixes).
TRIGGER_WORDS: frozenset[str] = frozenset({
    "mato", "mata", "matan", "maten", "mate", "corte", "corto", "cortes", "tiro", "tome",
    "trague", "adios", "chau", "ultima", "ultimo", "carta", "arma", "tren", "vias", "metro",
    "balcon", "techo", "terraza", "viene", "vienen", "sigue", "siguen", "puerta", "pega",
    "pego", "cuerda", "cinturon", "dead", "took",
})


def _trie(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, as a trie (fast on long texts)."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return render(tree)


#: Trigger prefixes (any ending) and whole trigger words, as one regular expression.
_TRIGGER_RE = re.compile(r"\b(?:(?:" + _trie(TRIGGER_PREFIXES) + r")[a-z0-9]*|(?:"
                         + _trie(TRIGGER_WORDS) + r")\b)")


def _triggers(text: str) -> Iterator[tuple[int, re.Match, float]]:
    """Trigger words of ``text``, chunk by chunk: ``(chunk start, match, scale)``, where
    ``chunk start + match.start() * scale`` is (nearly) the word's place in ``text``
    (folding accents away can shorten a chunk a little)."""
    for offset in range(0, len(text), SCAN_CHUNK_CHARS):
        chunk = text[offset:offset + SCAN_CHUNK_CHARS + SCAN_OVERLAP_CHARS]
        folded = unicodedata.normalize("NFKD", chunk.lower()).encode(
            "ascii", "ignore").decode("ascii")
        scale = len(chunk) / max(len(folded), 1)
        for m in _TRIGGER_RE.finditer(folded):
            if m.start() * scale < SCAN_CHUNK_CHARS:
                yield offset, m, scale


def quick_scan(text: str) -> Risk:
    """A cheap risk check, linear in the length of ``text``, for text the full reading skips.

    It never loses a clear crisis or danger: each trigger word makes it read the text around
    it with :func:`assess_risk`; with more than ``SCAN_MAX_WINDOWS`` windows to read it
    answers ``possible`` (crisis, cue ``unread``) unless a window already showed ``risk``.
    """
    if not text:
        return Risk()
    windows: list[tuple[int, int]] = []
    overflow = False
    for offset, m, scale in _triggers(text):
        centre = offset + int(m.start() * scale)
        start, end = max(0, centre - SCAN_WINDOW_CHARS), centre + SCAN_WINDOW_CHARS
        if windows and start <= windows[-1][1] and end - windows[-1][0] <= SCAN_MERGE_CHARS:
            windows[-1] = (windows[-1][0], end)
            continue
        if len(windows) >= SCAN_MAX_WINDOWS:
            overflow = True
            break
        windows.append((start, end))
    parts = [assess_risk(_whole_words(text, start, end)) for start, end in windows]
    urgent = [p for p in parts if p.urgent]
    if urgent:
        return _merge(urgent)
    if overflow:
        return Risk(level="possible", kind="crisis", subject="self", cues=("unread",))
    possible = [p for p in parts if p.level == "possible"]
    return _merge(possible) if possible else Risk()


def _whole_words(text: str, start: int, end: int) -> str:
    """The slice ``text[start:end]`` without the cut words at its two ends."""
    piece = text[start:end]
    if start > 0:
        piece = piece.split(" ", 1)[-1]
    if end < len(text):
        piece = piece.rsplit(" ", 1)[0]
    return piece


def _merge(risks: list[Risk]) -> Risk:
    crisis = [r for r in risks if r.kind == "crisis"] or risks
    subject = "self" if any(r.subject == "self" for r in crisis) else "other"
    cues = {c for r in crisis for c in r.cues}
    return Risk(level=crisis[0].level, kind=crisis[0].kind, subject=subject,
                cues=tuple(c for c in _ORDER if c in cues))
