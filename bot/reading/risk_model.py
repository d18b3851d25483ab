"""The learned half of the risk reading: a crisis / danger / none classifier read clause by clause.

The rules of ``bot.reading.risk`` know the signals that always count (a means, an act done, a
plan, finality, danger now) and the cues that cancel a figurative use. People say risk in more
ways than any list holds ("le regalé la play a mi primo, ya no la voy a necesitar"), so a
classifier trained on every NLU example (its label taken from the intent: ``express_crisis``
→ crisis, ``immediate_danger`` → danger, any other → none) scores each clause, each pair of
neighbouring clauses and the whole message; the highest score counts (a long message is read
whole, :data:`LONG_READ`). :func:`decide` joins both readings:

- a rule ``risk`` in a short message of at least :data:`VETO_MIN_WORDS` words that the model
  scores below :data:`VETO_BELOW` (a weak signal, such as a wish to die) or
  :data:`STRONG_VETO_BELOW` (a strong one) becomes a ``possible`` check-in: a figurative use the
  rules missed ("estas botas me están matando"); the check-in still
  names the crisis line. A rule ``possible`` (distress, a threat received) the model scores
  below :data:`VETO_BELOW` is ``none``, unless the threat has a time in it;
- otherwise a model score of at least :data:`RISK_FROM` is ``risk`` (of at least
  :data:`ALONE_RISK_FROM` when the rules found no signal at all), of at least
  :data:`POSSIBLE_FROM` is at least ``possible`` — but only in a message of at least
  :data:`LIFT_MIN_WORDS` words: on "está bien" or "ok" the character n-grams say nothing, so
  a shorter message is read by the rules alone (neither lifted nor vetoed); a message of
  :data:`LONG_FROM_WORDS` words or more uses :data:`RISK_FROM_LONG` and
  :data:`POSSIBLE_FROM_LONG` instead, and the model never vetoes a rule ``risk`` in it, nor in
  a message longer than it reads.

The thresholds are chosen by cross-validation on the training data only
(``python -m scripts.risk_cv``, figures in docs/reading.md); never on a fresh set.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional, Sequence

from bot.reading.clauses import split_clauses
from bot.reading.model import Risk

#: Labels of the classifier, from the training intents.
LABELS = ("crisis", "danger", "none")
LABEL_OF_INTENT = {"express_crisis": "crisis", "immediate_danger": "danger"}
#: A model score from which the message is ``risk`` (chosen by ``scripts.risk_cv``).
RISK_FROM = 0.70
#: A model score from which the message is at least ``possible``.
POSSIBLE_FROM = 0.30
#: With no rule signal at all, the model alone makes a message ``risk`` only from this score
#: (below it, at most ``possible``: a check-in that names the crisis line). ``scripts.risk_cv``
#: measures it; 0 (the same threshold as with a rule signal) is kept: "never alone" saved 0.8
#: points of figurative false alarms but turned 12 % of the crises into check-ins, among them
#: "tengo las pastillas de mi viejo acá en el cajón" — a person at risk must get the lines.
ALONE_RISK_FROM = 0.0
#: From this many words a message is long: read as :data:`LONG_READ` says, with thresholds of
#: its own.
LONG_FROM_WORDS = 30
#: How a long message is read: "whole" (the message at once) or "windows" (also each clause
#: and pair of clauses, the highest score counting). Chosen by ``scripts.risk_cv``: the
#: clauses of a long story without risk ("no duermo", "estoy destruida") score like crisis
#: messages on their own; the rules still read a long message clause by clause.
LONG_READ = "whole"
#: The two thresholds above for a long message (chosen by ``scripts.risk_cv``).
RISK_FROM_LONG = 0.50
POSSIBLE_FROM_LONG = 0.30
#: A weak rule signal that the model scores below this is only ``possible``.
VETO_BELOW = 0.30
#: A strong rule signal that the model scores below this is only ``possible``.
STRONG_VETO_BELOW = 0.05
#: Regularisation of the logistic regression (chosen by ``scripts.risk_cv``).
C = 10.0
#: Characters of a message the model reads (the rest is scanned by the rules).
MAX_CHARS = 4000
#: A model score alone raises the risk only in a message of at least this many words.
LIFT_MIN_WORDS = 4
#: The model vetoes a rule ``risk`` only in a message of at least this many words: a short
#: message that says a wish to die ("preferiría estar muerta") means it.
VETO_MIN_WORDS = 10
#: Rule cues that are strong (kept ``risk`` whatever the model says).
STRONG_CUES = frozenset({"means", "act_done", "plan", "finality", "other_strong", "danger_now",
                         "threat_with_time"})


def label_of(intent: str) -> str:
    """The risk label of a training intent."""
    return LABEL_OF_INTENT.get(intent, "none")


@dataclass(frozen=True)
class RiskScores:
    """The highest crisis and danger probability over the windows of one message."""

    crisis: float = 0.0
    danger: float = 0.0

    @property
    def top(self) -> float:
        return max(self.crisis, self.danger)

    @property
    def kind(self) -> str:
        return "crisis" if self.crisis >= self.danger else "danger"

    def to_dict(self) -> dict[str, float]:
        return {"crisis": round(self.crisis, 4), "danger": round(self.danger, 4)}

    @classmethod
    def from_dict(cls, data: Optional[dict]) -> Optional["RiskScores"]:
        if not data:
            return None
        return cls(crisis=float(data.get("crisis", 0.0)), danger=float(data.get("danger", 0.0)))


def build(c: float = C) -> Any:
    """The scikit-learn pipeline: TF-IDF of words 1–2 and characters 2–5 (accents folded),
    logistic regression with balanced classes (risk examples are few)."""
    from bot.reading.tfidf import tfidf_logreg

    return tfidf_logreg(c, char_analyzer="char_wb", class_weight="balanced")


def fit(texts: Sequence[str], intents: Sequence[str], c: float = C) -> Any:
    """A classifier fitted on ``texts`` labelled by their intents."""
    return build(c).fit(list(texts), [label_of(i) for i in intents])


def windows(text: str, long_read: str = LONG_READ) -> list[str]:
    """What the model reads of one message: the whole (up to :data:`MAX_CHARS`), and, when it
    has several clauses, each clause and each pair of neighbouring clauses — except a long
    message read ``"whole"`` (:data:`LONG_READ`)."""
    text = (text or "")[:MAX_CHARS]
    if long_read == "whole" and len(text.split()) >= LONG_FROM_WORDS:
        return [text]
    clauses = split_clauses(text)
    out = [text]
    if len(clauses) > 1:
        out += clauses
        out += [f"{a} {b}" for a, b in zip(clauses, clauses[1:])]
    return out


def score(model: Any, texts: Iterable[str], long_read: str = LONG_READ) -> list[RiskScores]:
    """:class:`RiskScores` of each text (one batched prediction)."""
    texts = list(texts)
    spans, batch = [], []
    for text in texts:
        pieces = windows(text, long_read)
        spans.append((len(batch), len(batch) + len(pieces)))
        batch += pieces
    if not batch:
        return []
    classes = list(model.classes_)
    rows = model.predict_proba(batch)
    ci = classes.index("crisis") if "crisis" in classes else None
    di = classes.index("danger") if "danger" in classes else None
    out = []
    for start, end in spans:
        part = rows[start:end]
        out.append(RiskScores(
            crisis=float(max(r[ci] for r in part)) if ci is not None else 0.0,
            danger=float(max(r[di] for r in part)) if di is not None else 0.0))
    return out


def decide(rules: Risk, scores: Optional[RiskScores], *, helper: bool = False,
           words: int = LIFT_MIN_WORDS, risk_from: float = RISK_FROM,
           possible_from: float = POSSIBLE_FROM, veto_below: float = VETO_BELOW,
           strong_veto_below: float = STRONG_VETO_BELOW,
           lift_min_words: int = LIFT_MIN_WORDS,
           veto_min_words: int = VETO_MIN_WORDS, risk_from_long: float = RISK_FROM_LONG,
           possible_from_long: float = POSSIBLE_FROM_LONG, read_all: bool = True,
           long_read: str = LONG_READ,
           alone_risk_from: Optional[float] = None) -> Risk:
    """The risk of a message from the rules' reading and the model's scores (module doc);
    ``words`` is the number of words of the message; ``read_all`` is False when the message is
    longer than the model reads (:data:`MAX_CHARS`): the model cannot veto what it did not read
    ("ya no quiero vivir" after 20,000 characters of story). Nor does it veto in a long
    message read whole: the score of the story is not the score of the clause that says it."""
    if scores is None:
        return rules
    if not read_all and rules.level != "none":
        return rules
    if rules.level == "risk" and words >= LONG_FROM_WORDS and long_read == "whole":
        return rules  # read whole, a story's score says nothing of the clause the rules found
    if words < lift_min_words:
        return rules
    if words >= LONG_FROM_WORDS:
        risk_from, possible_from = risk_from_long, possible_from_long
    strong = bool(STRONG_CUES & set(rules.cues))
    subject = "other" if helper else "self"
    if rules.level == "risk":
        if words < veto_min_words or scores.top >= (strong_veto_below if strong else veto_below):
            return rules
        return Risk(level="possible", kind=rules.kind, subject=rules.subject,
                    cues=rules.cues + ("model_low",))
    alone = ALONE_RISK_FROM if alone_risk_from is None else alone_risk_from
    if scores.top >= risk_from and (rules.level != "none" or scores.top >= max(alone, risk_from)):
        return Risk(level="risk", kind=rules.kind or scores.kind,
                    subject=rules.subject if rules.level != "none" else subject,
                    cues=rules.cues + ("model",))
    if rules.level == "possible":
        if strong or scores.top >= veto_below:
            return rules
        return Risk()
    if scores.top >= possible_from:
        return Risk(level="possible", kind=scores.kind, subject=subject, cues=("model",))
    return rules
