"""Simulated people: realistic multi-turn incident conversations."""
from __future__ import annotations

import random

#: First messages: what happened, in the words of people from the four supported countries.
INCIDENT_MESSAGES = (
    "mi ex subió a un grupo de telegram las fotos íntimas que le mandé cuando estábamos juntos",
    "un compañero de la u está pasando un video mío desnuda por whatsapp",
    "me están extorsionando, dicen que si no pago publican mis fotos",
    "un tipo de instagram me pide 500 dólares o manda mis videos a mi familia",
    "alguien publicó mi dirección y mi teléfono en un grupo de facebook",
    "pusieron en twitter dónde vivo y dónde trabajo",
    "hay una cuenta falsa con mi nombre y mis fotos pidiendo plata a mis amigos",
    "alguien se está haciendo pasar por mí en tiktok",
    "un desconocido me manda fotos de sus genitales todos los días por instagram",
    "mi ex me escribe todo el día desde cuentas distintas aunque lo bloqueo",
    "me mandó un mensaje diciendo que me va a matar si lo denuncio",
    "me hackearon el instagram y cambiaron la contraseña",
    "creo que mi pareja me revisa el celular y lee mis chats",
    "están diciendo en un grupo del trabajo que me acuesto con el jefe y es mentira",
    "che, el pibe con el que salía pasó mis fotos a todos sus amigos",
    "güey, subieron mi pack a una página porno",
    "tía, un chaval me chantajea con unas fotos mías",
    "weon me crearon un perfil trucho con mis fotos",
)
#: Answers to "¿en qué país estás?": mostly the buttons, sometimes typed.
COUNTRY_ANSWERS = (
    '/inform{"country": "CL"}', '/inform{"country": "MX"}', '/inform{"country": "AR"}',
    '/inform{"country": "ES"}', '/inform{"country": "CL"}', '/inform{"country": "MX"}',
    '/inform{"country": "AR"}', '/inform{"country": "ES"}',
    "estoy en chile", "soy de méxico", "vivo en argentina", "desde españa",
)
#: Answers to "¿la persona afectada tiene menos de 18 años?".
MINOR_ANSWERS = (
    '/inform{"victim_is_minor": false}', '/inform{"victim_is_minor": false}',
    '/inform{"victim_is_minor": false}', '/inform{"victim_is_minor": true}',
    "no, soy mayor de edad", "tengo 24 años",
)
#: Questions people ask once they have the steps.
QUESTIONS = (
    "cómo guardo pruebas", "sirven las capturas de pantalla como prueba?",
    "dónde puedo denunciar", "cómo hago la denuncia en la policía",
    "cómo pido que borren el contenido", "quiero que lo bajen de la página",
    "qué dice la ley sobre esto", "es delito lo que me hicieron?",
    "con quién puedo hablar", "necesito apoyo psicológico",
    "quiero hablar con una persona", "qué guardan de lo que escribo",
)
#: A message that sometimes interrupts a case (answered first, with the crisis lines).
CRISIS_MESSAGE = "ya no puedo más con todo esto, quiero desaparecer"
#: Last messages.
CLOSINGS = ("gracias", "muchas gracias, me sirvió", "chao, gracias por todo")


def conversation_script(rng: random.Random, turns: tuple[int, int]) -> list[str]:
    """Messages of one incident conversation: the case, country, age, questions, thanks."""
    count = rng.randint(*turns)
    messages = [rng.choice(INCIDENT_MESSAGES), rng.choice(COUNTRY_ANSWERS), rng.choice(MINOR_ANSWERS)]
    questions = rng.sample(QUESTIONS, k=count - 4)
    if questions and rng.random() < 0.1:
        questions[rng.randrange(len(questions))] = CRISIS_MESSAGE
    return messages + questions + [rng.choice(CLOSINGS)]
