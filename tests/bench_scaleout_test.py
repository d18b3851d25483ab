"""Pure helpers of the scale-out check (scripts/scaleout_check/) and the deploy/ files.

The check itself needs PostgreSQL, Redis and nginx: run scripts/scaleout_check.sh.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.scaleout_check.conversations import (
    Conversation,
    answered,
    country_markers,
    mentions_country,
)
from scripts.scaleout_check.events import slot_values, turns_in_order, user_texts
from scripts.scaleout_check.nginx import nginx_upstreams, render_template
from scripts.scaleout_check.settings import COUNTRIES, ENDPOINTS, NGINX_TEMPLATE, ROOT

NGINX_VALUES = {"ACOMPANA_NGINX_LISTEN": "127.0.0.1:8080", "ACOMPANA_RASA_A": "127.0.0.1:5005",
                "ACOMPANA_RASA_B": "127.0.0.1:5006", "ACOMPANA_NGINX_LOG": "/tmp/acompana.log"}


def row(type_name: str, action: str | None = None, **data) -> tuple:
    """One row of Rasa's events table: (type_name, timestamp, intent_name, action_name, data)."""
    return (type_name, 1.0, None, action, json.dumps({"event": type_name, **data}))


def test_render_template_replaces_only_the_named_variables():
    text = "listen ${A}; set $host ${B} ${OTHER};"
    assert render_template(text, {"A": "80", "B": "x"}) == "listen 80; set $host x ${OTHER};"


def test_nginx_template_has_no_placeholder_left_once_rendered():
    rendered = render_template(NGINX_TEMPLATE.read_text(encoding="utf-8"), NGINX_VALUES)
    assert re.findall(r"\$\{\w+\}", rendered) == []
    assert rendered.count("server 127.0.0.1:5005") == 2  # REST and Socket.IO upstreams
    assert "ip_hash;" in rendered and "Upgrade $http_upgrade" in rendered


@pytest.mark.skipif(not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists(),
                    reason="nginx is not installed (scripts/scaleout_check.sh installs it)")
def test_nginx_accepts_the_rendered_template(tmp_path):
    site = tmp_path / "site.conf"
    site.write_text(render_template(NGINX_TEMPLATE.read_text(encoding="utf-8"),
                                    {**NGINX_VALUES, "ACOMPANA_NGINX_LOG": str(tmp_path / "a.log")}))
    main = tmp_path / "nginx.conf"
    main.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/e.log;\nevents {{}}\n"
                    f"http {{ include {site}; }}\n")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "e.log"), "-c", str(main)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_production_endpoints_take_every_setting_from_the_environment():
    data = yaml.safe_load(ENDPOINTS.read_text(encoding="utf-8"))
    assert data["tracker_store"]["backend"] == "sql"
    assert data["tracker_store"]["dialect"] == "postgresql"
    settings = [data["action_endpoint"]["url"]] + [
        str(data[section][key]) for section, keys in
        {"tracker_store": ("url", "port", "db", "username", "password"),
         "lock_store": ("url", "port", "db")}.items() for key in keys]
    assert all(re.fullmatch(r"\$\{ACOMPANA_[A-Z_]+\}", value) for value in settings), settings


def test_a_conversation_alternates_between_a_and_b_unless_it_goes_through_nginx():
    urls = {"A": "a", "B": "b", "nginx": "n"}
    starts_on_a = Conversation("s", "report_ncii", "CL", via_nginx=False, starts_on_b=False)
    starts_on_b = Conversation("s", "report_ncii", "CL", via_nginx=False, starts_on_b=True)
    balanced = Conversation("s", "report_ncii", "CL", via_nginx=True, starts_on_b=False)
    assert [starts_on_a.route(t, urls) for t in range(4)] == ["a", "b", "a", "b"]
    assert [starts_on_b.route(t, urls) for t in range(4)] == ["b", "a", "b", "a"]
    assert {balanced.route(t, urls) for t in range(4)} == {"n"}


def test_country_markers_are_words_only_that_country_has():
    answers = {"CL": "llama al 133 Carabineros", "MX": "llama al 911 Consejo",
               "AR": "llama al 911 Línea", "ES": "llama al 112 emergencias"}
    markers = country_markers(answers.__getitem__)
    assert markers == {"CL": {"133", "carabineros"}, "MX": {"consejo"}, "AR": {"línea"},
                       "ES": {"112", "emergencias"}}
    assert mentions_country("Puedes llamar al 133.", markers["CL"])
    assert not mentions_country("Puedes llamar al 911.", markers["CL"])
    assert set(markers) == set(COUNTRIES)


def test_numbers_match_whole_not_inside_longer_numbers():
    assert not mentions_country("llama al 1455", {"145"})


@pytest.mark.parametrize("status, text, expected", [
    (200, "Hola", True),
    (200, "", False),
    (500, "Hola", False),
    (200, "Perdona, tuve un problema técnico y no pude responderte.", False),
])
def test_answered(status, text, expected):
    assert answered(status, text) is expected


def test_turns_in_order_accepts_finished_turns_and_refuses_interleaved_ones():
    good = [row("action", "action_session_start"), row("session_started"),
            row("action", "action_listen"), row("user", text="hola"), row("bot", text="Hola"),
            row("action", "action_listen"), row("user", text="gracias")]
    interleaved = good[:4] + [row("user", text="otra")]
    assert turns_in_order(good)
    assert not turns_in_order(interleaved)
    assert user_texts(good) == ["hola", "gracias"]


def test_slot_values_in_order():
    rows = [row("slot", name="country", value="CL"), row("slot", name="incident", value="x"),
            row("slot", name="country", value="MX")]
    assert slot_values(rows, "country") == ["CL", "MX"]


def testnginx_upstreams_read_from_the_private_log(tmp_path):
    log = tmp_path / "access.log"
    log.write_text("2026-01-01T00:00:00+00:00 200 0.120 127.0.0.1:5005\n"
                   "2026-01-01T00:00:01+00:00 200 0.100 127.0.0.1:5006, 127.0.0.1:5007\n"
                   "2026-01-01T00:00:02+00:00 502 0.001 127.0.0.1:5008\n")
    assert nginx_upstreams(log) == {"127.0.0.1:5005", "127.0.0.1:5007"}


def test_the_conversations_cycle_cases_and_countries_and_end_with_the_web_chat():
    from scripts.scaleout_check.check import new_conversations
    from scripts.scaleout_check.settings import CONVERSATIONS, VIA_NGINX

    conversations = new_conversations()
    assert len(conversations) == CONVERSATIONS
    assert [c.via_nginx for c in conversations] == [False] * (CONVERSATIONS - VIA_NGINX) + [True] * VIA_NGINX
    assert {c.country for c in conversations} == set(COUNTRIES)
    assert len({c.sender for c in conversations}) == CONVERSATIONS


def test_failing_names_the_senders_without_a_normal_or_right_answer():
    from scripts.scaleout_check.check import failing

    people = [Conversation(f"s{i}", "report_ncii", "CL", via_nginx=False, starts_on_b=False) for i in range(3)]
    replies = [(200, "¿en qué país estás?"), (500, ""), (200, "hola")]
    assert failing(people, replies, lambda c, s, t: "país" not in t) == ["s1", "s2"]


@pytest.mark.parametrize("module", ["scripts.scaleout_check", "scripts.bench"])
def test_the_command_lines_still_start(module):
    done = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"python -m {module}" in done.stdout
