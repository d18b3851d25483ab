"""Part 2: latency under load, full turns and bare parses at the same concurrency."""
from __future__ import annotations

import asyncio
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from scripts.bench.people import conversation_script
from scripts.bench.profiling import start_profilers, stop_profilers
from scripts.bench.servers import memory_kib, start_servers, stop_servers
from scripts.bench.settings import CLARIFY_MARKER, FAILURE_MARKERS, REQUEST_TIMEOUT
from scripts.bench.stats import percentile


@dataclass
class LoadResult:
    """Latencies (seconds) of one load phase, with its errors and wall time."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    clarifications: int = 0
    wall_seconds: float = 0.0

    def add_error(self, kind: str) -> None:
        """Count one failed request of a kind (``http 500``, ``empty reply``, ...)."""
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def summary(self) -> dict[str, float]:
        """p50/p95/p99 in milliseconds, throughput, error count and rate."""
        done = len(self.latencies) + self.errors
        return {
            "requests": done,
            "p50_ms": percentile(self.latencies, 50) * 1000,
            "p95_ms": percentile(self.latencies, 95) * 1000,
            "p99_ms": percentile(self.latencies, 99) * 1000,
            "max_ms": max(self.latencies, default=math.nan) * 1000,
            "throughput_per_s": done / self.wall_seconds if self.wall_seconds else math.nan,
            "errors": self.errors,
            "error_rate": self.errors / done if done else math.nan,
        }


async def run_conversations(base_url: str, scripts: list[list[list[str]]], *, tag: str) -> LoadResult:
    """Each person (one list of conversations) talks at the same time as the others.

    A turn counts as an error when the HTTP status is not 200, the reply list is empty, the
    request fails or times out, or the reply is the bot's "technical problem" apology.
    """
    import aiohttp

    result = LoadResult()
    url = f"{base_url}/webhooks/rest/webhook"

    async def person(index: int, conversations: list[list[str]], session) -> None:
        for number, messages in enumerate(conversations):
            sender = f"bench-{tag}-{index:03d}-{number:02d}"
            for message in messages:
                started = time.perf_counter()
                try:
                    async with session.post(url, json={"sender": sender, "message": message}) as response:
                        body = await response.json(content_type=None) if response.status == 200 else None
                        status = response.status
                except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                    result.add_error(type(error).__name__)
                    continue
                elapsed = time.perf_counter() - started
                text = "\n".join(r.get("text") or "" for r in body or [] if isinstance(r, dict))
                if status != 200:
                    result.add_error(f"http {status}")
                elif not body:
                    result.add_error("respuesta vacía")
                elif any(marker in text for marker in FAILURE_MARKERS):
                    result.add_error("problema técnico")
                else:
                    result.latencies.append(elapsed)
                    result.clarifications += CLARIFY_MARKER in text

    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=len(scripts))
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(person(i, c, session) for i, c in enumerate(scripts)))
        result.wall_seconds = time.perf_counter() - started
    return result


async def run_parses(base_url: str, token: str, messages_per_person: list[list[str]]) -> LoadResult:
    """Bare ``POST /model/parse`` of the same messages, at the same concurrency."""
    import aiohttp

    result = LoadResult()
    url = f"{base_url}/model/parse?token={token}"

    async def person(messages: list[str], session) -> None:
        for message in messages:
            started = time.perf_counter()
            try:
                async with session.post(url, json={"text": message}) as response:
                    body = await response.json(content_type=None) if response.status == 200 else None
                    status = response.status
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                result.add_error(type(error).__name__)
                continue
            if status != 200 or not isinstance(body, dict) or "intent" not in body:
                result.add_error(f"http {status}")
            else:
                result.latencies.append(time.perf_counter() - started)

    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    connector = aiohttp.TCPConnector(limit=len(messages_per_person))
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(person(m, session) for m in messages_per_person))
        result.wall_seconds = time.perf_counter() - started
    return result


def run_latency(model: Path, *, people: int, turns: tuple[int, int], rounds: int,
                seed: int, py_spy: Optional[str]) -> dict[str, Any]:
    """Cold start, then full turns and bare parses at the same concurrency, then memory."""
    servers = start_servers(model)
    try:
        rng = random.Random(seed)
        warmup = [[conversation_script(rng, turns)] for _ in range(2)]
        asyncio.run(run_conversations(servers.rasa_url, warmup, tag="warmup"))
        scripts = [[conversation_script(rng, turns) for _ in range(rounds)] for _ in range(people)]
        profilers = start_profilers(py_spy, servers) if py_spy else []
        turns_result = asyncio.run(run_conversations(servers.rasa_url, scripts, tag="load"))
        profiles = stop_profilers(profilers) if profilers else []
        messages = [[m for conversation in person for m in conversation] for person in scripts]
        parse_result = asyncio.run(run_parses(servers.rasa_url, servers.token, messages))
        memory = {"rasa": memory_kib(servers.rasa.pid), "actions": memory_kib(servers.actions.pid)}
        return {
            "people": people, "rounds": rounds, "turns": list(turns),
            "conversations": people * rounds,
            "cold_start_seconds": servers.cold_start_seconds,
            "actions_ready_seconds": servers.actions_ready_seconds,
            "turn": turns_result.summary(), "turn_error_kinds": turns_result.error_kinds,
            "clarifications": turns_result.clarifications,
            "parse": parse_result.summary(), "parse_error_kinds": parse_result.error_kinds,
            "memory_kib": memory, "profiles": profiles,
        }
    finally:
        stop_servers(servers)
