"""Region codes: ISO 3166-2 (``CL-CO``, ``MX-SLP``, ``AR-M``, ``ES-MD``) from ``pycountry``."""
from __future__ import annotations

import functools
from typing import Optional

import pycountry

from bot.reading.text import fold


def is_region_code(code: str, country: Optional[str] = None) -> bool:
    """True when ``code`` is an ISO 3166-2 subdivision (of ``country`` when given)."""
    subdivision = pycountry.subdivisions.get(code=code)
    return subdivision is not None and (country is None or subdivision.country_code == country)


def region_code(region: Optional[str], country: Optional[str] = None) -> Optional[str]:
    """The ISO 3166-2 code of ``region``: a code is returned as is, a name is looked up.

    Names are compared without case or accents and without pycountry's ", Comunidad de"-style
    tails ("San Luis Potosi" -> ``MX-SLP``; "Madrid" -> ``ES-MD``). None when not found.
    """
    if not region or not region.strip():
        return None
    text = region.strip()
    if is_region_code(text.upper(), country):
        return text.upper()
    return _names(country).get(_plain(text))


def region_name(code: Optional[str]) -> Optional[str]:
    """The subdivision's name ("San Luis Potosí"), without pycountry's ", Comunidad de" tail."""
    subdivision = pycountry.subdivisions.get(code=code) if code else None
    if subdivision is None:
        return None
    return subdivision.name.split(",")[0].split("[")[0].strip()


@functools.lru_cache(maxsize=None)
def _names(country: Optional[str]) -> dict[str, str]:
    subdivisions = pycountry.subdivisions.get(country_code=country) if country else pycountry.subdivisions
    names: dict[str, str] = {}
    # First-level subdivisions first: "Madrid" is the Comunidad (ES-MD) before the province.
    for subdivision in sorted(subdivisions or (), key=lambda s: s.parent_code is not None):
        full = _plain(subdivision.name)
        names.setdefault(full, subdivision.code)
        names.setdefault(_plain(subdivision.name.split(",")[0].split("[")[0]), subdivision.code)
    return names


def _plain(text: str) -> str:
    return " ".join(fold(text).split())
