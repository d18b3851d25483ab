"""Forbidden patterns in bot replies: asking for images, victim-blaming, false promises."""
from __future__ import annotations

import pytest

from bot.safety import REPLY_CATEGORIES, reply_problems


@pytest.mark.parametrize("reply, category", [
    # asking for or inviting images
    ("Envíame la foto.", "asks_for_images"),
    ("Mándame una captura del contenido.", "asks_for_images"),
    ("Puedes compartir la imagen aquí.", "asks_for_images"),
    ("Adjunta el video.", "asks_for_images"),
    ("Envíanos el video para revisarlo.", "asks_for_images"),
    ("¿Me puedes mandar las fotos?", "asks_for_images"),
    ("Sube aquí las imágenes.", "asks_for_images"),
    ("Si quieres, pásame el pantallazo.", "asks_for_images"),
    ("Compártelo por aquí y lo reviso.", "asks_for_images"),
    ("Mándamela y veo qué hacer.", "asks_for_images"),
    ("Necesito ver la foto para ayudarte.", "asks_for_images"),
    ("¿Podrías enviarme el archivo?", "asks_for_images"),
    ("¿Me envías una captura?", "asks_for_images"),
    ("Te pido que me envíes las fotos.", "asks_for_images"),
    ("Es importante que nos mandes el video.", "asks_for_images"),
    ("No dudes en mandarme las capturas.", "asks_for_images"),
    ("No te olvides de enviarme el video.", "asks_for_images"),
    # victim-blaming
    ("¿Por qué enviaste esas fotos?", "victim_blaming"),
    ("¿Porque confiaste en él?", "victim_blaming"),
    ("No debiste mandarle nada.", "victim_blaming"),
    ("Eso te pasa por confiar.", "victim_blaming"),
    ("Deberías haber tenido más cuidado.", "victim_blaming"),
    ("¿Por qué confiaste en él?", "victim_blaming"),
    ("Tú tuviste la culpa.", "victim_blaming"),
    ("La culpa es tuya por mandarlas.", "victim_blaming"),
    ("Te lo buscaste.", "victim_blaming"),
    ("¿Cómo se te ocurrió mandarle eso?", "victim_blaming"),
    ("Fuiste muy ingenua.", "victim_blaming"),
    ("Debiste pensarlo antes.", "victim_blaming"),
    ("Si no hubieras mandado las fotos, esto no pasaría.", "victim_blaming"),
    ("¿Para qué las mandaste?", "victim_blaming"),
    ("Es tu culpa por confiar.", "victim_blaming"),
    # promises the bot cannot keep
    ("Lo borraremos de internet.", "false_promise"),
    ("Garantizamos que se elimine.", "false_promise"),
    ("El video desaparecerá por completo.", "false_promise"),
    ("Nos encargamos de borrarlo.", "false_promise"),
    ("Te aseguro que lo van a detener.", "false_promise"),
    ("Vamos a eliminar todas las copias.", "false_promise"),
    ("Nadie más lo va a ver.", "false_promise"),
    ("Te prometo que irá a la cárcel.", "false_promise"),
    ("Lo eliminaremos en 24 horas.", "false_promise"),
    ("Recuperaremos tu cuenta.", "false_promise"),
    ("No quedará rastro del video.", "false_promise"),
    ("Se hará justicia.", "false_promise"),
    ("Va a ir preso.", "false_promise"),
])
def test_forbidden_reply_is_flagged(reply, category):
    problems = reply_problems(reply)
    assert any(p.startswith(f"{category}: ") for p in problems), problems


@pytest.mark.parametrize("reply", [
    "Guarda capturas de pantalla de la conversación (no del contenido íntimo).",
    "No necesitas enviarme ninguna imagen.",
    "No fue tu culpa.",
    "No es tu culpa; la responsabilidad es de quien lo difundió.",
    "Nada de esto es tu culpa.",
    "Si sientes que es tu culpa, recuerda que no lo es.",
    "Nunca te pediremos fotos ni videos.",
    "No te vamos a pedir que nos mandes fotos.",
    "No tienes que mostrarme nada.",
    "No envíes el contenido a nadie, tampoco a mí.",
    "Guarda el enlace y la fecha; no reenvíes la foto.",
    "Adjunta las capturas a tu denuncia en la Fiscalía.",
    "Envía las capturas a la policía cibernética.",
    "Puedes adjuntar las capturas en el formulario de la plataforma.",
    "Recuerda enviar las capturas a la plataforma.",
    "Envía el enlace a la plataforma usando su formulario.",
    "Puedes reportar el video en la aplicación.",
    "Si alguien comparte tus fotos, repórtalo.",
    "Si te envía más fotos, no respondas y guarda la evidencia.",
    "Cuando la persona te envía fotos que no pediste, también puedes reportarlo.",
    "Haz capturas que muestren la fecha y el usuario.",
    "Guarda una copia del enlace, no de la imagen.",
    "StopNCII crea una huella digital en tu dispositivo; la imagen no se sube.",
    "Compartir una foto íntima con alguien de confianza no te hace culpable.",
    "Nadie tiene derecho a difundir tus imágenes.",
    "No debes sentirte culpable.",
    "Nunca debiste pasar por esto.",
    "Quien difunde imágenes íntimas sin consentimiento comete una falta; tú no hiciste nada"
    " malo.",
    "No podemos borrar el contenido de internet, pero podemos ayudarte a pedir que lo eliminen.",
    "Puedes pedir a la plataforma que lo elimine.",
    "La plataforma puede tardar; no podemos garantizar que lo eliminen.",
    "La ley garantiza tu derecho a pedir que lo retiren.",
    "Si quieres, podemos revisar juntas los pasos para pedir que lo borren.",
    "Puedes borrar esta conversación cuando quieras.",
    "Borraremos tus datos si nos lo pides.",
    "Puedes subir tu denuncia en el sitio del Ministerio Público.",
    "Te acompaño a preparar la denuncia.",
    "Tu caso importa y no estás sola.",
    "Escríbeme cuando quieras.",
    "¿Quieres que te cuente cómo pedir que lo eliminen?",
])
def test_legitimate_reply_is_not_flagged(reply):
    assert reply_problems(reply) == []


def test_problem_format_names_the_category_and_the_words():
    problems = reply_problems("Envíame la foto y no debiste mandarla. Lo borraremos.")
    assert [p.split(":")[0] for p in problems] == list(REPLY_CATEGORIES)
    assert problems[0] == "asks_for_images: enbiame la foto"
