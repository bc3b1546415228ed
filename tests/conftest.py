"""Shared fixtures: real SQLite files in a temporary folder, the example configuration."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest

from config.settings import Settings, load_settings
from storage import connect

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
