"""Which services a case gets, per (country, region, incident, age, platform)."""
from __future__ import annotations

import pytest

from bot.directory import services_for
from bot.facts import CaseFacts

ADULT = 30
MINOR = 15


@pytest.mark.parametrize("facts, expected, never", [
    # The seed case: La Serena Telegram group, adult woman.
    (CaseFacts("report_ncii", "CL", victim_age=ADULT, platform="telegram"),
     {"int-stopncii", "int-telegram", "cl-134", "cl-fiscalia", "cl-sernameg"},
     {"int-takeitdown", "int-telegram-child", "cl-147"}),
    (CaseFacts("report_ncii", "CL", region="CL-CO", platform="telegram"),
     {"cl-pdi-bridec-la-serena", "cl-coquimbo-centros-mujer", "cl-sernameg"}, set()),
    (CaseFacts("report_ncii", "CL", platform="instagram"), {"int-meta"}, {"int-telegram", "cl-pdi-bridec-la-serena"}),
    # I8: Fonoinfancia supports parents; it is not offered to the child.
    (CaseFacts("report_harassment", "CL", victim_age=MINOR), {"cl-147"}, {"cl-sernameg", "cl-fonoinfancia"}),
    (CaseFacts("report_harassment", "CL", victim_age=MINOR, writer="parent"), {"cl-147", "cl-fonoinfancia"}, {"cl-sernameg"}),
    (CaseFacts("report_harassment", "CL", relationship="ex_pareja"), {"cl-149"}, set()),
    (CaseFacts("report_harassment", "CL", relationship="desconocido"), set(), {"cl-149"}),
    # Child sexual material found by someone (W5): police, never StopNCII nor Take It Down.
    (CaseFacts("report_csam", "MX"), {"mx-089"}, {"int-stopncii", "int-google-search", "int-takeitdown"}),
    (CaseFacts("report_csam", "MX", region="MX-SLP", platform="telegram"),
     {"int-telegram-child", "int-telegram-search", "mx-slp-policia-cibernetica", "mx-slp-fge"},
     {"int-stopncii", "int-takeitdown"}),
    (CaseFacts("report_csam", "CL"), {"cl-134", "cl-fiscalia", "cl-147", "cl-denuncia-seguro"},
     {"int-stopncii", "int-inhope", "cl-teprotejo", "int-takeitdown"}),
    (CaseFacts("report_csam", "ES"), {"es-aepd", "es-anar", "int-inhope"}, {"int-stopncii", "int-takeitdown"}),
    (CaseFacts("report_csam", "PE"), {"int-inhope"}, {"int-stopncii", "int-takeitdown"}),
    # A parent, or the child, may use Take It Down for the child's own images.
    (CaseFacts("report_csam", "CL", writer="parent"), {"int-takeitdown"}, {"int-stopncii"}),
    (CaseFacts("report_csam", "CL", victim_age=15), {"int-takeitdown"}, {"int-stopncii"}),
    # Minors' images go to Take It Down, not StopNCII or Google's adult form.
    (CaseFacts("report_ncii", "ES", victim_age=MINOR), {"int-takeitdown", "es-anar", "es-aepd"},
     {"int-stopncii", "int-google-search"}),
    (CaseFacts("report_sextortion", "AR", victim_is_minor=True), {"int-takeitdown", "ar-0800-abuso-infantil", "ar-137"},
     {"int-stopncii"}),
    # Spain sextortion: 017, AEPD, StopNCII.
    (CaseFacts("report_sextortion", "ES", victim_age=ADULT), {"es-017", "es-aepd", "int-stopncii", "es-016"}, {"int-takeitdown"}),
    # Mendoza: MPF Mendoza only inside Mendoza.
    (CaseFacts("report_ncii", "AR", region="AR-M"), {"ar-mza-ufdi", "ar-144", "int-stopncii"}, set()),
    (CaseFacts("report_ncii", "AR"), {"ar-144"}, {"ar-mza-ufdi"}),
    (CaseFacts("report_ncii", "MX", region="San Luis Potosi"), {"mx-slp-policia-cibernetica"}, set()),
    (CaseFacts("report_ncii", "MX", region="MX-CMX"), {"mx-consejo-ciudadano"}, {"mx-slp-policia-cibernetica"}),
    # Platforms: Discord has no checked source, so no Discord entry is ever offered.
    (CaseFacts("report_harassment", "CL", platform="discord"), set(), {"int-discord"}),
    (CaseFacts("report_ncii", "CL", platform="whatsapp"), {"int-whatsapp"}, {"int-meta"}),
    (CaseFacts("report_ncii", "CL", platform="tiktok"), {"int-tiktok"}, set()),
    (CaseFacts("report_ncii", "CL", platform="x"), {"int-x"}, set()),
    (CaseFacts("report_ncii", "PE", platform="facebook"), {"int-meta", "int-stopncii", "int-google-search"}, set()),
])
def test_services_for_case(facts, expected, never):
    chosen = {service.id for service in services_for(facts)}
    assert expected <= chosen, expected - chosen
    assert not (never & chosen), never & chosen


@pytest.mark.parametrize("country", ["PE", None, "US"])
def test_unsupported_country_gets_only_international_routes(country):
    assert {s.country for s in services_for(CaseFacts("report_ncii", country, platform="instagram"))} == {"INT"}


@pytest.mark.parametrize("facts, kinds, first", [
    (CaseFacts("report_ncii", "CL", region="CL-CO"), ["report_police"], "cl-pdi-bridec-la-serena"),
    (CaseFacts("report_ncii", "CL", region="CL-CO"), ["support"], "cl-coquimbo-centros-mujer"),
    (CaseFacts("report_ncii", "MX", region="MX-SLP"), ["report_prosecutor"], "mx-slp-fge"),
    (CaseFacts("report_ncii", "ES"), ["takedown"], "es-aepd"),
    (CaseFacts("report_ncii", "CL", region="CL-CO"), None, "cl-pdi-bridec-la-serena"),
])
def test_regional_entries_come_first(facts, kinds, first):
    assert services_for(facts, kinds=kinds)[0].id == first


def test_kinds_and_limit():
    facts = CaseFacts("report_ncii", "CL")
    chosen = services_for(facts, kinds=["report_police", "report_prosecutor"], limit=2)
    assert [s.id for s in chosen] == ["cl-134", "cl-fiscalia"]
    assert all(set(s.kinds) & {"report_police", "report_prosecutor"} for s in services_for(facts, kinds=["report_police", "report_prosecutor"]))
