"""The loader refuses bad law files with the file, entry id and field; new jurisdictions are
discovered; ``python -m bot.rules check`` validates everything."""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.facts import CaseFacts
from bot.rules import LawDataError, assess, explain_rights, load_law
from bot.rules.__main__ import main as check_main
from bot.rules.loader import LAW_DIR

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

#: A minimal valid jurisdiction, as an NGO would write it for Peru.
MINIMAL = {
    "jurisdiction": {"country": "PE", "name": "Perú", "paragraph_format": "párrafo {n}°"},
    "provisions": [{
        "id": "PE-TEST-1",
        "kind": "offence",
        "law": "Ley de prueba",
        "article": "1",
        "paragraph": 2,
        "title": "Difusión de prueba",
        "explanation": "Texto de prueba.",
        "penalty": "pena de prueba",
        "status": {"value": "vigente", "stage": "publicada", "date": "2020-01-01"},
        "source": {"document": "reference/example.md", "article": "art. 1",
                   "quote": "Artículo 1.- Será sancionado quien difunda ..."},
        "checked": "2026-11-25",
        "confidence": "high",
        "incidents": ["report_ncii"],
        "conditions": {"spread": "public"},
    }],
    "gaps": [{
        "id": "PE-GAP-1",
        "text": "Nota de prueba.",
        "incidents": ["report_doxing"],
        "source": {"document": "reference/example.md", "article": "art. 2"},
        "checked": "2026-11-25",
        "confidence": "medium",
    }],
}


def write(directory: Path, data: dict, name: str = "PE.yml") -> Path:
    path = directory / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def broken(mutate) -> dict:
    data = copy.deepcopy(MINIMAL)
    mutate(data["provisions"][0], data)
    return data


def test_minimal_file_is_valid(tmp_path):
    write(tmp_path, MINIMAL)
    knowledge = load_law(tmp_path)
    assert set(knowledge.jurisdictions) == {"PE"}


def test_regional_provision_with_iso_code_is_valid(tmp_path):
    data = broken(lambda p, d: p.update(region="PE-LIM"))
    write(tmp_path, data)
    assert load_law(tmp_path).jurisdictions["PE"].regions == ("PE-LIM",)


# (change to the provision, field named in the error)
BAD_PROVISIONS = [
    (lambda p, d: p.pop("source"), "source"),
    (lambda p, d: p.pop("status"), "status"),
    (lambda p, d: p.pop("confidence"), "confidence"),
    (lambda p, d: p.pop("checked"), "checked"),
    (lambda p, d: p["source"].pop("document"), "source.document"),
    (lambda p, d: p["source"].pop("article"), "source.article"),
    (lambda p, d: p["status"].pop("stage"), "status.stage"),
    (lambda p, d: p["status"].pop("date"), "status.date"),
    (lambda p, d: p["status"].update(value="en vigor"), "status.value"),
    (lambda p, d: p.update(confidence="very high"), "confidence"),
    (lambda p, d: p.update(checked="ayer"), "checked"),
    (lambda p, d: p.update(incidents=["report_revenge"]), "report_revenge"),
    (lambda p, d: p.update(conditions={"victim_gender": "female"}), "victim_gender"),
    (lambda p, d: p.update(conditions={"spread": "everywhere"}), "spread"),
    (lambda p, d: p.update(conditions={"unknown_fact": "not_a_label"}), "unknown_fact"),
    (lambda p, d: p.update(confidense="high"), "confidense"),
    (lambda p, d: p.update(kind="law"), "kind"),
    (lambda p, d: p.update(replaces=["PE-NOPE"]), "replaces"),
    (lambda p, d: p.pop("penalty"), "penalty"),
    (lambda p, d: p.update(id="CL-TEST-1"), "id"),
    # Issue 14: a provision must quote the passage it relies on.
    (lambda p, d: p["source"].pop("quote"), "source.quote"),
    (lambda p, d: p["source"].update(quote="art. 1"), "source.quote"),
    (lambda p, d: p["source"].update(url="http://ejemplo.org"), "source.url"),
    # Regions are ISO 3166-2 codes of the file's country.
    (lambda p, d: p.update(region="Lima"), "region"),
    (lambda p, d: p.update(region="CL-CO"), "region"),
]


@pytest.mark.parametrize("mutate, field", BAD_PROVISIONS)
def test_loader_refuses_bad_provision(tmp_path, mutate, field):
    data = broken(mutate)
    write(tmp_path, data)
    with pytest.raises(LawDataError) as error:
        load_law(tmp_path)
    message = str(error.value)
    assert "PE.yml" in message
    assert data["provisions"][0]["id"] in message
    assert field in message


@pytest.mark.parametrize("field", ["source", "confidence", "checked"])
def test_loader_refuses_gap_without(tmp_path, field):
    data = copy.deepcopy(MINIMAL)
    data["gaps"][0].pop(field)
    write(tmp_path, data)
    with pytest.raises(LawDataError, match=rf"PE\.yml.*PE-GAP-1.*{field}"):
        load_law(tmp_path)


def test_loader_refuses_aggravating_without_target(tmp_path):
    data = copy.deepcopy(MINIMAL)
    data["provisions"].append({**copy.deepcopy(MINIMAL["provisions"][0]), "id": "PE-AGR",
                               "kind": "aggravating", "aggravates": ["PE-OTHER"]})
    write(tmp_path, data)
    with pytest.raises(LawDataError, match=r"PE-AGR.*aggravates.*PE-OTHER"):
        load_law(tmp_path)


def test_loader_refuses_duplicate_ids(tmp_path):
    data = copy.deepcopy(MINIMAL)
    data["provisions"].append(copy.deepcopy(MINIMAL["provisions"][0]))
    write(tmp_path, data)
    with pytest.raises(LawDataError, match="PE-TEST-1.*duplicate"):
        load_law(tmp_path)


def test_file_name_must_be_the_country_code(tmp_path):
    write(tmp_path, MINIMAL, name="peru.yml")
    with pytest.raises(LawDataError, match="peru.yml"):
        load_law(tmp_path)


def test_country_must_match_file_name(tmp_path):
    write(tmp_path, MINIMAL, name="BO.yml")
    with pytest.raises(LawDataError, match="BO.yml"):
        load_law(tmp_path)


def test_invalid_yaml_names_the_file(tmp_path):
    (tmp_path / "PE.yml").write_text("jurisdiction: [unclosed\n", encoding="utf-8")
    with pytest.raises(LawDataError, match="PE.yml"):
        load_law(tmp_path)


def test_new_jurisdiction_is_picked_up(tmp_path):
    write(tmp_path, MINIMAL)
    facts = CaseFacts("report_ncii", "PE", spread="public")
    result = assess(facts, law_dir=tmp_path)
    assert result.supported and result.jurisdiction_name == "Perú"
    assert result.ids == {"PE-TEST-1"}
    text = explain_rights(facts, law_dir=tmp_path)
    assert "Ley de prueba, art. 1, párrafo 2°" in text
    assert "no asesoría legal" in text


def test_new_jurisdiction_next_to_the_real_ones(tmp_path):
    for path in LAW_DIR.glob("*.yml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    write(tmp_path, MINIMAL)
    assert set(load_law(tmp_path).jurisdictions) == {"AR", "CL", "ES", "MX", "PE"}


def test_shipped_knowledge_is_valid():
    knowledge = load_law()
    assert set(knowledge.jurisdictions) >= {"CL", "MX", "AR", "ES"}
    regions = {r for j in knowledge.jurisdictions.values() for r in j.regions}
    assert {"MX-SLP", "AR-M"} <= regions


def test_every_chile_bill_provision_cites_the_seed():
    chile = load_law().jurisdictions["CL"]
    bill = [p for p in chile.provisions if p.status.is_bill]
    assert {p.article for p in bill} == {"161-D", "161-E", "161-F", "161-G", "161-H", "161-I",
                                         "161-J", "161-K", "161-L", "161-M", "161-N", "161-Ñ"}
    assert {p.source.document for p in bill} == {"seeds/004_0d1a9bb5cdcb48a5.txt"}


@pytest.mark.skipif(not SHARED.exists(), reason="shared seeds not available")
def test_cited_seed_files_exist():
    knowledge = load_law()
    for jurisdiction in knowledge.jurisdictions.values():
        for entry in (*jurisdiction.provisions, *jurisdiction.gaps):
            document = entry.source.document
            if document.startswith("seeds/"):
                assert (SHARED / document.split()[0]).exists(), (entry.id, document)


def test_check_command_prints_one_line_per_jurisdiction(capsys):
    assert check_main(["check", "--today", "2026-12-02"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[:-1]] == ["AR", "CL", "ES", "MX"]
    assert out[-1].startswith("OK: 4 jurisdictions")


def test_check_command_fails_on_bad_file(tmp_path, capsys):
    write(tmp_path, broken(lambda p, d: p.pop("confidence")))
    assert check_main(["check", "--dir", str(tmp_path)]) == 1
    assert "PE-TEST-1" in capsys.readouterr().err


def test_check_command_runs_as_module():
    done = subprocess.run([sys.executable, "-m", "bot.rules", "check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "CL  Chile" in done.stdout


DOCS = ROOT / "docs" / "law.md"


@pytest.mark.skipif(not DOCS.exists(), reason="docs/law.md merged elsewhere")
def test_docs_example_is_a_valid_jurisdiction(tmp_path):
    import re

    example = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)[0]
    (tmp_path / "PE.yml").write_text(example, encoding="utf-8")
    assert "PE" in load_law(tmp_path).jurisdictions
