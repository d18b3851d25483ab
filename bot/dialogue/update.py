"""Facts in passing: what a :class:`Reading` adds to or corrects in the :class:`Case`."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Optional

from bot.dialogue.model import Case, History
from bot.facts import ADULT_AGE
from bot.reading.model import Reading

#: Reading facts copied to the case under the same name when said.
SAME_NAME = ("country", "region", "platform", "relationship", "writer", "spread",
             "consent_to_capture")
#: Flags that, once said, stay true for the case.
FLAGS = ("lives_with_aggressor", "device_monitored", "via_group", "profit",
         "impersonation_to_obtain", "several_aggressors", "anonymous_aggressor",
         "images_taken_as_minor")
#: Answer signals that mean "I don't know / I'd rather not say".
NOT_SAID = frozenset({"dont_know", "decline"})

#: Countries where vos is the everyday register: an Argentine is answered with vos even when
#: the first message carries no verb in vos form ("che, me hackearon el insta, soy de Rosario").
VOSEO_COUNTRIES = frozenset({"AR", "UY"})


@dataclass(frozen=True)
class Update:
    """The case after this message and what changed.

    Attributes:
        case: the new case.
        new_incident: the message told a new (or corrected) incident.
        corrected: the person corrected what the bot understood.
        declined: facts the person did not know or would not say in this message.
    """

    case: Case
    new_incident: bool
    corrected: bool
    declined: tuple[str, ...]


def update_case(case: Case, reading: Reading, history: History) -> Update:
    """Merge the facts of one message into the case."""
    facts = reading.facts
    values: dict[str, Any] = {}
    for name in SAME_NAME:
        value = getattr(facts, name)
        if value is not None:
            values[name] = value
    for name in FLAGS:
        if getattr(facts, name):
            values[name] = True
    if facts.region and not facts.country:
        values["country"] = facts.region.split("-")[0]
    if "country" in values and values["country"] != case.country and "region" not in values:
        values["region"] = None  # a region of the old country no longer holds
    if facts.age is not None:
        values["age"] = facts.age
        values["minor"] = facts.age < ADULT_AGE
    elif facts.adult is not None:
        values["minor"] = not facts.adult
        if case.age is not None and (case.age < ADULT_AGE) == facts.adult:
            values["age"] = None  # "no, soy mayor" corrects an earlier age
    declined: list[str] = []
    signals = set(reading.signals)
    if history.last_question == "age" and "age" not in values and "minor" not in values:
        if signals & NOT_SAID:  # "prefiero no decirlo" is not a "no"
            declined.append("age")
        elif "yes" in signals:
            values["minor"] = True
        elif "no" in signals:
            values["minor"] = False
    if history.last_question == "country" and "country" not in values and signals & NOT_SAID:
        declined.append("country")
    if reading.vos or values.get("country", case.country) in VOSEO_COUNTRIES:
        values["vos"] = True  # who writes with vos, or from where vos is how everyone speaks
    corrected = "correction" in signals
    new_incident = bool(reading.incident) and reading.incident != case.incident
    if reading.incident:
        values["incident"] = reading.incident
    changed = {k: v for k, v in values.items() if getattr(case, k) != v}
    return Update(replace(case, **changed), new_incident, corrected and new_incident,
                  tuple(declined))


def changes(before: Case, after: Case) -> tuple[tuple[str, Any], ...]:
    """The fields that differ (name, new value), in field order."""
    return tuple((f.name, getattr(after, f.name)) for f in fields(Case)
                 if getattr(before, f.name) != getattr(after, f.name))


def missing_fact(case: Case, history: History, reading: Reading) -> Optional[str]:
    """The one fact still worth asking: ``"country"`` then ``"age"``; never a known one."""
    if reading.facts.place_ambiguous and not reading.facts.country and case.country is None:
        return "country"
    if case.country is None and "country" not in history.declined:
        return "country"
    if (case.incident is not None and case.minor_status == "unknown"
            and "age" not in history.declined):
        return "age"
    return None
