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

#: Values of the ``relationship`` slot and ``CaseFacts.relationship`` (the NLU vocabulary key and
#: lookup table are still named ``aggressor_relationship``: bot/reading and data/ own them).
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


#: Who is writing (same vocabulary as ``bot.reading.model.WRITERS``).
WRITERS: tuple[str, ...] = ("self", "parent", "teacher", "friend", "witness")

#: The three answers to "is the person affected under 18?".
MINOR_YES, MINOR_NO, MINOR_UNKNOWN = "yes", "no", "unknown"


@dataclass(frozen=True)
class CaseFacts:
    """What happened, to whom, where and how.

    Args:
        incident: one of ``INCIDENTS``.
        country: ISO 3166-1 alpha-2 code (``CL``, ``MX``, ``AR``, ``ES``, or another), or None.
        region: ISO 3166-2 code (``CL-CO``, ``MX-SLP``, ``AR-M``, ``ES-MD``), or None.
        victim_is_minor: the person affected is under 18 (None = not known or not said).
        victim_age: age in years if the person said it.
        relationship: one of ``RELATIONSHIPS`` (who the aggressor is to the victim).
        spread: ``"public"`` (published, a channel or group made to spread it) or
            ``"private"`` (sent to one person, a private group), or None.
        profit: the aggressor sells the content or seeks money from it.
        via_group: done through a group or network *created to spread sexual content*
            (the Telegram groups of the seeds); a family or class group is not one.
        impersonation_to_obtain: a false identity was used to obtain the intimate content.
        consent_to_capture: the person agreed to the recording but not to its spread.
        several_aggressors: two or more people took part.
        platform: one of ``PLATFORMS``.
        writer: who is writing, one of ``WRITERS`` (None = not said; read as the person).
        lives_with_aggressor: the person lives with the aggressor.
        device_monitored: the aggressor watches or controls the person's phone or accounts.
        anonymous_aggressor: the aggressor acts behind an anonymous or false identity.
        images_taken_as_minor: the images were taken when the person was under 18.
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
    writer: Optional[str] = None
    lives_with_aggressor: bool = False
    device_monitored: bool = False
    anonymous_aggressor: bool = False
    images_taken_as_minor: bool = False

    @property
    def minor_status(self) -> str:
        """``MINOR_YES`` / ``MINOR_NO`` / ``MINOR_UNKNOWN``: is the person affected under 18?

        The one definition used everywhere (law, directory, dialogue). An age said beats the
        yes/no answer; sexual material of minors implies a minor unless the person said
        otherwise (an adult whose images were taken as a minor has
        ``images_taken_as_minor``). Unknown or declined is ``MINOR_UNKNOWN``, never "adult".
        """
        if self.victim_age is not None:
            return MINOR_YES if self.victim_age < ADULT_AGE else MINOR_NO
        if self.victim_is_minor is not None:
            return MINOR_YES if self.victim_is_minor else MINOR_NO
        if self.incident == "report_csam":
            return MINOR_YES
        return MINOR_UNKNOWN

    @property
    def minor(self) -> bool:
        """True only when the person affected is known to be under 18."""
        return self.minor_status == MINOR_YES

    @property
    def age_known(self) -> bool:
        """The person said the age (or whether they are under 18), instead of it being implied."""
        return self.victim_age is not None or self.victim_is_minor is not None

    @property
    def writer_role(self) -> str:
        """Who is writing, as the directory reads it (one of ``WRITERS``).

        ``writer`` when said. Otherwise the person affected (``"self"``), except for sexual
        material of minors reported without any age: that is someone who found the material
        (``"witness"``), not a child telling their own story.
        """
        if self.writer is not None:
            return self.writer
        if self.incident == "report_csam" and not self.age_known:
            return "witness"
        return "self"

    @property
    def material_of_minor(self) -> bool:
        """The content is sexual material of a minor (the person is, or was, under 18)."""
        return self.minor or self.images_taken_as_minor
