"""The benchmark of Acompaña (``python -m scripts.bench``, run by ``scripts/bench.sh``).

One module per job:

* ``cli``        the command line (options, the order of the parts, ``--json``)
* ``settings``   paths, the ``TARGET_*`` figures, time limits, reply markers
* ``nlu``        part 1: NLU quality on the held-out file, bot vs. a textbook baseline
* ``people``     the simulated people's conversations
* ``servers``    start (and time) and stop the action and Rasa servers
* ``load``       part 2: latency under load (full turns and bare parses), memory
* ``profiling``  py-spy under load (``--profile``)
* ``training``   part 3: the time of a full ``rasa train``
* ``stats``      percentiles
* ``report``     the printed figures, PASS/FAIL per target, the JSON figures

The pure parts are tested in ``tests/bench_test.py``; the benchmark itself prints figures,
it is not a test.
"""
