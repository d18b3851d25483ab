"""NLU component: the one reading of each message (``bot.reading.read.read_message``).

A thin adapter placed last in the pipeline (after the intent classifier and the
FallbackClassifier). For each message it stores the frozen ``Reading`` as a dict under
``"reading"`` in the parse data (``add_to_output=True``: Rasa's ``MessageProcessor`` copies
``as_dict(only_output_properties=True)`` into the tracker's ``parse_data``), and sets the Rasa
intent consistently with it (risk -> express_crisis / immediate_danger, incident -> report_*,
question -> the broad ask_* intent, act -> its intent) so logs and the risk-first rules stay
readable. It adds no entities: the dialogue's adapter sets slots from the Reading.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.reading.read import rasa_intent, read_message
from bot.reading.risk_model import RiskScores

logger = logging.getLogger(__name__)

#: The key of the reading in the parse data (and the tracker's ``parse_data``).
READING_KEY = "reading"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class MessageReader(GraphComponent):
    """Reads each message once and keeps the ``Reading`` in the parse data."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MessageReader":
        """Create the component (it has no state); the question classifier is loaded (or
        fitted, the first time) here so that the first message does not wait for it."""
        from bot.reading import question_model

        question_model.model()
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        """Add ``reading`` and align ``intent`` / ``intent_ranking`` with it."""
        for message in messages:
            text = message.get(TEXT) or ""
            ranking_dicts = message.get(INTENT_RANKING_KEY) or []
            ranking = [(r.get(INTENT_NAME_KEY), float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0))
                       for r in ranking_dicts]
            reading = read_message(text, intent_ranking=ranking,
                                   risk_scores=RiskScores.from_dict(message.get("risk_scores")))
            message.set(READING_KEY, reading.to_dict(), add_to_output=True)
            current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            wanted = rasa_intent(reading, ranking) if text.strip() else None
            if wanted is None or wanted == current:
                continue
            scores = dict(ranking)
            chosen = {INTENT_NAME_KEY: wanted,
                      PREDICTED_CONFIDENCE_KEY: max(scores.get(wanted, 0.0),
                                                    1.0 if reading.risk.urgent else 0.5)}
            logger.info("reading: intent %s -> %s", current, wanted)
            message.set(INTENT, chosen, add_to_output=True)
            message.set(INTENT_RANKING_KEY,
                        [chosen] + [r for r in ranking_dicts if r.get(INTENT_NAME_KEY) != wanted],
                        add_to_output=True)
        return messages
