"""The scale-out check: two Rasa servers behind nginx serve the same conversations.

``python -m scripts.scaleout_check`` (started by ``scripts/scaleout_check.sh``, which installs
PostgreSQL, Redis and nginx); what it does and checks is in ``cli.py``'s docstring. One module
per job:

* ``cli``            the command line: refuses to start without the model or the plugins
* ``check``          the phases in order (services, turns, restart of B, race, storage,
                     quick exit, erase, retention) and their PASS/FAIL lines
* ``settings``       paths, sizes, time limits, reply phrases, this run's secrets
* ``stack``          every process and folder started, cleaned up at the end
* ``postgres`` ``redis_server`` ``nginx`` ``rasa_servers``   starting each service
* ``events``         reading what the servers stored (Rasa's ``events`` table)
* ``conversations``  the simulated people: one turn over REST or the web chat
* ``report``         the PASS/FAIL lines

The pure parts are tested in ``tests/bench_scaleout_test.py``.
"""
