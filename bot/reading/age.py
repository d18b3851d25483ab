"""The age of the person affected, or that they are an adult or a minor, in free form.

"tengo 15", "mi hija de 13", "30 años tengo, lee", "no, tengo más de 18", "soy mayor",
"nací en 2009", "cuando tenía 16". The age patterns and number words are language data in the
``minors`` section of ``bot/knowledge/safety.yml`` (compiled by ``bot.safety``); the adult and
minor statements and the year-of-birth cues are in ``bot/knowledge/vocabulary.yml``.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Optional

from bot import safety
from bot.facts import ADULT_AGE
from bot.reading.text import load_yaml, normalize, phrase_list, phrase_pattern

#: Youngest and oldest age :func:`stated_age` accepts after "años".
MIN_AGE = 1
MAX_AGE = 110
#: Youngest age accepted for a bare number ("tengo 15"): below it, "tengo 2" is a count.
MIN_BARE_AGE = 9
#: The year ages are computed from ("nací en 2009"); the bot's knowledge is dated 2026.
REFERENCE_YEAR = max(datetime.date.today().year, 2026)


#: An age told of the past ("cuando tenía 15", "a los 14 años").
_PAST = re.compile(r"\b(?:cuando|tenia|tuve|a los)\b")


@dataclass(frozen=True)
class AgeReading:
    """``age`` in years if said; ``adult`` True / False / None (not said)."""

    age: Optional[int] = None
    adult: Optional[bool] = None


def _number_value(words: str, data: "safety.SafetyData") -> Optional[int]:
    words = words.strip()
    if words.isdigit():
        return int(words)
    if words in data.number_words:
        return data.number_words[words]
    if " y " in words:
        tens, unit = words.split(" y ", 1)
        if tens in data.number_words and unit in data.number_words:
            return data.number_words[tens] + data.number_words[unit]
    return None


def _ages(prepared: str, data: "safety.SafetyData") -> list[tuple[int, int]]:
    """``(position, age)`` for every age stated in a prepared text."""
    found = []
    for hit in safety._hits(prepared, data.minor_keywords, data, rules=data.age_rules):
        value = _number_value(hit.match.group("num"), data)
        if value is None:
            continue
        age = value + hit.rule.offset
        low = MIN_BARE_AGE if hit.rule.bare else MIN_AGE
        if low <= age <= MAX_AGE:
            found.append((hit.start, age))
    return sorted(found)


def _bare_age(prepared: str, data: "safety.SafetyData") -> Optional[int]:
    m = data.bare_age.regex.match(prepared)
    if not m or prepared[m.end():].strip(" ."):
        return None
    value = _number_value(m.group("num"), data)
    if value is not None and MIN_AGE <= value <= MAX_AGE:
        return value
    return None


def stated_age(text: str, *, expecting_age: bool = False) -> Optional[int]:
    """Return the first age stated in ``text`` ("tengo 15", "mi hija de 13"), or None.

    Counts, dates and durations are not ages ("15 fotos", "el 15 de mayo", "hace 15 días").

    Args:
        text: the person's message.
        expecting_age: the bot has just asked for an age, so a message that is only a number
            ("15", "15 años", "quince") counts as one.
    """
    data = safety._DATA
    prepared = safety._prepare(text, data)
    ages = _ages(prepared, data)
    if ages:
        # "cuando tenía 15 me grabó, ahora tengo 22": the age now, not the age then.
        now = [age for start, age in ages if not _PAST.search(prepared[max(0, start - 20):start + 8])]
        return now[0] if now else ages[0][1]
    return _bare_age(prepared, data) if expecting_age else None


def mentions_minor(text: str, *, expecting_age: bool = False) -> bool:
    """True when the message says someone is under 18, now or when it happened.

    Examples: "tengo 15", "soy menor", "mi hija de 13", "un niño", "cuando tenía 16",
    "mi sobrina que va en la secundaria". Not: "no soy menor", "tengo 25 años".
    """
    data = safety._DATA
    prepared = safety._prepare(text, data)
    ages = [age for _, age in _ages(prepared, data)]
    if expecting_age and not ages:
        bare = _bare_age(prepared, data)
        ages = [bare] if bare is not None else []
    if any(age < ADULT_AGE for age in ages):
        return True
    return bool(safety._hits(prepared, data.minor_keywords, data))


@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    vocab = load_yaml("vocabulary.yml")
    ages = vocab["age"]
    return {
        "adult": phrase_pattern(phrase_list(vocab, "adult_statements", "vocabulary.yml")),
        "minor": phrase_pattern(phrase_list(ages, "minor_statements", "vocabulary.yml: age")),
        "inverted": re.compile(ages["inverted_age"]),
        "birth_year": re.compile(ages["birth_year"]),
        "over": re.compile(ages["over_age"]),
        "under": re.compile(ages["under_age"]),
    }


def read_age(text: str, *, expecting_age: bool = False) -> AgeReading:
    """The age and adulthood said in ``text``, in free form.

    ``expecting_age`` (the bot just asked) lets a bare "31", "quince" or "mayor" count.
    """
    tables = _tables()
    norm = normalize(text)
    over = tables["over"].search(norm)
    if over:  # "tengo más de 18", "ya pasé los 20": adult, no exact age
        limit = int(over.group("num"))
        if limit >= ADULT_AGE - 1:
            return AgeReading(adult=True)
    under = tables["under"].search(norm)
    if under and int(under.group("num")) <= ADULT_AGE:
        return AgeReading(adult=False)
    if tables["adult"] and tables["adult"].search(norm):
        return AgeReading(adult=True)
    age = stated_age(text, expecting_age=expecting_age)
    if age is None:
        inverted = tables["inverted"].search(norm)  # "30 años tengo", "15 años tiene mi hija"
        if inverted:
            value = int(inverted.group("num"))
            age = value if MIN_AGE <= value <= MAX_AGE else None
    if age is None:
        born = tables["birth_year"].search(norm)  # "nací en 2009", "es del 2011"
        if born:
            value = REFERENCE_YEAR - int(born.group("year"))
            age = value if MIN_AGE <= value <= MAX_AGE else None
    if age is not None:
        return AgeReading(age=age, adult=age >= ADULT_AGE)
    if expecting_age and norm in {"mayor", "adulta", "adulto", "si mayor", "mayor de edad"}:
        return AgeReading(adult=True)
    if expecting_age and norm in {"menor", "soy menor", "es menor", "menor de edad"}:
        return AgeReading(adult=False)
    if mentions_minor(text, expecting_age=expecting_age):
        return AgeReading(adult=False)
    return AgeReading()
