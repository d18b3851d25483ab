"""Regions as ISO 3166-2 codes (``MX-SLP``, ``AR-M``), checked and named with ``pycountry``.

``CaseFacts.region`` and the law files' ``region:`` fields hold ISO 3166-2 codes. A region
given by name (an older caller, a test) is still matched through its ``pycountry`` name.
"""
from __future__ import annotations

import functools
from typing import Optional

import pycountry

from bot.reading.text import fold


def _name_key(text: Optional[str]) -> str:
    """Case- and accent-insensitive form of a name (``San Luis Potosi`` == ``San Luis Potosí``)."""
    return fold(text).strip() if text else ""


@functools.lru_cache(maxsize=256)
def _subdivision(code: str):
    return pycountry.subdivisions.get(code=code.upper())


def validate_region(code: str, country: str) -> str:
    """Return ``code`` in upper case if it is an ISO 3166-2 subdivision of ``country``.

    Raises:
        ValueError: not a subdivision code, or one of another country (message says why).
    """
    subdivision = _subdivision(code) if isinstance(code, str) and "-" in code else None
    if subdivision is None:
        raise ValueError(f"'{code}' is not an ISO 3166-2 code (e.g. MX-SLP, AR-M)")
    if subdivision.country_code != country.upper():
        raise ValueError(f"'{code}' is a region of {subdivision.country_code}, not {country}")
    return subdivision.code


@functools.lru_cache(maxsize=256)
def region_code(country: Optional[str], region: Optional[str]) -> Optional[str]:
    """The ISO 3166-2 code of ``region`` (a code or a name) in ``country``; None if unknown."""
    if not region:
        return None
    if "-" in region and _subdivision(region) is not None:
        return _subdivision(region).code
    if not country:
        return None
    wanted = _name_key(region)
    for subdivision in pycountry.subdivisions.get(country_code=country.upper()) or ():
        if wanted in (_name_key(subdivision.name), _name_key(region_name(subdivision.code))):
            return subdivision.code
    return None


def region_name(code: str) -> str:
    """How a person reads the region: ``San Luis Potosí``, ``Mendoza``, ``Comunidad de Madrid``."""
    subdivision = _subdivision(code)
    if subdivision is None:
        return code
    name = subdivision.name
    if ", " in name:  # pycountry sorts "Madrid, Comunidad de"; people say "Comunidad de Madrid"
        head, tail = name.split(", ", 1)
        name = f"{tail} {head}"
    return name
