"""When a custom action fails, the person still gets a safe answer.

Rasa 3.6 handles a failing custom action (action server down, timeout, an exception inside an
action) by logging it and sending nothing. For a person in danger "nothing" is the worst
answer, so :func:`install` wraps ``RemoteAction.run``: on any failure it sends the domain
response ``utter_action_failed`` (generated from the directory: emergency and crisis numbers
of the person's country) once per turn, and the conversation goes on.

A domain response, not an action, so it works precisely when the action server does not.
No extension point of Rasa replaces this; the wrap is guarded by ``rasa.__version__`` and
installed by ``extensions.nlg.AcompanaNLG`` when the Rasa server builds it.
"""
from __future__ import annotations

import logging
from typing import Any, List

import rasa
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
from rasa.shared.core.events import BotUttered, UserUttered

logger = logging.getLogger(__name__)

#: Domain response sent when a custom action fails.
FAILURE_RESPONSE = "utter_action_failed"
_MARK = "acompana_action_failed"

#: Rasa versions whose ``RemoteAction.run`` this wraps.
RESILIENT_RASA_VERSIONS = ("3.6.",)


def _already_sent_this_turn(tracker: Any) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get(_MARK):
            return True
    return False


def install() -> bool:
    """Wrap ``RemoteAction.run`` once (idempotent); False, with a warning, on another Rasa."""
    if getattr(RemoteAction.run, "_acompana_resilient", False):
        return True
    if not rasa.__version__.startswith(RESILIENT_RASA_VERSIONS):
        logger.warning("resilient actions: Rasa %s is not %s; a failing custom action "
                       "sends nothing", rasa.__version__, "/".join(RESILIENT_RASA_VERSIONS))
        return False
    original = RemoteAction.run

    async def run(self: RemoteAction, output_channel, nlg, tracker, domain) -> List[Any]:
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except Exception as error:  # noqa: BLE001 - any failure gets the safe answer
            logger.error("custom action %s failed (%s); sending %s",
                         self.name(), type(error).__name__, FAILURE_RESPONSE)
            if _already_sent_this_turn(tracker):
                return []
            message = await nlg.generate(FAILURE_RESPONSE, tracker, output_channel.name())
            if not message:
                return []
            event = create_bot_utterance(dict(message))
            event.metadata = {**(event.metadata or {}), _MARK: True}
            return [event]

    run._acompana_resilient = True  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[method-assign]
    return True
