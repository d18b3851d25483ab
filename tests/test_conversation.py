"""What the bot asks or does next in a case (bot.conversation.plan_next)."""
from __future__ import annotations

import pytest

from bot.conversation import CaseState, Plan, plan_next


@pytest.mark.parametrize("state, expected", [
    (CaseState("report_ncii", incident="report_ncii"), Plan(acknowledge=True, ask="country")),
    (CaseState("inform", incident="report_ncii", country="CL"), Plan(ask="victim_is_minor")),
    (CaseState("inform", incident="report_csam", country="CL", victim_is_minor=True),
     Plan(give_steps=True)),
    (CaseState("affirm", incident="report_ncii", country="MX", awaiting="victim_is_minor"),
     Plan(give_steps=True, set_minor=True)),
    (CaseState("deny", incident="report_ncii", country="MX", awaiting="victim_is_minor"),
     Plan(give_steps=True, set_minor=False)),
    (CaseState("deny", incident="report_ncii", country="MX", awaiting="victim_is_minor",
               dont_know=True), Plan(give_steps=True, declined_age=True)),
    (CaseState("inform", incident="report_ncii", country="ES", age_declined=True),
     Plan(give_steps=True)),
    (CaseState("inform", country="AR"), Plan(menu=True)),
    (CaseState("immediate_danger"), Plan(quiet=True)),
    (CaseState("inform", incident="report_ncii", country="CL", awaiting="victim_is_minor",
               answer_age=31), Plan(give_steps=True, set_minor=False, set_age=31)),
    (CaseState("inform", incident="report_ncii", country="CL", awaiting="victim_is_minor",
               said_adult=True), Plan(give_steps=True, set_minor=False)),
    (CaseState("inform", incident="report_ncii", awaiting="country", dont_know=True),
     Plan(ask="victim_is_minor", set_country="OTHER")),
    (CaseState("report_sextortion", incident="report_sextortion", country="MX",
               victim_is_minor=False, facts_key="k", steps_for="k"),
     Plan(acknowledge=True, more_help=True)),
    (CaseState("inform", incident="report_sextortion", country="MX", victim_is_minor=False,
               facts_key="new facts", steps_for="old facts"), Plan(give_steps=True)),
    (CaseState("affirm", incident="report_ncii", country="CL", victim_is_minor=False,
               awaiting="legal_help"), Plan(legal_help=True)),
])
def test_next_move(state, expected):
    assert plan_next(state) == expected


def test_no_se_to_the_age_question_is_not_taken_as_no():
    plan = plan_next(CaseState("deny", incident="report_sextortion", country="CL",
                               awaiting="victim_is_minor", dont_know=True))
    assert plan.set_minor is None and plan.declined_age
