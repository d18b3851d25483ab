"""Three fixes to Rasa 3.6 that make a full turn cost about a third of the CPU it costs otherwise.

Measured by ``scripts/bench.sh`` (docs/benchmarks.md, "Rendimiento"): with 20 people at once,
27 -> 84 turns per second and p95 1152-1514 ms -> 374-380 ms on 2 shared cores. Each fix keeps
Rasa's behaviour; they are installed from ``extensions/__init__.py`` with ``install()``.

1. Rasa checks every answer of the action server with ``jsonschema.validate(result, spec)``,
   which first validates the constant ``spec`` against the JSON-Schema meta-schema: ~20 ms of
   CPU per custom action. Here the validator is built (and the schema checked) once.
2. Rasa fills slot values into every response, buttons included, so the payloads
   ``/inform{"country": "CL"}`` of ``utter_ask_country`` and ``utter_ask_victim_is_minor`` are
   read as slot names, fail, and log an ERROR with a traceback on every such question. Button
   payloads here never use slots, so they are left as written.
3. Rasa finds the class of every stored event by scanning all subclasses of ``Event``; the
   classes found are remembered.
"""
from __future__ import annotations

import functools
from typing import Any, Dict, Optional, Text, Type

from rasa.core.actions.action import RemoteAction
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

_MARK = "_acompana_speedup"


@functools.lru_cache(maxsize=1)
def _action_result_validator() -> Any:
    from jsonschema.validators import validator_for

    spec = RemoteAction.action_response_format_spec()
    validator_class = validator_for(spec)
    validator_class.check_schema(spec)  # once, at the first custom action
    return validator_class(spec)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
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


def install() -> None:
    """Install the three fixes (idempotent)."""
    if getattr(RemoteAction, _MARK, False):
        return
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]

    fill_response = TemplatedNaturalLanguageGenerator._fill_response

    def fill_response_keeping_buttons(self, response: Dict[Text, Any],
                                      filled_slots: Optional[Dict[Text, Any]] = None,
                                      **kwargs: Any) -> Dict[Text, Any]:
        buttons = response.pop("buttons", None)
        filled = fill_response(self, response, filled_slots, **kwargs)
        if buttons is not None:
            filled["buttons"] = buttons
        return filled

    TemplatedNaturalLanguageGenerator._fill_response = fill_response_keeping_buttons  # type: ignore[method-assign]

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
