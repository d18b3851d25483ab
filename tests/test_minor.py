"""One three-valued "minor" (``CaseFacts.minor_status``: yes / no / unknown), read the same way
by the law (``bot.rules.conditions``) and by the directory (``bot.directory.select``)."""
from __future__ import annotations

import pytest

from bot.directory import next_steps, services_for
from bot.facts import MINOR_NO, MINOR_UNKNOWN, MINOR_YES, CaseFacts
from bot.rules.conditions import evaluate

#: What the law's ``minor: true`` condition gives for each answer (None: the law cannot tell).
LAW_MINOR = {MINOR_YES: True, MINOR_NO: False, MINOR_UNKNOWN: None}


@pytest.mark.parametrize("facts, status", [
    # Said "not a minor": a report of sexual material of minors no longer implies one.
    (CaseFacts("report_csam", "CL", victim_is_minor=False), MINOR_NO),
    (CaseFacts("report_csam", "CL"), MINOR_YES),
    (CaseFacts("report_csam", "CL", victim_age=30), MINOR_NO),
    (CaseFacts("report_ncii", "CL"), MINOR_UNKNOWN),
    (CaseFacts("report_ncii", "CL", victim_is_minor=False), MINOR_NO),
    # An age said beats the yes / no answer.
    (CaseFacts("report_ncii", "CL", victim_is_minor=False, victim_age=15), MINOR_YES),
    (CaseFacts("report_ncii", "MX", victim_is_minor=True, victim_age=20), MINOR_NO),
])
def test_law_and_directory_read_the_same_minor(facts, status):
    assert facts.minor_status == status
    assert evaluate("minor", True, facts) is LAW_MINOR[status]
    steps = {step.id for step in next_steps(facts)}
    services = {service.id for service in services_for(facts)}
    if status == MINOR_NO:
        assert "minor-trusted-adult" not in steps and "int-takeitdown" not in services
    if status == MINOR_YES and facts.age_known:
        assert "minor-trusted-adult" in steps and "int-takeitdown" in services
    if status != MINOR_YES and facts.incident != "report_csam":
        assert "int-stopncii" in services  # adult lines are hidden only from a known minor
