"""The error the law loader raises, and its messages in one place (spaCy style).

Every message names the file, the entry id and the field, so that a technician who edited a
YAML file can find the mistake without reading Python.
"""
from __future__ import annotations

from bot.yaml_checks import DataError


class LawDataError(DataError):
    """A law knowledge file is missing, malformed or refers to something unknown."""


class Msg:
    """Message templates of ``LawDataError``; fill them with ``str.format``.

    A missing, empty or not-valid-YAML file is refused by ``bot.yaml_checks.load_yaml``.
    """

    E002 = "{file}: the top level must be a mapping with 'jurisdiction' and 'provisions'"
    E003 = "{file}: unknown top-level key '{key}' (allowed: {allowed})"
    E004 = "{file}: jurisdiction: field '{field}' {problem}"
    E005 = "{file}: the file name must be the country code: '{country}.yml'"
    E010 = "{file}: {section}[{index}]: entry has no 'id'"
    E011 = "{file}: {kind} {id}: field '{field}' is missing"
    E012 = "{file}: {kind} {id}: field '{field}' {problem}"
    E013 = "{file}: {kind} {id}: unknown field '{field}' (allowed: {allowed})"
    E014 = "{file}: {kind} {id}: unknown incident '{incident}' in 'incidents' (see bot.facts.INCIDENTS)"
    E015 = "{file}: {kind} {id}: unknown condition key '{key}' in 'conditions' (allowed: {allowed})"
    E016 = "{file}: {kind} {id}: condition '{key}': {problem}"
    E017 = "{file}: {kind} {id}: duplicate id (also in {other})"
    E018 = "{file}: {kind} {id}: field '{field}' refers to '{ref}', which matches no provision in this file"
    E020 = "{file}: texts: key '{key}' is missing"
    E021 = "{file}: texts: {key} has no text for '{value}'"
    E030 = "{directory}: no jurisdiction files (<CC>.yml) found"
