"""Process guards: the token never reaches logs, and one instance per database."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.lock import InstanceLock
from bot.logs import RedactSecrets
from core.errors import AlreadyRunning
from rumorbot.cli import main as cli_main

TOKEN = "123456:SECRET-token-value"


def test_token_is_redacted_from_messages_arguments_and_tracebacks() -> None:
    """A log record that carries the token, in any part, is printed without it."""
    url = f"https://api/bot{TOKEN}/getMe"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "GET %s failed", (url,), None)
    try:
        raise RuntimeError(f"url https://api/bot{TOKEN}/x")
    except RuntimeError as err:
        record.exc_info = (type(err), err, err.__traceback__)
    assert RedactSecrets(TOKEN).filter(record)
    text = logging.Formatter().format(record)
    assert TOKEN not in text
    assert "<redacted>" in text


def test_second_instance_on_the_same_database_is_refused(tmp_path: Path) -> None:
    """While one process holds the lock, another cannot take it; once released, it can."""
    db = tmp_path / "bot.sqlite3"
    with InstanceLock(db), pytest.raises(AlreadyRunning, match="already running"), InstanceLock(db):
        pass
    with InstanceLock(db):
        pass


def test_roles_other_than_all_need_postgresql(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--role poller` on a SQLite file is refused with the reason, before anything starts."""
    config = tmp_path / "bot.toml"
    config.write_text("", encoding="utf-8")
    env_db = str(tmp_path / "bot.sqlite3")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RUMORBOT_DB", env_db)
        mp.setenv("TELEGRAM_BOT_TOKEN", "1:T")
        assert cli_main(["run", "--role", "poller", "--config", str(config)]) == 2
    assert "needs a PostgreSQL database" in capsys.readouterr().err
    assert not Path(env_db).exists()
