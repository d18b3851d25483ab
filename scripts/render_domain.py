"""``python -m scripts.render_domain [--check]``: write (or check) the files generated from
``bot/knowledge`` — the safety replies of ``domain.yml`` and ``data/nlu/lookups.yml``.

A thin wrapper kept for ``scripts/lib.sh`` (``render_generated``) and old habits: the logic is
``bot.generated`` (``python -m bot.generated``).
"""
from __future__ import annotations

import sys

from bot.generated import main

if __name__ == "__main__":
    sys.exit(main())
