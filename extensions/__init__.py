"""Rasa plug-ins for Acompaña: thin adapters that let Rasa use the pure-Python core in ``bot/``.

Rasa imports this package when it loads the NLU pipeline (``config.yml``), so both the
training run and the server get the same components and these process-wide settings:

* no message text, phone numbers or e-mails in any log line (``bot.safety``);
* a failing custom action still gets a safe domain response (``resilient_actions``);
* three measured fixes to Rasa 3.6's per-turn overhead (``speedups``).
"""
from bot.safety import install_log_filter
from extensions import resilient_actions, speedups

install_log_filter()
resilient_actions.install()
speedups.install()
