"""The learned half of the risk reading joined with the rules (bot.reading.risk_model.decide)."""
import pytest

from bot.reading.model import Risk
from bot.reading.risk_model import (
    ALONE_RISK_FROM, LIFT_MIN_WORDS, POSSIBLE_FROM, VETO_MIN_WORDS, RISK_FROM, STRONG_VETO_BELOW, VETO_BELOW, RiskScores, decide,
    label_of, windows,
)

NONE = Risk()
WISH = Risk(level="risk", kind="crisis", cues=("wish",))
MEANS = Risk(level="risk", kind="crisis", cues=("means",))
DISTRESS = Risk(level="possible", kind="crisis", cues=("distress",))
THREAT_TIMED = Risk(level="possible", kind="danger", cues=("threat_with_time",))

HIGH = RiskScores(crisis=max(RISK_FROM, 0.95), danger=0.0)
MIDDLE = RiskScores(crisis=(POSSIBLE_FROM + RISK_FROM) / 2)
TINY = RiskScores(crisis=0.0, danger=0.0)
BELOW_VETO = RiskScores(crisis=(STRONG_VETO_BELOW + VETO_BELOW) / 2)


@pytest.mark.parametrize("rules, scores, level", [
    # the model finds what the rules miss ("le regalé la play a mi primo, ya no la voy a necesitar")
    (NONE, HIGH, "risk" if ALONE_RISK_FROM <= HIGH.top else "possible"),
    (NONE, MIDDLE, "possible"),
    (NONE, TINY, "none"),
    # a weak rule signal the model reads as ordinary is only a check-in ("me dio tanta pena
    # que quería desaparecer, ¿cómo guardo pruebas?")
    (WISH, BELOW_VETO, "possible"),
    (WISH, MIDDLE, "risk"),
    # a means of one's own self-harm keeps risk unless the model finds nothing at all
    (MEANS, BELOW_VETO, "risk"),
    (MEANS, TINY, "possible" if STRONG_VETO_BELOW > 0 else "risk"),
    # distress the model reads as ordinary is none; a threat with a time is at least possible
    (DISTRESS, TINY, "none"),
    (THREAT_TIMED, TINY, "possible"),
    (DISTRESS, HIGH, "risk"),
    # no model (not trained): the rules decide alone
    (WISH, None, "risk"),
])
def test_decide(rules, scores, level):
    assert decide(rules, scores, words=VETO_MIN_WORDS).level == level


@pytest.mark.parametrize("rules, scores, level", [
    # "está bien", "ok dale": a high model score on a few words is noise, not a crisis
    (NONE, HIGH, "none"),
    # "preferiría estar muerta": a short wish the rules read is never vetoed
    (WISH, TINY, "risk"),
])
def test_a_short_message_is_read_by_the_rules_alone(rules, scores, level):
    assert decide(rules, scores, words=LIFT_MIN_WORDS - 1).level == level


def test_a_wish_in_a_message_shorter_than_the_veto_length_is_never_vetoed():
    assert decide(WISH, TINY, words=VETO_MIN_WORDS - 1).level == "risk"


def test_a_helper_writing_makes_the_model_risk_about_someone_else():
    found = decide(NONE, HIGH, helper=True)
    assert (found.level != "none", found.subject, found.kind) == (True, "other", "crisis")


def test_danger_scores_give_a_danger_kind():
    assert decide(NONE, RiskScores(crisis=0.1, danger=0.97)).kind == "danger"


def test_labels_come_from_the_intents():
    assert [label_of(i) for i in ("express_crisis", "immediate_danger", "report_ncii")] == \
        ["crisis", "danger", "none"]


def test_a_long_message_is_read_whole_clause_by_clause_and_in_pairs():
    text = ("me hackearon la cuenta y subieron cosas horribles con mi nombre. "
            "ya hablé con la plataforma y no hacen nada. "
            "esta noche termino con todo")
    pieces = windows(text)
    assert pieces[0] == text
    assert any(p.strip().startswith("esta noche termino con todo") for p in pieces[1:])
    assert len(pieces) >= 4


def test_scores_round_trip_through_the_parse_data():
    scores = RiskScores(crisis=0.123456, danger=0.5)
    assert RiskScores.from_dict(scores.to_dict()) == RiskScores(crisis=0.1235, danger=0.5)
    assert RiskScores.from_dict(None) is None


def test_a_long_message_uses_its_own_thresholds():
    from bot.reading.risk_model import LONG_FROM_WORDS, POSSIBLE_FROM_LONG, RISK_FROM_LONG
    for words in (LONG_FROM_WORDS - 1, LONG_FROM_WORDS):
        risk_at, possible_at = ((RISK_FROM, POSSIBLE_FROM) if words < LONG_FROM_WORDS
                                else (RISK_FROM_LONG, POSSIBLE_FROM_LONG))
        # a rule signal lifted by the model (the model alone needs ALONE_RISK_FROM too)
        assert decide(DISTRESS, RiskScores(crisis=risk_at), words=words).level == "risk"
        alone = decide(NONE, RiskScores(crisis=min(1.0, max(risk_at, ALONE_RISK_FROM))), words=words)
        assert alone.level == ("risk" if ALONE_RISK_FROM <= 1.0 else "possible")
        below = RiskScores(crisis=(possible_at + risk_at) / 2)
        assert decide(NONE, below, words=words).level == "possible"


@pytest.mark.skipif(ALONE_RISK_FROM <= RISK_FROM, reason="the chosen threshold adds nothing")
def test_the_model_alone_is_at_most_a_check_in_below_its_own_threshold():
    # "ya no se q hacer": no signal the rules know; a high score alone is a check-in that names
    # the crisis line, not the whole crisis block
    between = RiskScores(crisis=(RISK_FROM + min(ALONE_RISK_FROM, 1.0)) / 2)
    assert decide(NONE, between, words=VETO_MIN_WORDS).level == "possible"
    assert decide(DISTRESS, between, words=VETO_MIN_WORDS).level == "risk"


def test_a_long_message_is_read_whole_when_so_chosen():
    from bot.reading.risk_model import LONG_FROM_WORDS
    story = ". ".join(["me subieron fotos al grupo"] * (LONG_FROM_WORDS // 5 + 1))
    assert windows(story, long_read="whole") == [story]
    assert len(windows(story, long_read="windows")) > 1


def test_the_model_cannot_veto_what_it_did_not_read():
    # "ya no quiero vivir" after 20,000 characters: the model read only the first MAX_CHARS
    assert decide(WISH, TINY, words=4000, read_all=False).level == "risk"
    # nor in a long message read whole: "... toda la historia ... ya no quiero vivir"
    assert decide(WISH, TINY, words=4000).level == "risk"
