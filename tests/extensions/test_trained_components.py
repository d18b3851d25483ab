"""The two trained NLU components (extensions.pickled_model): train, store, load, process."""
from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from extensions.intent_classifier import TfidfIntentClassifier
from extensions.risk_scorer import SCORES_KEY, RiskScorer

EXAMPLES = {
    "express_crisis": ["me quiero morir", "ya no quiero vivir", "quiero matarme", "no aguanto más la vida"],
    "immediate_danger": ["está afuera de mi casa con un cuchillo", "me va a pegar ahora",
                         "me está siguiendo ahora mismo", "entró a mi casa y me amenaza"],
    "report_ncii": ["subió mis fotos íntimas", "pasaron mis fotos desnuda", "publicó mi pack",
                    "difundió un video íntimo mío"],
    "greet": ["hola", "buenas", "buenos días", "holi"],
}


def training_data() -> TrainingData:
    return TrainingData([Message(data={TEXT: text, INTENT: intent})
                         for intent, texts in EXAMPLES.items() for text in texts])


@pytest.fixture
def storage(tmp_path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


CONTEXT = ExecutionContext(GraphSchema({}), "test")


@pytest.mark.parametrize("component", [TfidfIntentClassifier, RiskScorer])
def test_an_untrained_component_changes_no_message(storage, component):
    loaded = component.load({}, storage, Resource("nothing"), CONTEXT)
    message = Message(data={TEXT: "hola"})
    assert loaded.process([message]) == [message]
    assert message.get(INTENT) is None and message.get(SCORES_KEY) is None


@pytest.mark.parametrize("component", [TfidfIntentClassifier, RiskScorer])
def test_training_with_no_examples_stores_nothing(storage, component):
    resource = Resource(component.__name__)
    trained = component.create({}, storage, resource, CONTEXT)
    assert trained.train(TrainingData([])) == resource
    assert component.load({}, storage, resource, CONTEXT)._model is None


def test_the_classifier_is_stored_and_loaded(storage):
    resource = Resource("classifier")
    TfidfIntentClassifier.create({}, storage, resource, CONTEXT).train(training_data())
    loaded = TfidfIntentClassifier.load({}, storage, resource, CONTEXT)
    [message] = loaded.process([Message(data={TEXT: "publicó mis fotos íntimas"})])
    assert message.get(INTENT)["name"] == "report_ncii"


def test_the_risk_scorer_is_stored_and_loaded(storage):
    resource = Resource("risk")
    RiskScorer.create({}, storage, resource, CONTEXT).train(training_data())
    loaded = RiskScorer.load({}, storage, resource, CONTEXT)
    [message] = loaded.process([Message(data={TEXT: "me quiero morir"})])
    scores = message.get(SCORES_KEY)
    assert scores is not None and scores["crisis"] > scores["danger"]
