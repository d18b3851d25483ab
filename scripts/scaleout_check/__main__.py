"""``python -m scripts.scaleout_check`` (run it with ``scripts/scaleout_check.sh``)."""
import sys

from scripts.scaleout_check.cli import main

sys.exit(main())
