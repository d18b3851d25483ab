"""One turn of the conversation: ``respond(reading, case, history) -> Reply``.

The order of a reply (rules 1–7 of the developers' guide):

1. risk first: crisis or danger lines (addressed to the helper when it is about someone else);
2. what must come first: the one-line disclosure on the first reply, "no images kept",
   "not your fault", "do not confront or pay";
3. the turn after a crisis answer: short, asks how the person is, no plan;
4. the person's question, answered first;
5. a new incident: acknowledgement (or the helper's guidance), safety first when the aggressor
   is close, the minors' route, the most urgent step, one missing fact;
6. otherwise the case goes on: a missing fact, or the next steps of the plan, a few at a time.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from bot.dialogue import answers, contacts, plan
from bot.dialogue.model import Case, History, Message, Reply
from bot.dialogue.say import Turn
from bot.dialogue.texts import texts
from bot.dialogue.update import changes, missing_fact, update_case
from bot.facts import SUPPORTED_COUNTRIES
from bot.reading.model import Reading
from bot.reading.risk_model import STRONG_CUES

#: Characters of the first answer to an incident (the disclosure line not counted).
FIRST_REPLY_CHARS = 700
#: Writers who are not the person affected.
HELPERS = frozenset({"parent", "teacher", "friend", "witness"})
#: Buttons under a part of the plan.
PLAN_BUTTONS = ("next_step", "where_report", "the_law", "support")
#: Buttons of the "what happened?" menu.
MENU = ("menu_ncii", "menu_sextortion", "menu_doxing", "menu_impersonation", "menu_harassment",
        "menu_takeover", "menu_csam", "menu_support")
#: Simple acts answered by one block.
ACT_BLOCKS = {"goodbye": "goodbye", "thank": "thank", "bot_challenge": "bot_challenge"}
#: Directory steps the safety-first block already says (emergency numbers).
COVERED_BY_SAFETY_FIRST = frozenset({"safety-now"})
#: Directory steps written to a young person, never shown to an adult helping them.
VICTIM_ONLY_STEPS = frozenset({"minor-trusted-adult"})


def respond(reading: Reading, case: Case, history: History) -> Reply:
    """What the bot says to this message, the facts it learnt and the new history."""
    data = texts()
    if reading.act == "delete_my_data":
        text, register = data.block("erased").pick(case.vos or reading.vos)
        return Reply((Message("erased", text, register=register),), (), History(), restart=True)
    update = update_case(case, reading, history)
    now = update.case
    turn = Turn(now, data, history.said)
    first = history.turns == 0
    declined = history.declined + tuple(d for d in update.declined if d not in history.declined)
    # A question asked last turn and not answered is not asked again.
    if history.last_question and missing_fact(now, replace(history, declined=declined), reading) \
            == history.last_question and not reading.facts.place_ambiguous:
        declined += (history.last_question,)
    state = replace(history, turns=history.turns + 1, declined=declined, last_question=None,
                    crisis=False, helper_crisis=False)

    def done(**changed) -> Reply:
        new = replace(state, **changed)
        said = new.said + tuple(m.block for m in turn.messages if m.block not in new.said)
        return Reply(tuple(turn.messages), changes(case, now), replace(new, said=said))

    if reading.risk.urgent and _answer_to_check_in(reading, history):
        # Only the model reads risk right after a crisis answer ("ya llamé al 911 y van para
        # la casa", but also "está sola en su casa"): the lines again, short, and the check-in.
        helper = history.helper_crisis or reading.risk.subject == "other"
        _reminder(turn, now.country, helper)
        turn.block("check_in_helper" if helper else "check_in",
                   buttons=["better", "need_support"], requested=True)
        return done(crisis=True, helper_crisis=helper)
    if reading.risk.urgent:
        helper = reading.risk.subject == "other"
        _risk(turn, reading, helper)
        if first:
            turn.block("disclosure", buttons=["what_i_keep"])
        if reading.offers_images:
            turn.block("no_images")
        return done(crisis=True, helper_crisis=helper)
    if first:
        turn.block("disclosure", buttons=["what_i_keep"])
    if reading.offers_images:
        turn.block("no_images")
    if reading.self_blame and now.writer in HELPERS:
        turn.block("not_your_fault_helper", audience=now.writer)
    elif reading.self_blame and not (update.new_incident and _ack_says_not_your_fault(
            turn, now.incident)):
        turn.block("not_your_fault")
    if reading.considers_confronting:
        turn.block("dont_confront")
    if history.crisis:
        if case.country is None and now.country in SUPPORTED_COUNTRIES and \
                not history.helper_crisis and turn.has_said("crisis"):
            # The crisis block listed every country's lines; now the country is known: its own.
            _reminder(turn, now.country, helper=False)
        if reading.question:
            answers.answer(turn, reading.question)
        turn.block("check_in_helper" if history.helper_crisis else "check_in",
                   buttons=["better", "need_support"], requested=True)
        return done()
    if reading.risk.level == "possible":
        helper = reading.risk.subject == "other" or now.writer in HELPERS
        turn.block("check_in_possible_helper" if helper else "check_in_possible",
                   line=contacts.crisis_line(now.country))

    steps = state.steps
    pending = state.pending
    if reading.act in ACT_BLOCKS and not reading.question and not reading.incident:
        turn.block(ACT_BLOCKS[reading.act], requested=True)
        return done()
    if reading.act == "greet" and not reading.question and not reading.incident:
        if turn.block("intro", buttons=MENU):
            return done()
        turn.block("greet_again", requested=True)
        return done()
    if reading.act == "out_of_scope" and not reading.question and not reading.incident:
        turn.block("out_of_scope", buttons=["menu_support"], requested=True)
        return done()

    if reading.question:
        steps += answers.answer(turn, reading.question)
        if answers.needs_country(turn, reading.question) and "country" not in state.declined:
            pending = reading.question
    elif pending and now.country is not None and case.country is None:
        steps += answers.answer(turn, pending)
        pending = None

    if update.new_incident:
        return _new_incident(turn, reading, update.corrected, first, state, steps, pending, done)
    if reading.question or (state.pending and pending is None):
        return _ask_or_offer(turn, state, reading, steps, pending, done)
    if now.incident is None:
        if not turn.messages or all(m.block == "disclosure" for m in turn.messages):
            turn.block("need_incident" if turn.has_said("intro") else "intro", buttons=MENU,
                       requested=True)
        return done(steps=steps, pending=pending)
    if any(m.block.startswith("check_in_possible") for m in turn.messages) and \
            _says_nothing_new(reading, case, now):
        return done(steps=steps, pending=pending)  # the check-in is the whole answer
    if _says_nothing_new(reading, case, now) and any(b.startswith("step:") for b in history.said):
        turn.block("clarify_case", buttons=PLAN_BUTTONS, requested=True)
        return done(steps=steps, pending=pending)
    return _continue(turn, state, reading, steps, pending, done)


def risk_block_first(reading: Reading, history: History) -> Optional[str]:
    """``"crisis"`` or ``"danger"`` when this turn opens with the whole crisis or emergency
    block for the writer (the dialogue policy sends it as a domain response, so it goes out
    even with the action server down); None otherwise: no risk, a helper's block, a second
    crisis message (the short reminder), or an answer to the check-in."""
    if not reading.risk.urgent or reading.risk.subject == "other" \
            or _answer_to_check_in(reading, history):
        return None
    if _crisis_again(reading, history.said):
        return None
    return reading.risk.kind or "crisis"


def _crisis_again(reading: Reading, said) -> bool:
    """A crisis message after the crisis block was sent, with no means, act, plan or danger
    now (those get the whole block again): the line again, short."""
    return (reading.risk.kind or "crisis") == "crisis" and "crisis" in said \
        and not STRONG_CUES & set(reading.risk.cues)


def _reminder(turn: Turn, country: Optional[str], helper: bool) -> None:
    """The crisis line and the emergency number again, in two lines."""
    turn.block("crisis_again_helper" if helper else "crisis_again",
               line=contacts.crisis_line(country),
               emergency=contacts.emergency_line(country) or "el número de emergencias",
               requested=True, audience=turn.case.writer if helper else None)


def _answer_to_check_in(reading: Reading, history: History) -> bool:
    """Right after a crisis answer, a message the model alone reads as risk ("ya llamé al 911 y
    van para la casa", "ya está con ella") is the person answering how they are: it gets the
    check-in, not the whole crisis block again. A signal the rules know still gets the lines."""
    return history.crisis and set(reading.risk.cues) <= {"model", "model_low"}


def _ack_says_not_your_fault(turn: Turn, incident: Optional[str]) -> bool:
    """The acknowledgement of ``incident`` already says "no es tu culpa" (never said twice)."""
    ack = turn.texts.blocks.get(f"ack:{incident}")
    return ack is not None and "no es tu culpa" in ack.tu.lower()


def _says_nothing_new(reading: Reading, before: Case, now: Case) -> bool:
    """Not understood: no fact, no signal, no question, no act (a yes/"next step" is a signal)."""
    return (not reading.signals and not reading.question and not reading.act
            and not reading.incident and before == now)


def _risk(turn: Turn, reading: Reading, helper: bool) -> None:
    kind = reading.risk.kind or "crisis"
    country = turn.case.country
    if helper:
        directory_text = contacts.helper_safety_text(country, kind)
        if directory_text is not None:
            turn.add(f"{kind}_helper", directory_text, requested=True,
                     audience=turn.case.writer or "friend")
            turn.block("safe_now_helper", audience=turn.case.writer or "friend")
            return
        lead = "crisis_helper_lead" if kind == "crisis" else "danger_helper_lead"
        text, register = turn.texts.block(lead).pick(turn.case.vos)
        close, _ = turn.texts.block("crisis_helper_close").pick(turn.case.vos)
        turn.add(f"{kind}_helper", f"{text}\n{contacts.helper_lines(country, kind)}\n{close}",
                 register=register, requested=True, audience=turn.case.writer or "friend")
        turn.block("safe_now_helper", audience=turn.case.writer or "friend")
        return
    block = "crisis" if kind == "crisis" else "danger"
    if _crisis_again(reading, turn.said):
        _reminder(turn, country, helper=False)
        turn.block("safe_now_again", requested=True)
        return
    turn.add(block, contacts.safety_text(country, block), requested=True)
    turn.block("safe_now" if block == "crisis" else "safe_now_danger")


def _situation(turn: Turn) -> None:
    """Blocks that depend on who writes, where and how old: said once each."""
    case = turn.case
    facts = case.facts()
    if case.writer in HELPERS:
        turn.block(f"writer:{case.writer}", audience=case.writer)
    if case.lives_with_aggressor or case.device_monitored:
        emergency = contacts.emergency_line(case.country) or "emergencias"
        support = contacts.join_lines(contacts.lines_for(facts, ("support",), limit=1)) or \
            contacts.crisis_line(case.country)
        turn.block("safety_first", emergency=emergency, support=support)
    if case.country and case.country not in SUPPORTED_COUNTRIES:
        turn.block("unsupported_country")
    elif case.region and facts is not None and not contacts.has_regional_services(facts):
        turn.block(f"national_answer", region=contacts.region_name(case.region),
                   country=contacts.country_name(case.country))
    if facts is None:
        return
    child_route = facts.incident in plan.IMAGE_INCIDENTS | {"report_sextortion"} or \
        case.relationship == "familiar"  # a relative abusing a minor: child protection too
    if case.minor_status == "yes" and child_route:
        lines = contacts.join_lines(contacts.lines_for(facts, ("child_protection",), limit=2))
        turn.block("child_protection", lines=lines or contacts.crisis_line(case.country))
    elif (facts.incident in plan.IMAGE_INCIDENTS and case.minor_status == "unknown") or (
            facts.images_taken_as_minor and facts.incident in plan.IMAGE_INCIDENTS | {"report_csam"}):
        # Unknown age, or an adult whose images were taken under 18: Take It Down and
        # StopNCII, each with its age condition.
        turn.block("both_tools")


def _ask(turn: Turn, fact: str) -> bool:
    if fact == "country":
        which = "ask:country_which" if turn.has_said("ask:country") or _ambiguous(turn) else "ask:country"
        turn.block(which, buttons=("country_CL", "country_MX", "country_AR", "country_ES",
                                   "country_other"), requested=True)
        return True
    helper = turn.case.writer in HELPERS
    turn.block("ask:age_helper" if helper else "ask:age",
               buttons=() if helper else ("age_minor", "age_adult", "age_decline"), requested=True)
    return True


def _ambiguous(turn: Turn) -> bool:
    return getattr(turn, "ambiguous", False)


def _steps(turn: Turn, given: tuple[str, ...], *, limit: int, budget: int | None = None) -> tuple[tuple[str, ...], bool]:
    """Send the next steps of the plan; returns the ids given and whether more remain."""
    facts = turn.case.facts()
    if facts is None:
        return (), False
    batch, more = plan.next_batch(facts, given, limit=limit + 3)
    helper = turn.case.writer in HELPERS
    batch = [(sid, text) for sid, text in batch if not (helper and sid in VICTIM_ONLY_STEPS)
             and not (sid in COVERED_BY_SAFETY_FIRST and turn.has_said("safety_first"))]
    sent: list[str] = []
    for sid, text in batch:
        if len(sent) >= limit or (budget is not None and sent and turn.length + len(text) > budget):
            more = True
            break
        if budget is not None and not sent and turn.length + len(text) > budget + 300:
            more = True
            break
        turn.add(f"step:{sid}", text)
        sent.append(sid)
    else:
        more = more or len(batch) > len(sent)
    return given + tuple(sent), more


def _new_incident(turn, reading, corrected, first, state, steps, pending, done) -> Reply:
    case = turn.case
    if corrected:
        turn.block("correction")
    if case.writer not in HELPERS:
        turn.block(f"ack:{case.incident}" if f"ack:{case.incident}" in turn.texts.blocks else "ack:other")
    _situation(turn)
    turn.ambiguous = reading.facts.place_ambiguous
    missing = missing_fact(case, state, reading)
    if missing == "country":
        _ask(turn, "country")
        return done(steps=steps, pending=pending, last_question="country")
    budget = FIRST_REPLY_CHARS + (len(turn.messages[0].text) if first and turn.messages else 0)
    steps, more = _steps(turn, steps, limit=1 if missing else 2, budget=budget)
    if missing:
        _ask(turn, missing)
        return done(steps=steps, pending=pending, last_question=missing)
    turn.add_buttons(PLAN_BUTTONS if more else PLAN_BUTTONS[1:])
    return done(steps=steps, pending=pending)


def _ask_or_offer(turn, state, reading, steps, pending, done) -> Reply:
    """After an answer: ask the one missing fact it needs, or offer to go on."""
    case = turn.case
    turn.ambiguous = reading.facts.place_ambiguous
    if pending and case.country is None and "country" not in state.declined:
        _ask(turn, "country")
        return done(steps=steps, pending=pending, last_question="country")
    if case.incident is not None:
        _situation(turn)
        missing = missing_fact(case, state, reading)
        if missing == "age" and not turn.has_said("ask:age") and not turn.has_said("ask:age_helper"):
            _ask(turn, missing)
            return done(steps=steps, pending=pending, last_question=missing)
        turn.add_buttons(PLAN_BUTTONS)
    return done(steps=steps, pending=pending)


def _continue(turn, state, reading, steps, pending, done) -> Reply:
    """The case goes on: ask what is missing, else the next steps."""
    case = turn.case
    turn.ambiguous = reading.facts.place_ambiguous
    _situation(turn)
    missing = missing_fact(case, state, reading)
    if missing:
        _ask(turn, missing)
        return done(steps=steps, pending=pending, last_question=missing)
    if not any(s.startswith("step:") for s in state.said):
        turn.block("plan_intro")
    steps, more = _steps(turn, steps, limit=plan.STEPS_PER_TURN)
    if not any(m.block.startswith("step:") for m in turn.messages):
        turn.block("plan_done", buttons=PLAN_BUTTONS[1:], requested=True)
        return done(steps=steps, pending=pending)
    turn.add_buttons(PLAN_BUTTONS if more else PLAN_BUTTONS[1:])
    return done(steps=steps, pending=pending)
