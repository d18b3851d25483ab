"""The law engine on cases taken from the seeds: which provisions, aggravating circumstances,
procedure notes and gaps apply. Ids are the YAML ids (CL-161-K-2 = Chile bill art. 161-K,
second paragraph)."""
from __future__ import annotations

import pytest

from bot.facts import CaseFacts
from bot.rules import applicable_provisions, assess


def ids(facts: CaseFacts) -> set[str]:
    return set(assess(facts).ids)


def possible_ids(facts: CaseFacts) -> set[str]:
    return {p.provision.id for p in assess(facts).possible}


def gap_ids(facts: CaseFacts) -> set[str]:
    return {g.id for g in assess(facts).gaps}


# (facts, expected subset of applicable ids, ids that must NOT apply)
CHILE_BILL = [
    # Seed 000: intimate images traded in a Telegram group created for that (La Serena).
    # 161-K inciso 2° (public dissemination, 400-600 UTM) + 161-L n° 6 (red social destinada
    # a la difusión de contenido sexual).
    (CaseFacts("report_ncii", "CL", region="CL-CO", spread="public", via_group=True,
               platform="telegram"),
     {"CL-161-K-2", "CL-161-L-6", "CL-L21675-161-D"}, {"CL-161-K-1"}),
    # Sent privately: 161-K inciso 1° (250-500 UTM), no public dissemination.
    (CaseFacts("report_ncii", "CL", spread="private"), {"CL-161-K-1"}, {"CL-161-K-2"}),
    # Doxing of a child under 14 -> 161-G inciso 3° (multa 30 UTM + comiso) replaces inciso 1°.
    (CaseFacts("report_doxing", "CL", victim_age=12), {"CL-161-G-3"}, {"CL-161-G-1"}),
    (CaseFacts("report_doxing", "CL", victim_age=30), {"CL-161-G-1"}, {"CL-161-G-3"}),
    # Impersonation used to obtain intimate content -> 161-H inciso 2°.
    (CaseFacts("report_impersonation", "CL", impersonation_to_obtain=True), {"CL-161-H-2"},
     {"CL-161-H-1"}),
    (CaseFacts("report_impersonation", "CL"), {"CL-161-H-1"}, {"CL-161-H-2"}),
    # Cyberflashing to a child under 14 -> 161-I inciso 2° (registro de inhabilidades).
    (CaseFacts("report_cyberflashing", "CL", victim_age=13), {"CL-161-I-2"}, {"CL-161-I-1"}),
    (CaseFacts("report_cyberflashing", "CL", victim_age=20), {"CL-161-I-1"}, {"CL-161-I-2"}),
    # Digital harassment of a minor -> 161-J inciso 3°; 161-D inciso 3° sends digital
    # hostigamiento to 161-J.
    (CaseFacts("report_harassment", "CL", victim_is_minor=True), {"CL-161-J-3", "CL-161-D-3"},
     {"CL-161-J-1"}),
    # 161-L aggravating circumstances: n° 1 lucro, n° 3 (ex) pareja, n° 5 relación laboral o
    # académica.
    (CaseFacts("report_ncii", "CL", relationship="ex_pareja", profit=True),
     {"CL-161-L-1", "CL-161-L-3"}, {"CL-161-L-5", "CL-161-L-6"}),
    (CaseFacts("report_harassment", "CL", relationship="trabajo_estudio"), {"CL-161-L-5"},
     {"CL-161-L-3"}),
    # A stranger, no group, no profit: no aggravating circumstance.
    (CaseFacts("report_ncii", "CL", relationship="desconocido", spread="public"), {"CL-161-K-2"},
     {"CL-161-L-1", "CL-161-L-3", "CL-161-L-5", "CL-161-L-6"}),
]


@pytest.mark.parametrize("facts, expected, excluded", CHILE_BILL)
def test_chile_bill_provisions(facts, expected, excluded):
    found = ids(facts)
    assert expected <= found
    assert not excluded & found


@pytest.mark.parametrize("facts, expected, excluded", [
    # 161-M inciso 1°: acción penal pública previa instancia particular (CPP art. 54).
    (CaseFacts("report_ncii", "CL", victim_age=30), {"CL-161-M-1"}, {"CL-161-M-2", "CL-161-N"}),
    # 161-M inciso 2°: a minor victim makes it acción penal pública (CPP art. 53 inc. 2°);
    # 161-N: the OPD is notified of convictions.
    (CaseFacts("report_ncii", "CL", victim_age=15), {"CL-161-M-2", "CL-161-N"}, {"CL-161-M-1"}),
    (CaseFacts("report_doxing", "CL", victim_is_minor=True), {"CL-161-M-2"}, {"CL-161-M-1"}),
])
def test_chile_procedure_minor_exception(facts, expected, excluded):
    procedure = {p.id for p in assess(facts).procedure}
    assert expected <= procedure
    assert not excluded & procedure


def test_chile_procedure_note_says_complaint_needed_except_minor():
    adult = assess(CaseFacts("report_ncii", "CL", victim_age=30)).procedure
    minor = assess(CaseFacts("report_ncii", "CL", victim_age=15)).procedure
    m1 = next(p for p in adult if p.id == "CL-161-M-1")
    m2 = next(p for p in minor if p.id == "CL-161-M-2")
    assert "previa instancia particular" in m1.explanation and "denuncia" in m1.explanation
    assert "acción penal pública" in m2.explanation and "menor de edad" in m2.explanation


def test_chile_minor_unknown_lists_the_exception_as_possible():
    facts = CaseFacts("report_ncii", "CL", spread="public")
    assert "CL-161-M-1" in ids(facts)
    assert "CL-161-M-2" in possible_ids(facts)


def test_chile_spread_unknown_makes_public_paragraph_possible():
    facts = CaseFacts("report_ncii", "CL")
    assert "CL-161-K-1" in ids(facts)
    assert "CL-161-K-2" in possible_ids(facts)


def test_chile_bill_penalty_as_written_in_seed():
    k2 = next(p for p in applicable_provisions(CaseFacts("report_ncii", "CL", spread="public"))
              if p.id == "CL-161-K-2")
    assert "cuatrocientas a seiscientas unidades tributarias mensuales" in k2.penalty
    assert k2.status.is_bill and k2.status.value == "proyecto de ley"
    assert k2.source.document == "seeds/004_0d1a9bb5cdcb48a5.txt"


def test_chile_aggravating_circumstances_carry_their_article():
    result = assess(CaseFacts("report_ncii", "CL", spread="public", via_group=True))
    (l6,) = [p for p in result.aggravating if p.id == "CL-161-L-6"]
    assert (l6.article, l6.paragraph) == ("161-L", "6")
    assert "red social destinada" in l6.explanation


@pytest.mark.parametrize("facts, gap", [
    # Images obtained with consent may fall outside CP 161-A.
    (CaseFacts("report_ncii", "CL", consent_to_capture=True), "CL-GAP-CONSENT-161-A"),
    # The bill's 161-D collides with the 161-D added by Ley 21.675.
    (CaseFacts("report_harassment", "CL"), "CL-GAP-NUMBERING"),
    (CaseFacts("report_doxing", "CL"), "CL-GAP-NO-SPECIFIC-LAW"),
    (CaseFacts("report_sextortion", "CL"), "CL-GAP-SEXTORTION"),
])
def test_chile_gaps(facts, gap):
    assert gap in gap_ids(facts)


def test_chile_consent_to_capture_excludes_161a():
    facts = CaseFacts("report_ncii", "CL", consent_to_capture=True)
    assert "CL-CP-161-A" not in ids(facts) | possible_ids(facts)
    assert "CL-CP-161-A" in possible_ids(CaseFacts("report_ncii", "CL", consent_to_capture=False))


MEXICO = [
    # Ley Olimpia: CPF 199 Octies, aggravated by 199 Decies (+½) when the offender is an ex.
    (CaseFacts("report_ncii", "MX", relationship="ex_pareja", victim_age=24),
     {"MX-CPF-199-OCTIES", "MX-CPF-199-DECIES", "MX-LGAMVLV-VD"}, {"MX-SLP-187"}),
    (CaseFacts("report_ncii", "MX", relationship="desconocido", victim_is_minor=False),
     {"MX-CPF-199-OCTIES"}, {"MX-CPF-199-DECIES"}),
    # Seed 001 (San Luis Potosí): state CP art. 187 "difusión ilícita de imágenes".
    (CaseFacts("report_ncii", "MX", region="MX-SLP"), {"MX-SLP-187"}, set()),
    # A region given by name (an older caller) still matches its ISO 3166-2 code.
    (CaseFacts("report_ncii", "MX", region="san luis potosi"), {"MX-SLP-187"}, set()),
    # 199 Octies speaks of adults; a minor's images are CPF 202 (pornografía de menores).
    (CaseFacts("report_ncii", "MX", victim_age=16), {"MX-LGAMVLV-VD", "MX-CPF-202"},
     {"MX-CPF-199-OCTIES"}),
]


@pytest.mark.parametrize("facts, expected, excluded", MEXICO)
def test_mexico_provisions(facts, expected, excluded):
    found = ids(facts)
    assert expected <= found
    assert not excluded & found


@pytest.mark.parametrize("facts, gap", [
    (CaseFacts("report_ncii", "MX", region="MX-SLP"), "MX-GAP-SLP-ONLY-DIFUSION"),
    (CaseFacts("report_sextortion", "MX", region="MX-SLP"), "MX-GAP-SLP-ONLY-DIFUSION"),
    (CaseFacts("report_ncii", "MX", region="MX-SLP", victim_age=16), "MX-GAP-SLP-MINORS"),
    (CaseFacts("report_ncii", "MX", victim_age=16), "MX-GAP-MINORS"),
    (CaseFacts("report_ncii", "MX"), "GEN-REGION_UNKNOWN"),
    (CaseFacts("report_doxing", "MX"), "GEN-NO_VERIFIED_NORM"),
])
def test_mexico_gaps(facts, gap):
    assert gap in gap_ids(facts)


def test_slp_gap_says_only_difusion():
    result = assess(CaseFacts("report_ncii", "MX", region="MX-SLP"))
    (gap,) = [g for g in result.gaps if g.id == "MX-GAP-SLP-ONLY-DIFUSION"]
    assert "solo la difusión" in gap.text


MENDOZA = [
    # Seed 003: sanctions doubled (min and max) for a child victim, a (former) partner, or two
    # or more people.
    (CaseFacts("report_ncii", "AR", region="AR-M", victim_age=15), "AR-MZA-AGR-NNA"),
    (CaseFacts("report_ncii", "AR", region="AR-M", relationship="ex_pareja"), "AR-MZA-AGR-PAREJA"),
    (CaseFacts("report_ncii", "AR", region="AR-M", relationship="pareja"), "AR-MZA-AGR-PAREJA"),
    (CaseFacts("report_harassment", "AR", region="AR-M", several_aggressors=True),
     "AR-MZA-AGR-DOS-O-MAS"),
    (CaseFacts("report_impersonation", "AR", region="AR-M", relationship="familiar"),
     "AR-MZA-AGR-FAMILIAR"),
]


@pytest.mark.parametrize("facts, aggravating", MENDOZA)
def test_mendoza_penalties_doubled(facts, aggravating):
    result = assess(facts)
    (found,) = [p for p in result.aggravating if p.id == aggravating]
    assert "duplican" in found.penalty
    assert found.status.is_bill and not found.status.enactment_verified


@pytest.mark.parametrize("facts, expected, excluded", [
    (CaseFacts("report_ncii", "AR", region="AR-M", victim_age=30),
     {"AR-MZA-68-DIFUSION-SEXUAL", "AR-MZA-68-DIFUSION-INTIMA", "AR-LEY-27736"},
     {"AR-MZA-AGR-NNA"}),
    # The "sexual images" conduct is about adults; a child victim keeps the intimate-content one.
    (CaseFacts("report_ncii", "AR", region="AR-M", victim_age=15),
     {"AR-MZA-68-DIFUSION-INTIMA"}, {"AR-MZA-68-DIFUSION-SEXUAL"}),
    (CaseFacts("report_impersonation", "AR", region="AR-M"), {"AR-MZA-68-SUPLANTACION"}, set()),
    (CaseFacts("report_cyberflashing", "AR", region="AR-M"), {"AR-MZA-68-CIBERACOSO-SEXUAL"}, set()),
    # Without the region, only national law: Ley 27.736 (protection, no crime).
    (CaseFacts("report_ncii", "AR", relationship="ex_pareja"), {"AR-LEY-27736"},
     {"AR-MZA-68-DIFUSION-INTIMA", "AR-MZA-AGR-PAREJA"}),
])
def test_argentina_provisions(facts, expected, excluded):
    found = ids(facts)
    assert expected <= found
    assert not excluded & found


def test_argentina_ley_27736_creates_no_crime():
    result = assess(CaseFacts("report_ncii", "AR"))
    assert [p.kind for p in result.provisions] == ["protection"]
    assert {"AR-GAP-NO-CRIME", "GEN-REGION_UNKNOWN"} <= {g.id for g in result.gaps}


@pytest.mark.parametrize("facts, expected, excluded", [
    # CP 197.7, aggravated when the offender is a partner or ex.
    (CaseFacts("report_ncii", "ES", relationship="pareja", consent_to_capture=True),
     {"ES-197-7", "ES-197-7-AGRAVADO"}, set()),
    (CaseFacts("report_ncii", "ES", relationship="ex_pareja", consent_to_capture=True),
     {"ES-197-7-AGRAVADO"}, set()),
    (CaseFacts("report_ncii", "ES", relationship="conocido", consent_to_capture=True),
     {"ES-197-7", "ES-197-7-REENVIO"}, {"ES-197-7-AGRAVADO"}),
])
def test_spain_provisions(facts, expected, excluded):
    found = ids(facts)
    assert expected <= found
    assert not excluded & found


@pytest.mark.parametrize("facts, gap", [
    (CaseFacts("report_ncii", "PE"), "GEN-UNSUPPORTED"),
    (CaseFacts("report_ncii", "pe"), "GEN-UNSUPPORTED"),
    (CaseFacts("report_ncii", None), "GEN-NO_COUNTRY"),
])
def test_unsupported_country_is_an_honest_gap(facts, gap):
    result = assess(facts)
    assert not result.supported and not result.ids
    assert [g.id for g in result.gaps] == [gap]


def test_lowercase_country_code_is_accepted():
    assert "CL-161-K-2" in ids(CaseFacts("report_ncii", "cl", spread="public"))


@pytest.mark.parametrize("facts", [
    CaseFacts("report_ncii", "CL", spread="public", via_group=True),
    CaseFacts("report_ncii", "MX", region="MX-SLP", relationship="ex_pareja"),
    CaseFacts("report_ncii", "AR", region="AR-M", victim_age=15),
    CaseFacts("report_ncii", "ES", relationship="pareja"),
    CaseFacts("report_sextortion", "ES"),
    CaseFacts("report_account_takeover", "MX"),
])
def test_every_listed_entry_has_its_source(facts):
    result = assess(facts)
    listed = (*result.provisions, *result.aggravating, *result.procedure,
              *(p.provision for p in result.possible))
    assert listed
    assert {p.source for p in listed} <= set(result.sources)
    for provision in listed:
        assert provision.confidence in ("high", "medium")
        assert provision.source.quote and provision.source.document


def test_provisions_in_force_come_before_bills():
    result = assess(CaseFacts("report_ncii", "CL", spread="public"))
    statuses = [p.status.is_bill for p in result.provisions]
    assert statuses == sorted(statuses)


def test_assessment_is_frozen():
    result = assess(CaseFacts("report_ncii", "CL"))
    with pytest.raises(AttributeError):
        result.provisions = ()  # type: ignore[misc]


def test_unknown_incident_is_a_coding_error():
    with pytest.raises(ValueError, match="report_nope"):
        assess(CaseFacts("report_nope", "CL"))
