"""Poll-cycle benchmark: 1,000 local feeds of 50 items through fetch + parse with the limiter.

A server process serves the feeds (English tweets from CheckThat! 2020, Chinese Weibo posts from
CED; one Chinese feed in five is GB18030) so its CPU does not count against the client. Then: a cold
cycle (every feed 200), a warm cycle (every feed 304 through its ETag), and the parse-only floor
(feedparser alone over the same bytes, in this process). Then the same cold and warm cycles through
the real poller (`poll_due` over a Runtime on a real SQLite file with the example claims: fetch,
parse, store, match, evidence, schedule). Prints figures; the last line is `bench poll: key=value ...`.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402 - after the path set-up so `bot` and `tests` import from this checkout
import httpx  # noqa: E402
from aiohttp import web  # noqa: E402

from bot.feeds.fetch import FetchRequest, FetchResult, fetch, new_client  # noqa: E402
from bot.feeds.limits import HostLimiter  # noqa: E402
from bot.feeds.parse import parse, parse_sync  # noqa: E402
from bot.poller import poll_due  # noqa: E402
from config.settings import load_settings  # noqa: E402
from core.records import FeedConfig  # noqa: E402
from rumorbot.app import open_runtime  # noqa: E402
from storage import feeds as feed_store  # noqa: E402
from storage import items as item_store  # noqa: E402
from storage import transaction  # noqa: E402
from tests.fakes.feed_server import FakeItem, rss20  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
EXAMPLE = ROOT / "config" / "example.toml"
FEEDS, ITEMS = 1000, 50
CONCURRENCY, PER_HOST = 20, 20  # PollingConfig.concurrency; every feed here shares one host


def load_texts() -> tuple[list[str], list[str]]:
    """English tweet texts and Chinese Weibo posts."""
    english = []
    for path in sorted((DATA / "checkthat2020").glob("*/tweets.queries.tsv")):
        for line in path.read_text(encoding="utf-8").split("\n")[1:]:
            if line.strip():
                english.append(line.split("\t", 1)[-1])
    # split("\n"), not splitlines(): posts contain U+2028, which splitlines() also breaks on
    lines = (DATA / "ced-weibo" / "ced_original_microblogs.jsonl").read_text(encoding="utf-8").split("\n")
    return english, [json.loads(line)["text"] for line in lines if line.strip()]


def build_feed(number: int, english: list[str], chinese: list[str]) -> tuple[bytes, str]:
    """Feed `number`: its document and its content-type."""
    texts, chinese_feed = (chinese, True) if number % 2 else (english, False)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    items = []
    for index in range(ITEMS):
        text = texts[(number * ITEMS + index) % len(texts)]
        items.append(FakeItem(text[:60], f"https://news{number % 50}.example/{number}/{index}?utm_source=rss",
                              f"feed{number}-item{index}", f"<p>{text}</p><p><a href='#'>more</a></p>",
                              start + timedelta(minutes=number + index)))
    encoding = "gb18030" if chinese_feed and number % 5 == 1 else "utf-8"
    return rss20(items, title=f"Feed {number}", encoding=encoding), "application/rss+xml"


async def serve() -> None:
    """Server mode: build the feeds, print the port, answer until stdin closes."""
    english, chinese = load_texts()
    feeds = {f"/feed/{n}": build_feed(n, english, chinese) for n in range(FEEDS)}
    etags = {path: '"' + hashlib.sha1(body).hexdigest() + '"' for path, (body, _) in feeds.items()}  # noqa: S324

    async def handle(request: web.Request) -> web.Response:
        body, content_type = feeds[request.path]
        etag = etags[request.path]
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, headers={"ETag": etag, "Content-Type": content_type})

    app = web.Application()
    app.router.add_get("/feed/{n}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(runner.addresses[0][1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


async def poll_one(client: httpx.AsyncClient, limiter: HostLimiter, request: FetchRequest) -> tuple[FetchResult, int]:
    """Fetch under the limiter, parse outside it (as the poller does)."""
    async with limiter.slot(request.url):
        result = await fetch(client, request)
    if result.outcome != "ok":
        return result, 0
    feed = await parse(result.body, result.headers, result.final_url, datetime.now(UTC))
    return result, len(feed.entries)


async def cycle(port: int, validators: dict[str, str | None]) -> tuple[float, list[FetchResult], int]:
    """One poll of every feed; returns wall seconds, results and items parsed."""
    limiter = HostLimiter(CONCURRENCY, PER_HOST)
    async with new_client(allow_private=True, max_connections=CONCURRENCY) as client:
        requests = [FetchRequest(f"http://127.0.0.1:{port}/feed/{n}", etag=validators.get(str(n)))
                    for n in range(FEEDS)]
        started = time.perf_counter()
        done = await asyncio.gather(*(poll_one(client, limiter, request) for request in requests))
        elapsed = time.perf_counter() - started
    return elapsed, [result for result, _ in done], sum(count for _, count in done)


def parse_floor(results: list[FetchResult]) -> tuple[float, float]:
    """Seconds for feedparser alone, and for our parse_sync, over the same bodies, one thread."""
    started = time.perf_counter()
    for result in results:
        feedparser.parse(result.body, response_headers={"content-type": result.headers["content-type"]})
    floor = time.perf_counter() - started
    started = time.perf_counter()
    for result in results:
        parse_sync(result.body, result.headers, result.final_url, datetime.now(UTC))
    return floor, time.perf_counter() - started


def alternative_floor(results: list[FetchResult]) -> float | None:
    """fastfeedparser over the same bodies, when installed (it is not a dependency)."""
    try:
        import fastfeedparser
    except ImportError:
        return None
    started = time.perf_counter()
    for result in results:
        fastfeedparser.parse(result.body)
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure(port: int) -> tuple[float, float, int, float, list[FetchResult]]:
    """Cold cycle, then warm cycle with the ETags the cold one got; RSS read before the floor runs."""
    cold, results, items = await cycle(port, {})
    assert all(r.outcome == "ok" for r in results), {r.error for r in results}
    validators = {r.url.rsplit("/", 1)[1]: r.etag for r in results}
    warm, warm_results, _ = await cycle(port, validators)
    assert all(r.outcome == "not_modified" for r in warm_results)
    return cold, warm, items, peak_rss_mb(), results


async def poller_cycles(port: int, folder: Path) -> tuple[float, float, int, float]:
    """Cold and warm cycles through `poll_due` on a fresh database: seconds, items stored, peak RSS so far."""
    settings = load_settings(EXAMPLE, {"RUMORBOT_DB": str(folder / "bench.sqlite3")})
    settings = dataclasses.replace(
        settings,
        polling=dataclasses.replace(settings.polling, allow_private=True, concurrency=CONCURRENCY, per_host=PER_HOST),
        feeds=tuple(FeedConfig(f"http://127.0.0.1:{port}/feed/{n}", f"Feed {n}") for n in range(FEEDS)),
    )
    rt = await open_runtime(settings)
    try:
        started = time.perf_counter()
        reports = await poll_due(rt)
        cold = time.perf_counter() - started
        assert len(reports) == FEEDS
        assert all(r.status == "ok" for r in reports), {r.error for r in reports}
        stored = await item_store.count_items(rt.db)
        async with transaction(rt.db):
            for feed in await feed_store.list_feeds(rt.db):
                await feed_store.set_next_check(rt.db, feed.id, 0)
        started = time.perf_counter()
        reports = await poll_due(rt)
        warm = time.perf_counter() - started
        assert len(reports) == FEEDS
        assert all(r.status == "not_modified" for r in reports)
    finally:
        await rt.http.aclose()
        await rt.db.close()
    return cold, warm, stored, peak_rss_mb()


def main() -> None:
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        figures = asyncio.run(measure(port))
        with tempfile.TemporaryDirectory() as folder:
            poller = asyncio.run(poller_cycles(port, Path(folder)))
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=10)
    report(*figures, poller=poller)


def report(cold: float, warm: float, items: int, rss: float, results: list[FetchResult], *,
           poller: tuple[float, float, int, float]) -> None:
    megabytes = sum(len(r.body) for r in results) / 1e6
    floor, ours = parse_floor(results)
    fast = alternative_floor(results)
    print(f"feeds={FEEDS} items/feed={ITEMS} bytes={megabytes:.1f} MB concurrency={CONCURRENCY}")
    print(f"cold cycle {cold:.2f} s ({items / cold:.0f} items/s), warm cycle {warm:.2f} s")
    print(f"parse-only: feedparser {floor:.2f} s ({megabytes / floor:.1f} MB/s), our parse_sync {ours:.2f} s")
    if fast is not None:
        print(f"alternative: fastfeedparser {fast:.2f} s ({floor / fast:.1f}x faster than feedparser)")
    print(f"peak RSS {rss:.0f} MB (fetch + parse cycles)")
    poller_cold, poller_warm, stored, poller_rss = poller
    print(f"poller (store + match + evidence, SQLite file): cold {poller_cold:.2f} s ({stored} items stored, "
          f"{stored / poller_cold:.0f} items/s), warm {poller_warm:.2f} s, peak RSS {poller_rss:.0f} MB")
    extra = f" fastfeedparser_s={fast:.2f}" if fast is not None else ""
    print(f"bench poll: feeds={FEEDS} items={items} cold_s={cold:.2f} warm_s={warm:.2f} "
          f"items_per_s={items / cold:.0f} floor_s={floor:.2f} parse_s={ours:.2f} "
          f"cold_over_floor={cold / floor:.2f} peak_rss_mb={rss:.0f} poller_cold_s={poller_cold:.2f} "
          f"poller_warm_s={poller_warm:.2f} poller_cold_over_floor={poller_cold / floor:.2f} "
          f"poller_peak_rss_mb={poller_rss:.0f}{extra}")


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--serve", action="store_true", help="run the feed server (internal)")
    if arguments.parse_args().serve:
        asyncio.run(serve())
    else:
        main()
