"""Admin feed commands through the real Application, a fake Bot API server and a live feed server."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.textsplit import MAX_MESSAGE, utf16_len
from config.settings import load_settings
from handlers.admin_feeds import relative
from rumorbot.app import App
from storage import feeds, transaction
from tests.conftest import running_bot
from tests.fakes import FakeTelegram, FakeUser, private_chat, user
from tests.fakes.feed_server import FakeItem, FeedServer, rss20

CONFIG = """
[telegram]
admins = [42]

[polling]
interval = 600
allow_private = {allow_private}
timeout = 2
"""
ADMIN, STRANGER = user(42, "Ada"), user(77, "Stranger")
REFUSAL = "Only the bot's administrators can do that."
ITEMS = [FakeItem("Xiaomi opens a store", "https://news.example/1", "n1"),
         FakeItem("BAIC reports sales", "https://news.example/2", "n2")]
OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
<outline text="Tech"><outline type="rss" text="Good one" xmlUrl="{good}"/></outline>
<outline type="rss" text="Also good" xmlUrl="{other}"/>
<outline type="rss" text="Known" xmlUrl="{known}"/>
<outline type="rss" text="Nowhere" xmlUrl="http://feed.invalid/rss"/>
<outline type="rss" text="Script" xmlUrl="javascript:alert(1)"/>
</body></opml>"""


@dataclass
class Setup:
    telegram: FakeTelegram
    server: FeedServer
    app: App

    async def ask(self, text: str, sender: FakeUser = ADMIN) -> str:
        """Send a message as `sender` in its private chat; return the bot's next reply."""
        chat = private_chat(sender)
        before = len(self.telegram.sent_messages(chat.id))
        self.telegram.send_text(chat, sender, text)
        return (await self.telegram.wait_for_messages(before + 1, chat.id))[before].text

    async def tracked(self) -> list[feeds.Feed]:
        return await feeds.list_feeds(self.app.bot_data.started().db)


@asynccontextmanager
async def started(tmp_path: Path, telegram: FakeTelegram, server: FeedServer, allow_private: bool
                  ) -> AsyncIterator[Setup]:
    config = tmp_path / "bot.toml"
    config.write_text(CONFIG.format(allow_private=str(allow_private).lower()), encoding="utf-8")
    env = {"TELEGRAM_BOT_TOKEN": telegram.token, "TELEGRAM_API_BASE_URL": telegram.base_url,
           "RUMORBOT_DB": str(tmp_path / "bot.sqlite3")}
    async with running_bot(load_settings(config, env)) as app:
        yield Setup(telegram, server, app)


@pytest.fixture
async def bot(tmp_path: Path, telegram: FakeTelegram) -> AsyncIterator[Setup]:
    async with FeedServer() as server:
        server.set("/news.xml", rss20(ITEMS, title="Auto News"))
        server.set("/other.xml", rss20(ITEMS[:1], title="Other"))
        server.set("/page", "<!doctype html><html><body>Hello</body></html>", content_type="text/html")
        async with started(tmp_path, telegram, server, allow_private=True) as setup:
            yield setup


@pytest.fixture
async def guarded_bot(tmp_path: Path, telegram: FakeTelegram) -> AsyncIterator[Setup]:
    """A bot with the production default: private and loopback addresses refused."""
    async with FeedServer() as server:
        server.set("/news.xml", rss20(ITEMS))
        async with started(tmp_path, telegram, server, allow_private=False) as setup:
            yield setup


async def test_addfeed_fetches_and_tracks_a_good_feed(bot: Setup) -> None:
    """A good feed is fetched once, named by its title and item count, and stored to be polled without alerts."""
    url = bot.server.url("/news.xml")
    answer = await bot.ask(f"/addfeed {url}")
    assert "Auto News" in answer
    assert "2 items" in answer
    [feed] = await bot.tracked()
    assert (feed.url, feed.name, feed.origin, feed.polled_once) == (url, "Auto News", "chat", False)
    assert "Already tracked as #" in await bot.ask(f"/addfeed {url}")


async def test_addfeed_keeps_the_admins_name(bot: Setup) -> None:
    """Words after the URL name the feed."""
    await bot.ask(f"/addfeed {bot.server.url('/news.xml')} Car news daily")
    [feed] = await bot.tracked()
    assert feed.name == "Car news daily"


@pytest.mark.parametrize(("path", "reason"), [
    ("/page", "not a feed (HTML page)"),
    ("/missing", "HTTP 404"),
])
async def test_addfeed_says_why_a_url_is_not_a_feed(bot: Setup, path: str, reason: str) -> None:
    """An HTML page or a 404 is refused with the exact reason, and nothing is stored."""
    answer = await bot.ask(f"/addfeed {bot.server.url(path)}")
    assert answer.startswith("Cannot add")
    assert reason in answer
    assert await bot.tracked() == []


@pytest.mark.parametrize(("url", "reason"), [
    ("ftp://example.com/feed", "refused: scheme 'ftp' (only http and https)"),
    ("http://feed.invalid/rss", "DNS lookup failed"),
])
async def test_addfeed_refuses_bad_urls(bot: Setup, url: str, reason: str) -> None:
    """Only http(s) URLs whose host resolves are tried."""
    assert reason in await bot.ask(f"/addfeed {url}")


async def test_addfeed_refuses_a_private_address_unless_allowed(guarded_bot: Setup) -> None:
    """With allow_private = false a feed on 127.0.0.1 is refused and never fetched."""
    answer = await guarded_bot.ask(f"/addfeed {guarded_bot.server.url('/news.xml')}")
    assert "refused: resolves to private address 127.0.0.1" in answer
    assert guarded_bot.server.hits["/news.xml"] == 0
    assert await guarded_bot.tracked() == []


@pytest.mark.parametrize("command", ["/addfeed http://127.0.0.1/x.xml", "/feeds", "/rmfeed 1"])
async def test_non_admins_are_refused(bot: Setup, command: str) -> None:
    """Someone not in [telegram] admins gets a short refusal and changes nothing."""
    assert await bot.ask(command, STRANGER) == REFUSAL
    assert await bot.tracked() == []
    assert bot.server.hits["/x.xml"] == 0


async def test_feeds_lists_state_errors_and_times(bot: Setup) -> None:
    """/feeds shows each feed's id, name, URL, state, last success, last error and next check."""
    db = bot.app.bot_data.started().db
    now = time.time()
    async with transaction(db):
        fresh = await feeds.add_feed(db, "https://a.example/rss", "Fresh", (), "chat", now)
        broken = await feeds.add_feed(db, "https://b.example/rss", "Broken", (), "chat", now)
        assert fresh is not None
        assert broken is not None
        await feeds.record_success(db, broken.id, now=now - 7200, next_check_at=now - 7000, etag=None,
                                   last_modified=None)
        for _ in range(2):
            await feeds.record_error(db, broken.id, now=now - 60, next_check_at=now + 250, error="HTTP 503",
                                     failing_after=10)
        await feeds.set_next_check(db, fresh.id, now + 10_000)
    answer = await bot.ask("/feeds")
    assert "2 feeds" in answer
    assert (f"<b>#{fresh.id}</b> Fresh – never polled\nhttps://a.example/rss\n"
            "last success never · next check in 2 h") in answer
    assert f"<b>#{broken.id}</b> Broken – erroring 2 times" in answer
    assert "last success 2 h ago · next check in 4 min" in answer
    assert "last error: HTTP 503" in answer


@pytest.mark.parametrize("command", ["/feeds all", "/feeds 1", "/feeds https://a.example/rss"])
async def test_feeds_with_arguments_answers_its_usage(bot: Setup, command: str) -> None:
    """/feeds takes no arguments: extra ones get its usage, as every command's do, not a list that ignores them."""
    assert await bot.ask(command) == "Usage: /feeds (no arguments: it lists every feed)"


async def test_long_feed_lists_come_in_several_messages(bot: Setup) -> None:
    """Each message fits Telegram's limit, split between lines, and every feed is listed."""
    db = bot.app.bot_data.started().db
    async with transaction(db):
        for n in range(60):
            await feeds.add_feed(db, f"https://site{n}.example/{'long-path/' * 10}rss.xml", f"Feed number {n}",
                                 (), "chat", time.time())
    chat = private_chat(ADMIN)
    bot.telegram.send_text(chat, ADMIN, "/feeds")
    sent = await bot.telegram.wait_for_messages(3, chat.id)
    assert await bot.telegram.state.wait_until(
        lambda: "Feed number 59" in bot.telegram.sent_messages(chat.id)[-1].text, 5)
    texts = [m.text for m in bot.telegram.sent_messages(chat.id)]
    assert len(sent) >= 3
    assert all(utf16_len(t) <= MAX_MESSAGE for t in texts)
    assert all(f"Feed number {n} –" in "\n".join(texts) for n in range(60))


async def test_rmfeed_by_id_and_by_url(bot: Setup) -> None:
    """A feed is removed by its id or its URL; an unknown one gets a clear answer."""
    for path in ("/news.xml", "/other.xml"):
        await bot.ask(f"/addfeed {bot.server.url(path)}")
    first, second = await bot.tracked()
    assert await bot.ask(f"/rmfeed {first.id}") == f"Removed feed #{first.id} Auto News with its items and evidence."
    assert (await bot.ask(f"/rmfeed {second.url}")).startswith(f"Removed feed #{second.id} Other")
    assert await bot.tracked() == []
    assert "No feed 99." in await bot.ask("/rmfeed 99")


async def test_admin_opml_file_imports_its_feeds(bot: Setup) -> None:
    """An admin's OPML file adds its new feeds, counts the known ones and says why others were refused."""
    await bot.ask(f"/addfeed {bot.server.url('/other.xml')}")
    opml = OPML.format(good=bot.server.url("/news.xml"), other=bot.server.url("/page"),
                       known=bot.server.url("/other.xml"))
    chat = private_chat(ADMIN)
    bot.telegram.send_document(chat, ADMIN, "feeds.opml", opml.encode())
    answer = (await bot.telegram.wait_for_messages(2, chat.id))[1].text
    assert answer.startswith("OPML import: added 2, already tracked 1, refused 1.")
    assert "http://feed.invalid/rss: DNS lookup failed" in answer
    assert {(f.name, f.origin) for f in await bot.tracked()} == {("Good one", "opml"), ("Also good", "opml"),
                                                                  ("Other", "chat")}
    assert bot.server.hits["/news.xml"] == 0  # checked, not fetched


async def test_opml_by_mime_type_and_hostile_opml(bot: Setup) -> None:
    """A text/x-opml document is read whatever its name; a DOCTYPE (entity bomb) is refused with the reason."""
    chat = private_chat(ADMIN)
    bomb = b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><opml version="2.0"><body/></opml>'
    bot.telegram.send_document(chat, ADMIN, "list.txt", bomb, mime_type="text/x-opml")
    [answer] = await bot.telegram.wait_for_messages(1, chat.id)
    assert answer.text == "OPML refused: DOCTYPE not allowed"
    assert await bot.tracked() == []


async def test_non_admin_opml_file_is_refused(bot: Setup) -> None:
    """A stranger's OPML file is refused without being read."""
    chat = private_chat(STRANGER)
    opml = OPML.format(good=bot.server.url("/news.xml"), other=bot.server.url("/page"), known="http://x.example/")
    bot.telegram.send_document(chat, STRANGER, "feeds.opml", opml.encode())
    [answer] = await bot.telegram.wait_for_messages(1, chat.id)
    assert answer.text == REFUSAL
    assert bot.telegram.calls_to("getFile") == []
    assert await bot.tracked() == []


@pytest.mark.parametrize(("delta", "expected"), [
    (0.2, "now"), (30, "in 30 s"), (-45, "45 s ago"), (240, "in 4 min"), (-5400, "90 min ago"),
    (-7200, "2 h ago"), (3 * 86400, "in 3 d"),
])
def test_relative_times(delta: float, expected: str) -> None:
    """Times in /feeds read as 'in 4 min' or '2 h ago'."""
    assert relative(1000.0, 1000.0 + delta) == expected
