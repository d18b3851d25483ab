"""Every YAML file of bot/knowledge is read by bot.yaml_checks.load_yaml: a broken, empty or
missing file stops start-up with one DataError naming the file (and the line), whatever
loader read it."""
from __future__ import annotations

import pytest

from bot import generated
from bot.channels.texts import ChannelTextsError
from bot.channels.texts import load_texts as load_channel_texts
from bot.dialogue.texts import DialogueDataError
from bot.dialogue.texts import load_texts as load_dialogue_texts
from bot.directory import DirectoryError, load_directory
from bot.phrases.compiler import SafetyDataError
from bot.phrases.safety_data import load_safety_data
from bot.privacy.redaction import PrivacyDataError, load_privacy_data
from bot.reading import clauses, text
from bot.reading.risk_data import RiskDataError, load_risk_data
from bot.reading.text import KnowledgeError
from bot.rules import LawDataError, load_law
from bot.yaml_checks import DataError, load_yaml, shown_path

#: Line 3 opens a flow sequence that is never closed.
BROKEN = "first: ok\nsecond:\n  - [one, two\nthird: 3\n"
#: Where PyYAML finds the mistake: the ":" of "third:", still inside the open sequence.
BROKEN_AT = "line 4, column 6"


def write(tmp_path, name: str, content: str):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def test_broken_yaml_names_file_line_and_column(tmp_path):
    path = write(tmp_path, "broken.yml", "texts:\n  hello: hola\n   bye: chau\n")
    with pytest.raises(DataError) as caught:
        load_yaml(path)
    assert str(caught.value).startswith(f"{path}: line 3, column 7: not valid YAML: ")
    assert caught.value.file == str(path)
    assert caught.value.problem.startswith("line 3, column 7: ")


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n# and another\n"])
def test_empty_file_is_refused(tmp_path, content):
    path = write(tmp_path, "empty.yml", content)
    with pytest.raises(DataError, match=r"empty\.yml: the file is empty$"):
        load_yaml(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(DataError, match=r"nope\.yml: file not found$"):
        load_yaml(tmp_path / "nope.yml")


def test_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.yml"
    path.write_bytes("texts:\n  hello: canción\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"latin1\.yml: byte \d+: not UTF-8"):
        load_yaml(path)


def test_a_loaders_own_class_is_raised():
    with pytest.raises(LawDataError, match="file not found"):
        load_yaml(__file__ + ".missing", error=LawDataError)


def test_a_valid_file_is_read(tmp_path):
    assert load_yaml(write(tmp_path, "ok.yml", "a: [1, 2]\n")) == {"a": [1, 2]}


def test_repository_files_are_shown_relative_to_it():
    assert shown_path(text.KNOWLEDGE / "places.yml") == "bot/knowledge/places.yml"


@pytest.mark.parametrize("error", [
    LawDataError, DirectoryError, SafetyDataError, RiskDataError, DialogueDataError,
    KnowledgeError, ChannelTextsError, PrivacyDataError,
])
def test_every_loader_error_is_a_data_error(error):
    assert issubclass(error, DataError)
    assert issubclass(error, ValueError)


def _law(tmp_path, path):
    load_law(tmp_path)


def _directory(tmp_path, path):
    load_directory(extra_path=path)


def _dialogue(tmp_path, path):
    load_dialogue_texts(replies_path=path)


def _reading(tmp_path, path, monkeypatch):
    monkeypatch.setattr(text, "KNOWLEDGE", tmp_path)
    text.load_yaml.cache_clear()
    try:
        text.load_yaml(path.name)
    finally:
        text.load_yaml.cache_clear()


def _clauses(tmp_path, path, monkeypatch):
    monkeypatch.setattr(clauses, "CLAUSES_DATA", path)
    clauses._splitter.cache_clear()
    try:
        clauses.split_clauses("hola")
    finally:
        clauses._splitter.cache_clear()


def _generated(tmp_path, path):
    generated.render_lookups(knowledge=tmp_path)


LOADERS = [
    ("PE.yml", LawDataError, _law),
    ("local.yml", DirectoryError, _directory),
    ("safety.yml", SafetyDataError, lambda tmp, path: load_safety_data(path)),
    ("risk.yml", RiskDataError, lambda tmp, path: load_risk_data(path)),
    ("replies.yml", DialogueDataError, _dialogue),
    ("channel_texts.yml", ChannelTextsError, lambda tmp, path: load_channel_texts(path)),
    ("privacy.yml", PrivacyDataError, lambda tmp, path: load_privacy_data(path)),
    ("questions.yml", KnowledgeError, _reading),
    ("clauses.yml", KnowledgeError, _clauses),
    ("places.yml", KnowledgeError, _generated),
]


def _call(loader, tmp_path, path, monkeypatch):
    if loader in (_reading, _clauses):
        loader(tmp_path, path, monkeypatch)
    else:
        loader(tmp_path, path)


@pytest.mark.parametrize("name, error, loader", LOADERS, ids=[name for name, _, _ in LOADERS])
def test_each_loader_refuses_broken_yaml_naming_file_and_line(tmp_path, monkeypatch, name,
                                                              error, loader):
    path = write(tmp_path, name, BROKEN)
    with pytest.raises(error) as caught:
        _call(loader, tmp_path, path, monkeypatch)
    assert isinstance(caught.value, DataError)
    assert str(path) in str(caught.value)
    assert f"{BROKEN_AT}: not valid YAML" in str(caught.value)


@pytest.mark.parametrize("name, error, loader", LOADERS, ids=[name for name, _, _ in LOADERS])
def test_each_loader_refuses_an_empty_file(tmp_path, monkeypatch, name, error, loader):
    path = write(tmp_path, name, "# nothing yet\n")
    with pytest.raises(error, match="the file is empty") as caught:
        _call(loader, tmp_path, path, monkeypatch)
    assert str(path) in str(caught.value)


def test_generated_lookups_read_vocabulary_through_the_loader(tmp_path):
    write(tmp_path, "places.yml", (text.KNOWLEDGE / "places.yml").read_text(encoding="utf-8"))
    path = write(tmp_path, "vocabulary.yml", BROKEN)
    with pytest.raises(KnowledgeError, match=rf"vocabulary\.yml: {BROKEN_AT}"):
        generated.render_lookups(knowledge=tmp_path)


@pytest.mark.parametrize("places, vocabulary, message", [
    ("countries: {CL: {names: [chile]}}\n", None, r"places\.yml: top level: missing field 'regions'"),
    ("countries: {CL: {names: [chile]}}\nregions: {CL-RM: {names: [no]}}\n", None,
     r"places\.yml: regions\.CL-RM\.names\[0\]: False is not text"),
    ("countries: {CL: {cities: [santiago]}}\nregions: {}\n", None,
     r"places\.yml: countries\.CL: missing field 'names'"),
    ("countries: {}\nregions: {}\n", "platform: {whatsapp: [whatsapp]}\n",
     r"vocabulary\.yml: top level: missing field 'aggressor_relationship'"),
    ("countries: {}\nregions: {}\n", "platform: {whatsapp: wasap}\naggressor_relationship: {}\n",
     r"vocabulary\.yml: platform\.whatsapp: expected a list of names, got str"),
])
def test_generated_lookups_check_the_entries_they_use(tmp_path, places, vocabulary, message):
    write(tmp_path, "places.yml", places)
    write(tmp_path, "vocabulary.yml",
          vocabulary or (text.KNOWLEDGE / "vocabulary.yml").read_text(encoding="utf-8"))
    with pytest.raises(KnowledgeError, match=message):
        generated.render_lookups(knowledge=tmp_path)


def test_clause_connectors_must_be_text(tmp_path, monkeypatch):
    path = write(tmp_path, "clauses.yml", "connectors: [pero, 3]\n")
    with pytest.raises(KnowledgeError, match=r"clauses\.yml: connectors: must be a non-empty"):
        _clauses(tmp_path, path, monkeypatch)
