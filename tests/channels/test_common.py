"""What every connector does around Rasa: cut long texts without losing a crisis, bound bursts,
never leave a message without an answer."""
from __future__ import annotations

import asyncio

import pytest

from bot import safety
from bot.channels.common import (
    MAX_MESSAGE_CHARS,
    MAX_SCANNED_CHARS,
    RISK_WINDOW_CHARS,
    ConversationGate,
    deliver,
    prepare_text,
    prepare_text_async,
    risk_windows,
    scan_risk,
)
from bot.channels.texts import channel_text

FILLER = "hoy fue un día largo y no sé bien qué contar. "


def long_text(chars: int, tail: str = "") -> str:
    return FILLER * (chars // len(FILLER) + 1) + tail


@pytest.mark.parametrize("text, expected", [
    ("  hola\x00  ", "hola"),
    ("", ""),
    ("   ", ""),
    ("me quiero morir", "me quiero morir"),
])
def test_short_texts_are_only_cleaned(text, expected):
    assert prepare_text(text) == expected


def test_long_text_without_risk_is_cut():
    assert prepare_text(long_text(10_000)) == long_text(10_000)[:MAX_MESSAGE_CHARS]


@pytest.mark.parametrize("position, tail, risk", [
    (4_500, " la verdad es que ya no quiero vivir", "crisis"),
    (20_000, " me quiero matar", "crisis"),
    (30_000, " él está afuera de mi casa con un cuchillo", "danger"),
])
def test_crisis_after_the_cut_is_kept_in_what_rasa_reads(position, tail, risk):
    prepared = prepare_text(long_text(position, tail))
    assert len(prepared) <= MAX_MESSAGE_CHARS
    assert safety.classify_risk(prepared) == risk


def test_crisis_beats_danger_in_a_long_text():
    text = long_text(5_000, " está afuera de mi casa con un cuchillo. ") + long_text(5_000,
                                                                                      " me quiero matar")
    assert scan_risk(text).risk == "crisis"
    assert safety.classify_risk(prepare_text(text)) == "crisis"


def test_text_beyond_the_scanned_limit_is_not_read():
    assert scan_risk(prepare_text(long_text(MAX_SCANNED_CHARS + 10, " me quiero matar"))).risk is None


@pytest.mark.parametrize("length", [1, 599, 600, 601, 5_000, 33_333])
def test_windows_cover_the_whole_text_with_overlap(length):
    text = ("palabra " * length)[:length]
    spans = list(risk_windows(text))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert start < end  # overlapping: a phrase across a border is in one window
    assert all(end - start <= RISK_WINDOW_CHARS for start, end in spans)
    assert len(spans) <= length // 300 + 2  # linear: each window moves on by ≥ 300 chars


def test_long_text_is_prepared_off_the_event_loop():
    text = long_text(6_000, " me quiero matar")
    assert asyncio.run(prepare_text_async(text)) == prepare_text(text)


# -- deliver and the gate ------------------------------------------------------------------

class Recorder:
    def __init__(self) -> None:
        self.sent: list[str] = []
        self.handled: list[str] = []

    async def send(self, text: str) -> None:
        self.sent.append(text)


def run_deliver(text: str, handle, recorder: Recorder, **kwargs) -> str:
    return asyncio.run(deliver(text, sender_id="s", handle=handle, send=recorder.send,
                               channel="test", **kwargs))


def test_empty_message_gets_a_kind_reply():
    recorder = Recorder()

    async def handle(text: str) -> None:
        raise AssertionError("never called")

    assert run_deliver("", handle, recorder) == "empty"
    assert recorder.sent == [channel_text("empty_message")]


def test_rasa_failure_gets_the_error_fallback():
    recorder = Recorder()

    async def handle(text: str) -> None:
        raise RuntimeError("boom")

    assert run_deliver("hola", handle, recorder) == "failed"
    assert recorder.sent == [channel_text("error_fallback")]


@pytest.mark.parametrize("replies, expected", [
    ([], ["no_reply"]),
    (["hola"], []),
])
def test_a_turn_the_bot_answered_with_nothing_gets_no_reply(replies, expected):
    """REST and the web chat pass ``said_nothing``: "/session_start" must not end in silence."""
    recorder = Recorder()

    async def handle(text: str) -> None:
        recorder.handled.extend(replies)

    assert run_deliver("hola", handle, recorder, said_nothing=lambda: not recorder.handled) == "handled"
    assert recorder.sent == [channel_text(key) for key in expected]


def test_a_failed_turn_gets_one_reply_not_also_no_reply():
    recorder = Recorder()

    async def handle(text: str) -> None:
        raise RuntimeError("boom")

    assert run_deliver("hola", handle, recorder, said_nothing=lambda: True) == "failed"
    assert recorder.sent == [channel_text("error_fallback")]


@pytest.mark.parametrize("reply_on_cancel, expected", [
    (True, ["error_fallback"]),
    (False, []),
])
def test_cancelled_turn(reply_on_cancel, expected):
    recorder = Recorder()

    async def handle(text: str) -> None:
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        run_deliver("hola", handle, recorder, reply_on_cancel=reply_on_cancel)
    assert recorder.sent == [channel_text(key) for key in expected]


def test_burst_of_70_messages_is_answered_or_kindly_refused_none_silent():
    gate = ConversationGate(limit=10, risk_limit=30)
    recorder = Recorder()
    release = asyncio.Event()

    async def handle(text: str) -> None:
        await release.wait()
        recorder.handled.append(text)

    async def burst() -> list[str]:
        tasks = [asyncio.create_task(deliver(f"mensaje {i}", sender_id="s", handle=handle,
                                             send=recorder.send, channel="test", gate=gate))
                 for i in range(70)]
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        release.set()
        return await asyncio.gather(*tasks)

    outcomes = asyncio.run(burst())
    assert outcomes.count("handled") == 10 and outcomes.count("busy") == 60
    assert len(recorder.handled) + recorder.sent.count(channel_text("busy")) == 70
    assert gate.waiting("s") == 0


def test_a_crisis_in_a_full_queue_still_goes_through():
    gate = ConversationGate(limit=1, risk_limit=3)
    assert gate.admit("s")
    recorder = Recorder()

    async def handle(text: str) -> None:
        recorder.handled.append(text)

    assert run_deliver("hola otra vez", handle, recorder, gate=gate) == "busy"
    assert run_deliver("me quiero matar", handle, recorder, gate=gate) == "handled"
    assert recorder.handled == ["me quiero matar"]


def test_the_gate_counts_each_conversation_apart():
    gate = ConversationGate(limit=1)
    assert gate.admit("a") and gate.admit("b") and not gate.admit("a")
    gate.release("a")
    assert gate.admit("a")
