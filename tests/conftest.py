"""Shared fixtures: real databases (a SQLite file, a database on a PostgreSQL server the tests start), the
example configuration, a fake Telegram.

`db` and `database` run each test that uses them on both backends. PostgreSQL comes from `tests/pg.py`;
a machine where no server can start fails those tests with the reason, it never skips them.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest
from telegram import Update

from config.settings import Settings, load_settings
from rumorbot.app import App, build_application
from storage import connect
from storage.db import Storage
from tests.fakes import FakeTelegram
from tests.pg import PostgresServer, PostgresUnavailable, postgres_server

# As the CLI does: PTB 22's timedelta durations, without a deprecation warning on every RetryAfter.
os.environ.setdefault("PTB_TIMEDELTA", "1")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "config" / "example.toml"


BACKENDS = ["sqlite", "postgresql"]
TEMPLATE = "rumorbot_template"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run, with a migrated template database."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(postgres_server())
            server.create_database(TEMPLATE)
        except PostgresUnavailable as err:
            pytest.fail(f"the PostgreSQL tests need a PostgreSQL server: {err}", pytrace=False)
        yield server


async def new_pg_database(server: PostgresServer, migrated: bool = True) -> str:
    """A fresh database: a copy of the migrated template (fast), or empty."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(server.admin_url)
    try:
        if migrated and not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate",
                                                 TEMPLATE):
            template = await connect(server.url(TEMPLATE))
            await template.close()
            await admin.execute(f"ALTER DATABASE {TEMPLATE} WITH is_template true")
        await admin.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {TEMPLATE}" if migrated else ""))
    finally:
        await admin.close()
    return server.url(name)


@pytest.fixture(params=BACKENDS)
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's database lives: a SQLite path, or the URL of a new database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "test.sqlite3")
    return await new_pg_database(request.getfixturevalue("pg_server"))


@pytest.fixture
async def db(database: str) -> AsyncIterator[Storage]:
    """A migrated database, on each backend."""
    conn = await connect(database)
    yield conn
    await conn.close()


@pytest.fixture
def example_settings(tmp_path: Path) -> Settings:
    return load_settings(EXAMPLE, {"RUMORBOT_DB": str(tmp_path / "bot.sqlite3"), "TELEGRAM_BOT_TOKEN": "1:T"})


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    """A fake Bot API server on a loopback port."""
    async with FakeTelegram() as fake:
        yield fake


@asynccontextmanager
async def running_bot(settings: Settings) -> AsyncIterator[App]:
    """The real Application, started and stopped in the order `run_polling` uses, hooks included."""
    app = build_application(settings)
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=Update.ALL_TYPES)
        await app.start()
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
                if app.post_stop:
                    await app.post_stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
