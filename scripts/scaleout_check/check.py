"""The check itself: start every service, hold the conversations, check what was kept.

:func:`run_check` runs the phases in order; each phase sends its turns and records its
PASS/FAIL lines in the :class:`Report` (the order of the lines is the order below).
"""
from __future__ import annotations

import asyncio
import os
import secrets
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from scripts.ports import free_port
from scripts.scaleout_check.conversations import (
    Conversation,
    answered,
    country_markers,
    in_parallel,
    mentions_country,
    say,
    status_of,
)
from scripts.scaleout_check.events import (
    Events,
    make_sweeper,
    slot_values,
    turns_in_order,
    user_texts,
)
from scripts.scaleout_check.nginx import nginx_upstreams, start_nginx
from scripts.scaleout_check.postgres import Database, start_postgres
from scripts.scaleout_check.rasa_servers import rasa_env, start_rasa, wait_rasa
from scripts.scaleout_check.redis_server import redis_commands, start_redis
from scripts.scaleout_check.report import Report
from scripts.scaleout_check.settings import (
    ASK_EVIDENCE,
    ASK_POLICE,
    ASK_SUPPORT,
    ASKS_COUNTRY,
    ASKS_MINOR,
    CONVERSATIONS,
    COUNTRIES,
    ENDPOINTS,
    ERASED,
    GIVES_STEPS,
    INCIDENTS,
    RACE_ROUNDS,
    REQUEST_TIMEOUT,
    RETENTION_HOURS,
    STARTUP_TIMEOUT,
    VIA_NGINX,
)
from scripts.scaleout_check.stack import Stack, get_ok, wait_until

#: Reply of one turn: ``(HTTP status, text)``.
Replies = list[tuple[int, str]]


@dataclass
class Services:
    """What :func:`start_services` started: where to reach it, and what B restarts with."""

    stack: Stack
    db: Database
    redis_port: int
    env: dict[str, str]
    endpoints: Path
    urls: dict[str, str]
    ports: dict[str, int]
    nginx_log: Path
    sweeper: Any


def run_check(stack: Stack, report: Report, *, endpoints: Path = ENDPOINTS) -> dict[str, float]:
    """Start everything, hold the conversations, and check what was kept."""
    timings: dict[str, float] = {}
    started = time.monotonic()
    services = start_services(stack, endpoints, timings, started)
    conversations = new_conversations()
    markers = support_markers(conversations)
    check_first_turns(services, conversations, report)
    check_restart_of_b(services, conversations, report, markers, timings)
    check_simultaneous_messages(services, conversations, report)
    events = Events(services.db)
    check_what_was_stored(services, conversations, report, events)
    check_quick_exit(services, conversations, report, events)
    check_erase(services, conversations, report, events)
    check_retention(services, conversations, report, events)
    timings["total_seconds"] = time.monotonic() - started
    return timings


def start_services(stack: Stack, endpoints: Path, timings: dict[str, float], started: float) -> Services:
    """PostgreSQL, Redis, the action server, Rasa A and B, nginx; wait until all answer."""
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
    wait_until("servidor de acciones", lambda: get_ok(f"http://127.0.0.1:{actions_port}/health"),
               timeout=STARTUP_TIMEOUT, processes=(actions,))
    ready = in_parallel([lambda: wait_rasa("A", urls["A"], rasa_a), lambda: wait_rasa("B", urls["B"], rasa_b)])
    timings["rasa_start_seconds"] = max(ready)  # type: ignore[type-var]
    print(f"  servicios listos en {time.monotonic() - started:.0f} s "
          f"(Rasa A {ready[0]:.0f} s, B {ready[1]:.0f} s en paralelo)", flush=True)
    return Services(stack, db, redis_port, env, endpoints, urls, {"A": port_a, "B": port_b},
                    nginx_log, sweeper)


def new_conversations() -> list[Conversation]:
    """The simulated people of this run: incidents and countries in turn, the last ones by web chat."""
    run_id = secrets.token_hex(3)
    return [
        Conversation(sender=f"scaleout-{run_id}-{i:02d}", incident=INCIDENTS[i % len(INCIDENTS)],
                     country=COUNTRIES[i % len(COUNTRIES)], via_nginx=i >= CONVERSATIONS - VIA_NGINX,
                     starts_on_b=bool(i % 2), phone=f"+56 9 {7000 + i:04d} {secrets.randbelow(9000) + 1000}")
        for i in range(CONVERSATIONS)]


def support_markers(conversations: list[Conversation]) -> dict[str, dict[str, set[str]]]:
    """Per incident and country, the words only that country's support answer contains."""
    from bot.directory import render_services, services_for
    from bot.facts import CaseFacts

    return {c.incident: country_markers(
        lambda cc, inc=c.incident: render_services(services_for(
            CaseFacts(inc, country=cc, victim_is_minor=False),
            kinds=("support", "crisis", "legal_help", "child_protection"), limit=5)))
        for c in conversations}


def turn(conversations: list[Conversation], urls: dict[str, str], number: int,
         message: Callable[[Conversation], str],
         url: Optional[Callable[[Conversation], str]] = None) -> Replies:
    """Turn ``number`` of every conversation at once, each on its route (or on ``url(c)``)."""
    return in_parallel([lambda c=c: say(c, (url or (lambda c: c.route(number, urls)))(c), message(c))
                        for c in conversations])


def failing(conversations: list[Conversation], replies: Replies,
            wrong: Callable[[Conversation, int, str], bool]) -> list[str]:
    """Senders whose reply is not a normal answer, or is ``wrong``."""
    return [c.sender for c, (s, t) in zip(conversations, replies) if not answered(s, t) or wrong(c, s, t)]


def check_first_turns(services: Services, conversations: list[Conversation], report: Report) -> None:
    """Turns 1-3 alternate between A and B: the case, the country and the age are remembered."""
    urls = services.urls
    print("  turnos 1-3: incidente (A/B), país (B/A), edad (A/B)...", flush=True)
    first = turn(conversations, urls, 0, lambda c: f"/{c.incident}")
    second = turn(conversations, urls, 1, lambda c: f'/inform{{"country": "{c.country}"}}')
    third = turn(conversations, urls, 2, lambda _: '/inform{"adult": true}')
    bad = failing(conversations, first, lambda c, s, t: ASKS_COUNTRY not in t)
    report.check("turno 1: el bot pregunta el país", not bad, f"{bad}")
    bad = failing(conversations, second, lambda c, s, t: ASKS_MINOR not in t or ASKS_COUNTRY in t)
    report.check("turno 2 (otro servidor): recuerda el caso y pregunta la edad", not bad, f"{bad}")
    bad = failing(conversations, third, lambda c, s, t: GIVES_STEPS not in t or ASKS_COUNTRY in t)
    # The plan comes two steps at a time: the country's own services are checked at turn 5.
    report.check("turno 3 (otro servidor): empieza los pasos, sin volver a preguntar el país", not bad, f"{bad}")


def check_restart_of_b(services: Services, conversations: list[Conversation], report: Report,
                       markers: dict[str, dict[str, set[str]]], timings: dict[str, float]) -> None:
    """B stops and starts again during turn 4; turns 5 and 6 on the restarted B (which must
    use the country stored by the others: ``markers``, from :func:`support_markers`)."""
    urls, stack = services.urls, services.stack
    print("  reiniciando el servidor B; mientras tanto, turno 4 en A y por nginx...", flush=True)
    restart_started = time.monotonic()
    stack.stop("rasa-b")
    rasa_b = start_rasa(stack, "rasa-b", services.ports["B"], services.env, services.endpoints)
    fourth = turn(conversations, urls, 3, lambda _: ASK_EVIDENCE,
                  url=lambda c: urls["nginx"] if c.via_nginx else urls["A"])
    bad = failing(conversations, fourth, lambda c, s, t: ASKS_COUNTRY in t)
    report.check("turno 4 con B caído: A (REST) y nginx (chat web, con su token) responden, sin perder el caso",
                 not bad, f"{bad}")
    wait_rasa("B", urls["B"], rasa_b)
    timings["restart_b_seconds"] = time.monotonic() - restart_started

    fifth = turn(conversations, urls, 4, lambda _: ASK_SUPPORT,
                 url=lambda c: urls["nginx"] if c.via_nginx else urls["B"])
    bad = failing(conversations, fifth, lambda c, s, t: ASKS_COUNTRY in t
                  or not mentions_country(t, markers[c.incident][c.country]))
    report.check("turno 5 en B reiniciado: usa el país guardado (servicios del país)", not bad, f"{bad}")
    sixth = turn(conversations, urls, 5, lambda c: f"si alguien me puede llamar mi número es {c.phone}")
    bad = failing(conversations, sixth, lambda c, s, t: False)
    report.check("turno 6 (con un teléfono): respondido", not bad, f"{bad}")


def check_simultaneous_messages(services: Services, conversations: list[Conversation],
                                report: Report) -> None:
    """Two messages of the same person at the same moment, one to A and one to B.

    The Redis lock must make the second wait for the first, so that both are kept, in order.
    """
    urls = services.urls
    racing = [c for c in conversations if not c.via_nginx]
    results = []
    for _ in range(RACE_ROUNDS):
        results += in_parallel([job for c in racing for job in (
            lambda c=c: say(c, urls["A"], ASK_POLICE), lambda c=c: say(c, urls["B"], "gracias"))])
    failed = [t[:60] for s, t in results if not answered(s, t)]
    report.check(f"{len(results) // 2} pares de mensajes a la vez a A y B: todos respondidos", not failed,
                 f"{len(failed)} sin respuesta normal: {failed[:3]}")


def check_what_was_stored(services: Services, conversations: list[Conversation], report: Report,
                          events: Events) -> None:
    """PostgreSQL kept every message once, in order, without phone numbers; Redis and nginx
    were used; nginx forwards neither REST nor Rasa's API; REST needs its token."""
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
    check_redis_and_nginx(services, report)


def check_redis_and_nginx(services: Services, report: Report) -> None:
    """Redis was used for the lock; nginx reached both servers and exposes only the web chat."""
    urls, ports = services.urls, services.ports
    commands = redis_commands(services.redis_port)
    report.check("Redis: los servidores usaron el bloqueo", commands > CONVERSATIONS * 6,
                 f"{commands} comandos")
    upstreams = nginx_upstreams(services.nginx_log)
    report.check("nginx: el chat web llegó a los servidores", bool(upstreams & {
        f"127.0.0.1:{ports['A']}", f"127.0.0.1:{ports['B']}"}), f"{sorted(upstreams)}")
    exposed = {path: status_of(method, urls["nginx"] + path) for method, path in (
        ("POST", "/webhooks/rest/webhook"), ("GET", "/version"), ("GET", "/status"))}
    report.check("nginx: no reenvía REST ni /version ni la API de Rasa (404)",
                 all(code == 404 for code in exposed.values()), f"{exposed}")
    status = status_of("POST", f"{urls['A']}/webhooks/rest/webhook")
    report.check("REST en producción sin token: 401", status == 401, f"{status}")


def check_quick_exit(services: Services, conversations: list[Conversation], report: Report,
                     events: Events) -> None:
    """Quick exit of a web-chat conversation: the erase route, through nginx, with its token."""
    left = quick_exit_conversation(conversations)
    request = urllib.request.Request(f"{services.urls['nginx']}/chat/erase", data=(left.token or "").encode(),
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


def quick_exit_conversation(conversations: list[Conversation]) -> Conversation:
    """The web-chat conversation whose person leaves with the quick exit."""
    return next(c for c in conversations if c.via_nginx)


def check_erase(services: Services, conversations: list[Conversation], report: Report,
                events: Events) -> None:
    """Erase on request, sent to B for a conversation A started; A no longer knows it either."""
    urls = services.urls
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


def check_retention(services: Services, conversations: list[Conversation], report: Report,
                    events: Events) -> None:
    """Expired conversations are erased: when read (on B), and by the retention sweep."""
    # Retention when a conversation is read: its events are moved back beyond the retention.
    expired, swept = conversations[1], conversations[2]
    left = quick_exit_conversation(conversations)
    kept = [c for c in conversations[3:] if c is not left]
    events.age(expired.sender, (RETENTION_HOURS + 1) * 3600)
    status, text = say(expired, services.urls["B"], ASK_SUPPORT)
    cutoff = time.time() - RETENTION_HOURS * 3600
    rows = events.rows(expired.sender)
    report.check("retención al leer (B): la conversación vencida se borra y empieza de cero",
                 status == 200 and ASKS_COUNTRY in text and all(r[1] >= cutoff for r in rows)
                 and not slot_values(rows, "country"), f"{len(rows)} filas, respuesta {text[:60]!r}")

    # Retention sweep over all conversations, with the same store class the servers use.
    events.age(swept.sender, (RETENTION_HOURS + 1) * 3600)
    erased_count = asyncio.run(services.sweeper.sweep())
    report.check("retención por barrido: borra la conversación vencida y sólo ésa",
                 erased_count >= 1 and not events.rows(swept.sender)
                 and all(events.rows(c.sender) for c in kept), f"barrido borró {erased_count}")
