"""What the two trained NLU components share: one fitted model, pickled in Rasa's model storage.

``TfidfIntentClassifier`` (``extensions.intent_classifier``) and ``RiskScorer``
(``extensions.risk_scorer``) differ only in the model they fit and what they add to a message;
building, storing and loading that model is here once.
"""
from __future__ import annotations

import pickle
from typing import Any, ClassVar, Dict, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.training_data import TrainingData


class PickledModelComponent(GraphComponent):
    """A graph component whose whole state is one fitted model (``None`` until trained)."""

    #: File name of the pickled model inside the component's resource.
    MODEL_FILE: ClassVar[str]

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, model: Optional[Any] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "PickledModelComponent":
        """A new, untrained component."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "PickledModelComponent":
        """The trained component (an untrained one, which changes no message, if nothing was trained)."""
        try:
            with model_storage.read_from(resource) as directory:
                model = pickle.loads((directory / cls.MODEL_FILE).read_bytes())
        except (ValueError, FileNotFoundError):
            model = None
        return cls(config, model_storage, resource, model)

    def _store(self, model: Any) -> Resource:
        """Keep ``model`` and write it to the component's resource."""
        self._model = model
        with self._storage.write_to(self._resource) as directory:
            # pickle is safe here: the file is written by our own training run.
            (directory / self.MODEL_FILE).write_bytes(pickle.dumps(model))
        return self._resource


def training_examples(training_data: TrainingData) -> tuple[list[str], list[str]]:
    """Texts and intents of every NLU example that has a text and an intent."""
    examples = [e for e in training_data.intent_examples if e.get(TEXT)]
    return [e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples]
