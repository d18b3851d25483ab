"""``python -m bot.directory check`` and ``render``."""
from __future__ import annotations

import io
from datetime import date, timedelta

from bot.directory.__main__ import main, stale_entries
from bot.directory.domain import BEGIN, END, DOMAIN_FILE, domain_is_current, render_domain
from bot.directory.load import check_directory


def test_domain_safety_block_is_current():
    """domain.yml's crisis/danger replies match the directory (else: python -m bot.directory render)."""
    assert domain_is_current(DOMAIN_FILE)
    assert main(["render", "--check"], out=io.StringIO()) == 0


def test_render_check_reports_a_stale_domain(tmp_path):
    stale = tmp_path / "domain.yml"
    stale.write_text(f"version: '3.1'\nresponses:\n{BEGIN}\n  utter_crisis: []\n{END}\nslots: {{}}\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["render", "--check", "--domain", str(stale)], out=out) == 1
    assert "stale" in out.getvalue()
    assert main(["render", "--domain", str(stale)], out=io.StringIO()) == 0
    assert domain_is_current(stale)
    text = stale.read_text(encoding="utf-8")
    assert "800 911 2000" in text and text.endswith("slots: {}\n")


def test_render_keeps_the_text_outside_the_block():
    text = DOMAIN_FILE.read_text(encoding="utf-8")
    rendered = render_domain(text)
    assert rendered[: rendered.index(BEGIN)] == text[: text.index(BEGIN)]


def test_check_lists_entries_older_than_the_limit():
    result = check_directory(extra_path=None)
    oldest = min(s.checked for s in result.services if s.shown)
    assert stale_entries(result, today=oldest + timedelta(days=10)) == []
    late = stale_entries(result, today=oldest + timedelta(days=200))
    assert late and all(line.startswith("re-check: ") for line in late)
    assert any("step 'evidence-save'" in line for line in late)
    assert stale_entries(result, max_age_days=5, today=oldest + timedelta(days=10))


def test_check_command_takes_the_age_limit():
    out = io.StringIO()
    assert main(["check", "--max-age-days", "0"], out=out) == 0 or "error" in out.getvalue()
    if date.today() > min(s.checked for s in check_directory(extra_path=None).services):
        assert "re-check:" in out.getvalue()
