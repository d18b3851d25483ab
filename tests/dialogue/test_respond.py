"""respond(): one table per behaviour of issue 13, no Rasa needed."""
from __future__ import annotations

import pytest

from bot.dialogue import Case, History, fold, respond
from bot.dialogue.checks import reply_problems_of_turn
from bot.dialogue.expectations import check
from bot.dialogue.split import MAX_MESSAGE_CHARS
from bot.reading.model import Facts, Reading, Risk

NCII = Reading(incident="report_ncii")
CRISIS = Reading(risk=Risk(level="risk", kind="crisis"))


def talk(*readings: Reading, case: Case = Case(), history: History = History()):
    """Run the readings through respond() and fold; return the replies and the final state."""
    replies = []
    for reading in readings:
        said = history.said
        reply = respond(reading, case, history)
        problems = reply_problems_of_turn(case, reply, said)
        assert problems == [], problems
        case, history = fold(case, history, reply)
        replies.append((reply, case, said))
    return replies, case, history


def expect(result, *expectations):
    reply, case, said = result
    for expectation in expectations:
        assert check(expectation, reply, case, said) is None, (expectation, reply.blocks)


@pytest.mark.parametrize("readings, turn, expectations", [
    # Risk first, in any state; then a short check-in before any plan.
    ([CRISIS], 0, ["crisis_lines", "emergency_lines"]),
    ([NCII, Reading(facts=Facts(country="CL")), CRISIS], 2, ["crisis_lines"]),
    ([CRISIS, Reading(incident="report_sextortion")], 1, ["check_in", "short", "no_crisis_block"]),
    ([Reading(risk=Risk(level="risk", kind="danger"), facts=Facts(country="MX"))], 0,
     ["emergency_lines", "country:MX"]),
    ([Reading(risk=Risk(level="risk", kind="crisis", subject="other"), facts=Facts(writer="friend"))], 0,
     ["crisis_lines", "addressed_to:friend"]),
    # The first reply to an incident: short, disclosure, one question.
    ([NCII], 0, ["asks:country", "not_asks:age", "both_tools", "no_capture_advice"]),
    ([Reading(incident="report_ncii", facts=Facts(country="AR", age=24))], 0,
     ["not_asks:country", "not_asks:age", "country:AR"]),
    # Never ask what was told.
    ([Reading(incident="report_harassment", facts=Facts(age=41)), Reading(facts=Facts(country="ES"))], 1,
     ["not_asks:age", "not_asks:country"]),
    ([Reading(incident="report_ncii", facts=Facts(country="CL")), Reading(facts=Facts(age=24))], 1,
     ["not_asks:age"]),
    # Answer the question first.
    ([Reading(incident="report_sextortion", facts=Facts(country="MX", age=30)),
      Reading(question="delete_evidence")], 1, ["answers:delete_evidence"]),
    ([Reading(question="chat_instead_of_call", facts=Facts(country="AR"))], 0, ["answers:chat_instead_of_call"]),
    ([Reading(question="report_police")], 0, ["answers:report_police", "asks:country"]),
    ([Reading(incident="report_sextortion", facts=Facts(country="ES", age=19)),
      Reading(question="already_paid")], 1, ["answers:already_paid", "never_pay"]),
    # Minors and unknown age.
    ([Reading(incident="report_ncii", facts=Facts(country="CL", age=15))], 0,
     ["child_protection", "no_capture_advice"]),
    ([Reading(incident="report_sextortion", facts=Facts(country="MX"))], 0,
     ["both_tools", "asks:age", "no_capture_advice", "never_pay"]),
    # Who is writing.
    ([Reading(incident="report_ncii", facts=Facts(writer="parent", country="CL", age=14))], 0,
     ["addressed_to:parent", "child_protection"]),
    ([Reading(incident="report_csam", facts=Facts(writer="teacher", country="ES"))], 0,
     ["addressed_to:teacher", "child_protection"]),
    ([Reading(incident="report_csam", facts=Facts(writer="witness", country="AR"))], 0,
     ["addressed_to:witness", "no_capture_advice"]),
    # Safety first.
    ([Reading(incident="report_account_takeover",
              facts=Facts(country="MX", age=35, lives_with_aggressor=True, device_monitored=True))], 0,
     ["safety_first"]),
    # Places.
    ([Reading(incident="report_harassment", facts=Facts(country="MX", region="MX-NLE", age=28))], 0,
     ["national_answer", "region:Nuevo León"]),
    ([Reading(incident="report_harassment", facts=Facts(place_ambiguous=True))], 0, ["asks:country"]),
    ([Reading(incident="report_harassment", facts=Facts(country="PE", age=30))], 0, ["national_answer"]),
    # What must come first.
    ([Reading(incident="report_ncii", offers_images=True)], 0, ["no_images_kept"]),
    ([Reading(incident="report_ncii", self_blame=True)], 0, ["not_your_fault"]),
    ([Reading(act="delete_my_data")], 0, ["erased"]),
    # Register.
    ([Reading(incident="report_harassment", vos=True, facts=Facts(country="AR"))], 0, ["vos"]),
])
def test_behaviour(readings, turn, expectations):
    replies, _, _ = talk(*readings)
    expect(replies[turn], *expectations)


def test_first_reply_is_short_with_the_disclosure_button():
    (reply, _, _), = talk(Reading(incident="report_ncii", facts=Facts(country="CL", age=30)))[0]
    assert reply.blocks[0] == "disclosure"
    assert reply.messages[0].buttons[0].title == "Qué guardo"
    assert len(reply.text) - len(reply.messages[0].text) <= 900


def test_the_plan_comes_a_few_steps_at_a_time_and_never_twice():
    yes = Reading(signals=("yes",))
    replies, _, history = talk(Reading(incident="report_ncii", facts=Facts(country="CL", age=30)),
                               yes, yes, yes, yes, yes)
    steps = [b for r, _, _ in replies for b in r.blocks if b.startswith("step:")]
    assert len(steps) == len(set(steps)) > 3
    assert all(sum(b.startswith("step:") for b in r.blocks) <= 2 for r, _, _ in replies)
    assert "plan_done" in replies[-1][0].blocks


def test_no_message_over_the_limit_even_for_the_law_details():
    replies, _, _ = talk(Reading(incident="report_ncii", facts=Facts(country="CL", age=30)),
                         Reading(question="which_articles"))
    assert all(len(m.text) <= MAX_MESSAGE_CHARS for r, _, _ in replies for m in r.messages)


def test_a_question_waiting_for_the_country_is_answered_when_it_comes():
    replies, case, _ = talk(Reading(question="report_police"), Reading(facts=Facts(country="CL")))
    assert "answer:report_police" in replies[1][0].blocks
    assert case.country == "CL"


def test_an_unanswered_question_is_not_asked_again():
    replies, _, history = talk(Reading(incident="report_harassment", facts=Facts(country="CL")),
                               Reading(act="out_of_scope"), Reading(signals=("yes",)))
    asked = [b for r, _, _ in replies for b in r.blocks if b.startswith("ask:age")]
    assert len(asked) == 1


def test_correction_changes_the_incident():
    replies, case, _ = talk(Reading(incident="report_ncii", facts=Facts(country="CL", age=20)),
                            Reading(incident="report_defamation", signals=("correction",)))
    assert case.incident == "report_defamation"
    assert "correction" in replies[1][0].blocks


def test_declined_age_is_not_asked_again_and_gets_the_safe_route():
    replies, case, history = talk(Reading(incident="report_ncii", facts=Facts(country="ES")),
                                  Reading(signals=("decline",)))
    assert "age" in history.declined
    expect(replies[1], "not_asks:age", "no_capture_advice", "both_tools")


def test_age_answer_yes_means_minor():
    _, case, _ = talk(Reading(incident="report_ncii", facts=Facts(country="ES")), Reading(signals=("yes",)))
    assert case.minor is True and case.minor_status == "yes"


def test_helper_never_gets_the_victims_script():
    replies, _, _ = talk(Reading(incident="report_ncii", facts=Facts(writer="parent", country="CL", age=15)),
                         Reading(signals=("yes",)), Reading(signals=("yes",)))
    assert all("Cuéntaselo a una persona adulta" not in r.text for r, _, _ in replies)


def test_human_contact_without_a_team_gives_24_hour_lines():
    # No team in the shipped directory: the country's 24-hour lines (Argentina: 137, 24 h).
    (reply, _, _), = talk(Reading(question="human", facts=Facts(country="AR")))[0]
    assert "answer:human" in reply.blocks and "24 h" in reply.text


def test_a_message_not_understood_mid_plan_asks_instead_of_pushing_steps():
    replies, _, _ = talk(Reading(incident="report_ncii", facts=Facts(country="CL", age=30)),
                         Reading(signals=("yes",)), Reading())
    assert replies[-1][0].blocks == ("clarify_case",)
    assert {b.title for b in replies[-1][0].messages[-1].buttons} >= {"Siguiente paso", "Apoyo"}


def test_answers_use_vos_with_someone_who_writes_with_vos():
    (reply, _, _), = talk(Reading(question="delete_evidence", vos=True))[0]
    answer = next(m for m in reply.messages if m.block == "answer:delete_evidence")
    assert answer.register == "vos" and "guardalos" in answer.text


def test_a_teacher_is_never_told_to_capture_a_minors_images():
    replies, _, _ = talk(Reading(incident="report_csam", facts=Facts(writer="teacher", country="CL")),
                         Reading(signals=("yes",)), Reading(signals=("yes",)))
    for result in replies:
        expect(result, "no_capture_advice")


@pytest.mark.parametrize("country", ["CL", "MX", "AR", "ES", None])
def test_a_possible_risk_gets_a_check_in_that_names_the_crisis_line(country):
    from bot.dialogue import contacts
    reading = Reading(risk=Risk(level="possible", kind="crisis"), facts=Facts(country=country))
    (result,), _, _ = talk(reading)
    reply = result[0]
    assert "check_in_possible" in reply.blocks
    line = contacts.crisis_line(country).split(" (")[0].split(" — ")[0].strip()
    assert line and line in reply.text


@pytest.mark.parametrize("reading", [
    Reading(incident="report_ncii"),
    Reading(incident="report_sextortion", facts=Facts(country="MX")),
    Reading(incident="report_ncii", self_blame=True),
])
def test_the_person_affected_by_shared_images_hears_it_is_not_their_fault_once(reading):
    # "pasaron mis fotos": said in the first answer, guilt said or not, and never twice
    (result,), _, _ = talk(reading)
    expect(result, "not_your_fault")
    assert result[0].text.lower().count("no es tu culpa") == 1



def test_an_argentine_is_answered_with_vos_even_without_a_vos_verb():
    (result,), case, _ = talk(Reading(incident="report_account_takeover", facts=Facts(country="AR")))
    assert case.vos
    expect(result, "vos")


def test_the_crisis_lines_come_with_the_question_is_the_person_safe_now():
    (first,), _, _ = talk(CRISIS)
    assert first[0].blocks[0] == "crisis" and "safe_now" in first[0].blocks
    expect(first, "crisis_lines", "check_in")


def test_a_second_crisis_message_gets_the_line_again_short_and_a_new_question():
    (_, _, again), _, _ = talk(CRISIS, Reading(incident="report_ncii", facts=Facts(country="ES")), CRISIS)
    assert again[0].blocks[:2] == ("crisis_again", "safe_now_again")
    expect(again, "crisis_lines", "check_in", "short")


def test_an_answer_to_the_check_in_that_only_the_model_reads_as_risk_gets_a_short_reminder():
    # "ya llamé al 911 y van para la casa": the model alone scored it as danger
    answer = Reading(risk=Risk(level="risk", kind="danger", cues=("model",)), facts=Facts(country="CL"))
    (_, after), _, _ = talk(CRISIS, answer)
    assert after[0].blocks == ("crisis_again", "check_in")  # the lines in two lines, then how are you
    expect(after, "check_in", "crisis_lines", "emergency_lines", "short")
    # a signal the rules know still gets the lines again
    (_, again), _, _ = talk(CRISIS, Reading(risk=Risk(level="risk", kind="danger", cues=("danger_now",))))
    expect(again, "emergency_lines")


def test_a_possible_risk_told_by_a_helper_is_a_check_in_addressed_to_the_helper():
    worried = Reading(risk=Risk(level="possible", kind="crisis", subject="other"),
                      facts=Facts(writer="friend"))
    (reply,), _, _ = talk(worried)
    assert "check_in_possible_helper" in reply[0].blocks
    assert reply[0].blocks[-1] == "check_in_possible_helper"  # nothing after it: no "¿te entendí?"
    expect(reply, "check_in", "no_crisis_block")


def test_a_parent_whose_child_blames_herself_is_told_how_to_say_it_is_not_her_fault():
    (_, reply), _, _ = talk(Reading(incident="report_ncii", facts=Facts(writer="parent", country="MX", age=15)),
                            Reading(self_blame=True))
    assert "not_your_fault_helper" in reply[0].blocks
    expect(reply, "not_your_fault")


@pytest.mark.parametrize("incident", ["report_ncii", "report_sextortion", "report_doxing",
                                      "report_impersonation", "report_cyberflashing",
                                      "report_harassment", "report_threat",
                                      "report_account_takeover", "report_defamation"])
def test_every_acknowledgement_says_it_is_not_the_persons_fault(incident):
    (reply,), _, _ = talk(Reading(incident=incident, facts=Facts(country="CL", age=30)))
    expect(reply, "not_your_fault")


def test_the_country_told_right_after_the_crisis_block_brings_its_own_line():
    # "en oaxaca": the first crisis block listed every country's lines
    (_, after), _, _ = talk(CRISIS, Reading(facts=Facts(country="MX")))
    assert after[0].blocks[0] == "crisis_again"
    expect(after, "crisis_lines", "check_in", "country:MX", "short")


def test_a_means_at_hand_after_a_crisis_answer_gets_the_whole_block_again():
    means = Reading(risk=Risk(level="risk", kind="crisis", cues=("means",)))
    (_, again), _, _ = talk(CRISIS, means)
    assert again[0].blocks[0] == "crisis"
    expect(again, "crisis_lines", "emergency_lines")
