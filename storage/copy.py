"""Copy a whole deployment between databases (SQLite to PostgreSQL and back), counts checked.

Both databases are opened (and so migrated) by the caller first, so their schemas are the same
version. The target must be empty: copying into a live database would mix two histories. Rows keep
their ids, so items, stories, evidence and the outbox keep pointing at each other; afterwards
PostgreSQL's identity sequences continue after the highest copied id.
"""

from __future__ import annotations

from storage.db import Storage, StorageError

# Parents before children (foreign keys); tables added later by migrations follow in name order.
ORDER = ("feeds", "items", "entities", "claims", "evidence", "chats", "subscriptions", "outbox", "story_marks",
         "suggestions", "suggestion_messages", "channel_admins")
SKIP = ("schema_migrations",)
BATCH = 1000


async def copy_database(source: Storage, target: Storage) -> dict[str, int]:
    """Copy every table's rows; return {table: rows}. StorageError when the target is not empty or counts differ."""
    tables = await _tables(source)
    for table in tables:
        if await _count(target, table):
            raise StorageError(f"{target.target} is not empty ({table} has rows): copy into a new database")
    counts = {}
    async with target.transaction():
        for table in tables:
            counts[table] = await _copy_table(source, target, table)
        if target.dialect == "postgresql":
            await _continue_identities(target)
    for table, copied in counts.items():
        found = await _count(target, table)
        if found != copied or found != await _count(source, table):
            raise StorageError(f"{table}: copied {copied} rows but {target.target} has {found}")
    return counts


async def _tables(db: Storage) -> list[str]:
    present = set(await db.tables()) - set(SKIP)
    return [t for t in ORDER if t in present] + sorted(present - set(ORDER))


async def _count(db: Storage, table: str) -> int:
    return int(await db.fetchval(f"SELECT COUNT(*) FROM {table}"))  # noqa: S608 - table names from the catalog


async def _copy_table(source: Storage, target: Storage, table: str) -> int:
    wanted = set(await target.columns(table))
    columns = [c for c in await source.columns(table) if c in wanted]
    names = ", ".join(columns)
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608 - catalog names
    copied, offset = 0, 0
    while True:
        rows = await source.fetchall(
            f"SELECT {names} FROM {table} ORDER BY {names} LIMIT ? OFFSET ?", (BATCH, offset)  # noqa: S608 - catalog names
        )
        if not rows:
            return copied
        await target.executemany(insert, [tuple(r) for r in rows])
        copied += len(rows)
        offset += len(rows)


async def _continue_identities(db: Storage) -> None:
    """New rows on PostgreSQL get ids after the copied ones."""
    for table, column in await db.fetchall(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'"
    ):
        await db.execute(
            f"SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX({column}), 0) + 1, false) FROM {table}",  # noqa: S608 - catalog names
            (table, column),
        )
