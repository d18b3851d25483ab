"""Places read in passing: country, ISO 3166-2 region, city; the traps; ambiguity."""
from __future__ import annotations

import pytest

from bot.reading.places import find_place


@pytest.mark.parametrize("text, country, region", [
    ("soy de Chile", "CL", None),
    ("soy chilena", "CL", None),
    ("ya te dije que soy de Chile", "CL", None),
    ("vivo en santiago", "CL", "CL-RM"),
    ("esto pasó en La Serena", "CL", "CL-CO"),
    ("soy de La Serena", "CL", "CL-CO"),
    ("soy de mexico", "MX", None),
    ("México", "MX", None),
    ("vivo en San Luis Potosí", "MX", "MX-SLP"),
    ("estoy en cdmx", "MX", "MX-CMX"),
    ("desde Edomex", "MX", "MX-MEX"),
    ("vivo en el Estado de México", "MX", "MX-MEX"),
    ("estoy en Monterrey", "MX", "MX-NLE"),
    ("Monterrey", "MX", "MX-NLE"),
    ("¿hay policía cibernética en Nuevo León?", "MX", "MX-NLE"),
    ("vivo en Puebla", "MX", "MX-PUE"),
    ("soy de Mendoza", "AR", "AR-M"),
    ("vivo en Rosario", "AR", "AR-S"),
    ("vivo en Baires", "AR", "AR-C"),
    ("soy de caba", "AR", "AR-C"),
    ("soy de Córdoba, Argentina", "AR", "AR-X"),
    ("argentina", "AR", None),
    ("vivo en Madrid", "ES", "ES-MD"),
    ("vivo en Sevilla", "ES", "ES-AN"),
    ("soy de españa", "ES", None),
    ("soy de Córdoba España", "ES", "ES-AN"),
    ("soy de colombia", "CO", None),
    ("estoy en Lima", "PE", None),
    ("en un grupo de Telegram están pasando videos de niñas, estoy en Monterrey", "MX", "MX-NLE"),
    ("me pasó en Rosario, ayer", "AR", "AR-S"),
    ("soy de chile po", "CL", None),
])
def test_a_place_said_in_passing_gives_country_and_iso_region(text, country, region):
    place = find_place(text)
    assert (place.country, place.region, place.ambiguous) == (country, region, False)


@pytest.mark.parametrize("text", [
    "estoy en paz con eso",
    "me llamo Dolores",
    "tengo una remera azul",
    "mi amiga Mercedes me ayudó",
    "en general no sé qué hacer",
    "lo subió a una página en general",
    "la victoria es nuestra",
    "no te voy a decir",
    "hola",
])
def test_everyday_words_that_are_towns_are_not_places(text):
    assert find_place(text).country is None and not find_place(text).ambiguous


@pytest.mark.parametrize("text", ["soy de Córdoba", "Córdoba", "soy de san luis"])
def test_a_place_in_several_countries_is_ambiguous(text):
    place = find_place(text)
    assert place.ambiguous and place.region is None


def test_a_capitalised_town_after_a_cue_is_read():
    assert find_place("vivo en Victoria").country is not None
