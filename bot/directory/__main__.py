"""``python -m bot.directory check [--extra FILE]``: list and validate the whole directory.

Exits 0 when everything is valid, 1 when a file has a problem (each one named with its file,
entry id and field). Entries checked longer ago than ``RECHECK_AFTER_DAYS`` get a warning.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Optional, Sequence, TextIO

from bot.directory.load import check_directory, resolve_extra_path
from bot.directory.model import EXTRA_ENV_VAR, RECHECK_AFTER_DAYS

_COLUMNS = ("id", "country", "region", "kind", "verified", "checked")


def main(argv: Optional[Sequence[str]] = None, *, out: Optional[TextIO] = None) -> int:
    """Run the command line; returns the exit code."""
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m bot.directory", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="list and validate the directory")
    check.add_argument("--extra", type=Path, default=None,
                       help=f"deployer file to validate (default: ${EXTRA_ENV_VAR}, else local.yml if it exists)")
    args = parser.parse_args(argv)

    extra = args.extra if args.extra is not None else resolve_extra_path()
    result = check_directory(extra_path=extra)
    rows = [
        (s.id, s.country, s.region or "-", s.kind, "yes" if s.shown else "NO (never shown)", s.checked.isoformat())
        for s in result.services
    ]
    widths = [max(len(str(row[i])) for row in [_COLUMNS, *rows]) for i in range(len(_COLUMNS))]
    for row in [_COLUMNS, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip(), file=out)
    print(file=out)
    print("files: " + ", ".join(result.files), file=out)
    stale = [s for s in result.services if s.shown and (date.today() - s.checked).days > RECHECK_AFTER_DAYS]
    for service in stale:
        print(f"warning: {service.origin}: entry '{service.id}': checked {service.checked} "
              f"(more than {RECHECK_AFTER_DAYS} days ago): re-check it against {service.source_url}", file=out)
    if result.issues:
        for issue in result.issues:
            print(f"error: {issue}", file=out)
        print(f"{len(result.issues)} error(s): the bot will not start until they are fixed.", file=out)
        return 1
    shown = sum(1 for s in result.services if s.shown)
    print(f"ok: {len(result.services)} entries ({shown} shown), {len(result.steps)} steps.", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
