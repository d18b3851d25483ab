"""The server-only changes to Rasa: each does its job on Rasa 3.6, and each steps aside
(with a warning) on another version."""
from __future__ import annotations

import asyncio
import logging

import pytest
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from extensions import resilient_actions, speedups
from extensions.nlg import AcompanaNLG

DOMAIN = Domain.from_dict({
    "slots": {"country": {"type": "text", "mappings": [{"type": "custom"}]}},
    "responses": {
        "utter_ask_country": [{"text": "¿En qué país estás? (ahora: {country})", "buttons": [
            {"title": "Chile", "payload": '/inform{"country": "CL"}'},
            {"title": "México", "payload": '/inform{"country": "MX"}'}]}],
        "utter_action_failed": [{"text": "Si estás en peligro, llama al 133."}],
    },
})


def tracker(**slots) -> DialogueStateTracker:
    from rasa.shared.core.events import SlotSet

    return DialogueStateTracker.from_events(
        "s", [SlotSet(k, v) for k, v in slots.items()], slots=DOMAIN.slots)


def test_button_payloads_are_kept_as_written_and_text_slots_still_filled(caplog):
    nlg = AcompanaNLG(endpoint_config=EndpointConfig(type="extensions.nlg.AcompanaNLG"),
                      domain=DOMAIN)
    with caplog.at_level(logging.DEBUG):
        reply = asyncio.run(nlg.generate("utter_ask_country", tracker(country="CL"), "rest"))
    assert reply["text"] == "¿En qué país estás? (ahora: CL)"
    assert [b["payload"] for b in reply["buttons"]] == ['/inform{"country": "CL"}',
                                                        '/inform{"country": "MX"}']
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_rasa_builds_the_configured_nlg():
    from rasa.core.nlg.generator import NaturalLanguageGenerator

    nlg = NaturalLanguageGenerator.create(EndpointConfig(type="extensions.nlg.AcompanaNLG"),
                                          DOMAIN)
    assert isinstance(nlg, AcompanaNLG)


def test_on_another_rasa_buttons_are_filled_like_text(monkeypatch, caplog):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with caplog.at_level(logging.WARNING):
        nlg = AcompanaNLG(domain=DOMAIN)
    assert not nlg.keeps_buttons and "button payloads are filled" in caplog.text


def test_action_results_are_checked_like_rasa_without_rechecking_the_schema(monkeypatch):
    import jsonschema
    from jsonschema import ValidationError

    assert speedups.install()
    schema_checks = []  # Rasa's own check calls jsonschema.validate, which checks the schema
    monkeypatch.setattr(jsonschema, "validate", lambda *args, **kw: schema_checks.append(args))
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})
    assert schema_checks == []
    assert speedups._action_result_validator.cache_info().currsize == 1


def test_event_classes_are_found_like_rasa_and_scanned_for_once(monkeypatch):
    import rasa.shared.utils.common

    assert speedups.install()
    scans = []
    all_subclasses = rasa.shared.utils.common.all_subclasses
    monkeypatch.setattr(rasa.shared.utils.common, "all_subclasses",
                        lambda cls: scans.append(cls) or all_subclasses(cls))
    for _ in range(3):
        assert Event.resolve_by_type("user") is UserUttered
    assert scans.count(Event) <= 1  # Rasa scans every subclass of Event on each call
    assert Event.resolve_by_type("bot") is BotUttered
    assert Event.resolve_by_type("no_such_event", default=BotUttered) is BotUttered
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")


@pytest.mark.parametrize("install", [speedups.install, resilient_actions.install])
def test_patches_step_aside_on_another_rasa(monkeypatch, caplog, install):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    monkeypatch.setattr(RemoteAction, "_acompana_speedup", False, raising=False)
    original_run = RemoteAction.run
    monkeypatch.setattr(RemoteAction, "run", lambda *a, **k: original_run(*a, **k))
    before = (dict(vars(RemoteAction)), Event.__dict__["resolve_by_type"])
    with caplog.at_level(logging.WARNING):
        assert install() is False
    assert "3.7.0" in caplog.text
    assert (dict(vars(RemoteAction)), Event.__dict__["resolve_by_type"]) == before


def test_failing_custom_action_sends_the_safe_answer_once_per_turn():
    assert resilient_actions.install()
    nlg = AcompanaNLG(domain=DOMAIN)
    action = RemoteAction("action_next_steps", EndpointConfig(url="http://127.0.0.1:9/webhook"))
    conversation = DialogueStateTracker.from_events(
        "s", [UserUttered("hola", {"name": "greet"})], slots=DOMAIN.slots)
    events = asyncio.run(action.run(CollectingOutputChannel(), nlg, conversation, DOMAIN))
    assert [e.text for e in events] == ["Si estás en peligro, llama al 133."]
    for event in events:
        conversation.update(event)
    again = asyncio.run(action.run(CollectingOutputChannel(), nlg, conversation, DOMAIN))
    assert again == []
