"""The Reading of whole messages: long stories, helpers, answers, questions in passing."""
from __future__ import annotations

import pytest

from bot.reading.model import Reading
from bot.reading.read import rasa_intent, read_message

MOTHER = (
    "Hola, perdón que escriba tanto, no sé bien cómo se usa esto. Soy la mamá de un chico de 15 "
    "años. Hace un mes unos compañeros del colegio le sacaron una foto en el camarín sin que se "
    "diera cuenta y la subieron a un grupo de Instagram que hicieron para burlarse de él. Desde "
    "entonces no quiere ir a clases, casi no come y anoche me dijo que preferiría estar muerto. "
    "Vivimos en Puebla. ¿Le aviso a la dirección del colegio primero o a la policía?"
)
TEEN = "tengo 15 años y un compañero pasó mis fotos desnuda por whatsapp, soy de Chile"
WITNESS = "en un grupo de Telegram están pasando videos de niñas, estoy en Monterrey"
PARTNER = (
    "buenas, no sé si me pueden ayudar. vivo con mi pareja y él me revisa el celular todas las "
    "noches, tiene mis contraseñas y ahora descubrí que tiene fotos mías íntimas que me sacó "
    "durmiendo. me dice que si lo dejo las manda a mi familia. estoy en Rosario"
)
GREETING_STORY = (
    "holaaa buenas tardes, cómo estás, espero que bien. te cuento que hace unos días una cuenta "
    "anónima empezó a publicar en tiktok mi nombre, mi dirección y el colegio de mi hermano, y "
    "la gente comenta cosas horribles. soy de Córdoba, Argentina"
)
FUNAS = "no, no es eso, es una cuenta de funas"


def test_a_mothers_long_message_keeps_risk_incident_question_and_facts(ranking):
    reading = read_message(MOTHER, intent_ranking=ranking(MOTHER))
    assert reading.long
    assert reading.risk.level == "risk" and reading.risk.subject == "other"
    assert reading.incident is not None
    assert reading.question == "tell_parents_or_school"
    assert (reading.facts.writer, reading.facts.age, reading.facts.adult) == ("parent", 15, False)
    assert (reading.facts.country, reading.facts.region) == ("MX", "MX-PUE")
    assert reading.facts.spread == "private" or reading.facts.via_group is False


def test_a_minor_telling_her_case_keeps_the_incident_not_inform(ranking):
    reading = read_message(TEEN, intent_ranking=ranking(TEEN))
    assert reading.incident in ("report_ncii", "report_csam")
    assert (reading.facts.age, reading.facts.adult, reading.facts.country) == (15, False, "CL")
    assert rasa_intent(reading) == reading.incident


def test_a_witness_of_material_of_minors_is_not_greeted(ranking):
    reading = read_message(WITNESS, intent_ranking=ranking(WITNESS))
    assert reading.incident == "report_csam"
    assert reading.act is None
    assert (reading.facts.writer, reading.facts.region) == ("witness", "MX-NLE")


def test_living_with_a_partner_who_watches_the_phone(ranking):
    reading = read_message(PARTNER, intent_ranking=ranking(PARTNER))
    assert reading.incident in ("report_sextortion", "report_ncii")
    facts = reading.facts
    assert facts.lives_with_aggressor and facts.device_monitored
    assert facts.consent_to_capture is False
    assert (facts.country, facts.region, facts.relationship) == ("AR", "AR-S", "pareja")


def test_a_long_story_that_starts_with_a_greeting_is_a_story(ranking):
    reading = read_message(GREETING_STORY, intent_ranking=ranking(GREETING_STORY))
    assert reading.incident == "report_doxing"
    assert reading.act is None
    assert rasa_intent(reading) == "report_doxing"
    assert reading.facts.anonymous_aggressor
    assert (reading.facts.country, reading.facts.region) == ("AR", "AR-X")


def test_a_correction_is_a_signal_and_names_the_new_incident(ranking):
    reading = read_message(FUNAS, intent_ranking=ranking(FUNAS))
    assert "correction" in reading.signals


@pytest.mark.parametrize("text, question", [
    ("¿borro los WhatsApp de amenazas?", "delete_evidence"),
    ("¿me pueden acusar a mí?", "can_i_be_charged"),
    ("¿hay un chat en vez de llamar?", "chat_instead_of_call"),
    ("¿le aviso a los papás o a la dirección primero?", "tell_parents_or_school"),
    ("¿hay policía cibernética en Nuevo León?", "cyber_police_region"),
    ("¿qué artículos se aplican?", "which_articles"),
    ("¿puedo llamar sola al 137?", "minor_call_alone"),
    ("¿qué pasa después de poner la denuncia?", "after_complaint"),
    ("¿mi jefe me puede despedir si ve las fotos?", "boss_fire"),
    ("el que las pasó es mi tío, ¿qué hago?", "aggressor_family"),
    ("ya le pagué y sigue pidiendo más", "already_paid"),
    ("lo bajaron pero lo volvieron a subir en otra cuenta", "content_reappears"),
    ("escríbeme la carta para pedir que borren el video", "takedown_letter"),
    ("quiero hablar con una persona real", "human"),
])
def test_follow_up_questions_are_recognised(ranking, text, question):
    assert read_message(text, intent_ranking=ranking(text)).question == question


@pytest.mark.parametrize("text, intent", [
    ("no, tengo más de 18", "inform"),
    ("30 años tengo, lee", "inform"),
    ("ya te dije que soy de Chile", "inform"),
    ("vivo en Rosario", "inform"),
    ("México", "inform"),
    ("hola", "greet"),
    ("gracias", "thank"),
])
def test_answers_and_acts_get_a_consistent_intent(ranking, text, intent):
    assert rasa_intent(read_message(text, intent_ranking=ranking(text)), ranking(text)) == intent


@pytest.mark.parametrize("text", [MOTHER, TEEN, WITNESS, PARTNER, GREETING_STORY, FUNAS, "hola"])
def test_the_reading_survives_the_tracker(ranking, text):
    reading = read_message(text, intent_ranking=ranking(text))
    assert Reading.from_dict(reading.to_dict()) == reading


def test_a_very_long_message_is_cut_for_reading_but_checked_for_risk_in_full():
    text = "me hackearon la cuenta de instagram y no puedo entrar. " * 100 + "me quiero matar"
    reading = read_message(text)
    assert reading.truncated and reading.risk.level == "risk"


@pytest.mark.parametrize("text, via_group, spread", [
    ("pasaron mis fotos en el grupo de whatsapp de la familia", False, "private"),
    ("subieron mis fotos a un grupo de telegram donde venden packs", True, "public"),
    ("mi ex publicó mis fotos en instagram", False, "public"),
    ("mandaron el video al grupo del curso", False, "private"),
])
def test_only_a_group_made_to_spread_sexual_content_is_via_group(text, via_group, spread):
    facts = read_message(text).facts
    assert (facts.via_group, facts.spread) == (via_group, spread)


@pytest.mark.parametrize("text, ranking_, intent", [
    # the intent classifier says danger on "está bien"; the risk reading finds none: the next best
    ("está bien", [("immediate_danger", 0.6), ("affirm", 0.3)], "affirm"),
    ("bueno, hasta luego", [("express_crisis", 0.5), ("goodbye", 0.4)], "goodbye"),
])
def test_a_risk_intent_without_a_risk_reading_gives_way_to_the_next_best(text, ranking_, intent):
    from bot.reading.risk_model import RiskScores
    reading = read_message(text, intent_ranking=ranking_, risk_scores=RiskScores(0.01, 0.02))
    assert reading.risk.level == "none"
    assert rasa_intent(reading, ranking_) == intent


@pytest.mark.parametrize("text", ["ajá", "cierto", "de una", "efectivamente"])
def test_a_short_yes_is_an_answer_even_when_the_classifier_says_unrelated(text):
    ranking_ = [("out_of_scope", 0.7), ("affirm", 0.2)]
    assert rasa_intent(read_message(text, intent_ranking=ranking_), ranking_) == "affirm"


@pytest.mark.parametrize("text, ranking_, incident", [
    # a threat to spread intimate material is never a "threat of harm"
    ("vivo con mi marido y me amenaza con mandar un video íntimo a mi familia si lo dejo",
     [("report_threat", 0.5), ("report_sextortion", 0.3), ("report_ncii", 0.1)], "report_sextortion"),
    ("mi ex me amenaza con subir mis nudes a todos lados",
     [("report_threat", 0.5), ("report_ncii", 0.3), ("report_sextortion", 0.1)], "report_ncii"),
    # a threat of harm stays a threat
    ("me amenaza con pegarme si lo dejo",
     [("report_threat", 0.6), ("report_sextortion", 0.2)], "report_threat"),
])
def test_a_threat_to_spread_intimate_material_is_sextortion_or_ncii(text, ranking_, incident):
    assert read_message(text, intent_ranking=ranking_).incident == incident


@pytest.mark.parametrize("text, signals", [
    ("no no", ("no",)),
    ("jamás", ("no",)),
    ("no no, es una cuenta falsa", ("correction",)),
])
def test_emphatic_no_and_correction(text, signals):
    assert set(signals) <= set(read_message(text).signals)
    if text == "no no":
        assert "correction" not in read_message(text).signals
