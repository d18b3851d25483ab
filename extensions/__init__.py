"""Rasa plug-ins for Acompaña: thin adapters that let Rasa use the pure-Python core in ``bot/``.

Importing this package (Rasa does, for the NLU pipeline of ``config.yml``, in training and in
the server; rasa-sdk does, through ``rasa_sdk_plugins``) only installs the log filter: no
message text, phone numbers or e-mails in any log line, warnings included (``bot.privacy``).

The server-only changes are installed where Rasa builds them, from ``endpoints.yml``:
``nlg.AcompanaNLG`` (button payloads as written; the safe answer when a custom action fails,
``resilient_actions``; two measured speed-ups, ``speedups``) and ``tracker_store`` (fail
closed). The action server's interface and secret: ``action_auth``.
"""
from bot.privacy import install_log_filter

install_log_filter()
