"""The facts of a case, as the bot understood them from the conversation.

Everything in ``bot/`` takes and returns these frozen dataclasses, never loose tracker dicts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

#: Incident intents, each one a kind of digital violence the bot knows about.
INCIDENTS: tuple[str, ...] = (
    "report_ncii",
    "report_sextortion",
    "report_doxing",
    "report_impersonation",
    "report_cyberflashing",
    "report_harassment",
    "report_threat",
    "report_account_takeover",
    "report_csam",
    "report_defamation",
)

#: Countries with law and services in ``bot/knowledge``; any other ISO code is "unsupported".
SUPPORTED_COUNTRIES: tuple[str, ...] = ("CL", "MX", "AR", "ES")

#: Values of the ``aggressor_relationship`` slot.
RELATIONSHIPS: tuple[str, ...] = (
    "pareja",
    "ex_pareja",
    "familiar",
    "trabajo_estudio",
    "conocido",
    "desconocido",
)

#: Values of the ``platform`` slot.
PLATFORMS: tuple[str, ...] = (
    "telegram",
    "whatsapp",
    "instagram",
    "facebook",
    "tiktok",
    "x",
    "discord",
    "snapchat",
    "onlyfans",
    "email",
    "other",
)

#: Age under which Chile's bill and others add special protection ("menor de 14 años").
UNDER_14 = 14
#: Age of majority in every supported country.
ADULT_AGE = 18


@dataclass(frozen=True)
class CaseFacts:
    """What happened, to whom, where and how.

    Args:
        incident: one of ``INCIDENTS``.
        country: ISO 3166-1 alpha-2 code (``CL``, ``MX``, ``AR``, ``ES``, or another), or None.
        region: region name as in ``bot/knowledge/places.yml`` (``Coquimbo``,
            ``San Luis Potosí``, ``Mendoza``, ``Madrid``), or None.
        victim_is_minor: the person affected is under 18 (None = not known).
        victim_age: age in years if the person said it.
        relationship: one of ``RELATIONSHIPS`` (who the aggressor is to the victim).
        spread: ``"public"`` (published, shared in groups) or ``"private"`` (sent to
            one person), or None.
        profit: the aggressor sells the content or seeks money from it.
        via_group: done through a group or network created to spread sexual content
            (the Telegram groups of the seeds).
        impersonation_to_obtain: a false identity was used to obtain the intimate content.
        consent_to_capture: the person agreed to the recording but not to its spread.
        several_aggressors: two or more people took part.
        platform: one of ``PLATFORMS``.
    """

    incident: str
    country: Optional[str] = None
    region: Optional[str] = None
    victim_is_minor: Optional[bool] = None
    victim_age: Optional[int] = None
    relationship: Optional[str] = None
    spread: Optional[str] = None
    profit: bool = False
    via_group: bool = False
    impersonation_to_obtain: bool = False
    consent_to_capture: Optional[bool] = None
    several_aggressors: bool = False
    platform: Optional[str] = None

    @property
    def minor(self) -> bool:
        """True when the person affected is known to be under 18."""
        if self.victim_age is not None:
            return self.victim_age < ADULT_AGE
        return bool(self.victim_is_minor) or self.incident == "report_csam"

    @property
    def under_14(self) -> bool:
        """True when the person affected is known to be under 14."""
        return self.victim_age is not None and self.victim_age < UNDER_14
