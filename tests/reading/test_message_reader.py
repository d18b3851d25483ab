"""The NLU component stores the Reading in the parse data and aligns the intent with it."""
from __future__ import annotations

import pytest

from bot.reading.model import Reading


def _message(text: str, ranking: list[tuple[str, float]]):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text})
    ranked = [{"name": n, "confidence": c} for n, c in ranking]
    message.set("intent", ranked[0] if ranked else None, add_to_output=True)
    message.set("intent_ranking", ranked, add_to_output=True)
    return message


@pytest.mark.parametrize("text, ranking, intent", [
    ("me quiero matar", [("report_ncii", 0.6), ("express_crisis", 0.2)], "express_crisis"),
    ("México", [("inform", 0.4), ("report_ncii", 0.25)], "inform"),
    ("hola", [("greet", 0.95)], "greet"),
    ("holaaa, te cuento: hace una semana mi ex subió fotos mías íntimas a instagram con mi "
     "nombre y ahora me escriben desconocidos, no sé qué hacer. vivo en Puebla",
     [("greet", 0.5), ("report_ncii", 0.2)], "report_ncii"),
])
def test_the_reader_sets_reading_and_a_consistent_intent(text, ranking, intent):
    from extensions.message_reader import MessageReader

    [message] = MessageReader().process([_message(text, ranking)])
    output = message.as_dict(only_output_properties=True)
    assert output["intent"]["name"] == intent
    assert output["intent_ranking"][0]["name"] == intent
    assert isinstance(Reading.from_dict(output["reading"]), Reading)
    assert "entities" not in output or output["entities"] == []
