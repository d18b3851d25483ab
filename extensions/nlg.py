"""The Rasa server's response generator (``endpoints.yml``: ``nlg: type: extensions.nlg.AcompanaNLG``).

Rasa's ``TemplatedNaturalLanguageGenerator`` fills slot values into every part of a response,
button payloads included; a payload such as ``/inform{"country": "CL"}`` is then read as a
slot name, fails, and logs an ERROR with a traceback on every such question. Acompaña's
button payloads never use slots, so :class:`AcompanaNLG` leaves them as written and fills
the rest as Rasa does.

Building it (the Rasa server does, once, at start-up) also installs the two server-only
changes that need the running Rasa: the safe answer when a custom action fails
(``resilient_actions``) and two measured speed-ups (``speedups``), each guarded by version;
and it starts the ``/metrics`` endpoint when ``ACOMPANA_METRICS=1`` (``metrics``).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Optional, Text

import rasa
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain

from extensions import metrics, resilient_actions, speedups

logger = logging.getLogger(__name__)

#: Rasa versions whose ``_fill_response`` hook this class is written against.
NLG_RASA_VERSIONS = ("3.6.",)


class AcompanaNLG(TemplatedNaturalLanguageGenerator):
    """Domain responses, with button payloads left exactly as written."""

    def __init__(self, endpoint_config: Any = None, domain: Optional[Domain] = None,
                 **kwargs: Any) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self.keeps_buttons = rasa.__version__.startswith(NLG_RASA_VERSIONS)
        if not self.keeps_buttons:
            logger.warning("nlg: Rasa %s is not %s; button payloads are filled like text",
                           rasa.__version__, "/".join(NLG_RASA_VERSIONS))
        resilient_actions.install()
        speedups.install()
        metrics.start_if_enabled()

    def _fill_response(self, response: Dict[Text, Any],
                       filled_slots: Optional[Dict[Text, Any]] = None,
                       **kwargs: Any) -> Dict[Text, Any]:
        """Fill slots into the response, except into its buttons."""
        buttons = response.pop("buttons", None) if self.keeps_buttons else None
        filled = super()._fill_response(response, filled_slots, **kwargs)
        if buttons is not None:
            filled["buttons"] = buttons
        return filled
