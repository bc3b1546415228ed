"""`rumorbot db copy --from PATH_OR_URL --to PATH_OR_URL`: move a deployment between SQLite and PostgreSQL.

Stop the bot first: rows written during the copy would be missed. The target is created and migrated
if needed and must hold no rows; each table's row count is checked after the copy.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from core.errors import InputError
from storage import connect
from storage.copy import copy_database
from storage.dialect import is_postgres_url


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser("db", help="database tools: copy a deployment to another database")
    actions = parser.add_subparsers(dest="db_action", required=True)
    copying = actions.add_parser("copy", help="copy every row to an empty database (SQLite path or postgresql:// URL)")
    copying.add_argument("--from", dest="source", required=True, help="the database to copy (path or URL)")
    copying.add_argument("--to", dest="target", required=True, help="the new database (path or URL)")
    parser.set_defaults(handler=main)


async def run_copy(source_target: str, target_target: str) -> dict[str, int]:
    source = await connect(source_target)
    try:
        target = await connect(target_target)
        try:
            return await copy_database(source, target)
        finally:
            await target.close()
    finally:
        await source.close()


def _redacted(target: str) -> str:
    if not is_postgres_url(target):
        return target
    from storage.postgres import redact

    return redact(target)


def main(args: argparse.Namespace) -> None:
    if args.source == args.target:
        raise InputError("--from and --to name the same database")
    try:
        counts = asyncio.run(run_copy(args.source, args.target))
    except OSError as err:
        raise InputError(f"cannot copy: {err.strerror or err}") from err
    for table, n in counts.items():
        print(f"{table}: {n} rows")
    print(f"copied {sum(counts.values())} rows from {_redacted(args.source)} to {_redacted(args.target)}; "
          "every table's count checked")
