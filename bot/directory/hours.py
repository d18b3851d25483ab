"""Opening hours and time zones of a service (``timezone``, ``opening_hours``)."""
from __future__ import annotations

import re
from typing import Any, Optional

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.directory.model import WEEKDAYS


def parse_timezone(value: Any, problem) -> Optional[str]:
    """An IANA time zone name that exists, or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        problem("timezone", "must be an IANA time zone name such as America/Santiago")
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        problem("timezone", f"unknown time zone {value!r}; use an IANA name such as America/Santiago")
        return None
    return value


def parse_opening_hours(value: Any, problem) -> tuple[tuple[int, int, int], ...]:
    """``["mon-fri 10:00-18:00", "sat 10:00-14:00"]`` -> ((weekday, start, end minutes), ...)."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    slots: list[tuple[int, int, int]] = []
    for item in items:
        match = _OPENING.match(str(item).strip().lower()) if isinstance(item, str) else None
        if match is None:
            problem("opening_hours", f"{item!r}: write days and hours like 'mon-fri 10:00-18:00'")
            continue
        first, last, start, end = match.group(1), match.group(2) or match.group(1), match.group(3), match.group(4)
        if first not in WEEKDAYS or last not in WEEKDAYS:
            problem("opening_hours", f"{item!r}: days are {', '.join(WEEKDAYS)}")
            continue
        start_min, end_min = _minutes(start), _minutes(end)
        if start_min is None or end_min is None or end_min <= start_min:
            problem("opening_hours", f"{item!r}: hours must be HH:MM-HH:MM with the end after the start (24:00 allowed)")
            continue
        days = range(WEEKDAYS.index(first), WEEKDAYS.index(last) + 1)
        if not days:
            problem("opening_hours", f"{item!r}: the first day must come before the last")
        slots.extend((day, start_min, end_min) for day in days)
    return tuple(slots)


_OPENING = re.compile(r"^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$")


def _minutes(text: str) -> Optional[int]:
    hours, minutes = (int(part) for part in text.split(":"))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        return None
    return hours * 60 + minutes
