"""A private Redis without persistence (the lock store of both servers)."""
from __future__ import annotations

import shutil
import socket

from scripts.ports import free_port
from scripts.scaleout_check.stack import Stack, wait_until


def start_redis(stack: Stack) -> int:
    """Redis on a free port, no persistence (locks are short-lived)."""
    port = free_port()
    folder = stack.tmp / "redis"
    folder.mkdir()
    process = stack.spawn("redis", [shutil.which("redis-server") or "/usr/bin/redis-server",
                                    "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                    "--appendonly", "no", "--dir", str(folder)])

    def pong() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    wait_until("redis", pong, timeout=30, processes=(process,))
    return port


def redis_commands(port: int) -> int:
    """How many commands the Redis on ``port`` has processed (the lock store's use of it)."""
    import redis

    return int(redis.Redis(host="127.0.0.1", port=port).info("stats")["total_commands_processed"])
