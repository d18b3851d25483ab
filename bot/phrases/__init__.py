"""The phrase mini-language shared by safety.yml and risk.yml (documented at the top of safety.yml).

    normalise.py     the form every pattern is matched against (accents, SMS spellings, ...)
    compiler.py      pattern phrases -> regular expressions (``_Compiler``, ``_Rule``, ``_Section``)
    matching.py      hits that are neither negated nor figurative
    safety_data.py   read and compile safety.yml (minors, forbidden replies, negation)

``bot.safety`` re-exports these names for ``bot.reading`` and old callers.
"""
