"""A database that cannot be used stops every subcommand with one line and exit code 2, never a traceback."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rumorbot.cli import EXIT_UNUSABLE
from tests.conftest import ROOT
from tests.fakes import FakeTelegram


def garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database, just text that happens to sit there\n" * 20)


def a_directory(path: Path) -> None:
    path.mkdir()


def from_the_future(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at REAL)")
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'from a newer rumorbot', 0)")
    conn.close()


CASES = [
    (garbage, "file is not a database"),
    (a_directory, "unable to open database file"),
    (from_the_future, "database schema 999 is newer than this rumorbot"),
]


async def run_cli(args: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), timeout=30)
    return (proc.returncode if proc.returncode is not None else -1), err.decode().strip().splitlines()


@pytest.mark.parametrize(("spoil", "reason"), CASES)
async def test_poll_reports_a_bad_database_in_one_line(tmp_path: Path, spoil: Callable[[Path], None],
                                                       reason: str) -> None:
    """`rumorbot poll --once` on an unusable database: one line naming the database and why, exit code 4."""
    db = tmp_path / "bot.sqlite3"
    spoil(db)
    code, lines = await run_cli(["poll", "--once"], {**os.environ, "RUMORBOT_DB": str(db)})
    assert code == EXIT_UNUSABLE, lines
    assert len(lines) == 1, lines
    assert lines[0].startswith("rumorbot: ")
    assert reason in lines[0]


@pytest.mark.parametrize(("spoil", "reason"), CASES)
async def test_run_reports_a_bad_database_in_one_line(tmp_path: Path, spoil: Callable[[Path], None],
                                                      reason: str) -> None:
    """`rumorbot run` (which opens the database after reaching Telegram) gives the same one line, no traceback."""
    db = tmp_path / "bot.sqlite3"
    spoil(db)
    async with FakeTelegram() as telegram:
        env = {**os.environ, "RUMORBOT_DB": str(db), "TELEGRAM_BOT_TOKEN": telegram.token,
               "TELEGRAM_API_BASE_URL": telegram.base_url}
        code, lines = await run_cli(["run"], env)
    assert code == EXIT_UNUSABLE, lines
    assert [line for line in lines if "Traceback" in line] == []
    assert lines[-1].startswith("rumorbot: ")
    assert reason in lines[-1]
    assert telegram.token not in "\n".join(lines)


async def test_a_metrics_port_already_taken_is_one_line(tmp_path: Path) -> None:
    """`[metrics] listen` on a port another program holds: the key, the address and why, exit code 2."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        listen = f"127.0.0.1:{taken.getsockname()[1]}"
        config = tmp_path / "bot.toml"
        config.write_text(f'[metrics]\nlisten = "{listen}"\n', encoding="utf-8")
        async with FakeTelegram() as telegram:
            env = {**os.environ, "RUMORBOT_DB": str(tmp_path / "bot.sqlite3"), "TELEGRAM_BOT_TOKEN": telegram.token,
                   "TELEGRAM_API_BASE_URL": telegram.base_url}
            code, lines = await run_cli(["run", "--config", str(config)], env)
    assert code == EXIT_UNUSABLE, lines
    assert [line for line in lines if "Traceback" in line] == [], "\n".join(lines)
    assert lines[-1].startswith(f"rumorbot: metrics.listen: cannot listen on {listen}: ")
