"""The directory files: every shown entry is sourced, and bad deployer files are refused clearly."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.directory import DirectoryError, check_directory, human_contact, load_directory
from bot.directory.__main__ import main
from bot.directory.model import AGES, DIRECTORY_DIR, INTERNATIONAL, KINDS, PHASES
from bot.facts import INCIDENTS, PLATFORMS, SUPPORTED_COUNTRIES
from tests.directory.conftest import good_entry


def test_shipped_directory_is_valid():
    assert check_directory(extra_path=None).issues == ()


def test_every_shown_entry_has_source_checked_date_and_confidence(directory):
    for service in directory.services:
        if service.shown:
            assert service.source_url, service.id
            assert service.checked is not None, service.id
            assert service.confidence in ("high", "medium"), service.id
            if service.confidence == "medium":
                assert service.source_name, service.id


def test_every_entry_uses_known_vocabularies(directory):
    for service in directory.services:
        assert service.country in (*SUPPORTED_COUNTRIES, INTERNATIONAL), service.id
        assert set(service.kinds) <= set(KINDS), service.id
        assert set(service.incidents or ()) <= set(INCIDENTS), service.id
        assert set(service.platforms or ()) <= set(PLATFORMS), service.id
        assert service.ages in AGES, service.id


def test_takedown_button_titles_exist_for_every_request(directory):
    assert set(directory.takedown["button_titles"]) >= {"ncii", "impersonation", "doxing"}


def test_every_sourced_step_has_sources_and_date(directory):
    for step in directory.steps:
        assert step.phase in PHASES
        if not step.advice:
            assert step.sources and step.checked and step.confidence in ("high", "medium"), step.id


@pytest.mark.parametrize("service_id", ["int-discord", "mx-fevimtra", "ar-ufeci", "mx-088", "cl-teprotejo", "mx-slp-pcm-municipal"])
def test_low_or_unverified_entries_are_kept_hidden(directory, service_id):
    assert directory.service(service_id).shown is False


@pytest.mark.parametrize("changes, field", [
    ({"source_url": None}, "source_url"),
    ({"checked": None}, "checked"),
    ({"checked": "ayer"}, "checked"),
    ({"checked": "2099-01-01"}, "checked"),
    ({"confidence": None}, "confidence"),
    ({"country": "PE"}, "country"),
    ({"kind": "hotline"}, "kind"),
    ({"handles": {"incidents": ["report_stalking"], "ages": "all"}}, "handles.incidents"),
    ({"handles": {"incidents": "all", "ages": "teen"}}, "handles.ages"),
    ({"handles": {"incidents": "all", "ages": "all", "platforms": ["myspace"]}}, "handles.platforms"),
    ({"confidence": "low"}, "confidence"),
    ({"whatsapp": "UNVERIFIED"}, "whatsapp"),
    ({"telefono": "123"}, "telefono"),
    ({"region": "Atlántida"}, "region"),
    ({"region": "Mendoza"}, "region"),
    ({"hours": None}, "hours"),
    ({"phone": "REEMPLAZAR"}, "phone"),
    ({"confidence": "medium"}, "source_name"),
    ({"kind": "emergency", "phone": "999"}, "short"),
    ({"kind": "platform"}, "handles.platforms"),
    ({"id": "Mi Línea"}, "id"),
])
def test_bad_extra_entry_is_refused_naming_file_entry_and_field(write_extra, changes, field):
    path = write_extra(good_entry(**changes))
    with pytest.raises(DirectoryError) as caught:
        load_directory(extra_path=path)
    entry_id = changes.get("id", "ong-acompanamiento")
    assert any(
        issue.file == str(path) and issue.entry_id == entry_id and issue.field == field
        for issue in caught.value.issues
    ), caught.value
    assert str(path) in str(caught.value) and field in str(caught.value)


def test_extra_entry_is_added_and_is_the_human_contact(write_extra):
    directory = load_directory(extra_path=write_extra(good_entry()))
    contact = human_contact("CL", directory=directory)
    assert contact is not None and contact.id == "ong-acompanamiento"
    assert contact.hours == "lunes a viernes de 10:00 a 18:00"
    assert human_contact("MX", directory=directory) is None
    assert human_contact("CL", region="AR-M", directory=directory) is None


def test_shipped_directory_has_no_human_contact(directory):
    for country in (*SUPPORTED_COUNTRIES, None, "PE"):
        assert human_contact(country, directory=directory) is None


def test_extra_entry_with_same_id_replaces_the_shipped_one(write_extra, directory):
    fiscalia = yaml.safe_load((DIRECTORY_DIR / "services" / "cl.yml").read_text(encoding="utf-8"))
    entry = next(e for e in fiscalia["services"] if e["id"] == "cl-fiscalia")
    entry.update(hours="lunes a viernes de 09:00 a 14:00", confidence="high", checked="2026-11-20")
    replaced = load_directory(extra_path=write_extra(entry)).service("cl-fiscalia")
    assert replaced.hours == "lunes a viernes de 09:00 a 14:00"
    assert len(load_directory(extra_path=write_extra(entry)).services) == len(directory.services)


def test_extra_entry_can_hide_a_shipped_one(write_extra):
    cl = yaml.safe_load((DIRECTORY_DIR / "services" / "cl.yml").read_text(encoding="utf-8"))
    entry = next(e for e in cl["services"] if e["id"] == "cl-149")
    entry["verified"] = False
    assert load_directory(extra_path=write_extra(entry)).service("cl-149").shown is False


def test_missing_extra_file_is_an_error(tmp_path):
    with pytest.raises(DirectoryError, match="file not found"):
        load_directory(extra_path=tmp_path / "nope.yml")


def test_invalid_yaml_names_the_file(tmp_path):
    path = tmp_path / "local.yml"
    path.write_text("services: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(DirectoryError) as caught:
        load_directory(extra_path=path)
    assert str(path) in str(caught.value)


def test_duplicate_ids_in_extra_file_are_refused(write_extra):
    with pytest.raises(DirectoryError, match="duplicate id"):
        load_directory(extra_path=write_extra(good_entry(), good_entry()))


def test_shipped_example_is_refused_until_placeholders_are_replaced(tmp_path):
    example = DIRECTORY_DIR / "local.example.yml"
    issues = check_directory(extra_path=example).issues
    assert issues and all("REEMPLAZAR" in issue.problem for issue in issues)
    filled = tmp_path / "local.yml"
    filled.write_text(example.read_text(encoding="utf-8").replace("REEMPLAZAR", "Fundación Ejemplo"), encoding="utf-8")
    directory = load_directory(extra_path=filled)
    assert human_contact("CL", region="CL-CO", directory=directory).id == "ong-acompanamiento"


def _copy_knowledge(tmp_path: Path) -> Path:
    base = tmp_path / "directory"
    shutil.copytree(DIRECTORY_DIR, base, ignore=shutil.ignore_patterns("local.yml"))
    return base


@pytest.mark.parametrize("step, field", [
    ({"id": "bad", "phase": "later", "title": "T", "text": "x", "advice": True}, "phase"),
    ({"id": "bad", "phase": "support", "title": "T", "text": "x"}, "sources"),
    ({"id": "bad", "phase": "support", "title": "T", "text": "x", "advice": True, "when": {"age": 3}}, "when.age"),
    ({"id": "bad", "phase": "support", "title": "T", "text": "x", "advice": True, "services": {"ids": ["nope"]}}, "services.ids"),
    ({"id": "bad", "phase": "support", "title": "T", "text": "x", "sources": ["a"], "checked": "2026-01-01",
      "confidence": "medium"}, "source_name"),
])
def test_bad_step_is_refused_naming_step_and_field(tmp_path, step, field):
    base = _copy_knowledge(tmp_path)
    steps_file = base / "steps.yml"
    data = yaml.safe_load(steps_file.read_text(encoding="utf-8"))
    data["steps"].append(step)
    steps_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    issues = check_directory(base_dir=base, extra_path=None).issues
    assert any(i.file == str(steps_file) and i.entry_id == "bad" and i.field == field for i in issues), issues


# ----------------------------------------------------------------------------- command line


def test_check_command_lists_the_directory_and_exits_zero(capsys, monkeypatch):
    monkeypatch.setattr("bot.directory.__main__.resolve_extra_path", lambda: None)
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "country", "region", "kind", "verified", "checked"]
    assert any(line.startswith("cl-fiscalia ") and "2026-11-25" in line for line in lines)
    assert any(line.startswith("int-discord ") and "NO (never shown)" in line for line in lines)
    assert lines[-1].startswith("ok:")


def test_check_command_with_good_extra_file(write_extra, capsys):
    assert main(["check", "--extra", str(write_extra(good_entry()))]) == 0
    assert "ong-acompanamiento" in capsys.readouterr().out


def test_check_command_exits_non_zero_naming_entry_and_field(write_extra, capsys, monkeypatch):
    path = write_extra(good_entry(kind="hotline"))
    monkeypatch.setenv("ACOMPANA_DIRECTORY_EXTRA", str(path))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"error: {path}: entry 'ong-acompanamiento', field 'kind'" in out
