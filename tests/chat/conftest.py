"""The real bot, built by `rumorbot.app.build_application`, long-polling a fake Telegram Bot API server.

Tests act as users do (messages and button presses through the fake server) and read what the bot
sent back; the database is a real SQLite file.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.engine import Evidence, Stance
from bot.ingest import ingest
from bot.runtime import Runtime
from config.settings import load_settings
from core.records import Level
from rumorbot.app import App
from storage import evidence, feeds, items
from storage.db import transaction
from tests.conftest import running_bot
from tests.fakes import FakeChat, FakeTelegram, FakeUser, SentMessage, supergroup, user
from tests.helpers import entry

ADMIN_ID = 42
CONFIG = """
[telegram]
admins = [42]

[[entities]]
id = "xiaomi"
names = ["Xiaomi", "小米"]

[[entities]]
id = "baic"
names = ["BAIC Blue Valley", "北汽蓝谷"]

[[claims]]
id = "xiaomi-qualification"
topic = "xiaomi-auto"
text = "Xiaomi has obtained the official qualification to build cars"
officials = ["xiaomi"]

[[claims]]
id = "xiaomi-baic-oem"
topic = "xiaomi-auto"
text = "BAIC Blue Valley will build Xiaomi's cars as a contract manufacturer"
texts = ["北汽蓝谷将为小米汽车代工"]
officials = ["baic", "xiaomi"]

[[claims]]
id = "tariff-cut"
topic = "trade"
text = "China will cut car import tariffs"
"""

ALICE = user(1101, "Alice", language_code="en")
LI = user(1102, "Li", language_code="zh-hans")
ADMIN = user(ADMIN_ID, "Ada", language_code="en")
FORUM = supergroup(-1001000000777, "Rumor watchers", is_forum=True)


@dataclass
class ChatBot:
    """The running bot and the fake Telegram it talks to, with the moves a test makes."""

    fake: FakeTelegram
    app: App

    @property
    def rt(self) -> Runtime:
        return self.app.bot_data.started()

    async def say(self, chat: FakeChat, sender: FakeUser, text: str, replies: int = 1) -> list[SentMessage]:
        """`sender` writes `text` in `chat`; return the bot's next `replies` messages there."""
        before = len(self.fake.sent_messages(chat.id))
        self.fake.send_text(chat, sender, text)
        sent = await self.fake.wait_for_messages(before + replies, chat_id=chat.id, timeout=10)
        return sent[before:]

    async def ask(self, chat: FakeChat, sender: FakeUser, text: str) -> SentMessage:
        """`sender` writes `text`; return the bot's one reply."""
        [answer] = await self.say(chat, sender, text)
        return answer

    async def press(self, chat: FakeChat, sender: FakeUser, message_id: int, data: str) -> None:
        """`sender` presses a button; wait until the bot has answered the press."""
        before = len(self.fake.calls_to("answerCallbackQuery"))
        self.fake.press_button(chat, sender, message_id, data)
        await self.fake.wait_for_calls("answerCallbackQuery", before + 1, timeout=10)

    async def feed(self, name: str, official_for: tuple[str, ...] = ()) -> feeds.Feed:
        """A feed the bot knows but will not fetch during the test (its next check is far away)."""
        db, url, now = self.rt.db, f"https://{name.lower().replace(' ', '-')}.example/feed", time.time()
        async with transaction(db):
            found = await feeds.get_feed(db, url) or await feeds.add_feed(db, url, name, official_for, "chat", now)
            assert found is not None
            await feeds.record_success(db, found.id, now=now, next_check_at=now + 1e9, etag=None, last_modified=None)
        return found

    async def news(self, feed_name: str, title: str, official_for: tuple[str, ...] = ()) -> None:
        """A feed publishes `title`: it goes through the real ingest pipeline and alerts subscribers."""
        rt, feed = self.rt, await self.feed(feed_name, official_for)
        names = {e.id: e.names[0] for e in rt.entities.values()}
        new = entry(f"{feed_name}/{title}", title, link=f"https://news.example/{len(title)}")
        aliases = {e.id: e.names for e in rt.entities.values()}
        await ingest(rt.db, rt.engine, rt.stories, names, feed, [new], now=time.time(), alert=True, aliases=aliases)
        rt.outbox_ready.set()

    async def evidence(self, claim_id: str, title: str, stance: Stance, official_entity: str | None = None,
                       level: Level = "match", source: str = "Daily News") -> None:
        """Record evidence on a claim directly in storage, as if the engine had found it in `source`."""
        db, feed = self.rt.db, await self.feed(source)
        async with transaction(db):
            [stored] = await items.store_entries(db, feed.id, [entry(title, title)], time.time())
            ev = Evidence(str(stored.id), claim_id, 0.9, level, stance, "", "source" if official_entity else None,
                          official_entity, title)
            await evidence.record_evidence(db, stored.id, stored.id, ev, time.time())


@pytest.fixture
async def fake(telegram: FakeTelegram) -> FakeTelegram:
    """The fake Bot API server, under the name these tests read best with."""
    return telegram


@pytest.fixture
async def chatbot(fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[ChatBot]:
    """The real Application, started and long-polling the fake server; stopped cleanly afterwards."""
    config = tmp_path / "bot.toml"
    config.write_text(CONFIG, encoding="utf-8")
    env = {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url,
           "RUMORBOT_DB": str(tmp_path / "bot.sqlite3")}
    async with running_bot(load_settings(config, env)) as app:
        yield ChatBot(fake, app)
