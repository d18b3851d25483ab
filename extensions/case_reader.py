"""NLU pipeline components: the deterministic safety check and the case-fact reader.

Both run inside Rasa's NLU pipeline, i.e. before dialogue, on every typed message
(button payloads such as ``/greet`` skip the pipeline by Rasa's design).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot import extract, safety

logger = logging.getLogger(__name__)

#: Model confidence for an incident, in a crisis/danger message, that is worth remembering.
INCIDENT_HINT_CONFIDENCE = 0.15

#: Intent set when ``bot.safety`` finds a crisis or danger the model may have missed.
RISK_INTENTS = {"crisis": "express_crisis", "danger": "immediate_danger"}


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class RiskOverride(GraphComponent):
    """Forces ``express_crisis`` / ``immediate_danger`` when the deterministic check fires.

    Placed last in the pipeline (after ``FallbackClassifier``) so that a crisis message gets
    the crisis answer even when the statistical model misclassifies it or is unsure. It also
    prefers a false alarm to a miss: when the model gives crisis or danger at least
    ``min_confidence`` (even if another intent ranks first), that intent wins.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``min_confidence``: model confidence for crisis/danger that is enough to act on.
        ``threat_confidence``: a danger found by the deterministic check in what the model
        reads, at least this sure, as a threat report ("me dijo que me va a matar") stays a
        threat report: its rule answers with the emergency numbers first too."""
        return {"min_confidence": 0.25, "threat_confidence": 0.5}

    def __init__(self, config: Optional[Dict[Text, Any]] = None) -> None:
        config = {**self.get_default_config(), **(config or {})}
        self.min_confidence = float(config["min_confidence"])
        self.threat_confidence = float(config["threat_confidence"])

    def _is_threat_report(self, message: Message) -> bool:
        """The model reads a threat report, and does not read immediate danger."""
        scores = {r.get(INTENT_NAME_KEY): r.get(PREDICTED_CONFIDENCE_KEY, 0.0)
                  for r in message.get(INTENT_RANKING_KEY) or []}
        return (scores.get("report_threat", 0.0) >= self.threat_confidence
                and scores.get("immediate_danger", 0.0) < self.min_confidence)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RiskOverride":
        """Create the component (it has no state)."""
        return cls(config)

    def _model_risk(self, message: Message) -> Optional[str]:
        """The crisis/danger intent the model gives at least ``min_confidence``, if any."""
        for ranked in message.get(INTENT_RANKING_KEY) or []:
            if ranked.get(INTENT_NAME_KEY) in RISK_INTENTS.values() and \
                    ranked.get(PREDICTED_CONFIDENCE_KEY, 0.0) >= self.min_confidence:
                return ranked[INTENT_NAME_KEY]
        return None

    @staticmethod
    def _remember(message: Message, intent_name: str) -> None:
        """Keep what the crisis/danger answer would hide: the incident told in the same
        message (``incident_hint``) and that a crisis was said (``crisis_seen``)."""
        text = message.get(TEXT) or ""
        found = [_entity("crisis_seen", True, text)] if intent_name == "express_crisis" else []
        incident = next((r[INTENT_NAME_KEY] for r in message.get(INTENT_RANKING_KEY) or []
                         if r.get(INTENT_NAME_KEY, "").startswith("report_")
                         and r.get(PREDICTED_CONFIDENCE_KEY, 0.0) >= INCIDENT_HINT_CONFIDENCE), None)
        if incident:
            found.append(_entity("incident_hint", incident, text))
        if found:
            message.set(ENTITIES, (message.get(ENTITIES) or []) + found, add_to_output=True)

    def process(self, messages: List[Message]) -> List[Message]:
        """Override the intent of messages that show a crisis or danger."""
        for message in messages:
            text = message.get(TEXT) or ""
            risk = safety.classify_risk(text)
            if risk == "danger" and self._is_threat_report(message):
                continue
            intent_name = RISK_INTENTS[risk] if risk else self._model_risk(message)
            current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent_name is None:
                intent_name = current if current in RISK_INTENTS.values() else None
            if intent_name is None:
                continue
            self._remember(message, intent_name)
            if current == intent_name:
                continue
            logger.info("risk override: %s -> %s", current, intent_name)
            forced = {INTENT_NAME_KEY: intent_name, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [
                r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != intent_name
            ]
            message.set(INTENT, forced, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)
        return messages


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class CaseFactReader(GraphComponent, EntityExtractorMixin):
    """Adds the case facts of ``bot.extract`` as entities (country, region, platform, ...)."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CaseFactReader":
        """Create the component (it has no state)."""
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        """Append one entity per fact found in the message text."""
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip():
                continue
            found = entities_for(text)
            if found:
                message.set(ENTITIES, (message.get(ENTITIES) or []) + found, add_to_output=True)
            if extract.is_bare_fact_answer(text):
                # "México", "soy de Mendoza", "16": an answer, whatever the model thinks.
                answer = {INTENT_NAME_KEY: "inform", PREDICTED_CONFIDENCE_KEY: 1.0}
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                           if r.get(INTENT_NAME_KEY) != "inform"]
                message.set(INTENT, answer, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [answer] + ranking, add_to_output=True)
        return messages


def _entity(name: str, value: Any, text: str) -> Dict[str, Any]:
    return {
        "entity": name,
        "value": value,
        "start": 0,
        "end": len(text),
        "confidence_entity": 1.0,
        "extractor": "CaseFactReader",
    }


def entities_for(text: str) -> List[Dict[str, Any]]:
    """Rasa entity dicts for every fact ``bot.extract`` finds in ``text``."""
    facts = extract.extract(text)
    entities: List[Dict[str, Any]] = []
    simple: Dict[str, Optional[Any]] = {
        "country": facts.country,
        "region": facts.region,
        "platform": facts.platform,
        "aggressor_relationship": facts.aggressor_relationship,
        "victim_age": facts.victim_age,
        "victim_is_minor": facts.victim_is_minor,
        "legal_topic": facts.legal_topic,
    }
    for name, value in simple.items():
        if value is not None:
            entities.append(_entity(name, value, text))
    if "spread_public" in facts.flags:
        entities.append(_entity("spread", "public", text))
    elif "spread_private" in facts.flags:
        entities.append(_entity("spread", "private", text))
    for flag in ("via_group", "profit", "impersonation_to_obtain", "consent_to_capture",
                 "several_aggressors"):
        if flag in facts.flags:
            entities.append(_entity(flag, True, text))
    return entities
