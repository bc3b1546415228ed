"""The `rumorbot` command line: one subcommand per module in `rumorbot.commands`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from core.errors import AlreadyRunning, RumorbotError

# Each module has `add_parser(subparsers)` and `main(args)`, which raises a RumorbotError for anything it
# cannot do; exit codes are decided here only, the same way for every subcommand.
COMMANDS = ("run", "match", "poll", "feeds", "eval", "backup", "db")
EXIT_OK = 0
EXIT_UNUSABLE = 2  # bad configuration, input, feed list or database
EXIT_IN_USE = 3  # another rumorbot process holds the database


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rumorbot", description="Rumor-alert Telegram bot.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"rumorbot.commands.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"rumorbot.commands.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Opt in to PTB 22's timedelta durations now: the old int form warns on every RetryAfter.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except RumorbotError as err:
        print(f"rumorbot: {err}", file=sys.stderr)
        return EXIT_IN_USE if isinstance(err, AlreadyRunning) else EXIT_UNUSABLE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
