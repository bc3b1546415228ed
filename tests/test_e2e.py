"""End to end: the real `rumorbot run` process against a fake Bot API server and a local feed server."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.fakes import FakeTelegram, private_chat, user
from tests.fakes.feed_server import FakeItem, FeedServer, rss20

CONFIG = """
[telegram]
admins = [42]

[polling]
interval = 1
min_interval = 1
allow_private = true

[[entities]]
id = "xiaomi"
names = ["Xiaomi", "小米"]

[[entities]]
id = "miit"
names = ["MIIT", "工信部"]

[[claims]]
id = "xiaomi-qualification"
topic = "xiaomi-auto"
text = "Xiaomi has obtained the official qualification to build cars"
officials = ["xiaomi", "miit"]

[[feeds]]
url = "{url}"
name = "Auto News"
"""

WEBHOOK_SECRET = "e2e-webhook-secret_0123"
OLD = FakeItem("Xiaomi opens a new phone store in Shenzhen", "https://news.example/old", "old-1")
REPORT = FakeItem(
    "Xiaomi has not obtained the qualification to build cars, Bloomberg reports",
    "https://news.example/bloomberg-xiaomi",
    "bb-1",
    "People familiar with the matter said Xiaomi has not yet obtained the production qualification for cars.",
)


@dataclass
class Bot:
    """The running bot process and the servers it talks to."""

    telegram: FakeTelegram
    feeds: FeedServer
    config: Path
    env: dict[str, str]
    process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "rumorbot", "run", "--config", str(self.config),
            env=self.env, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )

    async def stop(self) -> tuple[int, str]:
        """SIGTERM, as a service manager would; return the exit code and what it logged."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(self.process.communicate(), timeout=20)
        code = self.process.returncode
        self.process = None
        return (code if code is not None else -1), err.decode()

    async def polls(self, n: int, within: float = 15) -> None:
        """Wait until the feed has been fetched `n` more times."""
        target = self.feeds.hits["/news.xml"] + n
        for _ in range(int(within * 20)):
            if self.feeds.hits["/news.xml"] >= target:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"the feed was not polled {n} more times in {within} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def webhook_config() -> str:
    """`[telegram]` keys that make the bot receive updates by webhook on a free loopback port."""
    port = free_port()
    return (f'webhook_url = "http://127.0.0.1:{port}/telegram-updates"\nlisten = "127.0.0.1:{port}"\n'
            f'secret_token = "{WEBHOOK_SECRET}"\n')


@pytest.fixture
async def bot(tmp_path: Path, database: str, request: pytest.FixtureRequest) -> AsyncIterator[Bot]:
    """The real bot process on each backend, against a fake Telegram and a local feed; parametrize with
    "webhook" to have Telegram push updates to it."""
    mode = getattr(request, "param", "polling")
    async with FakeTelegram() as telegram, FeedServer() as feeds:
        feeds.set("/news.xml", rss20([OLD]))
        config = tmp_path / "bot.toml"
        text = CONFIG.format(url=feeds.url("/news.xml"))
        if mode == "webhook":
            text = text.replace("[telegram]\n", "[telegram]\n" + webhook_config(), 1)
        config.write_text(text, encoding="utf-8")
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": telegram.token,
            "TELEGRAM_API_BASE_URL": telegram.base_url,
            "RUMORBOT_DB": database,
        }
        running = Bot(telegram, feeds, config, env)
        yield running
        if running.process is not None:
            running.process.kill()
            await running.process.wait()


def check_update_channel(telegram: FakeTelegram) -> None:
    """By webhook, updates were pushed (with the secret) and never fetched; by polling, the other way round."""
    if telegram.webhook is None:
        assert telegram.calls_to("getUpdates")
        assert telegram.webhook_answers == []
        return
    [registered] = telegram.calls_to("setWebhook")
    assert registered.params["secret_token"] == WEBHOOK_SECRET
    assert telegram.webhook["url"].endswith("/telegram-updates")
    assert telegram.calls_to("getUpdates") == []
    assert telegram.webhook_answers
    assert set(telegram.webhook_answers) == {200}


def alerts(telegram: FakeTelegram, chat_id: int) -> list[str]:
    return [m.text for m in telegram.sent_messages(chat_id) if m.text.startswith("🔔")]


@pytest.mark.parametrize("bot", ["polling", "webhook"], indirect=True)
async def test_subscribe_alert_status_and_restart_without_repeats(bot: Bot) -> None:
    """A subscriber gets one alert for a matching item, /status shows it, and a restart sends nothing again;
    the same by long polling and by webhook."""
    alice = user(7001, "Alice")
    chat = private_chat(alice)
    await bot.start()
    await bot.polls(2)  # the backlog is stored, not alerted

    bot.telegram.send_text(chat, alice, "/subscribe xiaomi-qualification")
    replies = await bot.telegram.wait_for_messages(1, chat.id, timeout=15)
    assert "Subscribed" in replies[0].text

    bot.feeds.set("/news.xml", rss20([REPORT, OLD]))
    await bot.telegram.wait_for_messages(2, chat.id, timeout=15)
    [alert] = alerts(bot.telegram, chat.id)
    assert "xiaomi-qualification" in alert
    assert "refutes" in alert
    assert "https://news.example/bloomberg-xiaomi" in bot.telegram.sent_messages(chat.id)[1].text

    bot.telegram.send_text(chat, alice, "/status xiaomi-qualification")
    status = (await bot.telegram.wait_for_messages(3, chat.id, timeout=15))[2].text
    assert "Auto News" in status
    assert "leaning false" in status

    code, log = await bot.stop()
    assert code == 0, log
    assert bot.telegram.token not in log
    assert WEBHOOK_SECRET not in log
    check_update_channel(bot.telegram)

    await bot.start()
    await bot.polls(3)
    bot.telegram.send_text(chat, alice, "/mysubs")
    await bot.telegram.wait_for_messages(4, chat.id, timeout=15)
    assert len(alerts(bot.telegram, chat.id)) == 1
    code, log = await bot.stop()
    assert code == 0, log


async def test_second_instance_on_the_same_database_refuses_to_start(bot: Bot) -> None:
    """Two processes on one database would double-send: the second one exits with a clear message."""
    await bot.start()
    await bot.polls(1)
    second = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "rumorbot", "run", "--config", str(bot.config),
        env=bot.env, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(second.communicate(), timeout=20)
    assert second.returncode == 3
    assert "already running" in err.decode()
    code, _ = await bot.stop()
    assert code == 0


async def test_missing_token_says_how_to_get_one(tmp_path: Path) -> None:
    """Without TELEGRAM_BOT_TOKEN the bot exits at once with one line naming BotFather."""
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env["RUMORBOT_DB"] = str(tmp_path / "x.sqlite3")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "rumorbot", "run", env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), timeout=20)
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1
    assert "BotFather" in lines[0]
    assert "TELEGRAM_BOT_TOKEN" in lines[0]


@pytest.mark.parametrize("bot", ["webhook"], indirect=True)
async def test_a_push_without_the_secret_token_is_refused(bot: Bot) -> None:
    """The bot's webhook answers 403 to a request carrying another secret; with the right one it answers."""
    alice = user(7001, "Alice")
    chat = private_chat(alice)
    await bot.start()
    await bot.telegram.wait_for_calls("setWebhook", timeout=20)
    hook = bot.telegram.webhook
    assert hook is not None
    secret = hook["secret_token"]

    hook["secret_token"] = "not-the-secret"
    bot.telegram.send_text(chat, alice, "/help")
    for _ in range(100):
        if 403 in bot.telegram.webhook_answers:
            break
        await asyncio.sleep(0.1)
    assert 403 in bot.telegram.webhook_answers
    assert bot.telegram.sent_messages(chat.id) == []

    hook["secret_token"] = secret
    [answer] = await bot.telegram.wait_for_messages(1, chat.id, timeout=15)
    assert "/subscribe" in answer.text
    code, log = await bot.stop()
    assert code == 0, log
