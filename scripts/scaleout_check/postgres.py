"""A private, throw-away PostgreSQL cluster in the temporary folder."""
from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scripts.ports import free_port
from scripts.scaleout_check.settings import LOGS
from scripts.scaleout_check.stack import Stack


@dataclass(frozen=True)
class Database:
    """Connection settings of the private PostgreSQL."""

    port: int
    name: str
    user: str
    password: str
    host: str = "127.0.0.1"


def postgres_bin(program: str) -> str:
    """Path of a PostgreSQL server program (Debian keeps them under /usr/lib/postgresql/N/bin)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return found[-1]
    path = shutil.which(program)
    if not path:
        raise RuntimeError(f"No encuentro {program} de PostgreSQL: ejecuta scripts/scaleout_check.sh")
    return path


def start_postgres(stack: Stack) -> Database:
    """A new cluster in the temporary folder, on a free port, owned by an unprivileged user."""
    user = "postgres" if os.geteuid() == 0 else None  # the server refuses to run as root
    base = stack.tmp / "pg"
    base.mkdir()
    data, sockets = base / "data", base / "run"
    sockets.mkdir()
    if user:
        entry = pwd.getpwnam(user)
        for path in (base, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    db = Database(port=free_port(), name="acompana", user="acompana", password=secrets.token_hex(16))

    def run(command: list[str]) -> None:
        subprocess.run(command, check=True, user=user, cwd=base, stdout=subprocess.DEVNULL,
                       stderr=open(LOGS / "scaleout-postgres.log", "a"))

    LOGS.mkdir(parents=True, exist_ok=True)
    run([postgres_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth-local=trust",
         "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"])
    # fsync off: a throw-away cluster for this check only.
    options = (f"-p {db.port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c full_page_writes=off")
    run([postgres_bin("pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w", "-t", "60",
         "-o", options, "start"])
    stack.cleanups.append(lambda: run([postgres_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]))
    psql = [postgres_bin("psql"), "-h", str(sockets), "-p", str(db.port), "-U", "postgres",
            "-v", "ON_ERROR_STOP=1", "-q"]
    run(psql + ["-c", f"CREATE ROLE {db.user} LOGIN PASSWORD '{db.password}'",
                "-c", f"CREATE DATABASE {db.name} OWNER {db.user}"])
    return db
