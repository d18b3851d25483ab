"""Rasa plug-ins for Acompaña: thin adapters that let Rasa use the pure-Python core in ``bot/``.

Rasa imports this package when it loads the NLU pipeline (``config.yml``), so both the
training run and the server get the same components.
"""

from extensions import resilient_actions

resilient_actions.install()
