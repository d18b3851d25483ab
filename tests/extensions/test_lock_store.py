"""AtomicRedisLockStore against a real Redis: first come, first served, and no two servers
ever hold one conversation's lock at once.

The test starts its own ``redis-server`` on a free loopback port (no disk, no password) and
skips, saying why, when the binary is not installed (``apt-get install redis-server``).
"""
from __future__ import annotations

import shutil
import subprocess
import threading
import time
from typing import Iterator

import pytest

from scripts.ports import free_port

REDIS = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin:/usr/sbin")


@pytest.fixture(scope="module")
def redis_port() -> Iterator[int]:
    if REDIS is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    redis = pytest.importorskip("redis")
    port = free_port()
    process = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def lock_store(port: int, prefix: str):
    from extensions.lock_store import AtomicRedisLockStore

    return AtomicRedisLockStore(host="127.0.0.1", port=port, db=0, key_prefix=prefix)


def test_tickets_are_issued_in_order_and_the_lock_goes_when_nobody_waits(redis_port):
    store = lock_store(redis_port, "order")
    assert [store.issue_ticket("c1") for _ in range(3)] == [0, 1, 2]
    lock = store.get_lock("c1")
    assert lock.now_serving == 0 and lock.is_locked(1)
    for ticket in range(3):
        store.finish_serving("c1", ticket)
    assert store.get_lock("c1") is None


def test_conversations_do_not_share_a_lock(redis_port):
    store = lock_store(redis_port, "apart")
    assert store.issue_ticket("a") == 0 and store.issue_ticket("b") == 0


def test_expired_tickets_are_dropped(redis_port):
    store = lock_store(redis_port, "expiry")
    store.issue_ticket("c", lock_lifetime=0.05)  # a server that died holding the lock
    live = store.issue_ticket("c", lock_lifetime=30)
    time.sleep(0.1)
    store.update_lock("c")
    assert store.get_lock("c").now_serving == live


def test_two_servers_racing_for_one_conversation_never_get_the_same_ticket(redis_port):
    servers = [lock_store(redis_port, "race"), lock_store(redis_port, "race")]
    tickets: list[int] = []
    guard = threading.Lock()

    def take(store, count: int) -> None:
        for _ in range(count):
            ticket = store.issue_ticket("same")
            with guard:
                tickets.append(ticket)

    threads = [threading.Thread(target=take, args=(server, 50)) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(tickets) == list(range(100))
