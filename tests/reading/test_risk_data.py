"""risk.yml is checked at start-up: a bad entry stops the bot with its file, entry and field."""
from __future__ import annotations

import copy

import pytest
import yaml

from bot.reading.risk_data import RISK_DATA_PATH, RiskDataError, load_risk_data

RAW = yaml.safe_load(RISK_DATA_PATH.read_text(encoding="utf-8"))


def load_changed(tmp_path, change) -> None:
    data = copy.deepcopy(RAW)
    change(data)
    path = tmp_path / "risk.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_risk_data(path)


def test_the_shipped_file_loads_with_every_signal_and_cue():
    data = load_risk_data()
    assert {"means", "act_done", "finality", "wish", "distress", "other", "danger_now",
            "threat"} <= set(data.signals)
    assert all(section.patterns for section in data.signals.values())
    assert set(data.cues) == set(data.cue_scope)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["crisis"]["means"].append("me {nope}"), r"crisis\.means\[\d+\]: unknown set"),
    (lambda d: d["crisis"]["wish"].append(False), r"crisis\.wish\[\d+\].*not text"),
    (lambda d: d["danger"]["threat"].append("quiere|"), "empty choice"),
    (lambda d: d["crisis"]["finality"].append("[me quiero"), "unbalanced"),
    (lambda d: d["crisis"].update({"whish": ["x"]}), "unknown signal"),
    (lambda d: d["crisis"].pop("means"), "missing field 'means'"),
    (lambda d: d["cues"].pop("joke"), "cues: must list exactly"),
    (lambda d: d["cue_scope"].update({"joke": ["means"]}), r"cue_scope\.joke"),
    (lambda d: d["sets"].update({"med": []}), r"sets\.med: must be a non-empty list"),
    (lambda d: d.pop("time"), "missing field 'time'"),
])
def test_bad_entries_are_refused_with_their_name(tmp_path, change, message):
    with pytest.raises(RiskDataError, match=message):
        load_changed(tmp_path, change)


def test_no_phrase_lost_its_number_to_a_yaml_comment():
    # In YAML "- a las #" is "a las" (the rest is a comment): phrases with # need quotes.
    for line in RISK_DATA_PATH.read_text(encoding="utf-8").splitlines():
        item = line.strip()
        if item.startswith("- ") and not item.startswith(('- "', "- '")):
            assert " #" not in item.split("  #")[0], line
