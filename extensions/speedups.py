"""Two measured fixes to Rasa 3.6's per-turn overhead, each guarded by ``rasa.__version__``.

Measured on this machine (docs/benchmarks.md): with the trimmed conversations of
``tracker_store`` they are still worth having.

1. Rasa checks every answer of the action server with ``jsonschema.validate(result, spec)``,
   which first validates the constant ``spec`` against the JSON-Schema meta-schema: 75 ms
   of CPU per custom action, against 1.5 ms with a validator built (and checked) once.
2. Rasa finds the class of every stored event by scanning all subclasses of ``Event``
   (0.08 ms per event, for every event of a conversation each time it is read); the
   classes found are remembered.

Installed by ``extensions.nlg.AcompanaNLG`` when the Rasa server builds it; on another Rasa
version nothing is changed and a warning says so. (The third fix of earlier versions, button
payloads, is now the NLG class itself.)

Why patches, not an extension point (Rasa 3.6): Rasa builds a ``RemoteAction`` itself for
every custom action and ``endpoints.yml``'s ``action_endpoint`` takes only a URL, so no
configured class can replace fix 1. For fix 2, the configured tracker store
(``extensions.tracker_store``) could rebuild the stored events with its own table, but the
events an action server returns are still resolved by ``Event.resolve_by_type``; the patch
covers both. Both are tested in ``tests/extensions/test_nlg_and_patches.py``.
"""
from __future__ import annotations

import functools
import logging
from typing import Any, Dict, Optional, Text, Type

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

logger = logging.getLogger(__name__)

#: Rasa versions whose private methods these fixes replace.
SPEEDUP_RASA_VERSIONS = ("3.6.",)

_MARK = "_acompana_speedup"


@functools.lru_cache(maxsize=1)
def _action_result_validator() -> Any:
    from jsonschema.validators import validator_for

    spec = RemoteAction.action_response_format_spec()
    validator_class = validator_for(spec)
    validator_class.check_schema(spec)  # once, at the first custom action
    return validator_class(spec)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """Rasa's ``RemoteAction._validate_action_result`` with the validator built once."""
    from jsonschema import ValidationError

    try:
        _action_result_validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error


def install() -> bool:
    """Install both fixes (idempotent); False, with a warning, on another Rasa version."""
    if getattr(RemoteAction, _MARK, False):
        return True
    if not rasa.__version__.startswith(SPEEDUP_RASA_VERSIONS):
        logger.warning("speedups: Rasa %s is not %s; not installed", rasa.__version__,
                       "/".join(SPEEDUP_RASA_VERSIONS))
        return False
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]

    resolve_by_type = Event.resolve_by_type
    known: Dict[Text, Type[Event]] = {}

    def resolve_by_type_remembered(type_name: Text, default: Optional[Type[Event]] = None
                                   ) -> Optional[Type[Event]]:
        found = known.get(type_name)
        if found is None:
            found = resolve_by_type(type_name, default)
            if found is not None and found is not default:
                known[type_name] = found
        return found

    Event.resolve_by_type = staticmethod(resolve_by_type_remembered)  # type: ignore[method-assign]
    setattr(RemoteAction, _MARK, True)
    return True
