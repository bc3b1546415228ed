"""The `rumorbot` command line: one subcommand per module in `bot.commands`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from bot.lock import AlreadyRunning
from config.settings import ConfigError

# Each module has `add_parser(subparsers)` and `main(args) -> int`; a bad configuration (exit 2) and
# a database already in use (exit 3) are reported here, the same way for every subcommand.
COMMANDS = ("run", "match", "poll", "feeds", "eval", "db")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rumorbot", description="Rumor-alert Telegram bot.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"bot.commands.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"bot.commands.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Opt in to PTB 22's timedelta durations now: the old int form warns on every RetryAfter.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args)
    except ConfigError as err:
        print(f"rumorbot: {err}", file=sys.stderr)
        return 2
    except AlreadyRunning as err:
        print(f"rumorbot: {err}", file=sys.stderr)
        return 3
    return result


if __name__ == "__main__":
    sys.exit(main())
