"""The law engine: ``CaseFacts`` in, applicable provisions, aggravating circumstances,
procedure notes, honest gaps and sources out; plus short Spanish texts for the chat.

Knowledge lives in ``bot/knowledge/law/<CC>.yml`` (one file per jurisdiction, discovered
automatically) and ``bot/knowledge/law/texts.yml``. Check it with ``python -m bot.rules check``
(add ``--max-age-days N --fail-on-stale`` to fail on entries not re-checked for N days).
Regions are ISO 3166-2 codes (``MX-SLP``, ``AR-M``); aggravating circumstances whose fact is
unknown are in ``LegalAssessment.possible_aggravating`` ("podría agravarse si…").

Public API::

    assess(facts, *, law_dir=None) -> LegalAssessment
    applicable_provisions(facts, *, law_dir=None) -> tuple[Provision, ...]
    explain_rights(facts, *, law_dir=None) -> str
    explain_rights_details(facts, *, law_dir=None) -> str
    legal_info(facts_or_country, topic=None, *, law_dir=None) -> str
    consent_definition(country, *, region=None, law_dir=None) -> str
    load_law(law_dir=None) -> LawKnowledge          # raises LawDataError
"""
from bot.rules.engine import applicable_provisions, assess
from bot.rules.errors import LawDataError
from bot.rules.loader import LAW_DIR, clear_cache, load_law
from bot.rules.model import (KINDS, STATUS_BILL, STATUS_IN_FORCE, TOPICS, Gap, LawKnowledge,
                             LegalAssessment, Possible, Provision, Source, Status)
from bot.rules.render import explain_rights, explain_rights_details
from bot.rules.topics import consent_definition, legal_info

__all__ = [
    "KINDS", "LAW_DIR", "STATUS_BILL", "STATUS_IN_FORCE", "TOPICS",
    "Gap", "LawDataError", "LawKnowledge", "LegalAssessment", "Possible", "Provision",
    "Source", "Status",
    "applicable_provisions", "assess", "clear_cache", "consent_definition", "explain_rights",
    "explain_rights_details", "legal_info", "load_law",
]
