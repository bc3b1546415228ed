"""Crash safety of the real `rumorbot run` process: kill -9 in the middle of a fan-out, restart, count.

The outbox is filled with one alert for each of 1,000 chats; the bot sends some of them to the fake
Bot API server (which enforces Telegram's flood limits), a second instance is refused meanwhile, the
first is killed with SIGKILL, and a restart must deliver every remaining alert. Duplicates can only be
alerts in flight at the kill (Telegram took them, the commit had not happened yet).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

from storage import connect, outbox
from tests.conftest import ROOT
from tests.fakes import FakeTelegram
from tests.helpers import fill_outbox

CHATS = 1000
CONFIG = "[polling]\ninterval = 300\n"


async def start_bot(env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    """The real `rumorbot run`, logging to a file."""
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "rumorbot", "run", env=env, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=out,
        )


async def wait_for_chats(telegram: FakeTelegram, n: int, within: float) -> None:
    """Until `n` distinct chats have received a message."""
    deadline = time.monotonic() + within
    while len({m.chat_id for m in telegram.sent_messages()}) < n:
        if time.monotonic() > deadline:
            got = len({m.chat_id for m in telegram.sent_messages()})
            raise AssertionError(f"only {got} of {n} chats got their alert within {within} s")
        await asyncio.sleep(0.2)


async def test_kill_9_during_fan_out_loses_nothing(tmp_path: Path) -> None:
    """After SIGKILL mid-fan-out and a restart, all 1,000 alerts arrive; duplicates at most those in flight."""
    db_path, log = tmp_path / "bot.sqlite3", tmp_path / "bot.log"
    (tmp_path / "bot.toml").write_text(CONFIG, encoding="utf-8")
    await fill_outbox(db_path, CHATS)
    async with FakeTelegram() as telegram:
        telegram.enforce_limits()
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": telegram.token, "TELEGRAM_API_BASE_URL": telegram.base_url,
               "RUMORBOT_DB": str(db_path), "RUMORBOT_CONFIG": str(tmp_path / "bot.toml")}
        first = await start_bot(env, log)
        try:
            await telegram.wait_for_messages(300, timeout=60)
            await second_instance_is_refused(env)
        finally:
            first.send_signal(signal.SIGKILL)
            await first.wait()
        before_kill = len(telegram.sent_messages())
        restarted = await start_bot(env, log)
        try:
            await wait_for_chats(telegram, CHATS, within=120)
        finally:
            restarted.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(restarted.wait(), timeout=30)
        texts = Counter((m.chat_id, m.text) for m in telegram.sent_messages())
        duplicates = sum(count - 1 for count in texts.values())
        lost = CHATS - len(texts)
        print(f"kill -9 after {before_kill} sent: lost={lost} duplicates={duplicates} 429s={telegram.count_429}")
        assert code == 0, log.read_text(encoding="utf-8")[-2000:]
        assert lost == 0
        assert duplicates <= 32  # the sender's concurrency: at most the sends in flight at the kill
        assert await pending_rows(db_path) == 0


async def second_instance_is_refused(env: dict[str, str]) -> None:
    """While the first process sends, a second on the same database exits with a clear message."""
    second = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "rumorbot", "run", env=env, cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(second.communicate(), timeout=30)
    assert second.returncode == 3
    assert "already running on this database" in err.decode()


async def pending_rows(path: Path) -> int:
    """Alerts still pending in the database after the run."""
    db = await connect(path)
    try:
        depth, _ = await outbox.backlog(db)
    finally:
        await db.close()
    return depth
