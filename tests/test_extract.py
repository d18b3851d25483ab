"""Facts read from what people write, in the words of each country."""
from __future__ import annotations

import pytest

from bot.extract import extract, find_place, find_platform, find_relationship, normalize


@pytest.mark.parametrize("text, expected", [
    ("soy de Chile", ("CL", None)),
    ("soy chilena", ("CL", None)),
    ("vivo en santiago", ("CL", "Metropolitana")),
    ("esto pasó en La Serena", ("CL", "Coquimbo")),
    ("en la serena", ("CL", "Coquimbo")),
    ("soy de mexico", ("MX", None)),
    ("vivo en San Luis Potosí", ("MX", "San Luis Potosí")),
    ("soy potosina", ("MX", "San Luis Potosí")),
    ("estoy en cdmx", ("MX", "Ciudad de México")),
    ("soy de Mendoza", ("AR", "Mendoza")),
    ("argentina", ("AR", None)),
    ("vivo en Madrid", ("ES", "Madrid")),
    ("soy de españa", ("ES", None)),
    ("soy de espana", ("ES", None)),
    ("soy de colombia", ("CO", None)),
    ("no te voy a decir", (None, None)),
])
def test_place_is_normalised_to_country_and_region(text, expected):
    assert find_place(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("lo subieron a un grupo de Telegram", "telegram"),
    ("me escribe por wsp", "whatsapp"),
    ("hizo un perfil falso en insta", "instagram"),
    ("en face", "facebook"),
    ("lo publicaron en tik tok", "tiktok"),
    ("en twitter", "x"),
    ("un server de discord", "discord"),
    ("me llegó al correo", "email"),
    ("no sé dónde", None),
])
def test_platform_is_recognised(text, expected):
    assert find_platform(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("fue mi ex", "ex_pareja"),
    ("mi ex novio subió el video", "ex_pareja"),
    ("mi pololo me amenaza", "pareja"),
    ("mi padrastro", "familiar"),
    ("un compañero de clase", "trabajo_estudio"),
    ("no sé quién es", "desconocido"),
])
def test_relationship_is_recognised(text, expected):
    assert find_relationship(text) == expected


def test_telegram_group_case_reads_every_fact():
    facts = extract("mi ex subió mis fotos a un grupo de telegram de La Serena y las venden")
    assert (facts.country, facts.region, facts.platform) == ("CL", "Coquimbo", "telegram")
    assert facts.aggressor_relationship == "ex_pareja"
    assert {"via_group", "profit", "spread_public"} <= facts.flags


@pytest.mark.parametrize("text, minor", [
    ("tengo 15 años", True),
    ("soy menor de edad", True),
    ("mi hija de 13", True),
    ("tengo 25", False),
])
def test_age_says_whether_the_person_is_a_minor(text, minor):
    assert extract(text).victim_is_minor is minor


def test_normalize_strips_accents_and_punctuation():
    assert normalize("¡Méxíco, Ñandú!") == "mexico nandu"


@pytest.mark.parametrize("text, bare", [
    ("México", True), ("soy de Mendoza", True), ("16", True), ("tengo 15 años", True),
    ("por insta", True), ("fue mi ex", True), ("desde la serena", True),
    ("mi ex subió mis fotos a telegram", False), ("hola", False), ("no sé", False),
])
def test_short_answers_made_of_facts_are_recognised(text, bare):
    from bot.extract import is_bare_fact_answer

    assert is_bare_fact_answer(text) is bare
