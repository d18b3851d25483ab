"""The small condition vocabulary a provision's ``conditions`` may use, and its evaluation.

A provision applies to a case when every condition holds (logical AND). Each condition is
evaluated to True, False or None ("unknown": the bot does not know that fact yet). A provision
whose conditions are all True applies; one with an unknown condition and no False one "may
apply" and is reported as ``Possible``.

Vocabulary (YAML key: value it takes -> the ``CaseFacts`` field it reads):

==========================  ============================  =====================================
key                         value                         reads
==========================  ============================  =====================================
``spread``                  ``public`` / ``private``      ``spread`` (None = unknown)
``minor``                   true / false                  ``victim_age``, ``victim_is_minor``
``under_14``                true / false                  ``victim_age`` (``victim_is_minor``)
``relationship``            list of ``RELATIONSHIPS``     ``relationship`` (None = unknown)
``consent_to_capture``      true / false                  ``consent_to_capture`` (None = unknown)
``platform``                list of ``PLATFORMS``         ``platform`` (None = unknown)
``profit``                  true / false                  ``profit``
``via_group``               true / false                  ``via_group``
``impersonation_to_obtain`` true / false                  ``impersonation_to_obtain``
``several_aggressors``      true / false                  ``several_aggressors``
``unknown_fact``            a label of ``texts.yml``      nothing: the bot never asks it, so
                            ``unasked_facts``             it is always unknown
==========================  ============================  =====================================

The four plain booleans default to False in ``CaseFacts`` and are read as known.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from bot.facts import ADULT_AGE, PLATFORMS, RELATIONSHIPS, UNDER_14, CaseFacts

#: Result of evaluating a condition: True, False, or None when the fact is unknown.
Tri = Optional[bool]

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
    "consent_to_capture",
    "profit",
    "via_group",
    "impersonation_to_obtain",
    "several_aggressors",
)
#: Key of facts the bot never asks: always unknown, needs a label in ``unasked_facts``.
UNKNOWN_FACT = "unknown_fact"
#: Every key a ``conditions`` mapping may use.
CONDITION_KEYS: tuple[str, ...] = (*CHOICE_KEYS, *BOOL_KEYS, UNKNOWN_FACT)
#: Keys that can evaluate to "unknown", so ``texts.yml`` needs a Spanish phrase for them.
MAY_BE_UNKNOWN: tuple[str, ...] = ("spread", "relationship", "platform", "minor", "under_14",
                                   "consent_to_capture", UNKNOWN_FACT)


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
    if key == UNKNOWN_FACT:
        if value not in unasked_facts:
            raise ValueError(f"'{value}' is not a label of texts.yml 'unasked_facts' "
                             f"({', '.join(unasked_facts)})")
        return value
    raise KeyError(key)


def _minor(facts: CaseFacts) -> Tri:
    # Age said beats the yes/no slot; material of minors implies a minor.
    if facts.victim_age is not None:
        return facts.victim_age < ADULT_AGE
    if facts.victim_is_minor is not None:
        return facts.victim_is_minor
    if facts.incident == "report_csam":
        return True
    return None


def _under_14(facts: CaseFacts) -> Tri:
    if facts.victim_age is not None:
        return facts.victim_age < UNDER_14
    if _minor(facts) is False:
        return False
    return None


_READERS: Mapping[str, Callable[[CaseFacts], Any]] = {
    "spread": lambda f: f.spread,
    "relationship": lambda f: f.relationship,
    "platform": lambda f: f.platform,
    "minor": _minor,
    "under_14": _under_14,
    "consent_to_capture": lambda f: f.consent_to_capture,
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
