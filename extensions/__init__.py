"""Rasa plug-ins for Acompaña: thin adapters that let Rasa use the pure-Python core in ``bot/``.

Rasa imports this package when it loads the NLU pipeline (``config.yml``), so both the
training run and the server get the same components.
"""

from extensions import resilient_actions

resilient_actions.install()

from bot.safety import install_log_filter

# No message text, phone numbers or e-mails in any log line of the Rasa server.
install_log_filter()
