"""Command line: ``python -m bot.rules check [--dir DIR]`` validates the law knowledge.

Prints one line per jurisdiction and exits 0, or prints the first error (file, entry id,
field) and exits 1.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

from bot.rules.errors import LawDataError
from bot.rules.loader import LAW_DIR, clear_cache, load_law
from bot.rules.model import Jurisdiction


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
    args = parser.parse_args(argv)
    clear_cache()
    try:
        knowledge = load_law(args.dir)
    except LawDataError as error:
        sys.stderr.write(f"ERROR: {error}\n")
        return 1
    for country in sorted(knowledge.jurisdictions):
        sys.stdout.write(summarize(knowledge.jurisdictions[country]) + "\n")
    sys.stdout.write(f"OK: {len(knowledge.jurisdictions)} jurisdictions in {args.dir}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
