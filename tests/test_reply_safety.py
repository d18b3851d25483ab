"""Every reply the bot can give is safe: no request for images, no blame, no false promises.

Reads every response in domain.yml, every connector text, every text of the dialogue
(bot/knowledge/replies.yml and answers.yml, tú and vos) and every text the dialogue can build
from the law and the directory for every incident, supported country, age and platform.
"""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from bot.channels.texts import TEXTS_PATH
from bot.directory import (get_directory, render_next_steps, render_safety_text, render_services,
                           services_for, takedown_request)
from bot.facts import INCIDENTS, SUPPORTED_COUNTRIES, CaseFacts
from bot.rules import TOPICS, explain_rights, explain_rights_details, legal_info
from bot.dialogue.texts import texts as dialogue_texts
from bot.safety import reply_problems

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = (*SUPPORTED_COUNTRIES, None, "CO")
AGES = (None, 12, 16, 30)
PLATFORMS = (None, "telegram", "instagram", "whatsapp")
#: Incidents about intimate images, where Take It Down applies to minors.
IMAGE_INCIDENTS = ("report_ncii", "report_sextortion", "report_csam")


def domain_texts() -> list[tuple[str, str]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    found = []
    for name, variations in domain["responses"].items():
        for variation in variations:
            found.append((name, variation.get("text", "")))
            found += [(f"{name}/button", b["title"]) for b in variation.get("buttons", [])]
    return found


def channel_texts() -> list[tuple[str, str]]:
    data = yaml.safe_load(TEXTS_PATH.read_text(encoding="utf-8"))
    return [(f"channel_texts/{key}", text) for key, text in data["texts"].items()]


def all_cases() -> list[CaseFacts]:
    return [CaseFacts(incident, country, victim_age=age, platform=platform)
            for incident, country, age, platform in itertools.product(INCIDENTS, COUNTRIES, AGES, PLATFORMS)]


def action_texts() -> list[tuple[str, str]]:
    found = []
    for facts in all_cases():
        label = f"{facts.incident}/{facts.country}/{facts.victim_age}/{facts.platform}"
        found.append((f"next_steps {label}", render_next_steps(facts)))
        found.append((f"services {label}", render_services(services_for(facts))))
        if facts.platform in (None, "telegram"):
            found.append((f"rights {label}", explain_rights(facts)))
            found.append((f"rights_details {label}", explain_rights_details(facts)))
    for country, topic in itertools.product(COUNTRIES, (None, *TOPICS)):
        found.append((f"legal_info {country}/{topic}", legal_info(country, topic=topic)))
    for country, kind in itertools.product(COUNTRIES, ("crisis", "danger", "fallback")):
        found.append((f"safety {country}/{kind}", render_safety_text(country, kind)))
    for kind, platform in itertools.product(("ncii", "impersonation", "doxing"), PLATFORMS):
        found.append((f"takedown {kind}/{platform}",
                      takedown_request(kind, platform=platform, link="https://ejemplo.org/x", country="CL")))
    return found


def dialogue_block_texts() -> list[tuple[str, str]]:
    data = dialogue_texts()
    found = []
    for block, text in data.blocks.items():
        found += [(f"replies/{block}/tu", text.tu), (f"replies/{block}/vos", text.vos)]
    for qid, answer in data.answers.items():
        for variant in (answer.text, answer.minor, answer.parent):
            if variant is not None:
                found += [(f"answers/{qid}/tu", variant.tu), (f"answers/{qid}/vos", variant.vos)]
    found += [(f"replies/button/{name}", b.title) for name, b in data.buttons.items()]
    return found


ALL_TEXTS = domain_texts() + channel_texts() + dialogue_block_texts() + action_texts()


def test_the_scan_covers_thousands_of_replies():
    assert len(ALL_TEXTS) > 2000


def test_no_reply_asks_for_images_blames_or_promises_what_cannot_be_kept():
    problems = [(where, reply_problems(text)) for where, text in ALL_TEXTS if reply_problems(text)]
    assert problems == []


@pytest.mark.parametrize("facts", [f for f in all_cases() if f.minor and f.platform in (None, "telegram")])
def test_a_minor_is_never_sent_to_stopncii_nor_told_to_negotiate(facts):
    text = render_next_steps(facts)
    assert "StopNCII" not in text
    assert "negocia" not in text.lower()
    # Take It Down is for the person's own images, not for someone who found material (W5).
    if facts.incident in IMAGE_INCIDENTS and facts.writer_role != "witness":
        assert "Take It Down" in text
    child_lines = [s for s in services_for(facts, kinds=("child_protection",)) if s.country == facts.country]
    if child_lines:
        assert any(s.name in text for s in child_lines), facts


def test_every_legal_text_says_it_is_not_legal_advice():
    legal = [(w, t) for w, t in ALL_TEXTS if w.startswith(("rights", "legal_info"))]
    assert [w for w, t in legal if "no asesoría legal" not in t] == []


def test_every_bill_is_called_a_bill():
    for where, text in ALL_TEXTS:
        if where.startswith("rights") and "13.928-07" in text:
            assert "proyecto de ley" in text, where


def test_the_directory_shows_no_unverified_entry():
    shown_ids = {s.id for s in get_directory().services if s.shown}
    rendered = "\n".join(t for _, t in ALL_TEXTS)
    for service in get_directory().services:
        if not service.shown and service.phone:
            assert service.phone not in rendered or service.id in shown_ids, service.id
