"""Hold conversation sets with the trained model and print what they measure (bench only).

Usage: python -m scripts.conversation_eval [FILE.yml ...]   (default: tests/fresh/*/conversations.yml)

Each user text is read by the real trained NLU in-process (``parse_data["reading"]``), then
answered by ``bot.dialogue.respond`` and folded as ``action_respond`` does. Only counts are
printed, never a conversation's text.
"""
from __future__ import annotations

import argparse
import asyncio
import glob
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*",
                        default=sorted(glob.glob(str(ROOT / "tests/fresh/*/conversations.yml"))))
    parser.add_argument("--model", default=str(ROOT / "models" / "acompana.tar.gz"))
    args = parser.parse_args(argv)

    import logging

    import structlog
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings

    # Rasa's own debug lines print the message text: keep them off (the sets stay unseen).
    logging.disable(logging.WARNING)
    configure_logging_and_warnings(logging.ERROR)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.ERROR))

    from bot.dialogue.buttons import reading_from_parse
    from bot.dialogue.evaluate import evaluate, load_specs
    from bot.reading.model import Reading

    agent = Agent.load(args.model)

    def read(text: str) -> Reading:
        parsed = asyncio.run(agent.parse_message(text))
        return Reading.from_dict(parsed["reading"]) if parsed.get("reading") else reading_from_parse(parsed)

    for path in args.files:
        specs = load_specs(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})
        print(f"\n== {Path(path).relative_to(ROOT) if Path(path).is_absolute() else path}")
        for line in evaluate(specs, read).lines():
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
