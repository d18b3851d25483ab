"""RespondPolicy's choice, turn by turn: risk first, one action_respond, then listen."""
from __future__ import annotations

import pytest

from extensions.respond_policy import next_action, said_country

CRISIS_READING = {"reading": {"risk": {"level": "risk", "kind": "crisis", "subject": "self"}}}
DANGER_READING = {"reading": {"risk": {"level": "risk", "kind": "danger", "subject": "self"}}}
HELPER_READING = {"reading": {"risk": {"level": "risk", "kind": "crisis", "subject": "other"}}}


@pytest.mark.parametrize("last, parse_data, expected", [
    (None, {"intent": {"name": "greet"}}, "action_respond"),
    (None, CRISIS_READING, "utter_crisis"),
    (None, DANGER_READING, "utter_danger"),
    (None, HELPER_READING, "action_respond"),  # addressed to the helper by respond()
    (None, {"intent": {"name": "express_crisis"}}, "utter_crisis"),  # no reading: the intent
    ("utter_crisis", CRISIS_READING, "action_respond"),
    ("utter_danger", DANGER_READING, "action_respond"),
    ("action_respond", {"intent": {"name": "greet"}}, "action_listen"),
    ("after_listen", {}, "action_listen"),
    (None, {"intent": {"name": "delete_my_data"}}, "action_restart"),  # works with actions down
    (None, {"reading": {"act": "delete_my_data"}}, "action_restart"),
    ("action_restart", {}, "action_listen"),
])
def test_one_round_trip_per_turn(last, parse_data, expected):
    assert next_action(last, parse_data) == expected


def test_the_country_of_the_crisis_message_is_used_for_its_lines():
    assert said_country({"reading": {"facts": {"country": "ES"}}}) == "ES"
    assert said_country({"entities": [{"entity": "country", "value": "CL"}]}) == "CL"
    assert said_country({"entities": [{"entity": "country", "value": "OTHER"}]}) is None


def test_a_second_crisis_message_gets_the_short_reminder_not_the_whole_block_again():
    history = {"said": ["disclosure", "crisis", "safe_now"]}
    assert next_action(None, CRISIS_READING, history) == "action_respond"
    # danger is sent whole again: the emergency number leads every time
    assert next_action(None, DANGER_READING, history) == "utter_danger"


def test_right_after_a_crisis_answer_the_model_alone_does_not_send_the_block_again():
    model_only = {"reading": {"risk": {"level": "risk", "kind": "danger", "subject": "self",
                                       "cues": ["model"]}}}
    after_crisis = {"said": ["crisis"], "crisis": True}
    assert next_action(None, model_only, after_crisis) == "action_respond"  # a short reminder
    means = {"reading": {"risk": {"level": "risk", "kind": "crisis", "subject": "self",
                                  "cues": ["means"]}}}
    assert next_action(None, means, after_crisis) == "utter_crisis"  # the whole block again
    assert next_action(None, model_only, {}) == "utter_danger"
