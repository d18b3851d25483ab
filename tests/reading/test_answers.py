"""Free-form answers: age and adulthood, who is writing, yes / no / "no sé" / corrections."""
from __future__ import annotations

import pytest

from bot.reading.age import read_age
from bot.reading.signals import read_signals, uses_voseo
from bot.reading.writer import read_writer


@pytest.mark.parametrize("text, age, adult", [
    ("no, tengo más de 18", None, True),
    ("30 años tengo, lee", 30, True),
    ("mi hija de 13", 13, False),
    ("tengo 15 años y un compañero pasó mis fotos desnuda por whatsapp, soy de Chile", 15, False),
    ("ya te he dicho que tengo 41", 41, True),
    ("tengo 41", 41, True),
    ("no, tengo 24", 24, True),
    ("soy mayor", None, True),
    ("soy mayor de edad", None, True),
    ("soy menor", None, False),
    ("menor de 18", None, False),
    ("nací en 2009", 17, False),
    ("cuando tenía 15 me grabó, ahora tengo 22", 22, True),
    ("mi hijo de 16 años", 16, False),
    ("hace 15 días que me escribe", None, None),
    ("me mandó 20 fotos", None, None),
    ("hola", None, None),
])
def test_age_and_adult_in_free_form(text, age, adult):
    assert read_age(text) == (read_age(text).__class__(age=age, adult=adult))


@pytest.mark.parametrize("text, age, adult", [
    ("31", 31, True),
    ("quince", 15, False),
    ("mayor", None, True),
])
def test_a_bare_answer_counts_when_the_bot_asked(text, age, adult):
    reading = read_age(text, expecting_age=True)
    assert (reading.age, reading.adult) == (age, adult)


@pytest.mark.parametrize("text, writer", [
    ("me hackearon el insta", "self"),
    ("mi amigo pasó mis fotos", "self"),
    ("mi hija de 13 me contó que le pasan fotos", "parent"),
    ("soy la mamá, ella no sabe que te escribo", "parent"),
    ("soy profesora y una alumna me mostró un grupo", "teacher"),
    ("mi amiga me contó que su ex subió sus fotos", "friend"),
    ("escribo por una amiga, a ella la están amenazando", "friend"),
    ("encontré un grupo con fotos de niñas", "witness"),
    ("hola", None),
])
def test_who_is_writing(text, writer):
    assert read_writer(text) == writer


@pytest.mark.parametrize("text, signals", [
    ("sí", ("yes",)),
    ("dale", ("yes",)),
    ("no", ("no",)),
    ("no, tengo más de 18", ("no",)),
    ("no sé", ("dont_know",)),
    ("ni idea", ("dont_know",)),
    ("prefiero no decirlo", ("decline",)),
    ("no, no es eso, es una cuenta de funas", ("correction",)),
    ("me entendiste mal, fue un desconocido", ("correction",)),
    ("no sé qué hacer", ()),
    ("bueno pero qué hago", ()),
    ("mi ex subió mis fotos", ()),
])
def test_answer_signals(text, signals):
    assert read_signals(text) == signals


@pytest.mark.parametrize("text, vos", [
    ("¿podés ayudarme?", True), ("tenés que saber algo", True), ("decime qué hago", True),
    ("¿puedes ayudarme?", False), ("mándame los pasos", False),
    # an accented -és / -ís ending or imperative is vos; the same words unaccented are tú
    ("¿sabés qué hago?", True), ("decís que no?", True), ("mirá, pasó esto", True),
    ("hacé la denuncia", True), ("no sabes lo que es", False), ("mira, pasó esto", False),
    ("hace dos semanas", False),
    # accented words that end the same way and are not verbs
    ("después del colegio", False), ("vivo en otro país", False), ("el mes pasado", False),
    # words of the Río de la Plata go with vos; Chile's "lucas" and everyone's "celu" do not
    ("me escracharon en twitter", True), ("un pibe del laburo", True),
    ("le pasé 80 lucas", False), ("me robaron el celu", False),
])
def test_voseo(text, vos):
    assert uses_voseo(text) is vos
