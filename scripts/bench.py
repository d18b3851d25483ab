"""Benchmark of Acompaña: NLU quality, latency under load, cold start and training time.

Run ``scripts/bench.sh`` (= ``.venv/bin/python -m scripts.bench``). Options::

    --people 20          simulated people talking at the same time
    --turns 6-8          turns per conversation (a range, or one number)
    --rounds 3           conversations each person holds, one after the other
    --skip-training      do not time ``rasa train`` (it trains a model from scratch)
    --skip-nlu / --skip-latency   run only some parts
    --json PATH          also write every figure as JSON
    --profile PY_SPY     record both servers with py-spy during the load (artifacts/bench/)

It prints a table of figures and one PASS/FAIL line per target (the ``TARGET_*`` constants).
A missed target is reported, not raised: the exit code is non-zero only when the benchmark
crashes.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import yaml

from bot.reading.intents import RISK_INTENT
from scripts.http_client import post_json
from scripts.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "acompana.tar.gz"
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
NLU_DIR = ROOT / "data" / "nlu"
LOGS = ROOT / "artifacts" / "logs"
BENCH_DIR = ROOT / "artifacts" / "bench"

#: Intents that must never be missed.
SAFETY_INTENTS = tuple(RISK_INTENT.values())
#: Minimum intent macro-F1 on the held-out file.
TARGET_MACRO_F1 = 0.90
#: Minimum recall of each safety intent.
TARGET_SAFETY_RECALL = 1.0
#: Largest allowed ratio between the bot's intent error rate and the baseline's.
TARGET_ERROR_RATIO = 0.5
#: Largest allowed ratio between p95 of a full turn and p95 of bare ``/model/parse``.
TARGET_TURN_TO_PARSE_P95 = 3.0
#: Seconds a cold server may take before the benchmark gives up.
STARTUP_TIMEOUT = 300
#: Seconds one HTTP request may take before it counts as an error.
REQUEST_TIMEOUT = 120
#: Regularisation strength of the textbook baseline: scikit-learn's default, not tuned (the
#: strong baseline with C chosen by cross-validation is scripts/nlu_eval.py's).
BASELINE_C = 1.0
#: Reply fragments that mean the bot failed inside (custom action or channel error answers).
FAILURE_MARKERS = ("tuve un problema técnico",)
#: Reply fragment of the clarifying question (the bot did not understand; not an error).
CLARIFY_MARKER = "no tengo claro si te entendí"

# --------------------------------------------------------------------------------------------
# Pure helpers (tested in tests/bench_test.py)
# --------------------------------------------------------------------------------------------

_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def strip_annotations(text: str) -> str:
    """``"vivo en [Chile](country)"`` → ``"vivo en Chile"`` (Rasa's entity markup removed)."""
    return _ANNOTATION.sub(r"\1", text)


def read_intent_examples(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """``(text, intent)`` pairs of Rasa YAML NLU files (lookup tables, synonyms skipped)."""
    pairs = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            if "intent" not in block:
                continue
            for line in str(block.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    pairs.append((strip_annotations(line[2:].strip()), block["intent"]))
    return pairs


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) with linear interpolation, like ``numpy.percentile``."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class IntentScore:
    """Precision, recall and F1 of one intent, with its number of held-out messages."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class NluScores:
    """Intent classification quality on a labelled set."""

    per_intent: dict[str, IntentScore]
    macro_f1: float
    accuracy: float

    @property
    def error_rate(self) -> float:
        """Share of messages whose intent is wrong."""
        return 1.0 - self.accuracy


def score_intents(expected: Sequence[str], predicted: Sequence[str]) -> NluScores:
    """Per-intent precision/recall/F1 and their macro average over the expected intents.

    A prediction outside the expected intents (``nlu_fallback``) is simply wrong: it lowers
    the recall of the true intent and nobody's precision. An intent never predicted has
    precision 0.
    """
    if len(expected) != len(predicted):
        raise ValueError("expected and predicted must have the same length")
    per_intent = {}
    for intent in sorted(set(expected)):
        true_pos = sum(e == intent and p == intent for e, p in zip(expected, predicted))
        n_pred = sum(p == intent for p in predicted)
        n_true = sum(e == intent for e in expected)
        precision = true_pos / n_pred if n_pred else 0.0
        recall = true_pos / n_true
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[intent] = IntentScore(precision, recall, f1, n_true)
    macro = sum(s.f1 for s in per_intent.values()) / len(per_intent) if per_intent else 0.0
    right = sum(e == p for e, p in zip(expected, predicted))
    return NluScores(per_intent, macro, right / len(expected) if expected else 0.0)


def parse_turn_range(value: str) -> tuple[int, int]:
    """``"6-8"`` → ``(6, 8)``; ``"7"`` → ``(7, 7)``. At least 4 turns (case + one question)."""
    low, _, high = value.partition("-")
    bounds = (int(low), int(high or low))
    if bounds[0] < 4 or bounds[1] < bounds[0]:
        raise argparse.ArgumentTypeError("--turns must be N or MIN-MAX with 4 <= MIN <= MAX")
    return bounds


# --------------------------------------------------------------------------------------------
# Simulated people: realistic multi-turn incident conversations
# --------------------------------------------------------------------------------------------

#: First messages: what happened, in the words of people from the four supported countries.
INCIDENT_MESSAGES = (
    "mi ex subió a un grupo de telegram las fotos íntimas que le mandé cuando estábamos juntos",
    "un compañero de la u está pasando un video mío desnuda por whatsapp",
    "me están extorsionando, dicen que si no pago publican mis fotos",
    "un tipo de instagram me pide 500 dólares o manda mis videos a mi familia",
    "alguien publicó mi dirección y mi teléfono en un grupo de facebook",
    "pusieron en twitter dónde vivo y dónde trabajo",
    "hay una cuenta falsa con mi nombre y mis fotos pidiendo plata a mis amigos",
    "alguien se está haciendo pasar por mí en tiktok",
    "un desconocido me manda fotos de sus genitales todos los días por instagram",
    "mi ex me escribe todo el día desde cuentas distintas aunque lo bloqueo",
    "me mandó un mensaje diciendo que me va a matar si lo denuncio",
    "me hackearon el instagram y cambiaron la contraseña",
    "creo que mi pareja me revisa el celular y lee mis chats",
    "están diciendo en un grupo del trabajo que me acuesto con el jefe y es mentira",
    "che, el pibe con el que salía pasó mis fotos a todos sus amigos",
    "güey, subieron mi pack a una página porno",
    "tía, un chaval me chantajea con unas fotos mías",
    "weon me crearon un perfil trucho con mis fotos",
)
#: Answers to "¿en qué país estás?": mostly the buttons, sometimes typed.
COUNTRY_ANSWERS = (
    '/inform{"country": "CL"}', '/inform{"country": "MX"}', '/inform{"country": "AR"}',
    '/inform{"country": "ES"}', '/inform{"country": "CL"}', '/inform{"country": "MX"}',
    '/inform{"country": "AR"}', '/inform{"country": "ES"}',
    "estoy en chile", "soy de méxico", "vivo en argentina", "desde españa",
)
#: Answers to "¿la persona afectada tiene menos de 18 años?".
MINOR_ANSWERS = (
    '/inform{"victim_is_minor": false}', '/inform{"victim_is_minor": false}',
    '/inform{"victim_is_minor": false}', '/inform{"victim_is_minor": true}',
    "no, soy mayor de edad", "tengo 24 años",
)
#: Questions people ask once they have the steps.
QUESTIONS = (
    "cómo guardo pruebas", "sirven las capturas de pantalla como prueba?",
    "dónde puedo denunciar", "cómo hago la denuncia en la policía",
    "cómo pido que borren el contenido", "quiero que lo bajen de la página",
    "qué dice la ley sobre esto", "es delito lo que me hicieron?",
    "con quién puedo hablar", "necesito apoyo psicológico",
    "quiero hablar con una persona", "qué guardan de lo que escribo",
)
#: A message that sometimes interrupts a case (answered first, with the crisis lines).
CRISIS_MESSAGE = "ya no puedo más con todo esto, quiero desaparecer"
#: Last messages.
CLOSINGS = ("gracias", "muchas gracias, me sirvió", "chao, gracias por todo")


def conversation_script(rng: random.Random, turns: tuple[int, int]) -> list[str]:
    """Messages of one incident conversation: the case, country, age, questions, thanks."""
    count = rng.randint(*turns)
    messages = [rng.choice(INCIDENT_MESSAGES), rng.choice(COUNTRY_ANSWERS), rng.choice(MINOR_ANSWERS)]
    questions = rng.sample(QUESTIONS, k=count - 4)
    if questions and rng.random() < 0.1:
        questions[rng.randrange(len(questions))] = CRISIS_MESSAGE
    return messages + questions + [rng.choice(CLOSINGS)]


# --------------------------------------------------------------------------------------------
# Part 1: NLU quality, model vs. TF-IDF + logistic regression
# --------------------------------------------------------------------------------------------

def baseline_pipeline(c: float = BASELINE_C):
    """The textbook baseline: TF-IDF of words and word pairs + logistic regression.

    Scikit-learn's defaults (C = 1). The bot's own classifier is a tuned member of the same
    family (character n-grams, folded accents, lookup tables, C = 30) plus deterministic
    layers (crisis and danger check, short answers), so this row shows what those add.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(C=c, max_iter=5000))


def train_baseline(train: Sequence[tuple[str, str]]) -> Any:
    """The baseline (``C = BASELINE_C``) fitted on ``train``."""
    model = baseline_pipeline()
    model.fit([t for t, _ in train], [i for _, i in train])
    return model


def run_nlu(model: Path) -> dict[str, Any]:
    """Score the trained model and the baseline on the held-out file."""
    heldout = read_intent_examples([HELDOUT])
    train = read_intent_examples(sorted(NLU_DIR.glob("*.yml")))
    texts, expected = [t for t, _ in heldout], [i for _, i in heldout]

    started = time.monotonic()
    baseline = train_baseline(train)
    baseline_seconds = time.monotonic() - started
    baseline_scores = score_intents(expected, list(baseline.predict(texts)))

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # no per-message debug lines (they carry the text)
    agent = Agent.load(str(model))

    async def parse_all() -> list[str]:
        return [(await agent.parse_message(text))["intent"]["name"] for text in texts]

    started = time.monotonic()
    predicted = asyncio.run(parse_all())
    parse_seconds = time.monotonic() - started
    bot_scores = score_intents(expected, predicted)
    misses = [{"text": t, "expected": e, "predicted": p}
              for t, e, p in zip(texts, expected, predicted) if e != p]
    return {
        "heldout_messages": len(heldout), "training_messages": len(train),
        "bot": bot_scores, "baseline": baseline_scores, "baseline_c": BASELINE_C,
        "baseline_fit_seconds": baseline_seconds, "bot_parse_seconds": parse_seconds,
        "bot_fallbacks": sum(p == "nlu_fallback" for p in predicted),
        "bot_misses": misses,
    }


# --------------------------------------------------------------------------------------------
# Part 2: latency under load, against running servers
# --------------------------------------------------------------------------------------------

@dataclass
class Servers:
    """The action server and the Rasa server started for the benchmark."""

    rasa_url: str
    token: str
    actions: subprocess.Popen
    rasa: subprocess.Popen
    cold_start_seconds: float = math.nan
    actions_ready_seconds: float = math.nan


def start_servers(model: Path) -> Servers:
    """Start both servers and time process start → first REST answer (the cold start)."""
    LOGS.mkdir(parents=True, exist_ok=True)
    port, actions_port = free_port(), free_port()
    token = secrets.token_urlsafe(24)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               TF_CPP_MIN_LOG_LEVEL="3", RASA_TELEMETRY_ENABLED="false", SQLALCHEMY_SILENCE_UBER_WARNING="1",
               ACOMPANA_ACTIONS_URL=f"http://127.0.0.1:{actions_port}/webhook",
               ACOMPANA_ENABLE_API="1", ACOMPANA_API_TOKEN=token)
    started = time.monotonic()
    actions = subprocess.Popen(
        [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port)],
        cwd=ROOT, env=env, stdout=open(LOGS / "bench-actions.log", "w"), stderr=subprocess.STDOUT)
    rasa = subprocess.Popen(
        [sys.executable, "-m", "scripts.serve", "--port", str(port), "--model", str(model)],
        cwd=ROOT, env=env, stdout=open(LOGS / "bench-rasa.log", "w"), stderr=subprocess.STDOUT)
    servers = Servers(f"http://127.0.0.1:{port}", token, actions, rasa)
    try:
        import urllib.error
        import urllib.request

        deadline = started + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            for name, process in (("acciones", actions), ("Rasa", rasa)):
                if process.poll() is not None:
                    raise RuntimeError(f"el servidor de {name} terminó ({process.returncode}); ver {LOGS}")
            if math.isnan(servers.actions_ready_seconds):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{actions_port}/health", timeout=2):
                        servers.actions_ready_seconds = time.monotonic() - started
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
            # post_json answers status 0 while the server is not listening yet.
            status, replies = post_json(f"{servers.rasa_url}/webhooks/rest/webhook",
                                        {"sender": "bench-cold-start", "message": "hola"}, timeout=30)
            if status == 200 and replies:
                servers.cold_start_seconds = time.monotonic() - started
                return servers
            time.sleep(0.2)
        raise TimeoutError(f"el bot no respondió en {STARTUP_TIMEOUT} s; ver {LOGS}")
    except BaseException:
        stop_servers(servers)
        raise


def stop_servers(servers: Servers) -> None:
    """Terminate both servers (only the processes this benchmark started)."""
    for process in (servers.rasa, servers.actions):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in (servers.rasa, servers.actions):
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def memory_kib(pid: int) -> dict[str, int]:
    """Resident memory now (``VmRSS``) and at its peak (``VmHWM``) of a process, in KiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


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


def start_profilers(py_spy: str, servers: Servers) -> list[tuple[subprocess.Popen, Path]]:
    """py-spy recording both servers: collapsed stacks under artifacts/bench/ (open them in
    https://www.speedscope.app)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    profilers = []
    for name, process in (("rasa", servers.rasa), ("actions", servers.actions)):
        out = BENCH_DIR / f"profile-{name}.txt"
        profilers.append((subprocess.Popen(
            [py_spy, "record", "--pid", str(process.pid), "--rate", "100", "--format", "raw",
             "--output", str(out), "--nonblocking"],
            stdout=subprocess.DEVNULL, stderr=open(BENCH_DIR / f"profile-{name}.log", "w")), out))
    time.sleep(1)
    return profilers


def stop_profilers(profilers: list[tuple[subprocess.Popen, Path]]) -> list[str]:
    """Stop py-spy (SIGINT makes it write its file); return the files written."""
    for process, _ in profilers:
        process.send_signal(signal.SIGINT)
    written = []
    for process, out in profilers:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        if out.exists():
            written.append(str(out.relative_to(ROOT)))
    return written


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


# --------------------------------------------------------------------------------------------
# Part 3: training time
# --------------------------------------------------------------------------------------------

def time_training() -> dict[str, Any]:
    """Seconds of a full ``rasa train`` from scratch (empty cache) into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="acompana-bench-train-") as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3",
                   RASA_TELEMETRY_ENABLED="false", RASA_CACHE_DIRECTORY=str(Path(tmp) / "cache"))
        command = [str(Path(sys.executable).with_name("rasa")), "train", "--config", "config.yml",
                   "--domain", "domain.yml", "--data", "data", "--out", tmp,
                   "--fixed-model-name", "bench", "--quiet"]
        LOGS.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with open(LOGS / "bench-train.log", "w") as log:
            finished = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        seconds = time.monotonic() - started
        return {"seconds": seconds, "ok": finished.returncode == 0
                and (Path(tmp) / "bench.tar.gz").exists()}


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def targets(nlu: Optional[dict], latency: Optional[dict]) -> list[tuple[str, str, bool]]:
    """``(target, measured, met)`` for every target the parts that ran can judge."""
    rows = []
    if nlu:
        bot, base = nlu["bot"], nlu["baseline"]
        rows.append((f"macro-F1 held-out >= {TARGET_MACRO_F1:.2f}", f"{bot.macro_f1:.3f}",
                     bot.macro_f1 >= TARGET_MACRO_F1))
        for intent in SAFETY_INTENTS:
            recall = bot.per_intent[intent].recall
            rows.append((f"recall {intent} = 1.00", f"{recall:.2f}", recall >= TARGET_SAFETY_RECALL))
        ratio = bot.error_rate / base.error_rate if base.error_rate else math.inf
        rows.append((f"error rate <= {TARGET_ERROR_RATIO:.1f} x baseline",
                     f"{bot.error_rate:.3f} / {base.error_rate:.3f} = {ratio:.2f}",
                     ratio <= TARGET_ERROR_RATIO))
    if latency:
        ratio = latency["turn"]["p95_ms"] / latency["parse"]["p95_ms"]
        rows.append((f"p95 turn <= {TARGET_TURN_TO_PARSE_P95:.0f} x p95 parse ({latency['people']} people)",
                     f"{latency['turn']['p95_ms']:.0f} / {latency['parse']['p95_ms']:.0f} ms = {ratio:.2f}",
                     ratio <= TARGET_TURN_TO_PARSE_P95))
        errors = latency["turn"]["errors"] + latency["parse"]["errors"]
        rows.append(("zero errors under load", str(errors), errors == 0))
    return rows


def print_report(nlu: Optional[dict], latency: Optional[dict], training: Optional[dict]) -> None:
    """Print every figure, then one PASS/FAIL line per target."""
    print("\n== 1. Comprensión (NLU), held-out tests/nlu/heldout.yml")
    if nlu:
        bot, base = nlu["bot"], nlu["baseline"]
        print(f"   {nlu['heldout_messages']} mensajes held-out; {nlu['training_messages']} de entrenamiento"
              f" (baseline: TF-IDF de palabras 1-2 + regresión logística, C={nlu['baseline_c']:g}"
              ", valores por defecto de scikit-learn)")
        print(f"   {'intent':<26} {'bot P':>6} {'bot R':>6} {'bot F1':>7} | {'base P':>6} {'base R':>6} {'base F1':>7} | n")
        for intent, score in bot.per_intent.items():
            other = base.per_intent[intent]
            print(f"   {intent:<26} {score.precision:6.2f} {score.recall:6.2f} {score.f1:7.3f} | "
                  f"{other.precision:6.2f} {other.recall:6.2f} {other.f1:7.3f} | {score.support}")
        print(f"   {'macro-F1':<26} {'':>13} {bot.macro_f1:7.3f} | {'':>13} {base.macro_f1:7.3f} |")
        print(f"   {'exactitud (accuracy)':<26} {'':>13} {bot.accuracy:7.3f} | {'':>13} {base.accuracy:7.3f} |")
        print(f"   {'tasa de error':<26} {'':>13} {bot.error_rate:7.3f} | {'':>13} {base.error_rate:7.3f} |")
        print(f"   nlu_fallback del bot (cuentan como error): {nlu['bot_fallbacks']}")
        for miss in nlu["bot_misses"][:40]:
            print(f"     fallo: {miss['expected']} -> {miss['predicted']}: {miss['text']}")
    else:
        print("   (omitido)")
    print("\n== 2. Latencia bajo carga (REST, acciones incluidas)")
    if latency:
        turn, parse = latency["turn"], latency["parse"]
        print(f"   {latency['people']} personas a la vez, {latency['conversations']} conversaciones de "
              f"{latency['turns'][0]}-{latency['turns'][1]} turnos, sin pausas entre mensajes")
        print(f"   {'':<22} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'máx ms':>8} {'req/s':>7} {'errores':>8}")
        for name, row in (("turno completo", turn), ("/model/parse solo", parse)):
            print(f"   {name:<22} {row['requests']:>5} {row['p50_ms']:8.0f} {row['p95_ms']:8.0f} "
                  f"{row['p99_ms']:8.0f} {row['max_ms']:8.0f} {row['throughput_per_s']:7.1f} {row['errors']:>8}")
        print(f"   razón p95 turno / p95 parse: {turn['p95_ms'] / parse['p95_ms']:.2f}")
        if latency["turn_error_kinds"] or latency["parse_error_kinds"]:
            print(f"   errores: turnos {latency['turn_error_kinds']}, parse {latency['parse_error_kinds']}")
        print(f"   preguntas de aclaración (el bot no entendió; no es error): {latency['clarifications']}")
        for name, mem in latency["memory_kib"].items():
            print(f"   memoria residente {name:<8}: {mem.get('VmRSS', 0) / 1024:7.0f} MiB "
                  f"(pico {mem.get('VmHWM', 0) / 1024:.0f} MiB)")
        for profile in latency["profiles"]:
            print(f"   perfil py-spy: {profile} (ábrelo en https://www.speedscope.app)")
    else:
        print("   (omitido)")
    print("\n== 3. Arranque en frío y entrenamiento")
    if latency:
        print(f"   arranque en frío (proceso → primera respuesta REST): {latency['cold_start_seconds']:.1f} s "
              f"(servidor de acciones listo a los {latency['actions_ready_seconds']:.1f} s)")
    if training:
        print(f"   entrenamiento completo (rasa train, caché vacía): {training['seconds']:.0f} s"
              f"{'' if training['ok'] else '  (FALLÓ: ver artifacts/logs/bench-train.log)'}")
    elif not latency:
        print("   (omitido)")
    print("\n== Objetivos")
    for target, measured, met in targets(nlu, latency):
        print(f"   {_verdict(met)}  {target:<46} {measured}")


def _jsonable(value: Any) -> Any:
    if isinstance(value, NluScores):
        return {"macro_f1": value.macro_f1, "accuracy": value.accuracy,
                "per_intent": {k: asdict(v) for k, v in value.per_intent.items()}}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def main(argv: Optional[list[str]] = None) -> int:
    """Run the parts asked for and print the report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--turns", type=parse_turn_range, default=(6, 8))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--skip-nlu", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--json", type=Path, help="write every figure to this file as well")
    parser.add_argument("--profile", metavar="PY_SPY", help="py-spy binary: profile the servers under load")
    options = parser.parse_args(argv)
    if not options.model.exists():
        print(f"Falta el modelo {options.model}: ejecuta scripts/start.sh o scripts/test.sh.", file=sys.stderr)
        return 2
    if options.profile and not shutil.which(options.profile):
        print(f"No encuentro py-spy en {options.profile}", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

    nlu = latency = training = None
    if not options.skip_nlu:
        print("Midiendo la comprensión (modelo y baseline)...", flush=True)
        nlu = run_nlu(options.model)
    if not options.skip_latency:
        print(f"Midiendo la latencia con {options.people} personas...", flush=True)
        latency = run_latency(options.model, people=options.people, turns=options.turns,
                              rounds=options.rounds, seed=options.seed, py_spy=options.profile)
    if not options.skip_training:
        print("Midiendo el tiempo de entrenamiento (varios minutos)...", flush=True)
        training = time_training()
    print_report(nlu, latency, training)
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        rows = [{"target": t, "measured": m, "met": ok} for t, m, ok in targets(nlu, latency)]
        options.json.write_text(json.dumps(_jsonable(
            {"nlu": nlu, "latency": latency, "training": training, "targets": rows}),
            ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
