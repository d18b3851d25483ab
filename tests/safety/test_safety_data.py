"""safety.yml is validated at start-up: a bad entry stops the bot with its name."""
from __future__ import annotations

import copy

import pytest
import yaml

from bot.safety import SAFETY_DATA_PATH, SafetyDataError, load_safety_data

RAW = yaml.safe_load(SAFETY_DATA_PATH.read_text(encoding="utf-8"))


def load_changed(tmp_path, change) -> None:
    data = copy.deepcopy(RAW)
    change(data)
    path = tmp_path / "safety.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_safety_data(path)


def test_the_shipped_file_loads():
    data = load_safety_data()
    assert data.age_rules and data.minor_keywords.patterns and data.replies


@pytest.mark.parametrize("change, message", [
    (lambda d: d["minors"]["keywords"].append("me {nope}"),
     r"minors\.keywords\[\d+\]: unknown set"),
    (lambda d: d["negation"]["negators"].append(False), r"negation.negators\[3\].*not text"),
    (lambda d: d["sets"]["image_noun"].append(True), r"sets.image_noun\[.*not text"),
    (lambda d: d["replies"]["asks_for_images"]["patterns"].append("quiere|"), "empty choice"),
    (lambda d: d["replies"]["asks_for_images"]["patterns"].append("[me quiero"), "unbalanced"),
    (lambda d: d["minors"]["figurative"].append("tomarc* algo"), "bad word start"),
    (lambda d: d["minors"]["keywords"].append("re"), "empty once normalised"),
    (lambda d: d["minors"]["ages"].append({"pattern": "tengo # y #"}), "exactly one #"),
    (lambda d: d["sets"].update({"loop": ["{loop} x"]}) or
     d["minors"]["keywords"].append("{loop}"), "refers to itself"),
    (lambda d: d.pop("minors"), "missing field 'minors'"),
])
def test_bad_entries_are_refused_with_their_name(tmp_path, change, message):
    with pytest.raises(SafetyDataError, match=message):
        load_changed(tmp_path, change)
