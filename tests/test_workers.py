"""Several processes on one PostgreSQL: two pollers, a sender and its standby, 200 feeds of syndicated copies.

Wave one: every feed is polled once by one of the pollers, the copies of each story (fetched by both
pollers) make one story and one alert per chat. Wave two, slower: one poller and the leading sender
are killed with SIGKILL mid-work; the other poller takes the dead one's feeds when their leases run
out, the standby sender takes over, and every alert arrives, none twice beyond one send in flight per
chat at the kill.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storage import chats, connect, transaction
from storage.db import Storage
from tests.conftest import ROOT, new_pg_database
from tests.fakes import FakeTelegram
from tests.fakes.feed_server import FakeItem, FeedServer, rss20
from tests.pg import PostgresServer

FEEDS = 200
CHATS = (501, 502, 503)
STORIES_PER_WAVE = 6
COMPANIES = ("Xiaomi", "Huawei", "Lenovo", "Tencent", "Alibaba", "Baidu", "Nio", "Geely", "Haier", "Oppo", "Vivo",
             "Meituan")
TARGETS = ("a battery maker in Ningbo", "a chip designer in Shenzhen", "a shipping line in Qingdao",
           "a solar panel plant in Hefei", "a robotics startup in Suzhou", "a steel mill in Tangshan",
           "a game studio in Chengdu", "a bank in Wuhan", "a dairy farm in Hohhot", "a port operator in Xiamen",
           "a drone maker in Dongguan", "a cinema chain in Nanjing")
WORDS = ("river", "market", "festival", "garden", "library", "museum", "bridge", "tram", "harbour", "school",
         "bakery", "orchestra", "stadium", "clinic", "forest", "village", "lantern", "theatre", "station", "pier")
LEASE = 5


def story_title(n: int) -> str:
    return f"{COMPANIES[n]} will buy {TARGETS[n]}, people familiar with the talks say"


def feed_items(feed: int, wave: int) -> list[FakeItem]:
    """One syndicated copy of a story of this wave (own guid and link) and two local items of its own."""
    n = wave * STORIES_PER_WAVE + feed % STORIES_PER_WAVE
    copy = FakeItem(story_title(n), f"https://site{feed}.example/deal-{n}", f"f{feed}-deal-{n}",
                    f"{COMPANIES[n]} agreed to buy {TARGETS[n]} in a deal announced today; the board approved it.")
    pick = random.Random(feed * 10 + wave)
    local = [FakeItem(" ".join(pick.sample(WORDS, 6)).capitalize(), f"https://site{feed}.example/{wave}-{k}",
                      f"f{feed}-{wave}-{k}", " ".join(pick.sample(WORDS, 12))) for k in range(2)]
    return [copy, *local]


def config(feeds: FeedServer) -> str:
    claims = "".join(f'[[claims]]\nid = "deal-{n}"\ntopic = "deals"\ntext = "{COMPANIES[n]} will buy {TARGETS[n]}"\n\n'
                     for n in range(len(COMPANIES)))
    feed_list = "".join(f'[[feeds]]\nurl = "{feeds.url(f"/f{f}.xml")}"\nname = "Site {f}"\n\n' for f in range(FEEDS))
    return ("[polling]\ninterval = 3600\nmin_interval = 1\nconcurrency = 4\nper_host = 100\n"
            f"alert_backlog = true\nallow_private = true\nlease = {LEASE}\n\n{claims}{feed_list}")


@dataclass
class Cluster:
    telegram: FakeTelegram
    feeds: FeedServer
    db: Storage
    env: dict[str, str]
    logs: Path
    processes: dict[str, asyncio.subprocess.Process] = field(default_factory=dict)

    async def start(self, name: str, role: str) -> None:
        with (self.logs / f"{name}.log").open("ab") as out:
            self.processes[name] = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", "--role", role, env=self.env, cwd=ROOT,
                stdout=asyncio.subprocess.DEVNULL, stderr=out,
            )

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(encoding="utf-8")

    async def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        process.send_signal(signal.SIGKILL)
        await process.wait()

    def serve(self, wave: int, delay: float) -> None:
        for f in range(FEEDS):
            self.feeds.set(f"/f{f}.xml", rss20(feed_items(f, wave)), delay=delay)

    async def checked_since(self, moment: float) -> int:
        return int(await self.db.fetchval("SELECT COUNT(*) FROM feeds WHERE last_checked_at >= ?", (moment,)))

    async def settled(self, since: float, alerts: int) -> bool:
        """Every feed checked since `since` and `alerts` alerts queued and sent."""
        sent = await self.db.fetchval("SELECT COUNT(*) FROM outbox WHERE state = 'sent'")
        pending = await self.db.fetchval("SELECT COUNT(*) FROM outbox WHERE state != 'sent'")
        return await self.checked_since(since) == FEEDS and sent == alerts and pending == 0

    async def wait(self, what: str, ready: object, within: float) -> None:
        deadline = time.monotonic() + within
        while not await ready():  # type: ignore[operator]
            if time.monotonic() > deadline:
                tails = {n: self.log(n)[-1500:] for n in ("poller-a", "poller-b", "sender-1", "sender-2")}
                raise AssertionError(f"{what} did not happen within {within} s; logs: {tails}")
            await asyncio.sleep(0.2)

    async def stories_of_wave(self, wave: int) -> dict[int, set[int]]:
        """For each story of the wave, the story ids its copies got."""
        found: dict[int, set[int]] = {}
        for n in range(wave * STORIES_PER_WAVE, (wave + 1) * STORIES_PER_WAVE):
            rows = await self.db.fetchall("SELECT DISTINCT story_id FROM items WHERE title = ?", (story_title(n),))
            found[n] = {r[0] for r in rows}
        return found

    def messages(self) -> Counter[tuple[int, str]]:
        return Counter((m.chat_id, m.text) for m in self.telegram.sent_messages())


@pytest.fixture
async def cluster(tmp_path: Path, pg_server: PostgresServer) -> AsyncIterator[Cluster]:
    async with FakeTelegram() as telegram, FeedServer() as feeds:
        url = await new_pg_database(pg_server)
        db = await connect(url)
        now = time.time()
        async with transaction(db):
            for chat_id in CHATS:
                await chats.ensure_chat(db, chat_id, "private", f"reader {chat_id}", now)
                await chats.subscribe(db, chat_id, 0, "topic", "deals", now)
        (tmp_path / "bot.toml").write_text(config(feeds), encoding="utf-8")
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": telegram.token, "TELEGRAM_API_BASE_URL": telegram.base_url,
               "RUMORBOT_DB": url, "RUMORBOT_CONFIG": str(tmp_path / "bot.toml")}
        running = Cluster(telegram, feeds, db, env, tmp_path)
        try:
            yield running
        finally:
            for process in running.processes.values():
                process.kill()
                await process.wait()
            await db.close()


async def _two_senders(cluster: Cluster) -> None:
    """sender-1 started and leading, then sender-2 started beside it."""
    await cluster.start("sender-1", "sender")
    await cluster.wait("the first sender leading", lambda: _logged(cluster, "sender-1", "this process sends"), 30)
    await cluster.start("sender-2", "sender")


async def test_two_pollers_and_a_sender_share_the_work_and_survive_kill_9(cluster: Cluster) -> None:
    """Every feed polled, one story per syndicated story and one alert per chat and story, across kill -9."""
    per_wave = STORIES_PER_WAVE * len(CHATS)
    cluster.serve(0, delay=0.02)
    start = time.time()
    await _two_senders(cluster)
    await cluster.start("poller-a", "poller")
    await cluster.start("poller-b", "poller")
    await cluster.wait("wave one", lambda: cluster.settled(start, per_wave), 90)

    assert all(len(ids) == 1 for ids in (await cluster.stories_of_wave(0)).values())
    assert sorted(cluster.messages().values()) == [1] * per_wave
    for poller in ("poller-a", "poller-b"):
        assert cluster.log(poller).count(" new, ") > 10, f"{poller} polled too few feeds"
    assert "standing by" in cluster.log("sender-2")

    cluster.serve(1, delay=0.3)
    wave_two = time.time()
    await cluster.db.execute("UPDATE feeds SET next_check_at = 0")
    await cluster.wait("wave two under way", lambda: _checked_at_least(cluster, wave_two, 20), 60)
    leased = await cluster.db.fetchval("SELECT COUNT(*) FROM feeds WHERE lease_until > ?", (time.time(),))
    checked = await cluster.checked_since(wave_two)
    await cluster.kill("poller-a")
    await cluster.wait("wave two's first sends", lambda: _sent_at_least(cluster, per_wave + 3), 60)
    sent = len(cluster.telegram.sent_messages())
    await cluster.kill("sender-1")
    await cluster.wait("wave two", lambda: cluster.settled(wave_two, 2 * per_wave), 120)

    assert all(len(ids) == 1 for ids in (await cluster.stories_of_wave(1)).values())
    delivered = cluster.messages()
    print(f"poller killed with {checked} feeds checked and {leased} leased; sender killed after {sent} sends; "
          f"lost={2 * per_wave - len(delivered)} duplicates={sum(n - 1 for n in delivered.values())}")
    assert len(delivered) == 2 * per_wave  # nothing lost
    assert sum(n - 1 for n in delivered.values()) <= len(CHATS)  # one send in flight per chat at the kill
    assert "this process sends" in cluster.log("sender-2")


async def test_a_second_whole_bot_on_one_database_is_refused(cluster: Cluster) -> None:
    """Two `rumorbot run` (role all) on one PostgreSQL: the second exits with a clear message."""
    cluster.serve(0, delay=0.0)
    await cluster.start("all-1", "all")
    await cluster.wait("the first bot started", lambda: _logged(cluster, "all-1", "rumorbot started"), 60)
    second = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=cluster.env, cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(second.communicate(), timeout=60)
    assert second.returncode == 3
    assert "already running on this database and takes its Telegram updates" in err.decode()


async def test_a_sender_cut_off_from_its_lock_stands_down_and_the_standby_sends(cluster: Cluster) -> None:
    """The database drops the leading sender's lock connection (a network cut, a server restart): that
    sender stops within seconds and stands by, the standby takes over, and every alert arrives once."""
    per_wave = STORIES_PER_WAVE * len(CHATS)
    cluster.serve(0, delay=0.0)
    start = time.time()
    await _two_senders(cluster)
    await cluster.wait("the second standing by", lambda: _logged(cluster, "sender-2", "standing by"), 30)
    holder = ("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
              "AND objid::int = hashtext('rumorbot:sender')")
    first = await cluster.db.fetchval(holder)
    assert await cluster.db.fetchval("SELECT pg_terminate_backend(?)", (first,)) is True
    await cluster.wait("the first standing down", lambda: _logged(cluster, "sender-1", "lost the sender lock"), 30)

    async def led_again() -> bool:  # by either: the standby, or the first on a new connection
        leads = sum(cluster.log(name).count("this process sends") for name in ("sender-1", "sender-2"))
        return leads == 2 and await cluster.db.fetchval(holder) not in (None, first)

    await cluster.wait("a sender leading again", led_again, 30)
    await cluster.start("poller-a", "poller")
    await cluster.wait("the alerts", lambda: cluster.settled(start, per_wave), 90)
    assert sorted(cluster.messages().values()) == [1] * per_wave


async def _logged(cluster: Cluster, name: str, text: str) -> bool:
    return text in cluster.log(name)


async def _checked_at_least(cluster: Cluster, since: float, n: int) -> bool:
    return await cluster.checked_since(since) >= n


async def _sent_at_least(cluster: Cluster, n: int) -> bool:
    return len(cluster.telegram.sent_messages()) >= n
