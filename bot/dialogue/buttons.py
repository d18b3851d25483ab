"""A :class:`Reading` for a message that skipped the NLU pipeline (a button payload such as
``/report_ncii`` or ``/inform{"country": "CL"}``), and for the fallback reading of an intent."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping, Optional

from bot.facts import INCIDENTS
from bot.reading.model import ACTS, QUESTIONS, SIGNALS, Facts, Reading, Risk

#: Intents of the NLU data that ask one of the ``QUESTIONS``.
INTENT_QUESTIONS = {
    "ask_evidence": "evidence", "ask_report_platform": "report_platform",
    "ask_report_police": "report_police", "ask_legal_info": "legal_info",
    "ask_support": "support", "ask_privacy": "privacy", "request_human": "human",
}
#: Intents that are answer signals.
INTENT_SIGNALS = {"affirm": ("yes",), "deny": ("no",), "next_step": ("yes",)}
#: Risk intents.
INTENT_RISK = {"express_crisis": "crisis", "immediate_danger": "danger"}
#: Entities a payload may carry, as Facts fields.
FACT_ENTITIES = {"country", "region", "age", "adult", "platform", "writer", "relationship"}


def reading_for_intent(intent: Optional[str], entities: Optional[Mapping[str, Any]] = None,
                       *, confidence: float = 1.0) -> Reading:
    """The Reading of an intent (and payload entities), without the text."""
    entities = dict(entities or {})
    facts = Facts(**{k: v for k, v in entities.items() if k in FACT_ENTITIES})
    signals = tuple(s for s in (entities.get("signal"),) if s in SIGNALS)
    if intent in INCIDENTS:
        return Reading(incident=intent, incident_confidence=confidence, facts=facts, signals=signals)
    if intent in INTENT_RISK:
        return Reading(risk=Risk(level="risk", kind=INTENT_RISK[intent]), facts=facts)
    question = INTENT_QUESTIONS.get(intent or "") or (intent if intent in QUESTIONS else None)
    if question:
        return Reading(question=question, facts=facts, signals=signals)
    if intent in ACTS:
        return Reading(act=intent, facts=facts)
    if intent == "restart":
        return Reading(act="delete_my_data")
    return Reading(facts=facts, signals=INTENT_SIGNALS.get(intent or "", signals))


#: Entity names of the older NLU reader (extensions/case_reader.py) -> Facts fields.
LEGACY_ENTITIES = {"victim_age": "age", "aggressor_relationship": "relationship"}
#: Confidence of an incident ranked after "inform" that is taken as the story's incident.
INCIDENT_HINT = 0.15
#: Boolean facts the older reader writes as entities.
LEGACY_FLAGS = ("via_group", "profit", "impersonation_to_obtain", "several_aggressors")


def reading_from_parse(parse_data: Mapping[str, Any]) -> Reading:
    """A Reading from a parse without one (a button payload, or an older NLU pipeline).

    Uses the intent, the entities and, when there is text, the deterministic readers of
    ``bot.extract`` (self-blame, offered images, confronting, voseo is not read here).
    """
    intent = (parse_data.get("intent") or {}).get("name")
    confidence = float((parse_data.get("intent") or {}).get("confidence") or 0.0)
    raw = {e.get("entity"): e.get("value") for e in parse_data.get("entities") or []}
    entities = {LEGACY_ENTITIES.get(k, k): v for k, v in raw.items()}
    if isinstance(entities.get("age"), (int, float, str)) and str(entities["age"]).isdigit() or \
            isinstance(entities.get("age"), float):
        entities["age"] = int(float(entities["age"]))
    if "victim_is_minor" in raw and raw["victim_is_minor"] is not None and "adult" not in entities:
        entities["adult"] = not bool(raw["victim_is_minor"])
    if raw.get("age_declined"):
        entities["signal"] = "decline"
    entities["region"] = _iso_region(entities.get("country"), entities.get("region"))
    if entities.get("country") == "OTHER":
        entities.pop("country")
        entities["signal"] = "dont_know"
    if intent == "inform" and raw.get("incident_hint") in INCIDENTS:
        intent = raw["incident_hint"]
    if intent in ("inform", "nlu_fallback", None):
        # A story told with its facts reads as "inform": the incident ranked next decides.
        for ranked in parse_data.get("intent_ranking") or []:
            if ranked.get("name") in INCIDENTS and float(ranked.get("confidence") or 0) >= INCIDENT_HINT:
                intent, confidence = ranked["name"], float(ranked["confidence"])
                break
    reading = reading_for_intent(intent, entities, confidence=confidence)
    flags = {name: True for name in LEGACY_FLAGS if raw.get(name)}
    text = parse_data.get("text") or ""
    if text and not text.startswith("/"):
        from bot import extract  # the older readers, until bot.reading is in the pipeline
        reading = replace(reading, self_blame=extract.blames_self(text),
                          offers_images=extract.offers_images(text),
                          considers_confronting=extract.thinks_of_confronting(text))
        if extract.says_dont_know(text):
            reading = replace(reading, signals=reading.signals + ("dont_know",))
    if flags:
        reading = replace(reading, facts=replace(reading.facts, **flags))
    return reading


def _iso_region(country: Any, region: Any) -> Optional[str]:
    """An ISO 3166-2 code for a region given by name (the older reader) or code."""
    if not region or not isinstance(region, str):
        return None
    if "-" in region and region.split("-")[0].isupper():
        return region
    import pycountry
    import unicodedata

    def fold(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", text.lower())
                       if unicodedata.category(c) != "Mn")

    for sub in pycountry.subdivisions.get(country_code=country) or () if country else ():
        if fold(sub.name) == fold(region):
            return sub.code
    return None
