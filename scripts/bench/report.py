"""The printed report, the PASS/FAIL targets and the JSON figures."""
from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any, Optional

from scripts.bench.nlu import NluScores
from scripts.bench.settings import (
    SAFETY_INTENTS,
    TARGET_ERROR_RATIO,
    TARGET_MACRO_F1,
    TARGET_SAFETY_RECALL,
    TARGET_TURN_TO_PARSE_P95,
)


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
    _print_nlu(nlu)
    _print_latency(latency)
    _print_startup_and_training(latency, training)
    print("\n== Objetivos")
    for target, measured, met in targets(nlu, latency):
        print(f"   {_verdict(met)}  {target:<46} {measured}")


def _print_nlu(nlu: Optional[dict]) -> None:
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


def _print_latency(latency: Optional[dict]) -> None:
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


def _print_startup_and_training(latency: Optional[dict], training: Optional[dict]) -> None:
    print("\n== 3. Arranque en frío y entrenamiento")
    if latency:
        print(f"   arranque en frío (proceso → primera respuesta REST): {latency['cold_start_seconds']:.1f} s "
              f"(servidor de acciones listo a los {latency['actions_ready_seconds']:.1f} s)")
    if training:
        print(f"   entrenamiento completo (rasa train, caché vacía): {training['seconds']:.0f} s"
              f"{'' if training['ok'] else '  (FALLÓ: ver artifacts/logs/bench-train.log)'}")
    elif not latency:
        print("   (omitido)")


def jsonable(value: Any) -> Any:
    """``value`` with NluScores as plain dicts and NaN as None, ready for ``json.dumps``."""
    if isinstance(value, NluScores):
        return {"macro_f1": value.macro_f1, "accuracy": value.accuracy,
                "per_intent": {k: asdict(v) for k, v in value.per_intent.items()}}
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
