"""NLU component: the learned crisis / danger scores of each message (``bot.reading.risk_model``).

Trained on every NLU example (crisis and danger labels taken from the intents
``express_crisis`` and ``immediate_danger``); it scores the whole message, each clause and
each pair of neighbouring clauses and keeps the highest crisis and danger probabilities under
``risk_scores`` in the message (not in the parse output). ``extensions.message_reader`` joins
them with the rules of ``bot.reading.risk`` (``risk_model.decide``).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.reading import risk_model
from extensions.pickled_model import PickledModelComponent, training_examples

MODEL_FILE = "risk_model.pkl"
#: The key of the scores in the message (read by extensions.message_reader).
SCORES_KEY = "risk_scores"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class RiskScorer(PickledModelComponent):
    """Adds ``risk_scores`` (crisis and danger probabilities) to each message."""

    MODEL_FILE = MODEL_FILE

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """C chosen by cross-validation on the training data (``python -m scripts.risk_cv``)."""
        return {"C": risk_model.C}

    def train(self, training_data: TrainingData) -> Resource:
        """Fit on every NLU example that has a text and an intent."""
        texts, intents = training_examples(training_data)
        if not texts:
            return self._resource
        return self._store(risk_model.fit(texts, intents, float(self.config["C"])))

    def process(self, messages: List[Message]) -> List[Message]:
        """Set ``risk_scores`` of each message."""
        if self._model is None:
            return messages
        scores = risk_model.score(self._model, [m.get(TEXT) or "" for m in messages])
        for message, found in zip(messages, scores):
            message.set(SCORES_KEY, found.to_dict())
        return messages
