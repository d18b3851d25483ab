"""``python -m bot.directory``: check the directory, or render its block of ``domain.yml``.

* ``check [--extra FILE] [--max-age-days N]``: list and validate every entry; exits 1 when a file
  has a problem (each named with its file, entry id and field). Entries and steps whose
  ``checked`` date is older than N days (default ``RECHECK_AFTER_DAYS``, about 6 months) are
  listed as "re-check before launch".
* ``render [--check]``: rewrite the crisis/danger responses in ``domain.yml`` from the
  directory; with ``--check`` only say whether they are stale (exit 1).
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Optional, Sequence, TextIO

from bot.directory.load import CheckResult, check_directory, resolve_extra_path
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
    check.add_argument("--max-age-days", type=int, default=RECHECK_AFTER_DAYS,
                       help=f"list entries checked longer ago than this (default {RECHECK_AFTER_DAYS})")
    render = sub.add_parser("render", help="rewrite the crisis/danger responses of domain.yml")
    render.add_argument("--check", action="store_true", help="only say whether domain.yml is stale")
    render.add_argument("--domain", type=Path, default=None, help="domain file (default: domain.yml)")
    args = parser.parse_args(argv)

    if args.command == "render":
        return _render(args.domain, check_only=args.check, out=out)
    extra = args.extra if args.extra is not None else resolve_extra_path()
    result = check_directory(extra_path=extra)
    _print_table(result, out)
    for line in stale_entries(result, max_age_days=args.max_age_days):
        print(line, file=out)
    if result.issues:
        for issue in result.issues:
            print(f"error: {issue}", file=out)
        print(f"{len(result.issues)} error(s): the bot will not start until they are fixed.", file=out)
        return 1
    shown = sum(1 for s in result.services if s.shown)
    print(f"ok: {len(result.services)} entries ({shown} shown), {len(result.steps)} steps.", file=out)
    return 0


def stale_entries(result: CheckResult, *, max_age_days: int = RECHECK_AFTER_DAYS,
                  today: Optional[date] = None) -> list[str]:
    """One "re-check" line per shown entry or step whose ``checked`` is older than the limit."""
    today = today or date.today()
    lines = []
    for service in result.services:
        if service.shown and (today - service.checked).days > max_age_days:
            lines.append(f"re-check: {service.origin}: entry '{service.id}': checked {service.checked} "
                         f"(more than {max_age_days} days ago) against {service.source_url}")
    for step in result.steps:
        if step.checked is not None and (today - step.checked).days > max_age_days:
            lines.append(f"re-check: steps.yml: step '{step.id}': checked {step.checked} "
                         f"(more than {max_age_days} days ago) against {'; '.join(step.sources)}")
    return lines


def _print_table(result: CheckResult, out: TextIO) -> None:
    rows = [
        (s.id, s.country, s.region or "-", s.kind, "yes" if s.shown else "NO (never shown)", s.checked.isoformat())
        for s in result.services
    ]
    widths = [max(len(str(row[i])) for row in [_COLUMNS, *rows]) for i in range(len(_COLUMNS))]
    for row in [_COLUMNS, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip(), file=out)
    print(file=out)
    print("files: " + ", ".join(result.files), file=out)


def _render(domain: Optional[Path], *, check_only: bool, out: TextIO) -> int:
    from bot.directory.domain import DOMAIN_FILE, domain_is_current, write_domain

    path = domain or DOMAIN_FILE
    if check_only:
        if domain_is_current(path):
            return 0
        print(f"{path} is stale: run python -m bot.directory render", file=out)
        return 1
    changed = write_domain(path)
    print(f"{path}: {'updated' if changed else 'already up to date'}", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
