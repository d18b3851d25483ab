"""The whole dialogue policy: risk first, then the one adapter action, then listen.

Rasa's RulePolicy has no wildcard ("any message -> this action"), so this small policy
replaces it. After each message it predicts:

1. ``utter_crisis`` / ``utter_danger`` (domain responses, so they work with the action server
   down) when the message's reading says crisis or danger about the writer; ``action_restart``
   (Rasa's own, it sends ``utter_restart``) when the person asks to erase their data, so that
   erasing works with the action server down too;
2. then ``action_respond`` (actions/respond.py), which calls ``bot.dialogue.respond``;
3. then ``action_listen``.

Action names stay readable in the logs. The reading is ``parse_data["reading"]`` (written
by the NLU pipeline); without it, the intent decides (``express_crisis``, ``immediate_danger``).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.model import HISTORY_SLOT, History
from bot.dialogue.respond import risk_block_first
from bot.directory.model import OTHER_COUNTRY
from bot.reading.intents import RISK_INTENT
from bot.reading.model import Reading

logger = logging.getLogger(__name__)

#: The adapter action: one round trip per turn.
RESPOND = "action_respond"
#: Domain responses sent before it when the person is at risk.
RISK_RESPONSES = {"crisis": "utter_crisis", "danger": "utter_danger"}
#: Rasa's restart: the tracker store erases everything before it (extensions/tracker_store.py).
ERASE = "action_restart"
ERASE_INTENTS = frozenset({"delete_my_data", "restart"})
#: Intents that mean risk when no reading is there (intent -> risk kind).
RISK_INTENTS = {intent: kind for kind, intent in RISK_INTENT.items()}
#: Actions Rasa runs by itself between a message and the policy's prediction.
IGNORED = frozenset({"action_extract_slots", "action_session_start"})


def risk_response(parse_data: Dict[Text, Any], said: Any = None) -> Optional[str]:
    """The domain response to send first for this message, if the writer is at risk.

    ``said`` is the history slot: whether the whole block goes first is decided by
    ``bot.dialogue.respond.risk_block_first`` (a second crisis message gets a short reminder
    from ``action_respond`` instead, an answer to the check-in gets the check-in)."""
    reading = parse_data.get("reading") or {}
    if reading:
        kind = risk_block_first(Reading.from_dict(reading), History.from_dict(said))
        return RISK_RESPONSES[kind] if kind else None
    intent = (parse_data.get("intent") or {}).get("name")
    kind = RISK_INTENTS.get(intent or "")
    return RISK_RESPONSES[kind] if kind else None


def said_country(parse_data: Dict[Text, Any]) -> Optional[str]:
    """The country named in this message (reading, or the older reader's entity)."""
    reading = parse_data.get("reading") or {}
    country = (reading.get("facts") or {}).get("country")
    if country:
        return country
    for entity in parse_data.get("entities") or []:
        if entity.get("entity") == "country" and entity.get("value") != OTHER_COUNTRY:
            return entity.get("value")
    return None


def next_action(last: Optional[str], parse_data: Dict[Text, Any], said: Any = None) -> str:
    """The next action after ``last`` (None = the person just wrote); ``said``: the history slot."""
    if last is None:
        reading = parse_data.get("reading") or {}
        intent = (parse_data.get("intent") or {}).get("name")
        if reading.get("act") == "delete_my_data" or (not reading and intent in ERASE_INTENTS):
            return ERASE
        return risk_response(parse_data, said) or RESPOND
    if last in RISK_RESPONSES.values():
        return RESPOND
    return ACTION_LISTEN_NAME


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class RespondPolicy(Policy):
    """Risk first, then ``action_respond``, then listen (see the module docstring)."""

    @staticmethod
    def supported_data() -> SupportedData:
        """Rules and stories are both accepted (and ignored)."""
        return SupportedData.ML_AND_RULE_DATA

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Highest priority: nothing else decides the dialogue."""
        return {"priority": 10}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 execution_context: ExecutionContext, **kwargs: Any) -> None:
        super().__init__(config, model_storage, resource, execution_context, **kwargs)

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        """Nothing to learn."""
        return self._resource

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        """Probability 1 for the next action of :func:`next_action`."""
        last: Optional[str] = ACTION_LISTEN_NAME
        for event in reversed(tracker.events):
            if isinstance(event, UserUttered):
                last = None
                break
            if isinstance(event, ActionExecuted) and event.action_name not in IGNORED:
                last = event.action_name
                break
        if last == ACTION_LISTEN_NAME:
            last = "after_listen"  # listening with no new message: keep listening
        parse_data = tracker.latest_message.parse_data if tracker.latest_message else {}
        name = next_action(last, parse_data, tracker.get_slot(HISTORY_SLOT))
        probabilities = self._default_predictions(domain)
        if name in domain.action_names_or_texts:
            probabilities[domain.index_for_action(name)] = 1.0
        logger.debug("RespondPolicy predicts %s", name)
        events = []
        country = said_country(parse_data)
        if name in RISK_RESPONSES.values() and country and country != tracker.get_slot("country"):
            # The crisis lines of the country said in this very message.
            events.append(SlotSet("country", country))
        return self._prediction(probabilities, events=events)
