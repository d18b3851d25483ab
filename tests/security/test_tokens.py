"""Web-chat tokens: only the server can make one, and only until it expires."""
from __future__ import annotations

import pytest

from bot.channels.webchat_limits import SessionLimiter, client_address
from bot.channels.webchat_tokens import issue_token, new_conversation_id, read_token

SECRET = "k" * 40
NOW = 1_800_000_000.0


def test_a_token_names_its_conversation_until_it_expires():
    conversation = new_conversation_id()
    token = issue_token(SECRET, conversation, lifetime_seconds=60, now=NOW)
    assert read_token(SECRET, token, now=NOW + 59).conversation_id == conversation
    assert read_token(SECRET, token, now=NOW + 60) is None


def test_conversation_ids_are_random_and_not_chosen_by_anyone():
    assert len({new_conversation_id() for _ in range(1000)}) == 1000
    with pytest.raises(ValueError):
        issue_token(SECRET, "123456789", lifetime_seconds=60)  # e.g. a Telegram id


@pytest.mark.parametrize("token", [
    None, 5, [], {}, "", "v1", "v1...", "v2.0123456789abcdef0123456789abcdef.9999999999.x",
    "v1.0123456789abcdef0123456789abcdef.9999999999.",
    "v1.0123456789ABCDEF0123456789ABCDEF.9999999999.abc",
    "v1.0123456789abcdef0123456789abcdef.-1.abc",
    "v1.0123456789abcdef0123456789abcdef.9999999999.ñ",
    "x" * 10_000,
])
def test_anything_else_is_not_a_token(token):
    assert read_token(SECRET, token, now=NOW) is None


def test_a_token_of_another_secret_or_with_a_changed_field_is_refused():
    token = issue_token(SECRET, new_conversation_id(), lifetime_seconds=60, now=NOW)
    version, conversation, expiry, signature = token.split(".")
    assert read_token("other" * 8, token, now=NOW) is None
    assert read_token(SECRET, ".".join([version, new_conversation_id(), expiry, signature]), now=NOW) is None
    assert read_token(SECRET, ".".join([version, conversation, str(int(expiry) + 1), signature]), now=NOW) is None
    assert read_token("", token, now=NOW) is None


def test_new_sessions_per_address_are_counted_in_a_window():
    limiter = SessionLimiter(2, window_seconds=10)
    assert [limiter.allow("a", now=t) for t in (0, 1, 2)] == [True, True, False]
    assert limiter.allow("b", now=2)
    assert limiter.allow("a", now=10.5)  # the first one left the window


def test_this_machine_is_not_limited():
    limiter = SessionLimiter(1)
    assert all(limiter.allow("127.0.0.1", now=0) for _ in range(5))


def test_the_limiter_keeps_no_address_and_stays_bounded():
    limiter = SessionLimiter(1, max_addresses=3)
    for n in range(10):
        limiter.allow(f"198.51.100.{n}", now=0)
    assert len(limiter._starts) <= 3
    assert not any("198.51.100" in key for key in limiter._starts)


@pytest.mark.parametrize("peer, headers, expected", [
    ("127.0.0.1", {"x-real-ip": "203.0.113.9"}, "203.0.113.9"),  # nginx on this machine
    ("::1", {"x-real-ip": "203.0.113.9"}, "203.0.113.9"),
    ("198.51.100.4", {"x-real-ip": "203.0.113.9"}, "198.51.100.4"),  # a client cannot claim
    ("127.0.0.1", {}, "127.0.0.1"),
])
def test_client_address_believes_only_a_local_proxy(peer, headers, expected):
    assert client_address(peer, headers) == expected
