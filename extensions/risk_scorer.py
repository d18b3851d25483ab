"""NLU component: the learned crisis / danger scores of each message (``bot.reading.risk_model``).

Trained on every NLU example (crisis and danger labels taken from the intents
``express_crisis`` and ``immediate_danger``); it scores the whole message, each clause and
each pair of neighbouring clauses and keeps the highest crisis and danger probabilities under
``risk_scores`` in the message (not in the parse output). ``extensions.message_reader`` joins
them with the rules of ``bot.reading.risk`` (``risk_model.decide``).
"""
from __future__ import annotations

import pickle
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.reading import risk_model

MODEL_FILE = "risk_model.pkl"
#: The key of the scores in the message (read by extensions.message_reader).
SCORES_KEY = "risk_scores"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class RiskScorer(GraphComponent):
    """Adds ``risk_scores`` (crisis and danger probabilities) to each message."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """C chosen by cross-validation on the training data (``python -m scripts.risk_cv``)."""
        return {"C": risk_model.C}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, model: Optional[Any] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "RiskScorer":
        """A new, untrained scorer."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit on every NLU example that has a text and an intent."""
        examples = [e for e in training_data.intent_examples if e.get(TEXT)]
        if not examples:
            return self._resource
        self._model = risk_model.fit([e.get(TEXT) for e in examples],
                                     [e.get(INTENT) for e in examples], float(self.config["C"]))
        with self._storage.write_to(self._resource) as directory:
            # pickle is safe here: the file is written by our own training run.
            (directory / MODEL_FILE).write_bytes(pickle.dumps(self._model))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "RiskScorer":
        """The trained scorer (one that adds nothing if nothing was trained)."""
        try:
            with model_storage.read_from(resource) as directory:
                model = pickle.loads((directory / MODEL_FILE).read_bytes())
        except (ValueError, FileNotFoundError):
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: List[Message]) -> List[Message]:
        """Set ``risk_scores`` of each message."""
        if self._model is None:
            return messages
        scores = risk_model.score(self._model, [m.get(TEXT) or "" for m in messages])
        for message, found in zip(messages, scores):
            message.set(SCORES_KEY, found.to_dict())
        return messages
