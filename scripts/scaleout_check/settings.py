"""Paths, sizes, time limits, the phrases the check looks for in replies, and this run's secrets."""
from __future__ import annotations

import secrets
from pathlib import Path

#: The repository (scripts/scaleout_check/ is two levels below it).
ROOT = Path(__file__).resolve().parents[2]
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
REST_HEADERS = {"Authorization": f"Bearer {REST_TOKEN}"}
