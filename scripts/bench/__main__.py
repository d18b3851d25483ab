"""``python -m scripts.bench``: see ``scripts/bench/cli.py`` for the options."""
import sys

from scripts.bench.cli import main

sys.exit(main())
