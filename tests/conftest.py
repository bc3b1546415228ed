"""Shared fixtures: real SQLite files in a temporary folder, the example configuration."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite
import pytest
from telegram import Update

from config.settings import Settings, load_settings
from rumorbot.app import App, build_application
from storage import connect
from tests.fakes import FakeTelegram

# As the CLI does: PTB 22's timedelta durations, without a deprecation warning on every RetryAfter.
os.environ.setdefault("PTB_TIMEDELTA", "1")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "config" / "example.toml"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    """A migrated database in a real file."""
    conn = await connect(tmp_path / "test.sqlite3")
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
