"""Robustness figures (printed, never asserted): one person must not stall everyone.

Run by ``scripts/bench.sh`` after the main benchmark (``--skip-robustness`` there to skip),
or alone: ``.venv/bin/python -m scripts.robustness_bench [--skip-servers]``.

* in process (no servers): memory of the tracker store after 5,000 conversations, the
  event-loop lag other people see while a sweep over 5,000 runs, and the tracker store's
  cost of one turn at turn 10 and at turn 300;
* against running servers (REST): others' p95 while a 1 MB message is handled, against their
  p95 without it; and the latency of turn 300 of one conversation against its turn 10.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import tracemalloc
from typing import Any

from scripts.bench.load import run_conversations
from scripts.bench.servers import start_servers, stop_servers
from scripts.bench.settings import MODEL
from scripts.bench.stats import percentile

#: Conversations stored for the memory and sweep figures.
CONVERSATIONS = 5_000
#: Turns of the long conversation.
LONG_TURNS = 300
#: People talking while the 1 MB message is handled, and their turns each.
OTHERS, OTHER_TURNS = 8, 6
#: Target ratio between turn 300's latency and turn 10's.
TARGET_LONG_RATIO = 1.5

TURN_TEXTS = ["hola", "soy de chile", "mi ex publicó mis fotos en instagram",
              "tengo 25 años", "qué puedo hacer", "gracias"]


def _tracker(sender: str, turns: int, at: float) -> Any:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events: list[Any] = [SlotSet("country", "CL", timestamp=at)]
    for turn in range(turns):
        text = TURN_TEXTS[turn % len(TURN_TEXTS)]
        events += [ActionExecuted("action_listen", timestamp=at),
                   UserUttered(text, {"name": "inform", "confidence": 0.9},
                               parse_data={"text": text}, timestamp=at),
                   BotUttered("Gracias por contármelo. " * 8, timestamp=at)]
    return DialogueStateTracker.from_events(sender, events)


def store_figures() -> dict[str, float]:
    """Memory after 5,000 conversations, sweep lag, store cost at turn 10 vs turn 300."""
    from rasa.shared.core.domain import Domain

    from extensions.tracker_store import PrivateTrackerStore

    figures: dict[str, float] = {}
    store = PrivateTrackerStore(Domain.empty(), retention_hours=24)
    store._last_sweep = time.time()
    old = time.time() - 30 * 3600
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i in range(CONVERSATIONS):
        asyncio.run(store.save(_tracker(f"c{i}", 6, old)))
    figures["memory_5000_mib"] = (tracemalloc.get_traced_memory()[0] - before) / 2**20
    tracemalloc.stop()
    figures["memory_per_conversation_kib"] = figures["memory_5000_mib"] * 1024 / CONVERSATIONS

    async def sweep_with_others() -> list[float]:
        lags: list[float] = []

        async def other() -> None:
            while True:
                started = time.perf_counter()
                await asyncio.sleep(0.001)
                lags.append(time.perf_counter() - started - 0.001)

        task = asyncio.create_task(other())
        await asyncio.sleep(0.05)
        started = time.perf_counter()
        figures["sweep_5000_erased"] = await store.sweep()
        figures["sweep_5000_seconds"] = time.perf_counter() - started
        task.cancel()
        return lags

    lags = asyncio.run(sweep_with_others())
    figures["sweep_others_lag_p95_ms"] = percentile(lags, 95) * 1000
    figures["sweep_others_lag_max_ms"] = max(lags, default=0.0) * 1000

    for turns in (10, LONG_TURNS):
        store = PrivateTrackerStore(Domain.empty(), retention_hours=24)
        tracker = _tracker("long", turns, time.time())
        asyncio.run(store.save(tracker))
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            tracker = asyncio.run(store.retrieve("long"))
            tracker.update(_tracker("x", 1, time.time()).events[-2])
            asyncio.run(store.save(tracker))
            timings.append(time.perf_counter() - started)
        figures[f"store_turn_{turns}_ms"] = statistics.median(timings) * 1000
    figures["store_turn_ratio"] = figures[f"store_turn_{LONG_TURNS}_ms"] / figures["store_turn_10_ms"]
    return figures


def server_figures() -> dict[str, float]:
    """Others' p95 with and without a 1 MB message; turn 300 against turn 10 (REST)."""
    figures: dict[str, float] = {}
    servers = start_servers(MODEL)
    try:
        scripts = [[TURN_TEXTS[:OTHER_TURNS]] for _ in range(OTHERS)]
        alone = asyncio.run(run_conversations(servers.rasa_url, scripts, tag="alone"))
        figures["others_p95_ms"] = alone.summary()["p95_ms"]

        # REST refuses bodies over 200 KB at once (bot/channels/rest.py), so the largest
        # message it reads is sent, several times, while the others talk; then 1 MB.
        async def with_huge(text: str) -> Any:
            huge = [[[text] * 3]]
            return await asyncio.gather(
                run_conversations(servers.rasa_url, scripts, tag="beside"),
                run_conversations(servers.rasa_url, huge, tag="huge"))

        for label, text in (("190kb", "hola " * 38_000 + " me quiero morir"),
                            ("1mb", "hola " * 200_000 + " me quiero morir")):
            beside, huge = asyncio.run(with_huge(text))
            figures[f"others_p95_with_{label}_ms"] = beside.summary()["p95_ms"]
            figures[f"others_p95_ratio_{label}"] = (figures[f"others_p95_with_{label}_ms"]
                                                    / figures["others_p95_ms"])
            figures[f"huge_{label}_answered"] = len(huge.latencies)
            figures[f"huge_{label}_refused_or_failed"] = huge.errors

        long = [[[TURN_TEXTS[i % len(TURN_TEXTS)] for i in range(LONG_TURNS)]]]
        result = asyncio.run(run_conversations(servers.rasa_url, long, tag="long"))
        latencies = result.latencies
        if len(latencies) >= LONG_TURNS - 10:
            figures["turns_1_10_ms"] = statistics.mean(latencies[:10]) * 1000
            figures["turns_291_300_ms"] = statistics.mean(latencies[-10:]) * 1000
            figures["turn_300_to_10_ratio"] = figures["turns_291_300_ms"] / figures["turns_1_10_ms"]
        figures["long_errors"] = result.errors
    finally:
        stop_servers(servers)
    return figures


def print_figures(figures: dict[str, float]) -> None:
    """One line per figure, and the turn-300 target."""
    print("\n== Robustez (una persona no frena a las demás)")
    for name, value in figures.items():
        print(f"  {name:32} {value:10.2f}")
    ratio = figures.get("turn_300_to_10_ratio", figures.get("store_turn_ratio"))
    if ratio is not None:
        verdict = "PASS" if ratio <= TARGET_LONG_RATIO else "FAIL"
        print(f"  {verdict}: turno 300 / turno 10 = {ratio:.2f} (objetivo ≤ {TARGET_LONG_RATIO})")


def main(argv: list[str] | None = None) -> int:
    """Print the robustness figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-servers", action="store_true",
                        help="only the in-process figures (no Rasa server started)")
    options = parser.parse_args(argv)
    figures = store_figures()
    if not options.skip_servers:
        figures.update(server_figures())
    print_figures(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
