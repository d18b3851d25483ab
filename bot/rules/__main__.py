"""Command line: ``python -m bot.rules check [--dir DIR] [--max-age-days N] [--fail-on-stale]``
validates the law knowledge.

Prints one line per jurisdiction and exits 0, or prints the first error (file, entry id,
field) and exits 1. It also lists the entries whose ``checked`` date is older than
``--max-age-days`` (default ``DEFAULT_MAX_AGE_DAYS``, about six months): re-check those
against their source before launch. Stale entries make the exit code 2 only with
``--fail-on-stale``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

from bot.rules.errors import LawDataError
from bot.rules.loader import LAW_DIR, clear_cache, load_law
from bot.rules.model import Jurisdiction, LawKnowledge

#: Facts older than this (in days) are listed as stale: about six months.
DEFAULT_MAX_AGE_DAYS = 183
#: Exit code when stale entries are found and ``--fail-on-stale`` is given.
EXIT_STALE = 2


def stale_entries(knowledge: LawKnowledge, *, today: dt.date,
                  max_age_days: int = DEFAULT_MAX_AGE_DAYS) -> list[tuple[str, str, dt.date]]:
    """``(file, entry id, checked)`` of every provision or gap checked before the cut-off."""
    cutoff = today - dt.timedelta(days=max_age_days)
    found = []
    for country in sorted(knowledge.jurisdictions):
        jurisdiction = knowledge.jurisdictions[country]
        for entry in (*jurisdiction.provisions, *jurisdiction.gaps):
            if entry.checked is not None and entry.checked < cutoff:
                found.append((jurisdiction.file, entry.id, entry.checked))
    return found


def summarize(jurisdiction: Jurisdiction) -> str:
    """One line: country, name, how many provisions by status, gaps, regions, hidden entries."""
    shown = [p for p in jurisdiction.provisions if p.shown]
    by_status = Counter(p.status.value for p in shown)
    hidden = sum(not e.shown for e in (*jurisdiction.provisions, *jurisdiction.gaps))
    regions = ", ".join(jurisdiction.regions) or "-"
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(by_status.items()))
    return (f"{jurisdiction.country}  {jurisdiction.name}: {len(shown)} provisions ({statuses}), "
            f"{sum(g.shown for g in jurisdiction.gaps)} gaps, regions: {regions}, "
            f"hidden (low/UNVERIFIED): {hidden}  [{jurisdiction.file}]")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m bot.rules",
                                     description="Validate the law knowledge files.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every <CC>.yml and texts.yml")
    check.add_argument("--dir", type=Path, default=LAW_DIR,
                       help=f"knowledge directory (default: {LAW_DIR})")
    check.add_argument("--max-age-days", type=int, default=DEFAULT_MAX_AGE_DAYS,
                       help="list entries checked more than N days ago "
                            f"(default: {DEFAULT_MAX_AGE_DAYS}, about six months)")
    check.add_argument("--today", type=dt.date.fromisoformat, default=None,
                       help="date to measure the age from (YYYY-MM-DD; default: today)")
    check.add_argument("--fail-on-stale", action="store_true",
                       help=f"exit with code {EXIT_STALE} when any entry is stale")
    args = parser.parse_args(argv)
    clear_cache()
    try:
        knowledge = load_law(args.dir)
    except LawDataError as error:
        sys.stderr.write(f"ERROR: {error}\n")
        return 1
    for country in sorted(knowledge.jurisdictions):
        sys.stdout.write(summarize(knowledge.jurisdictions[country]) + "\n")
    stale = stale_entries(knowledge, today=args.today or dt.date.today(),
                          max_age_days=args.max_age_days)
    for file, entry_id, checked in stale:
        sys.stdout.write(f"STALE: {file} {entry_id}: checked {checked.isoformat()}, "
                         f"more than {args.max_age_days} days ago; re-check it against its source\n")
    sys.stdout.write(f"OK: {len(knowledge.jurisdictions)} jurisdictions in {args.dir}"
                     f"{f', {len(stale)} stale entries' if stale else ''}\n")
    return EXIT_STALE if stale and args.fail_on_stale else 0


if __name__ == "__main__":
    sys.exit(main())
