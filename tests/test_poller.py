"""The poller over a real Runtime: a SQLite file, the shared guarded client and a live feed server.

The runtime's clock is a `FakeClock`: a test moves it to a feed's next check instead of waiting for it.
"""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import SYSTEM
from bot.poller import FeedReport, poll_due, poll_feed
from bot.runtime import Runtime
from config.settings import load_settings
from rumorbot.app import open_runtime
from storage import chats, evidence, feeds, items, outbox, transaction
from tests.fakes.clock import FakeClock
from tests.fakes.feed_server import FakeItem, FeedServer, rss20

CONFIG = """
[telegram]
admins = [42, 43]

[polling]
interval = 300
min_interval = 60
max_interval = 3600
timeout = 1
max_body_bytes = 65536
per_host = 4
concurrency = {concurrency}
failing_after = 3
allow_private = {allow_private}

[[entities]]
id = "xiaomi"
names = ["Xiaomi", "小米"]

[[claims]]
id = "xiaomi-qualification"
topic = "xiaomi-auto"
text = "Xiaomi has obtained the official qualification to build cars"
officials = ["xiaomi"]
"""
CLAIM = "xiaomi-qualification"
OLD = FakeItem("Xiaomi has not obtained the qualification to build cars, sources say",
               "https://news.example/old", "old-1")
NEW = FakeItem("Xiaomi still lacks the qualification to build cars, Bloomberg reports",
               "https://news.example/new", "new-1",
               "People familiar said Xiaomi has not obtained the production qualification for cars.")
CALM = FakeItem("Xiaomi opens a phone store in Shenzhen", "https://news.example/store", "calm-1")


def runtime_settings(tmp_path: Path, allow_private: bool = True, concurrency: int = 20) -> Path:
    path = tmp_path / "bot.toml"
    path.write_text(CONFIG.format(allow_private=str(allow_private).lower(), concurrency=concurrency),
                    encoding="utf-8")
    return path


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as feed_server:
        yield feed_server


async def open_rt(tmp_path: Path, allow_private: bool = True, concurrency: int = 20) -> Runtime:
    settings = load_settings(runtime_settings(tmp_path, allow_private, concurrency),
                             {"RUMORBOT_DB": str(tmp_path / "b.sqlite3")})
    runtime = await open_runtime(settings)
    runtime.clock = FakeClock(time.time())
    return runtime


@pytest.fixture
async def rt(tmp_path: Path) -> AsyncIterator[Runtime]:
    runtime = await open_rt(tmp_path)
    yield runtime
    await runtime.http.aclose()
    await runtime.db.close()


async def track(rt: Runtime, url: str, name: str = "") -> feeds.Feed:
    async with transaction(rt.db):
        feed = await feeds.add_feed(rt.db, url, name or url.rsplit("/", 1)[-1], (), "chat", rt.clock.now())
    assert feed is not None
    return feed


async def subscribe(rt: Runtime, chat_id: int = 100) -> None:
    async with transaction(rt.db):
        await chats.ensure_chat(rt.db, chat_id, "private", "alice", rt.clock.now())
        await chats.subscribe(rt.db, chat_id, 0, "claim", CLAIM, rt.clock.now())


async def make_due(rt: Runtime, *tracked: feeds.Feed) -> None:
    """Move the clock to the feeds' next check instead of waiting for it."""
    assert isinstance(rt.clock, FakeClock)
    for feed in tracked:
        rt.clock.set((await fresh(rt, feed)).next_check_at)


async def fresh(rt: Runtime, feed: feeds.Feed) -> feeds.Feed:
    found = await feeds.get_feed(rt.db, feed.id)
    assert found is not None
    return found


async def pending(rt: Runtime) -> list[outbox.PendingAlert]:
    return await outbox.due_alerts(rt.db, rt.clock.now() + 10**6)


def refused_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_first_poll_stores_the_backlog_without_alerts_then_new_items_alert(
    rt: Runtime, server: FeedServer
) -> None:
    """Items already in a new feed become evidence silently; an item that appears later alerts."""
    await subscribe(rt)
    server.set("/news.xml", rss20([OLD, CALM], title="Auto News"))
    feed = await track(rt, server.url("/news.xml"))
    [report] = await poll_due(rt)
    assert (report.status, report.new_items, report.alerts) == ("ok", 2, 0)
    assert len(await evidence.claim_evidence(rt.db, CLAIM)) == 1
    assert await pending(rt) == []
    polled = await fresh(rt, feed)
    assert (polled.polled_once, polled.title, polled.error_count) == (True, "Auto News", 0)

    server.set("/news.xml", rss20([NEW, OLD, CALM]))
    await make_due(rt, feed)
    [report] = await poll_due(rt)
    assert (report.new_items, report.alerts) == (1, 1)
    [alert] = await pending(rt)
    assert (alert.chat_id, alert.claim_id) == (100, CLAIM)
    assert rt.outbox_ready.is_set()


async def test_nothing_is_due_before_its_next_check(rt: Runtime, server: FeedServer) -> None:
    """After a good poll the feed waits its interval: a second cycle right away fetches nothing."""
    server.set("/news.xml", rss20([CALM]))
    await track(rt, server.url("/news.xml"))
    assert len(await poll_due(rt)) == 1
    assert await poll_due(rt) == []
    assert server.hits["/news.xml"] == 1


async def test_not_modified_sends_validators_stores_nothing_and_schedules(rt: Runtime, server: FeedServer) -> None:
    """A 304 answer to the stored ETag and Last-Modified stores nothing and schedules the next check."""
    modified = "Wed, 01 May 2024 10:00:00 GMT"
    server.set("/news.xml", rss20([OLD, CALM]), etag='"v1"', last_modified=modified)
    feed = await track(rt, server.url("/news.xml"))
    await poll_due(rt)
    await make_due(rt, feed)
    [report] = await poll_due(rt)
    assert report == FeedReport(feed.url, "not_modified", 304, 0, None)
    sent = server.requests["/news.xml"][-1]
    assert (sent["If-None-Match"], sent["If-Modified-Since"]) == ('"v1"', modified)
    assert await items.count_items(rt.db) == 2
    after = await fresh(rt, feed)
    assert after.last_checked_at is not None
    assert 300 * 0.95 <= after.next_check_at - after.last_checked_at <= 300 * 1.05


FAILURES = [
    ("/slow.xml", "timeout after 1 s"),
    ("/down.xml", "HTTP 503"),
    ("/missing.xml", "HTTP 404"),
    ("/page.html", "not a feed (HTML page)"),
    ("/empty.xml", "empty body"),
    ("/big.xml", "body over 64 KiB"),
    ("/loop-a", "redirect loop"),
    ("/bomb.xml", "body over 64 KiB"),
]


def serve_failures(server: FeedServer) -> None:
    server.set("/slow.xml", rss20([CALM]), delay=3)
    server.set("/down.xml", "busy", status=503, content_type="text/plain")
    server.set("/page.html", "<!DOCTYPE html><html><body>Welcome</body></html>", content_type="text/html")
    server.set("/empty.xml", b"")
    server.set("/big.xml", rss20([FakeItem(f"Item {n}", summary="x" * 1000) for n in range(100)]))
    server.redirect("/loop-a", "/loop-b")
    server.redirect("/loop-b", "/loop-a")
    server.gzip_bomb("/bomb.xml", 50 * 1024 * 1024)


async def test_every_failure_is_recorded_on_its_feed_while_a_healthy_feed_is_ingested(
    rt: Runtime, server: FeedServer
) -> None:
    """Timeouts, HTTP errors, non-feeds, oversize and hostile bodies, DNS and refused connections fail alone."""
    rt.clock = SYSTEM  # the slow feed's timeout passes in real time, and the good feed must not wait for it
    serve_failures(server)
    server.set("/good.xml", rss20([OLD, CALM]))
    server.set("/broken.xml", rss20([CALM, OLD])[:-30])  # truncated XML: its entries are still usable
    urls = [server.url(path) for path, _ in FAILURES]
    urls += ["http://feed.invalid/rss", f"http://127.0.0.1:{refused_port()}/rss"]
    reasons = [reason for _, reason in FAILURES] + ["DNS lookup failed", "connection refused"]
    bad = [await track(rt, url) for url in urls]
    good = await track(rt, server.url("/good.xml"))
    broken = await track(rt, server.url("/broken.xml"))

    reports = {r.feed: r for r in await poll_due(rt)}

    assert {url: reports[url].error for url in urls} == dict(zip(urls, reasons, strict=True))
    assert (reports[good.url].status, reports[good.url].new_items) == ("ok", 2)
    assert (reports[broken.url].status, reports[broken.url].new_items) == ("ok", 2)
    for feed, reason in zip(bad, reasons, strict=True):
        after = await fresh(rt, feed)
        assert (after.error_count, after.last_error, after.polled_once) == (1, reason, False)
    healthy, slow = await fresh(rt, good), await fresh(rt, bad[0])
    assert healthy.last_success_at is not None
    assert slow.last_checked_at is not None
    assert healthy.last_success_at < slow.last_checked_at  # the good feed did not wait for the slow one
    assert await items.count_items(rt.db) == 4


async def test_backoff_doubles_after_each_consecutive_failure(rt: Runtime, server: FeedServer) -> None:
    """The next check after n failures in a row is min_interval·2^(n-1) (at most 10% earlier), capped."""
    server.set("/down.xml", "busy", status=503, content_type="text/plain")
    feed = await track(rt, server.url("/down.xml"))
    for n in range(1, 8):
        await make_due(rt, feed)
        await poll_due(rt)
        after = await fresh(rt, feed)
        assert after.last_checked_at is not None
        expected = min(60 * 2 ** (n - 1), 3600)
        assert expected * 0.9 <= after.next_check_at - after.last_checked_at <= expected, n
        assert after.error_count == n


async def test_retry_after_on_a_failure_is_obeyed(rt: Runtime, server: FeedServer) -> None:
    """A 429 with Retry-After waits at least that long, even on the first failure."""
    server.set("/busy.xml", "slow down", status=429, content_type="text/plain", headers={"Retry-After": "900"})
    feed = await track(rt, server.url("/busy.xml"))
    [report] = await poll_due(rt)
    assert report.error == "HTTP 429"
    after = await fresh(rt, feed)
    assert after.last_checked_at is not None
    assert after.next_check_at - after.last_checked_at >= 900


async def test_admins_hear_once_when_a_feed_fails_and_once_when_it_recovers(
    rt: Runtime, server: FeedServer
) -> None:
    """After failing_after failures each admin gets one row, not one per poll; recovery gets one more and resets."""
    server.set("/down.xml", "busy", status=503, content_type="text/plain")
    feed = await track(rt, server.url("/down.xml"), "Flaky")
    newly = []
    for _ in range(6):
        await make_due(rt, feed)
        [report] = await poll_due(rt)
        newly.append(report.newly_failing)
    assert newly == [False, False, True, False, False, False]
    failing = await pending(rt)
    assert sorted(a.chat_id for a in failing) == [42, 43]
    assert all("Flaky" in a.text and "is failing" in a.text and "HTTP 503" in a.text for a in failing)
    assert (await fresh(rt, feed)).failing

    server.set("/down.xml", rss20([CALM]))
    await make_due(rt, feed)
    [report] = await poll_due(rt)
    assert report.status == "ok"
    recovered = [a for a in await pending(rt) if a not in failing]
    assert sorted(a.chat_id for a in recovered) == [42, 43]
    assert all("works again" in a.text for a in recovered)
    after = await fresh(rt, feed)
    assert (after.error_count, after.failing) == (0, False)

    await make_due(rt, feed)
    await poll_due(rt)
    assert len(await pending(rt)) == 4  # working on: nothing more to say


async def test_permanent_redirect_updates_the_stored_url(rt: Runtime, server: FeedServer) -> None:
    """A 301 moves the feed to its new URL; a temporary redirect would not."""
    server.set("/new.xml", rss20([CALM]))
    server.redirect("/old.xml", "/new.xml", status=301)
    server.redirect("/visit.xml", "/new.xml", status=302)
    moved = await track(rt, server.url("/old.xml"))
    visiting = await track(rt, server.url("/visit.xml"))
    await poll_due(rt)
    assert (await fresh(rt, moved)).url == server.url("/new.xml")
    assert (await fresh(rt, visiting)).url == server.url("/visit.xml")


async def test_edited_item_is_evaluated_again(rt: Runtime, server: FeedServer) -> None:
    """The same guid with new text is matched again and alerts when it now speaks to the claim."""
    await subscribe(rt)
    server.set("/news.xml", rss20([FakeItem("Xiaomi opens a store", "https://news.example/x", "same-guid")]))
    feed = await track(rt, server.url("/news.xml"))
    await poll_due(rt)
    assert await evidence.claim_evidence(rt.db, CLAIM) == []
    server.set("/news.xml", rss20([FakeItem(NEW.title, "https://news.example/x", "same-guid", NEW.summary)]))
    await make_due(rt, feed)
    [report] = await poll_due(rt)
    assert (report.new_items, report.alerts) == (0, 1)
    assert await items.count_items(rt.db) == 1
    [ev] = await evidence.claim_evidence(rt.db, CLAIM)
    assert ev.title == NEW.title


async def test_private_address_is_refused_unless_allowed(tmp_path: Path, server: FeedServer) -> None:
    """With allow_private = false a feed on 127.0.0.1 is refused with a clear error and never fetched."""
    runtime = await open_rt(tmp_path, allow_private=False)
    try:
        server.set("/news.xml", rss20([CALM]))
        feed = await track(runtime, server.url("/news.xml"))
        report = await poll_feed(runtime, feed)
        assert (report.status, report.error) == ("error", "refused: resolves to private address 127.0.0.1")
        assert server.hits["/news.xml"] == 0
        assert (await fresh(runtime, feed)).last_error == report.error
    finally:
        await runtime.http.aclose()
        await runtime.db.close()


async def test_a_cycle_larger_than_its_in_flight_limit_polls_every_feed(tmp_path: Path, server: FeedServer) -> None:
    """With one fetch at a time (two feeds in flight) a slow feed and twenty others are all polled in one cycle."""
    runtime = await open_rt(tmp_path, concurrency=1)
    try:
        server.set("/slow.xml", rss20([CALM]), delay=3)
        for n in range(20):
            server.set(f"/f{n}.xml", rss20([FakeItem(f"Item {n}", guid=f"g{n}")]))
        await track(runtime, server.url("/slow.xml"))
        for n in range(20):
            await track(runtime, server.url(f"/f{n}.xml"))
        reports = await poll_due(runtime)
        assert sorted(r.status for r in reports) == ["error"] + ["ok"] * 20
        assert await items.count_items(runtime.db) == 20
    finally:
        await runtime.http.aclose()
        await runtime.db.close()


async def test_each_admin_hears_of_a_failing_feed_in_their_language(rt: Runtime, server: FeedServer) -> None:
    """An admin whose chat with the bot is in Chinese reads the failing-feed notice in Chinese."""
    async with transaction(rt.db):
        await chats.ensure_chat(rt.db, 43, "private", "Li", rt.clock.now(), "zh")
    server.set("/down.xml", "busy", status=503, content_type="text/plain")
    feed = await track(rt, server.url("/down.xml"), "Flaky")
    for _ in range(3):
        await make_due(rt, feed)
        await poll_due(rt)
    by_admin = {a.chat_id: a.text for a in await pending(rt)}
    assert "is failing" in by_admin[42]
    assert by_admin[43].startswith("⚠️ 源 <b>Flaky</b> 出现故障：连续 3 次检查出错。\n上次错误：HTTP 503")
