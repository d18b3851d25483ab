"""Register, remove or inspect the bot's Telegram webhook (a command for whoever deploys).

Usage::

    export TELEGRAM_TOKEN=123456789:AA...      # from @BotFather
    export TELEGRAM_SECRET=...                 # the same value as in credentials.yml
    python -m bot.channels.telegram_setup set-webhook --url https://example.org/webhooks/telegram/webhook
    python -m bot.channels.telegram_setup info
    python -m bot.channels.telegram_setup delete-webhook

``TELEGRAM_API_URL`` (optional) points at another Bot API server, as ``api_url`` does in
``credentials.yml``. The connector itself never calls ``setWebhook``: Rasa starts without
network, and the webhook is set once, on purpose, with this command.

Exit codes: 0 done, 1 Telegram refused or could not be reached, 2 missing or wrong settings.
The token is never printed.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Mapping, Optional, Sequence, TextIO
from urllib.parse import urlsplit

from bot.channels.telegram_api import DEFAULT_API_URL, TelegramApi
from bot.channels.telegram_credentials import SECRET_PATTERN, TOKEN_PATTERN
from bot.settings import telegram_setup_values

#: Update types the webhook receives; everything else Telegram keeps to itself.
ALLOWED_UPDATES: tuple[str, ...] = ("message", "edited_message", "callback_query")

#: Ports Telegram delivers webhooks to (Bot API ``setWebhook``).
WEBHOOK_PORTS: tuple[int, ...] = (443, 80, 88, 8443)

#: Fields of ``getWebhookInfo`` shown by ``info`` (none of them personal).
INFO_FIELDS: tuple[str, ...] = (
    "url",
    "pending_update_count",
    "last_error_date",
    "last_error_message",
    "max_connections",
    "allowed_updates",
    "has_custom_certificate",
)

#: Exit code when Telegram refused the call or could not be reached.
EXIT_TELEGRAM = 1
#: Exit code when an environment variable or argument is missing or wrong.
EXIT_CONFIG = 2


class SetupError(Exception):
    """A setting is missing or wrong; the message says which."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.channels.telegram_setup",
        description="Register the Telegram webhook of Acompaña. Reads TELEGRAM_TOKEN, "
                    "TELEGRAM_SECRET and (optional) TELEGRAM_API_URL.")
    commands = parser.add_subparsers(dest="command", required=True)
    set_webhook = commands.add_parser("set-webhook", help="tell Telegram where to post updates")
    set_webhook.add_argument("--url", required=True,
                             help="public HTTPS address ending in /webhooks/telegram/webhook")
    set_webhook.add_argument("--drop-pending-updates", action="store_true",
                             help="forget updates Telegram has waiting")
    set_webhook.add_argument("--max-connections", type=int, default=None,
                             help="parallel deliveries, 1-100 (Telegram's default is 40)")
    delete = commands.add_parser("delete-webhook", help="stop Telegram posting updates")
    delete.add_argument("--drop-pending-updates", action="store_true",
                        help="forget updates Telegram has waiting")
    commands.add_parser("info", help="show the webhook Telegram has on record")
    return parser


def _setting(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise SetupError(f"{name} is not set")
    return value


def _check_webhook_url(url: str, *, api_url: str) -> None:
    """Telegram's own server only posts to HTTPS on ports 443, 80, 88 or 8443."""
    parts = urlsplit(url)
    if not parts.hostname:
        raise SetupError(f"--url is not an address: {url!r}")
    if api_url.rstrip("/") != DEFAULT_API_URL:
        return  # a local Bot API server has its own rules
    if parts.scheme != "https":
        raise SetupError("--url must start with https:// (Telegram only posts to HTTPS)")
    port = parts.port or 443
    if port not in WEBHOOK_PORTS:
        raise SetupError(f"--url port {port}: Telegram only posts to ports "
                         f"{', '.join(map(str, WEBHOOK_PORTS))}")


def build_set_webhook_payload(url: str, secret: str, *, drop_pending_updates: bool = False,
                              max_connections: Optional[int] = None) -> dict:
    """The ``setWebhook`` parameters: the URL, the secret and the three update types."""
    payload: dict = {
        "url": url,
        "secret_token": secret,
        "allowed_updates": list(ALLOWED_UPDATES),
        "drop_pending_updates": drop_pending_updates,
    }
    if max_connections is not None:
        payload["max_connections"] = max_connections
    return payload


async def run_command(argv: Sequence[str], *, env: Mapping[str, str],
                      out: TextIO = sys.stdout) -> int:
    """Run one command; return the process exit code."""
    args = _parser().parse_args(list(argv))
    try:
        token = _setting(env, "TELEGRAM_TOKEN")
        if not TOKEN_PATTERN.match(token):
            raise SetupError("TELEGRAM_TOKEN does not look like a token from @BotFather")
        api_url = env.get("TELEGRAM_API_URL", "").strip() or DEFAULT_API_URL
        if args.command == "set-webhook":
            secret = _setting(env, "TELEGRAM_SECRET")
            if not SECRET_PATTERN.match(secret):
                raise SetupError("TELEGRAM_SECRET must be 1-256 characters of A-Z a-z 0-9 _ -")
            _check_webhook_url(args.url, api_url=api_url)
            if args.max_connections is not None and not 1 <= args.max_connections <= 100:
                raise SetupError("--max-connections must be between 1 and 100")
    except SetupError as error:
        out.write(f"error: {error}\n")
        return EXIT_CONFIG

    api = TelegramApi(token, api_url=api_url)
    try:
        if args.command == "set-webhook":
            payload = build_set_webhook_payload(
                args.url, secret, drop_pending_updates=args.drop_pending_updates,
                max_connections=args.max_connections)
            result = await api.call("setWebhook", payload)
            done = f"webhook set: {args.url} (updates: {', '.join(ALLOWED_UPDATES)})"
        elif args.command == "delete-webhook":
            result = await api.call("deleteWebhook",
                                    {"drop_pending_updates": args.drop_pending_updates})
            done = "webhook deleted"
        else:
            result = await api.call("getWebhookInfo")
            info = result.result if isinstance(result.result, dict) else {}
            done = "\n".join(f"{field}: {info[field]}" for field in INFO_FIELDS
                             if field in info) or "no webhook information"
    finally:
        await api.close()
    if not result.ok:
        out.write(f"error: Telegram answered {result.error_code}: {result.description}\n")
        return EXIT_TELEGRAM
    out.write(done + "\n")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of ``python -m bot.channels.telegram_setup``."""
    return asyncio.run(run_command(sys.argv[1:] if argv is None else argv, env=telegram_setup_values()))


if __name__ == "__main__":
    sys.exit(main())
