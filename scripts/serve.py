"""Start the Rasa server the way Acompaña needs it (used by scripts/start.sh and the tests).

The HTTP API is off unless ACOMPANA_ENABLE_API=1, and then it requires ACOMPANA_API_TOKEN.
Unsafe settings stop the start with a message saying what to set (bot.settings): in
production (ACOMPANA_ENV=production) the public default salt and a missing
ACOMPANA_WEBCHAT_SECRET are refused.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import DEFAULT_ID_SALT, SettingsError, load_settings, require_safe_settings

ROOT = Path(__file__).resolve().parent.parent


def rasa_args(port: int, model: Path) -> list[str]:
    """Command-line arguments for ``rasa run``."""
    settings = load_settings()
    try:
        require_safe_settings(settings)
    except SettingsError as error:
        raise SystemExit(str(error)) from None
    args = [
        "run",
        "--model", str(model),
        "--credentials", str(ROOT / settings.credentials),
        "--endpoints", str(ROOT / settings.endpoints),
        "--port", str(port),
        "--interface", settings.host,
        "--quiet",
    ]
    if settings.cors_origins:
        args += ["--cors", *settings.cors_origins]
    if settings.enable_api:
        if len(settings.api_token) < 16:
            raise SystemExit(
                "ACOMPANA_ENABLE_API=1 necesita ACOMPANA_API_TOKEN con 16 caracteres o más."
            )
        args += ["--enable-api", "--auth-token", settings.api_token]
    return args


def telegram_warning(credentials: Path) -> str:
    """A warning when Telegram is on with the public default salt (local run only)."""
    settings = load_settings()
    try:
        enabled = any(line.startswith("bot.channels.telegram.")
                      for line in credentials.read_text(encoding="utf-8").splitlines())
    except OSError:
        return ""
    if enabled and settings.id_salt == DEFAULT_ID_SALT:
        return ("AVISO: Telegram está activado con la sal de ejemplo (ACOMPANA_ID_SALT). "
                "Sirve para pruebas; con personas reales define una sal secreta propia "
                "y ACOMPANA_ENV=production.")
    return ""


def main() -> None:
    """Parse options and hand over to Rasa's own command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5005)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "acompana.tar.gz")
    options = parser.parse_args()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *rasa_args(options.port, options.model)]
    warning = telegram_warning(ROOT / load_settings().credentials)
    if warning:
        print(warning, file=sys.stderr)
    rasa_main()


if __name__ == "__main__":
    main()
