"""Ages and minors: stated_age(), mentions_minor() and read_age() in free form."""
from __future__ import annotations

import pytest

from bot.reading.age import mentions_minor, read_age, stated_age


@pytest.mark.parametrize("text, age", [
    ("tengo 15", 15),
    ("mi hija de 13", 13),
    ("una alumna de 14", 14),
    ("cuando tenía 16", 16),
    ("tengo 14 años", 14),
    ("tengo quince años", 15),
    ("tengo dieciséis", 16),
    ("mi hijo tiene 12", 12),
    ("mis fotos de cuando tenía 15", 15),
    ("mi nena de 9", 9),
    ("tengo 13 y mi ex me pide fotos", 13),
    ("tiene 16 años", 16),
    ("un chico de 15", 15),
    ("cumplí 16 la semana pasada", 16),
    ("tengo 15 recién cumplidos", 15),
    ("tenía 12 cuando me grabó", 12),
    ("voy a cumplir 18", 17),
    ("mi hermanita de once años", 11),
    ("mi hija tiene un año", 1),
    ("tengo 15años", 15),
    ("tengo 25 años", 25),
    ("tengo treinta y dos años", 32),
    ("tengo 18", 18),
    ("mi hija de 25", 25),
    ("tengo 15 años y me pasaron fotos el 15 de mayo", 15),
    ("me grabó a los 14 años", 14),
    # counts, dates and durations are not ages
    ("hace 15 días", None),
    ("15 fotos", None),
    ("el 15 de mayo", None),
    ("tengo 15 capturas", None),
    ("tengo 15 minutos", None),
    ("tengo 2 hijos", None),
    ("hace 15 años que lo conozco", None),
    ("lo conozco desde hace 14 años", None),
    ("le pagué 15 mil pesos", None),
    ("pasaron 13 fotos", None),
    ("el video dura 15 segundos", None),
    ("son 16 personas en el grupo", None),
    ("a las 14 horas", None),
    ("la pena es de 3 a 6 años de prisión", None),
    ("mi novio de 3 años", None),
    ("en 2015 me grabó", None),
    ("soy menor", None),
])
def test_stated_age(text, age):
    assert stated_age(text) == age


@pytest.mark.parametrize("text, age", [
    ("15", 15),
    ("15 años", 15),
    ("quince", 15),
    ("17 años de edad", 17),
    ("hola", None),
    ("15 fotos", None),
])
def test_stated_age_when_the_bot_just_asked(text, age):
    assert stated_age(text, expecting_age=True) == age
    assert stated_age(text) is None or text == "17 años de edad"


@pytest.mark.parametrize("text", [
    "tengo 15",
    "soy menor",
    "soy menor de edad",
    "mi hija de 13",
    "mi sobrina que va en la secundaria",
    "un niño",
    "es una niña",
    "una alumna de 14",
    "cuando tenía 16",
    "cuando era niña me grabaron",
    "voy en segundo medio",
    "estoy en 3ro de secundaria",
    "voy en 2do de prepa",
    "voy a la ESO",
    "1º de la ESO",
    "estoy en el liceo",
    "soy alumna de séptimo básico",
    "somos menores",
    "fotos de una menor",
    "fotos de una menor de edad",
    "mi hija tiene un año",
    "tengo 30 años y mi hijo de 5 sale en el video",
])
def test_mentions_minor(text):
    assert mentions_minor(text)


@pytest.mark.parametrize("text", [
    "hace 15 días",
    "15 fotos",
    "el 15 de mayo",
    "tengo 15 capturas",
    "tengo 25 años",
    "no soy menor",
    "ya no soy menor",
    "soy mayor de edad",
    "tengo 18",
    "tengo 19 y mi ex 25",
    "tengo 30 años y mi pareja 32",
    "un problema menor",
    "la menor cantidad de gente",
    "se porta como un niño",
    "mi hija de 25",
    "tengo 2 hijos",
    "mi novio de 3 años",
])
def test_does_not_mention_minor(text):
    assert not mentions_minor(text)


def test_a_bare_age_counts_only_when_the_bot_asked():
    assert not mentions_minor("15")
    assert mentions_minor("15", expecting_age=True)
    assert not mentions_minor("25", expecting_age=True)
