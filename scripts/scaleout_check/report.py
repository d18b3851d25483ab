"""The PASS/FAIL lines of the check."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    """PASS/FAIL lines."""

    rows: list[tuple[bool, str, str]] = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        """Record (and print at once) one check."""
        self.rows.append((ok, name, detail))
        print(f"  {'PASS' if ok else 'FAIL'}  {name}{'' if ok or not detail else ': ' + detail}", flush=True)
        return ok

    @property
    def failed(self) -> int:
        """How many checks failed."""
        return sum(not ok for ok, _, _ in self.rows)
