"""Ready-to-send take-down requests."""
from __future__ import annotations

import logging

import pytest

from bot.directory import takedown_request

LINK = "https://t.me/grupo_ejemplo/123"


@pytest.mark.parametrize("kind", ["ncii", "impersonation", "doxing"])
@pytest.mark.parametrize("platform, name", [("telegram", "Telegram"), ("instagram", "Instagram"), ("x", "X (Twitter)"),
                                            ("Reddit", "Reddit")])
def test_request_contains_platform_and_link(kind, platform, name):
    text = takedown_request(kind, platform=platform, link=LINK, country="CL")
    assert name in text and LINK in text and "Vivo en Chile." in text
    assert "No adjuntes imágenes" in text


def test_missing_details_become_visible_placeholders():
    text = takedown_request("ncii", platform=None, link=None, country=None)
    assert "[nombre de la plataforma]" in text and "[pega aquí el enlace]" in text
    assert "Vivo en" not in text and "[[" not in text and "]]" not in text


def test_request_points_to_the_platform_route_when_known():
    text = takedown_request("ncii", platform="telegram", link=LINK, country="MX")
    assert "Dónde enviarlo:" in text and "abuse@telegram.org" in text and "Confírmalo" in text
    assert "Dónde enviarlo:" not in takedown_request("impersonation", platform="discord", link=LINK, country="MX")


def test_link_is_cleaned_and_cut():
    text = takedown_request("doxing", platform="x", link="  https://x.com/a\n/b  " + "c" * 1000)
    assert "https://x.com/a /b" in text and "c" * 600 not in text


def test_request_does_not_log_what_the_person_said(caplog):
    with caplog.at_level(logging.DEBUG):
        takedown_request("ncii", platform="telegram", link=LINK, country="CL")
    assert LINK not in caplog.text


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        takedown_request("csam", platform="telegram", link=LINK)
