"""Intent classifier: TF-IDF (words and character n-grams, accents folded) + logistic regression.

The model itself is ``bot.reading.classifier`` (pure scikit-learn); it can score long messages
clause by clause (``clause_level``, off: it measured lower). Chosen by cross-validation on the
training data (docs/reading.md): on this project's data it reads better than DIET or spaCy
features, trains in seconds instead of minutes and answers in about a millisecond.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.reading.classifier import DEFAULTS, LookupMarker, build_pipeline, predict_scores  # noqa: F401
from bot.reading.facts import story_without_facts
from extensions.pickled_model import PickledModelComponent, training_examples

logger = logging.getLogger(__name__)

MODEL_FILE = "tfidf_logreg.pkl"
#: A letter or a digit: a message without any carries no words to classify.
WORD = re.compile(r"[^\W_]")
#: The intent of an answer made of facts ("soy de Chile", "tengo 24").
ANSWER_INTENT = "inform"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class TfidfIntentClassifier(PickledModelComponent, IntentClassifier):
    """Predicts the intent from the raw text (see the module docstring)."""

    MODEL_FILE = MODEL_FILE

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Defaults chosen by 5-fold cross-validation on the training data."""
        return {**DEFAULTS, "ranking_length": 10}

    def train(self, training_data: TrainingData) -> Resource:
        """Fit on every NLU example that has a text and an intent."""
        texts, intents = training_examples(training_data)
        if not texts:
            return self._resource
        model = build_pipeline(self.config, training_data.lookup_tables)
        model.fit(texts, intents)
        return self._store(model)

    def process(self, messages: List[Message]) -> List[Message]:
        """Set ``intent`` and ``intent_ranking`` of each message.

        A message the model reads as an answer (``inform``) but that tells a story with facts
        said in passing ("tengo 15 años y un compañero pasó mis fotos, soy de Chile") is scored
        again without those facts (``bot.reading.facts.story_without_facts``): the facts are
        read by rules anyway, and the story keeps its incident.
        """
        if self._model is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        clause_level = bool(self.config["clause_level"])
        all_scores = predict_scores(self._model, texts, clause_level=clause_level)
        for message, text, scores in zip(messages, texts, all_scores):
            if not WORD.search(text):
                # Only punctuation or emoji ("?", "😭😭"): nothing to go on; confidence 0 lets
                # the FallbackClassifier ask a short clarifying question with buttons.
                scores = {k: 0.0 for k in scores}
            elif max(scores, key=scores.get) == ANSWER_INTENT:
                story = story_without_facts(text)
                if story:
                    story_scores = predict_scores(self._model, [story], clause_level=clause_level)[0]
                    if max(story_scores, key=story_scores.get) != ANSWER_INTENT:
                        scores = story_scores
            ranking = sorted(({"name": k, "confidence": float(v)} for k, v in scores.items()),
                             key=lambda r: -r["confidence"])
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]],
                        add_to_output=True)
        return messages
