"""Steps small enough to pace: the dialogue sends a few at a time, no message over 1,200."""
from __future__ import annotations

import itertools

import pytest

from bot.directory import next_steps, render_next_steps_messages, render_step
from bot.directory.render import MAX_MESSAGE_CHARS, STEP_BUDGET_CHARS
from bot.facts import INCIDENTS, WRITERS, CaseFacts

#: "About 400": a step with its services may exceed the budget by this much.
TOLERANCE = 80

CASES = [
    CaseFacts(incident, country, region=region, victim_age=age, platform=platform, writer=writer,
              lives_with_aggressor=home)
    for incident, (country, region), age, platform, writer, home in itertools.product(
        INCIDENTS,
        [("CL", None), ("CL", "CL-CO"), ("MX", "MX-SLP"), ("AR", "AR-M"), ("ES", None), ("PE", None)],
        [None, 15, 30], [None, "telegram", "tiktok"], [None, *WRITERS], [False, True])
]


@pytest.mark.parametrize("incident", INCIDENTS)
def test_every_step_fits_its_budget(incident):
    for facts in (f for f in CASES if f.incident == incident):
        for step in next_steps(facts):
            text = render_step(step, number=1)
            assert len(text) <= STEP_BUDGET_CHARS + TOLERANCE, (step.id, facts, len(text), text)


@pytest.mark.parametrize("incident", INCIDENTS)
def test_no_plan_message_over_the_limit(incident):
    for facts in (f for f in CASES if f.incident == incident):
        for message in render_next_steps_messages(facts):
            assert len(message) <= MAX_MESSAGE_CHARS, (facts, len(message))
