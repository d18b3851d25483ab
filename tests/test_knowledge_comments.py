"""The comments of bot/knowledge/ name files that exist (a module that moves is renamed there too)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: A repository path in a comment: bot/directory/render.py, bot/privacy/, docs/safety.md.
PATH_RE = re.compile(r"\b(?:bot|docs|scripts|extensions|actions|tests)/[\w./-]*[\w/]")
#: Files a comment tells the deployer to create.
CREATED_BY_DEPLOYER = {"bot/knowledge/directory/local.yml"}


def test_paths_named_in_knowledge_comments_exist():
    missing = []
    for path in sorted((ROOT / "bot" / "knowledge").rglob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            comment = line.partition("#")[2] if "#" in line else ""
            for named in PATH_RE.findall(comment):
                if named not in CREATED_BY_DEPLOYER and not (ROOT / named).exists():
                    missing.append(f"{path.relative_to(ROOT)}:{number}: {named}")
    assert missing == []
