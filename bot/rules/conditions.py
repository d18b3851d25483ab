"""The small condition vocabulary a provision's ``conditions`` may use, and its evaluation.

A provision applies to a case when every condition holds (logical AND). Each condition is
evaluated to True, False or None ("unknown": the bot does not know that fact yet). A provision
whose conditions are all True applies; one with an unknown condition and no False one "may
apply" and is reported as ``Possible`` (an aggravating circumstance as "podría agravarse si…").

Vocabulary (YAML key: value it takes -> the ``CaseFacts`` field it reads):

=============================  =========================  ======================================
key                            value                      reads
=============================  =========================  ======================================
``spread``                     ``public`` / ``private``   ``spread`` (None = unknown)
``minor``                      true / false               ``minor_status`` (yes / no / unknown)
``under_14``                   true / false               ``victim_age`` (``minor_status``)
``material_of_minor``          true / false               ``material_of_minor``: the person is,
                                                          or was when the images were taken,
                                                          under 18
``vulnerable_victim``          true                       ``minor_status`` = yes; otherwise
                                                          unknown (disability, older age are
                                                          never asked)
``relationship``               list of ``RELATIONSHIPS``  ``relationship`` (None = unknown)
``consent_to_capture``         true / false               ``consent_to_capture`` (None = unknown)
``platform``                   list of ``PLATFORMS``      ``platform`` (None = unknown)
``sexual_content``             true                       the incident: NCII, sextortion,
                                                          cyberflashing, CSAM are sexual; any
                                                          other incident is unknown
``anonymous_or_false_identity`` true                      ``anonymous_aggressor`` or
                                                          ``impersonation_to_obtain``; else
                                                          unknown
``obtained_by_deceit``         true                       ``impersonation_to_obtain``; else
                                                          unknown
``profit``                     true / false               ``profit``
``via_group``                  true / false               ``via_group`` (a group or network
                                                          *created to spread sexual content*;
                                                          a family or class group is not one)
``impersonation_to_obtain``    true / false               ``impersonation_to_obtain``
``several_aggressors``         true / false               ``several_aggressors``
``unknown_fact``               a label of ``texts.yml``   nothing: the bot never asks it, so
                               ``unasked_facts``          it is always unknown
=============================  =========================  ======================================

The four plain booleans default to False in ``CaseFacts`` and are read as known. The
"true-or-unknown" keys (``sexual_content``, ``anonymous_or_false_identity``,
``obtained_by_deceit``, ``vulnerable_victim``) read a fact the bot may not have asked: when it
is not known to be true, the provision is shown as possible, never silently dropped.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from bot.facts import MINOR_NO, MINOR_YES, PLATFORMS, RELATIONSHIPS, UNDER_14, CaseFacts

#: Result of evaluating a condition: True, False, or None when the fact is unknown.
Tri = Optional[bool]

#: Incidents whose content is sexual by definition (Mendoza's ciberacoso sexual needs it).
SEXUAL_INCIDENTS: tuple[str, ...] = ("report_ncii", "report_sextortion", "report_cyberflashing",
                                     "report_csam")

#: Keys whose value is a list of allowed choices, with the choices.
CHOICE_KEYS: Mapping[str, tuple[str, ...]] = {
    "spread": ("public", "private"),
    "relationship": RELATIONSHIPS,
    "platform": PLATFORMS,
}
#: Keys whose value is true or false.
BOOL_KEYS: tuple[str, ...] = (
    "minor",
    "under_14",
    "material_of_minor",
    "consent_to_capture",
    "profit",
    "via_group",
    "impersonation_to_obtain",
    "several_aggressors",
)
#: Keys that are either true or unknown: their only allowed value is ``true``.
TRUE_OR_UNKNOWN_KEYS: tuple[str, ...] = (
    "vulnerable_victim",
    "sexual_content",
    "anonymous_or_false_identity",
    "obtained_by_deceit",
)
#: Key of facts the bot never asks: always unknown, needs a label in ``unasked_facts``.
UNKNOWN_FACT = "unknown_fact"
#: Every key a ``conditions`` mapping may use.
CONDITION_KEYS: tuple[str, ...] = (*CHOICE_KEYS, *BOOL_KEYS, *TRUE_OR_UNKNOWN_KEYS, UNKNOWN_FACT)
#: Keys that can evaluate to "unknown", so ``texts.yml`` needs a Spanish phrase for them.
MAY_BE_UNKNOWN: tuple[str, ...] = ("spread", "relationship", "platform", "minor", "under_14",
                                   "material_of_minor", "consent_to_capture",
                                   *TRUE_OR_UNKNOWN_KEYS, UNKNOWN_FACT)


def normalize(key: str, value: Any, *, unasked_facts: Mapping[str, str]) -> Any:
    """Check one condition from YAML and return its value in canonical form.

    Returns a tuple of choices for choice keys, a bool for bool keys, a label for
    ``unknown_fact``.

    Raises:
        KeyError: ``key`` is not in the vocabulary.
        ValueError: the value does not fit the key (message says why).
    """
    if key in CHOICE_KEYS:
        values = (value,) if isinstance(value, str) else value
        if not isinstance(values, (list, tuple)) or not values:
            raise ValueError("expects one value or a non-empty list")
        for item in values:
            if item not in CHOICE_KEYS[key]:
                raise ValueError(f"'{item}' is not one of {', '.join(CHOICE_KEYS[key])}")
        return tuple(values)
    if key in BOOL_KEYS:
        if not isinstance(value, bool):
            raise ValueError("expects true or false")
        return value
    if key in TRUE_OR_UNKNOWN_KEYS:
        if value is not True:
            raise ValueError("expects true (the bot cannot know this fact is false)")
        return value
    if key == UNKNOWN_FACT:
        if value not in unasked_facts:
            raise ValueError(f"'{value}' is not a label of texts.yml 'unasked_facts' "
                             f"({', '.join(unasked_facts)})")
        return value
    raise KeyError(key)


def _minor_condition(facts: CaseFacts) -> Tri:
    # The one three-valued definition of bot.facts (age said > yes/no > CSAM implies a minor).
    status = facts.minor_status
    return True if status == MINOR_YES else False if status == MINOR_NO else None


def _under_14(facts: CaseFacts) -> Tri:
    if facts.victim_age is not None:
        return facts.victim_age < UNDER_14
    if facts.minor_status == MINOR_NO:
        return False
    return None


def _material_of_minor(facts: CaseFacts) -> Tri:
    if facts.material_of_minor:
        return True
    # An adult who did not say the images were taken as a minor: not material of a minor.
    return False if facts.minor_status == MINOR_NO else None


def _true_or_unknown(value: bool) -> Tri:
    return True if value else None


_READERS: Mapping[str, Callable[[CaseFacts], Any]] = {
    "spread": lambda f: f.spread,
    "relationship": lambda f: f.relationship,
    "platform": lambda f: f.platform,
    "minor": _minor_condition,
    "under_14": _under_14,
    "material_of_minor": _material_of_minor,
    "vulnerable_victim": lambda f: _true_or_unknown(f.minor_status == MINOR_YES),
    "consent_to_capture": lambda f: f.consent_to_capture,
    "sexual_content": lambda f: _true_or_unknown(f.incident in SEXUAL_INCIDENTS),
    "anonymous_or_false_identity": lambda f: _true_or_unknown(
        f.anonymous_aggressor or f.impersonation_to_obtain),
    "obtained_by_deceit": lambda f: _true_or_unknown(f.impersonation_to_obtain),
    "profit": lambda f: bool(f.profit),
    "via_group": lambda f: bool(f.via_group),
    "impersonation_to_obtain": lambda f: bool(f.impersonation_to_obtain),
    "several_aggressors": lambda f: bool(f.several_aggressors),
}


def evaluate(key: str, value: Any, facts: CaseFacts) -> Tri:
    """Evaluate one normalized condition against the facts (None = unknown)."""
    if key == UNKNOWN_FACT:
        return None
    actual = _READERS[key](facts)
    if actual is None:
        return None
    if key in CHOICE_KEYS:
        return actual in value
    return actual == value


def evaluate_all(conditions: tuple[tuple[str, Any], ...],
                 facts: CaseFacts) -> tuple[Tri, tuple[tuple[str, Any], ...]]:
    """Evaluate every condition (AND).

    Returns:
        ``(result, missing)``: result is False if any condition is False, else None if any is
        unknown, else True; ``missing`` lists the unknown conditions.
    """
    missing = []
    for key, value in conditions:
        result = evaluate(key, value, facts)
        if result is False:
            return False, ()
        if result is None:
            missing.append((key, value))
    return (None if missing else True), tuple(missing)
