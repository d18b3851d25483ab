"""Scale-out check: two Rasa servers behind nginx serve the same conversations.

Started by ``scripts/scaleout_check.sh`` (which installs PostgreSQL, Redis and nginx from
Debian's packages when they are missing). Everything runs on 127.0.0.1, on free ports, in a
temporary folder, with private copies of the servers that are stopped and removed at the end:

1. a PostgreSQL cluster (run as the ``postgres`` user when started as root), Redis without
   persistence, the action server, Rasa servers A and B with ``deploy/endpoints.production.yml``,
   and nginx with ``deploy/nginx.conf.template`` (round-robin over A and B);
2. ten incident conversations: seven over REST (with ``ACOMPANA_REST_TOKEN``, straight to
   A and B on 127.0.0.1, turns alternating between them; nginx never forwards REST) and
   three over the web chat's Socket.IO through nginx, each turn on a new socket that
   re-attaches with its signed token (as a browser does after a reconnect);
3. B is stopped in the middle and started again; meanwhile the REST conversations go on on A
   and the web-chat ones through nginx (a token signed by one server is honoured by the
   other); after the restart B must still know every conversation;
4. checks, from the bot's replies and from the ``events`` table: nothing was lost (the
   country given to one server is used by the other, the bot never asks it again), two
   messages sent at the same moment to A and B are both kept, in order (Redis lock), phone
   numbers are not stored, "borrar mis datos" erases the conversation, the quick exit's
   erase route (through nginx) erases a web-chat conversation, nginx forwards neither REST
   nor Rasa's ``/version``, and expired conversations are erased (when read, and by the
   retention sweep).

Prints one PASS/FAIL line per check and the total time; exits 1 when a check fails.
"""
from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import glob
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from scripts.http_client import post_json
from scripts.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "acompana.tar.gz"
ENDPOINTS = ROOT / "deploy" / "endpoints.production.yml"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
LOGS = ROOT / "artifacts" / "logs"

#: Seconds a cold Rasa server may take to load TensorFlow and the model on a busy machine.
STARTUP_TIMEOUT = 300
#: Seconds one message may take.
REQUEST_TIMEOUT = 120
#: Conversations held during the check.
CONVERSATIONS = 10
#: Of those, how many go through nginx only (the others alternate between A and B directly).
VIA_NGINX = 3
#: Rounds in which every direct conversation sends two messages at once, one to A, one to B.
RACE_ROUNDS = 3
#: Retention set on the servers (hours); expired conversations are simulated by moving their
#: events back in time by more than this.
RETENTION_HOURS = 24
COUNTRIES = ("CL", "MX", "AR", "ES")
INCIDENTS = ("report_ncii", "report_sextortion", "report_doxing", "report_impersonation",
             "report_harassment")
#: Reply fragments (domain.yml) the checks look for.
ASKS_COUNTRY = "¿en qué país estás?"
ASKS_MINOR = "menos de 18 años"
GIVES_STEPS = "Te propongo los pasos de a poco"
ERASED = "borré esta conversación"
#: The apology the bot sends when handling a message failed (channel or custom action error).
TECHNICAL_PROBLEM = "tuve un problema técnico"
#: Production secrets of this run (the same on every server, as deploy/acompana.env.example says).
REST_TOKEN = secrets.token_urlsafe(24)
WEBCHAT_SECRET = secrets.token_urlsafe(32)
ID_SALT = secrets.token_urlsafe(24)
#: A web-chat reply is complete when no further message arrived for this long.
SOCKET_SETTLE_SECONDS = 1.5
#: Exact training examples, so that the check tests storage, not understanding.
ASK_EVIDENCE = "cómo guardo pruebas"
ASK_SUPPORT = "necesito apoyo psicológico"
ASK_POLICE = "cómo hago la denuncia en la policía"


# --------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------

@dataclass
class Stack:
    """Every process and folder this check starts, so that all of them are cleaned up."""

    tmp: Path
    keep: bool = False
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def spawn(self, name: str, command: list[str], *, env: Optional[dict] = None,
              user: Optional[str] = None) -> subprocess.Popen:
        """Start a process whose output goes to artifacts/logs/scaleout-<name>.log."""
        LOGS.mkdir(parents=True, exist_ok=True)
        log = open(LOGS / f"scaleout-{name}.log", "a")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   user=user, stdin=subprocess.DEVNULL)
        self.processes[name] = process
        return process

    def stop(self, name: str, *, timeout: float = 30) -> None:
        """Stop one process this check started (SIGTERM, then SIGKILL)."""
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def close(self) -> None:
        """Stop everything, newest first, and remove the temporary folder."""
        for name in reversed(list(self.processes)):
            self.stop(name)
        for cleanup in reversed(self.cleanups):
            try:
                cleanup()
            except (OSError, subprocess.SubprocessError) as error:
                print(f"  (limpieza: {error})", file=sys.stderr)
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)


def wait_until(what: str, ready: Callable[[], bool], *, timeout: float,
               processes: tuple[subprocess.Popen, ...] = ()) -> float:
    """Poll ``ready`` until it is true; return the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{what}: el proceso terminó ({process.returncode}); ver {LOGS}")
        if ready():
            return time.monotonic() - started
        time.sleep(0.3)
    raise TimeoutError(f"{what}: no respondió en {timeout:.0f} s; ver {LOGS}")


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


def rasa_env(db: Database, redis_port: int, actions_port: int) -> dict[str, str]:
    """Environment of the production mode (the variables deploy/endpoints.production.yml reads)."""
    return dict(
        os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        TF_CPP_MIN_LOG_LEVEL="3", RASA_TELEMETRY_ENABLED="false",
        SQLALCHEMY_SILENCE_UBER_WARNING="1", PYTHONWARNINGS="ignore",
        ACOMPANA_ACTIONS_URL=f"http://127.0.0.1:{actions_port}/webhook",
        ACOMPANA_DB_HOST=db.host, ACOMPANA_DB_PORT=str(db.port), ACOMPANA_DB_NAME=db.name,
        ACOMPANA_DB_USER=db.user, ACOMPANA_DB_PASSWORD=db.password,
        ACOMPANA_REDIS_HOST="127.0.0.1", ACOMPANA_REDIS_PORT=str(redis_port), ACOMPANA_REDIS_DB="1",
        ACOMPANA_RETENTION_HOURS=str(RETENTION_HOURS),
        # The shared secret deploy/endpoints.production.yml sends to the action server.
        ACOMPANA_ACTIONS_TOKEN=os.environ.get("ACOMPANA_ACTIONS_TOKEN") or secrets.token_urlsafe(24),
        ACOMPANA_ENV="production", ACOMPANA_REST_TOKEN=REST_TOKEN,
        ACOMPANA_WEBCHAT_SECRET=WEBCHAT_SECRET, ACOMPANA_ID_SALT=ID_SALT,
        # every socket of the check comes from 127.0.0.1 through nginx
        ACOMPANA_WEBCHAT_SESSIONS_PER_HOUR="0",
    )


def serve_reads_endpoints_setting() -> bool:
    """True once bot/settings.py reads ACOMPANA_ENDPOINTS (then scripts/serve.py honours it)."""
    from dataclasses import fields

    from bot.settings import Settings

    return "endpoints" in {f.name for f in fields(Settings)}


def start_rasa(stack: Stack, name: str, port: int, env: dict[str, str], endpoints: Path) -> subprocess.Popen:
    """One Rasa server with the production endpoints, started the documented way
    (``python -m scripts.serve`` with ACOMPANA_ENDPOINTS) when scripts/serve.py supports it,
    else with ``rasa run`` directly (same arguments)."""
    if serve_reads_endpoints_setting():
        return stack.spawn(name, [sys.executable, "-m", "scripts.serve", "--port", str(port),
                                  "--model", str(MODEL)], env=dict(env, ACOMPANA_ENDPOINTS=str(endpoints)))
    return stack.spawn(name, [sys.executable, "-m", "rasa", "run", "--model", str(MODEL),
                              "--credentials", str(ROOT / "credentials.yml"),
                              "--endpoints", str(endpoints), "--port", str(port),
                              "--interface", "127.0.0.1", "--quiet"], env=env)


def wait_rasa(name: str, url: str, process: subprocess.Popen) -> float:
    """Wait until the server answers a REST message (model loaded, database reachable)."""
    def answers() -> bool:
        status, replies = post_json(f"{url}/webhooks/rest/webhook",
                                    {"sender": f"scaleout-warmup-{name}", "message": "hola"}, timeout=30,
                                    headers=REST_HEADERS)
        return status == 200 and bool(replies)

    return wait_until(f"Rasa {name}", answers, timeout=STARTUP_TIMEOUT, processes=(process,))


def render_template(text: str, values: dict[str, str]) -> str:
    """Replace ``${NAME}`` for the given names only (like ``envsubst 'names'``)."""
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    return text


def start_nginx(stack: Stack, upstreams: tuple[str, str]) -> tuple[int, Path]:
    """nginx with deploy/nginx.conf.template inside a minimal main configuration."""
    folder = stack.tmp / "nginx"
    folder.mkdir()
    port, log = free_port(), folder / "access.log"
    site = folder / "acompana.conf"
    site.write_text(render_template(NGINX_TEMPLATE.read_text(encoding="utf-8"), {
        "ACOMPANA_NGINX_LISTEN": f"127.0.0.1:{port}", "ACOMPANA_RASA_A": upstreams[0],
        "ACOMPANA_RASA_B": upstreams[1], "ACOMPANA_NGINX_LOG": str(log)}), encoding="utf-8")
    main = folder / "nginx.conf"
    main.write_text(
        f"daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fastcgi;\n  uwsgi_temp_path {folder}/uwsgi;\n"
        f"  scgi_temp_path {folder}/scgi;\n  include {site};\n}}\n", encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(main)]
    checked = subprocess.run(command + ["-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t falló:\n{checked.stderr}")
    process = stack.spawn("nginx", command)

    def listening() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    wait_until("nginx", listening, timeout=30, processes=(process,))
    return port, log


# --------------------------------------------------------------------------------------------
# Conversations and checks
# --------------------------------------------------------------------------------------------

REST_HEADERS = {"Authorization": f"Bearer {REST_TOKEN}"}


@dataclass
class Conversation:
    """One simulated person: who they are, their case, and which server each turn goes to.

    A web-chat conversation (``via_nginx``) has no sender until the server issues its token;
    then ``sender`` is the conversation id the token names.
    """

    sender: str
    incident: str
    country: str
    via_nginx: bool
    starts_on_b: bool
    phone: str = ""
    sent: list[str] = field(default_factory=list)
    token: Optional[str] = None

    def route(self, turn: int, urls: dict[str, str]) -> str:
        """Server of a turn: nginx (web chat), or A and B alternately (REST)."""
        if self.via_nginx:
            return urls["nginx"]
        return urls["B"] if (turn + self.starts_on_b) % 2 else urls["A"]


@dataclass
class Report:
    """PASS/FAIL lines."""

    rows: list[tuple[bool, str, str]] = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        """Record (and print at once) one check."""
        self.rows.append((ok, name, detail))
        print(f"  {'PASS' if ok else 'FAIL'}  {name}{'' if ok or not detail else ': ' + detail}", flush=True)
        return ok

    @property
    def failed(self) -> int:
        """How many checks failed."""
        return sum(not ok for ok, _, _ in self.rows)


def reply_text(replies: object) -> str:
    """All texts of a REST answer, joined."""
    if not isinstance(replies, list):
        return ""
    return "\n".join(r.get("text") or "" for r in replies if isinstance(r, dict))


def answered(status: int, text: str) -> bool:
    """A normal answer: HTTP 200, some text, and not the bot's "technical problem" apology."""
    return status == 200 and bool(text) and TECHNICAL_PROBLEM not in text


def say(conversation: Conversation, url: str, message: str) -> tuple[int, str]:
    """Send one message (web chat through nginx, or REST); remember it; ``(status, text)``."""
    conversation.sent.append(message)
    if conversation.via_nginx:
        return asyncio.run(socket_turn(conversation, url, message))
    status, replies = post_json(f"{url}/webhooks/rest/webhook",
                                {"sender": conversation.sender, "message": message},
                                timeout=REQUEST_TIMEOUT, headers=REST_HEADERS)
    return status, reply_text(replies) if status == 200 and replies else ""


async def socket_turn(conversation: Conversation, url: str, message: str) -> tuple[int, str]:
    """One turn of the web chat on a new socket, re-attached with the conversation's token.

    Returns 200 and the replies' text, or 0 when the socket could not be opened or confirmed.
    """
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    confirmed: asyncio.Queue = asyncio.Queue()
    replies: list[str] = []
    client.on("session_confirm", confirmed.put_nowait)
    client.on("bot_uttered", lambda data: replies.append(str((data or {}).get("text") or "")))
    try:
        # Polling: python-socketio's websocket transport wants a newer aiohttp than Rasa pins.
        await client.connect(url, transports=["polling"], wait_timeout=30)
        await client.emit("session_request", {"token": conversation.token} if conversation.token else {})
        session = await asyncio.wait_for(confirmed.get(), 30)
        if conversation.token and not session.get("resumed"):
            return 0, "el servidor no reconoció el token (conversación nueva)"
        conversation.token = session["token"]
        conversation.sender = conversation.token.split(".")[1]
        await client.emit("user_uttered", {"message": message})
        waited, seen = 0.0, 0
        while waited < REQUEST_TIMEOUT and not (replies and len(replies) == seen):
            seen = len(replies)
            await asyncio.sleep(SOCKET_SETTLE_SECONDS if replies else 0.2)
            waited += SOCKET_SETTLE_SECONDS if replies else 0.2
    except (socketio.exceptions.ConnectionError, asyncio.TimeoutError, OSError) as error:
        return 0, type(error).__name__
    finally:
        try:
            await client.eio.disconnect(abort=True)
        except Exception:  # noqa: BLE001 - closing a broken socket
            pass
    return 200, "\n".join(replies)


def status_of(method: str, url: str) -> int:
    """HTTP status of a request without a body worth reading (0 when it failed)."""
    request = urllib.request.Request(url, data=b"{}" if method == "POST" else None, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0


def words(text: str) -> set[str]:
    """Lower-case words of four letters or more, and numbers."""
    return set(re.findall(r"[^\W\d_]{4,}|\d+", text.lower()))


def country_markers(render: Callable[[str], str]) -> dict[str, set[str]]:
    """Words that only the answer for one country contains (its services, numbers, laws)."""
    found = {c: words(render(c)) for c in COUNTRIES}
    return {c: found[c] - set().union(*(found[o] for o in COUNTRIES if o != c)) for c in COUNTRIES}


def mentions_country(text: str, markers: set[str]) -> bool:
    """The reply contains at least one word that belongs only to that country's answer."""
    return bool(words(text) & markers)


def in_parallel(jobs: list[Callable[[], object]]) -> list[object]:
    """Run the jobs in threads (one per conversation) and return their results in order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(jobs))) as pool:
        return [future.result() for future in [pool.submit(job) for job in jobs]]


class Events:
    """Read-only view of Rasa's ``events`` table (plus the back-dating used for expiry)."""

    def __init__(self, db: Database) -> None:
        import psycopg2

        self.connection = psycopg2.connect(host=db.host, port=db.port, dbname=db.name,
                                           user=db.user, password=db.password)
        self.connection.autocommit = True

    def rows(self, sender: str) -> list[tuple[str, float, Optional[str], Optional[str], str]]:
        """``(type_name, timestamp, intent_name, action_name, data)`` in stored order."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT type_name, timestamp, intent_name, action_name, data FROM events "
                           "WHERE sender_id = %s ORDER BY id", (sender,))
            return cursor.fetchall()

    def count_containing(self, fragment: str) -> int:
        """Rows whose stored JSON contains ``fragment`` anywhere."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM events WHERE data LIKE %s", (f"%{fragment}%",))
            return cursor.fetchone()[0]

    def age(self, sender: str, seconds: float) -> None:
        """Move every event of a conversation ``seconds`` into the past."""
        with self.connection.cursor() as cursor:
            cursor.execute("UPDATE events SET timestamp = timestamp - %s, "
                           "data = jsonb_set(data::jsonb, '{timestamp}', "
                           "to_jsonb((data::jsonb->>'timestamp')::float - %s))::text "
                           "WHERE sender_id = %s", (seconds, seconds, sender))


def slot_values(rows: list, slot: str) -> list:
    """Values set for ``slot``, in order."""
    values = []
    for type_name, _, _, _, data in rows:
        if type_name == "slot":
            event = json.loads(data)
            if event.get("name") == slot:
                values.append(event.get("value"))
    return values


def turns_in_order(rows: list) -> bool:
    """Each stored user message follows a finished turn (``action_listen``): none interleaved."""
    for index, (type_name, *_rest) in enumerate(rows):
        if type_name == "user" and (index == 0 or rows[index - 1][3] != "action_listen"):
            return False
    return True


def user_texts(rows: list) -> list[str]:
    """Texts of the person's messages as stored."""
    return [json.loads(data).get("text") or "" for type_name, _, _, _, data in rows if type_name == "user"]


def make_sweeper(db: Database):
    """The production tracker store, as the servers build it (used to sweep expired conversations)."""
    from extensions.tracker_store import PrivateTrackerStore

    return PrivateTrackerStore(None, backend="sql", dialect="postgresql", host=db.host, port=db.port,
                               db=db.name, username=db.user, password=db.password,
                               retention_hours=RETENTION_HOURS)


def run_check(stack: Stack, report: Report, *, endpoints: Path = ENDPOINTS) -> dict[str, float]:
    """Start everything, hold the conversations, and check what was kept."""
    timings: dict[str, float] = {}
    started = time.monotonic()
    db = start_postgres(stack)
    redis_port = start_redis(stack)
    timings["postgres_redis"] = time.monotonic() - started

    # Creating the tables here first spares the two servers a race to create them.
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    sweeper = make_sweeper(db)

    actions_port, port_a, port_b = free_port(), free_port(), free_port()
    env = rasa_env(db, redis_port, actions_port)
    actions = stack.spawn("actions", [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
                                      "--port", str(actions_port)], env=env)
    urls = {"A": f"http://127.0.0.1:{port_a}", "B": f"http://127.0.0.1:{port_b}"}
    rasa_a = start_rasa(stack, "rasa-a", port_a, env, endpoints)
    rasa_b = start_rasa(stack, "rasa-b", port_b, env, endpoints)
    nginx_port, nginx_log = start_nginx(stack, (f"127.0.0.1:{port_a}", f"127.0.0.1:{port_b}"))
    urls["nginx"] = f"http://127.0.0.1:{nginx_port}"
    wait_until("servidor de acciones", lambda: _get_ok(f"http://127.0.0.1:{actions_port}/health"),
               timeout=STARTUP_TIMEOUT, processes=(actions,))
    ready = in_parallel([lambda: wait_rasa("A", urls["A"], rasa_a), lambda: wait_rasa("B", urls["B"], rasa_b)])
    timings["rasa_start_seconds"] = max(ready)  # type: ignore[type-var]
    print(f"  servicios listos en {time.monotonic() - started:.0f} s "
          f"(Rasa A {ready[0]:.0f} s, B {ready[1]:.0f} s en paralelo)", flush=True)

    from bot.directory import render_services, services_for
    from bot.facts import CaseFacts

    run_id = secrets.token_hex(3)
    conversations = [
        Conversation(sender=f"scaleout-{run_id}-{i:02d}", incident=INCIDENTS[i % len(INCIDENTS)],
                     country=COUNTRIES[i % len(COUNTRIES)], via_nginx=i >= CONVERSATIONS - VIA_NGINX,
                     starts_on_b=bool(i % 2), phone=f"+56 9 {7000 + i:04d} {secrets.randbelow(9000) + 1000}")
        for i in range(CONVERSATIONS)]
    support_markers = {c.incident: country_markers(
        lambda cc, inc=c.incident: render_services(services_for(
            CaseFacts(inc, country=cc, victim_is_minor=False),
            kinds=("support", "crisis", "legal_help", "child_protection"), limit=5)))
        for c in conversations}

    def turn(number: int, message: Callable[[Conversation], str],
             url: Optional[Callable[[Conversation], str]] = None) -> list[tuple[int, str]]:
        return in_parallel([lambda c=c: say(c, (url or (lambda c: c.route(number, urls)))(c), message(c))
                            for c in conversations])

    print("  turnos 1-3: incidente (A/B), país (B/A), edad (A/B)...", flush=True)
    first = turn(0, lambda c: f"/{c.incident}")
    second = turn(1, lambda c: f'/inform{{"country": "{c.country}"}}')
    third = turn(2, lambda _: '/inform{"adult": true}')
    bad = [c.sender for c, (s, t) in zip(conversations, first) if not answered(s, t) or ASKS_COUNTRY not in t]
    report.check("turno 1: el bot pregunta el país", not bad, f"{bad}")
    bad = [c.sender for c, (s, t) in zip(conversations, second)
           if not answered(s, t) or ASKS_MINOR not in t or ASKS_COUNTRY in t]
    report.check("turno 2 (otro servidor): recuerda el caso y pregunta la edad", not bad, f"{bad}")
    bad = [c.sender for c, (s, t) in zip(conversations, third)
           if not answered(s, t) or GIVES_STEPS not in t or ASKS_COUNTRY in t]
    # The plan comes two steps at a time: the country's own services are checked at turn 5.
    report.check("turno 3 (otro servidor): empieza los pasos, sin volver a preguntar el país", not bad, f"{bad}")

    print("  reiniciando el servidor B; mientras tanto, turno 4 en A y por nginx...", flush=True)
    restart_started = time.monotonic()
    stack.stop("rasa-b")
    rasa_b = start_rasa(stack, "rasa-b", port_b, env, endpoints)
    fourth = turn(3, lambda _: ASK_EVIDENCE, url=lambda c: urls["nginx"] if c.via_nginx else urls["A"])
    bad = [c.sender for c, (s, t) in zip(conversations, fourth) if not answered(s, t) or ASKS_COUNTRY in t]
    report.check("turno 4 con B caído: A (REST) y nginx (chat web, con su token) responden, sin perder el caso",
                 not bad, f"{bad}")
    wait_rasa("B", urls["B"], rasa_b)
    timings["restart_b_seconds"] = time.monotonic() - restart_started

    fifth = turn(4, lambda _: ASK_SUPPORT, url=lambda c: urls["nginx"] if c.via_nginx else urls["B"])
    bad = [c.sender for c, (s, t) in zip(conversations, fifth)
           if not answered(s, t) or ASKS_COUNTRY in t or not mentions_country(t, support_markers[c.incident][c.country])]
    report.check("turno 5 en B reiniciado: usa el país guardado (servicios del país)", not bad, f"{bad}")
    sixth = turn(5, lambda c: f"si alguien me puede llamar mi número es {c.phone}")
    bad = [c.sender for c, (s, t) in zip(conversations, sixth) if not answered(s, t)]
    report.check("turno 6 (con un teléfono): respondido", not bad, f"{bad}")

    # Two messages of the same person at the same moment, one to A and one to B: the Redis
    # lock must make the second wait for the first, so that both are kept, in order.
    racing = [c for c in conversations if not c.via_nginx]
    results = []
    for _ in range(RACE_ROUNDS):
        results += in_parallel([job for c in racing for job in (
            lambda c=c: say(c, urls["A"], ASK_POLICE), lambda c=c: say(c, urls["B"], "gracias"))])
    failed = [t[:60] for s, t in results if not answered(s, t)]
    report.check(f"{len(results) // 2} pares de mensajes a la vez a A y B: todos respondidos", not failed,
                 f"{len(failed)} sin respuesta normal: {failed[:3]}")

    events = Events(db)
    lost, unordered = [], []
    for c in conversations:
        rows = events.rows(c.sender)
        stored = user_texts(rows)
        countries = slot_values(rows, "country")
        wrong = {m: (c.sent.count(m), stored.count(m)) for m in set(c.sent)
                 if not m.startswith("si alguien") and stored.count(m) != c.sent.count(m)}
        if countries[:1] != [c.country] or wrong:
            lost.append((c.sender, c.country, countries, wrong))
        if not turns_in_order(rows):
            unordered.append(c.sender)
    report.check("PostgreSQL: cada conversación tiene su país y todos sus mensajes, sin duplicados", not lost, f"{lost}")
    report.check("PostgreSQL: turnos en orden, sin mezclarse (bloqueo en Redis)", not unordered, f"{unordered}")
    leaked = [c.phone for c in conversations
              if events.count_containing(c.phone) or events.count_containing(c.phone.replace(" ", ""))]
    report.check("PostgreSQL: ningún teléfono guardado", not leaked, f"{leaked}")
    redis_commands = _redis_commands(redis_port)
    report.check("Redis: los servidores usaron el bloqueo", redis_commands > CONVERSATIONS * 6,
                 f"{redis_commands} comandos")
    upstreams = _nginx_upstreams(nginx_log)
    report.check("nginx: el chat web llegó a los servidores", bool(upstreams & {
        f"127.0.0.1:{port_a}", f"127.0.0.1:{port_b}"}), f"{sorted(upstreams)}")
    exposed = {path: status_of(method, urls["nginx"] + path) for method, path in (
        ("POST", "/webhooks/rest/webhook"), ("GET", "/version"), ("GET", "/status"))}
    report.check("nginx: no reenvía REST ni /version ni la API de Rasa (404)",
                 all(code == 404 for code in exposed.values()), f"{exposed}")
    status = status_of("POST", f"{urls['A']}/webhooks/rest/webhook")
    report.check("REST en producción sin token: 401", status == 401, f"{status}")

    # Quick exit of a web-chat conversation: the erase route, through nginx, with its token.
    left = next(c for c in conversations if c.via_nginx)
    request = urllib.request.Request(f"{urls['nginx']}/chat/erase", data=(left.token or "").encode(),
                                     headers={"Content-Type": "text/plain"})
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    rows = events.rows(left.sender)
    report.check("salida rápida (chat web, por nginx): no queda ningún mensaje ni dato del caso",
                 status == 204 and not user_texts(rows) and not slot_values(rows, "country"),
                 f"HTTP {status}, {len(rows)} filas")

    # Erase on request, sent to B for a conversation A started.
    erased = conversations[0]
    status, text = say(erased, urls["B"], "/delete_my_data")
    rows = events.rows(erased.sender)
    report.check("borrar mis datos (en B): el bot confirma", status == 200 and ERASED in text, text[:80])
    report.check("borrar mis datos: no queda ningún mensaje ni dato del caso en PostgreSQL",
                 not user_texts(rows) and not slot_values(rows, "country") and not slot_values(rows, "incident"),
                 f"{len(rows)} filas: {[r[0] for r in rows]}")
    status, text = say(erased, urls["A"], ASK_SUPPORT)
    report.check("borrar mis datos: A tampoco recuerda el caso (pregunta el país)",
                 status == 200 and ASKS_COUNTRY in text, text[:80])

    # Retention when a conversation is read: its events are moved back beyond the retention.
    expired, swept = conversations[1], conversations[2]
    kept = [c for c in conversations[3:] if c is not left]
    events.age(expired.sender, (RETENTION_HOURS + 1) * 3600)
    status, text = say(expired, urls["B"], ASK_SUPPORT)
    cutoff = time.time() - RETENTION_HOURS * 3600
    rows = events.rows(expired.sender)
    report.check("retención al leer (B): la conversación vencida se borra y empieza de cero",
                 status == 200 and ASKS_COUNTRY in text and all(r[1] >= cutoff for r in rows)
                 and not slot_values(rows, "country"), f"{len(rows)} filas, respuesta {text[:60]!r}")

    # Retention sweep over all conversations, with the same store class the servers use.
    import asyncio

    events.age(swept.sender, (RETENTION_HOURS + 1) * 3600)
    erased_count = asyncio.run(sweeper.sweep())
    report.check("retención por barrido: borra la conversación vencida y sólo ésa",
                 erased_count >= 1 and not events.rows(swept.sender)
                 and all(events.rows(c.sender) for c in kept), f"barrido borró {erased_count}")
    timings["total_seconds"] = time.monotonic() - started
    return timings


def _get_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _redis_commands(port: int) -> int:
    import redis

    return int(redis.Redis(host="127.0.0.1", port=port).info("stats")["total_commands_processed"])


def _nginx_upstreams(log: Path) -> set[str]:
    """Upstream addresses that answered with 200, from the private access log.

    When nginx had to try a second server, ``$upstream_addr`` lists both; the last one answered.
    """
    found = set()
    for line in log.read_text().splitlines() if log.exists() else []:
        parts = line.split(" ", 3)
        if len(parts) == 4 and parts[1] == "200":
            found.add(parts[3].split(",")[-1].strip())
    return found


def missing_plugins(endpoints: Path) -> list[str]:
    """Custom store classes named in the endpoints file whose module cannot be found."""
    import importlib.util

    import yaml

    data = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
    missing = []
    for section in ("tracker_store", "lock_store"):
        kind = str((data.get(section) or {}).get("type") or "")
        module = kind.rpartition(".")[0]
        if module:
            try:
                found = importlib.util.find_spec(module) is not None
            except ModuleNotFoundError:
                found = False
            if not found:
                missing.append(kind)
    return missing


def main(argv: Optional[list[str]] = None) -> int:
    """Run the check; exit 1 when any check fails, 2 when the set-up itself failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, data)")
    parser.add_argument("--endpoints", type=Path, default=ENDPOINTS,
                        help="endpoints file of the Rasa servers (default: deploy/endpoints.production.yml)")
    options = parser.parse_args(argv)
    if not MODEL.exists():
        print(f"Falta el modelo {MODEL}: ejecuta scripts/start.sh o scripts/test.sh.", file=sys.stderr)
        return 2
    missing = missing_plugins(options.endpoints)
    if missing:
        print(f"{options.endpoints} usa {', '.join(missing)}, que no existe en este árbol "
              "(docs/benchmarks.md, «Producción con varios servidores»).", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="acompana-scaleout-"))
    tmp.chmod(0o755)  # the postgres user and nginx's workers must reach their sub-folders
    stack = Stack(tmp, keep=options.keep)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    for name in ("actions", "rasa-a", "rasa-b", "nginx", "redis", "postgres"):
        (LOGS / f"scaleout-{name}.log").unlink(missing_ok=True)
    report = Report()
    started = time.monotonic()
    print("Comprobación de varios servidores (PostgreSQL + Redis + nginx + Rasa A y B)", flush=True)
    try:
        timings = run_check(stack, report, endpoints=options.endpoints.resolve())
    except (RuntimeError, TimeoutError, subprocess.CalledProcessError) as error:
        print(f"\nLa preparación falló: {error}\nRegistros: {LOGS}/scaleout-*.log", file=sys.stderr)
        return 2
    finally:
        stack.close()
    total = time.monotonic() - started
    print(f"\n{len(report.rows) - report.failed}/{len(report.rows)} comprobaciones correctas; "
          f"arranque de A y B {timings['rasa_start_seconds']:.0f} s, reinicio de B "
          f"{timings['restart_b_seconds']:.0f} s, total {total:.0f} s.")
    if report.failed:
        print(f"FALLÓ: {report.failed} comprobación(es). Registros: {LOGS}/scaleout-*.log")
        return 1
    print("TODO BIEN: los servidores comparten las conversaciones sin perder nada.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
