"""Scale-out benchmark: 2,000 local feeds x 20 items with the CheckThat! claims, SQLite vs PostgreSQL pollers.

A separate process serves the feeds (CheckThat! 2020 tweets; each tweet is carried by many feeds, as
syndicated news is). Every database starts the same: the 10,375 CheckThat! claims (topic `checkthat`),
two chats subscribed to the topic, the feeds not yet due. Then, timed from the moment the feeds come
due until every feed has been polled once (fetch, parse, store, match, stories, evidence, alerts;
backlog alerting on, so every story that is evidence queues its alerts):

1. SQLite, the whole bot's poller in this process (`poll_due` over a Runtime on a file, as `--role all`
   runs it: numpy on one thread per core);
2. PostgreSQL, one `rumorbot run --role poller` process (numpy on one thread, the poller default);
3. PostgreSQL, two of them on the same database.

The PostgreSQL server runs locally with fsync on and `synchronous_commit=off`, the durability SQLite's
WAL with `synchronous=NORMAL` gives. Claims are loaded by each poller before the clock starts.
Also printed: the pollers' CPU seconds, the rest of the machine's (the database, the feed server and
any other work) and the load average, since other work on the machine takes cores from the pollers
and the speed-up with them. `--feeds N` runs a smaller version. Checked after each run: every feed
polled, items stored, `duplicate_stories` (items with the same text placed in more than one story:
copies fetched by different pollers must share one) and `lost` (a chat without its alert for a
(claim, story) that is match-level evidence). Last line:
`bench scale: feeds=… items=… sqlite_items_per_s=… workers1_items_per_s=… workers2_items_per_s=…
speedup=… duplicate_stories=… lost=…`.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402
from aiohttp import web  # noqa: E402

from bot.evaluation.checkthat import SHARED_DATA, load_claims  # noqa: E402
from bot.poller import poll_due  # noqa: E402
from config.settings import FeedConfig, load_settings  # noqa: E402
from rumorbot.app import open_runtime  # noqa: E402
from storage import chats, claims, connect, feeds, transaction  # noqa: E402
from storage.db import Storage  # noqa: E402
from tests.fakes.feed_server import FakeItem, rss20  # noqa: E402
from tests.pg import PostgresServer, postgres_server  # noqa: E402

DATA = SHARED_DATA
FEEDS, ITEMS = 2000, 20
CHATS = (1, 2)
TOPIC = "checkthat"
POLLING = ("[polling]\ninterval = 3600\nmin_interval = 1\nconcurrency = 20\nper_host = 20\n"
           "alert_backlog = true\nallow_private = true\n")


def tweets() -> list[str]:
    texts = []
    for path in sorted((DATA / "checkthat2020").glob("*/tweets.queries.tsv")):
        for line in path.read_text(encoding="utf-8").split("\n")[1:]:
            if "\t" in line:
                texts.append(line.split("\t", 1)[1].strip())
    return [t for t in texts if t]


def feed_body(number: int, texts: list[str]) -> bytes:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    items = [FakeItem(text[:80], f"https://site{number}.example/{index}", f"feed{number}-{index}", text,
                      start + timedelta(minutes=index))
             for index in range(ITEMS) for text in [texts[(number * ITEMS + index) % len(texts)]]]
    return rss20(items, title=f"Feed {number}")


async def serve() -> None:
    """Server mode: build the feeds, print the port, answer until stdin closes."""
    texts = tweets()
    bodies = {f"/feed/{n}": feed_body(n, texts) for n in range(FEEDS)}

    async def handle(request: web.Request) -> web.Response:
        return web.Response(body=bodies[request.path], content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed/{n}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    print(runner.addresses[0][1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


async def seed(target: str, port: int) -> None:
    """Claims, subscribed chats and the feeds, none of them due yet."""
    db = await connect(target)
    now = time.time()
    try:
        tracked = [dataclasses.replace(c, topic=TOPIC) for c in load_claims(DATA / "checkthat2020")]
        async with transaction(db):
            await claims.upsert_claims(db, tracked, "config", now)
            for chat_id in CHATS:
                await chats.ensure_chat(db, chat_id, "private", f"reader {chat_id}", now)
                await chats.subscribe(db, chat_id, 0, "topic", TOPIC, now)
            await feeds.sync_config_feeds(db, feed_configs(port), now)
            await db.execute("UPDATE feeds SET next_check_at = 1e12")
    finally:
        await db.close()


def feed_configs(port: int) -> list[FeedConfig]:
    return [FeedConfig(f"http://127.0.0.1:{port}/feed/{n}", f"Feed {n}") for n in range(FEEDS)]


async def release(db: Storage) -> float:
    """Make every feed due; the moment the clock starts."""
    started = time.time()
    await db.execute("UPDATE feeds SET next_check_at = 0")
    return started


async def checks(db: Storage) -> dict[str, int]:
    items = int(await db.fetchval("SELECT COUNT(*) FROM items"))
    polled = int(await db.fetchval("SELECT COUNT(*) FROM feeds WHERE polled_once = 1"))
    split = int(await db.fetchval(
        "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(DISTINCT story_id) AS n FROM items "
        "GROUP BY title, summary) AS texts"))
    expected = int(await db.fetchval(
        "SELECT COUNT(*) FROM (SELECT DISTINCT claim_id, story_id FROM evidence WHERE level = 'match') AS e"))
    alerts = int(await db.fetchval(
        "SELECT COUNT(*) FROM (SELECT DISTINCT chat_id, claim_id, story_id FROM outbox) AS o"))
    return {"items": items, "polled": polled, "duplicate_stories": split,
            "lost": expected * len(CHATS) - alerts, "alerts": alerts}


def cpu_seconds(pid: int | None = None) -> float:
    """User + system CPU seconds of a process so far (this one when `pid` is None)."""
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """Busy CPU seconds of the whole machine so far (every process: pollers, PostgreSQL, the feed server)."""
    fields = [int(f) for f in Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


async def run_sqlite(folder: Path, port: int, config: Path) -> tuple[float, dict[str, int]]:
    path = folder / "scale.sqlite3"
    await seed(str(path), port)
    settings = load_settings(config, {"RUMORBOT_DB": str(path)})
    rt = await open_runtime(settings)
    try:
        cpu, machine = cpu_seconds(), machine_cpu_seconds()
        started = await release(rt.db)
        await poll_due(rt)
        elapsed = time.time() - started
        return elapsed, {**await checks(rt.db), "cpu_s": round(cpu_seconds() - cpu),
                         "machine_cpu_s": round(machine_cpu_seconds() - machine), "load": round(os.getloadavg()[0])}
    finally:
        await rt.http.aclose()
        await rt.db.close()


async def run_postgres(
    server: PostgresServer, template: str, workers: int, config: Path, folder: Path
) -> tuple[float, dict[str, int]]:
    name = f"scale_{workers}"
    admin = await asyncpg.connect(server.admin_url)
    try:
        await admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    finally:
        await admin.close()
    url = server.url(name)
    env = {**os.environ, "RUMORBOT_DB": url, "RUMORBOT_CONFIG": str(config)}
    logs = [folder / f"{name}-{n}.log" for n in range(workers)]
    processes = [subprocess.Popen([sys.executable, "-m", "bot", "run", "--role", "poller"], cwd=ROOT, env=env,  # noqa: ASYNC220 - started once, waited below
                                  stdout=subprocess.DEVNULL, stderr=log.open("wb")) for log in logs]
    db = await connect(url)
    try:
        while not all("poller started" in log.read_text(encoding="utf-8") for log in logs):
            if any(p.poll() is not None for p in processes):
                raise RuntimeError("a poller exited: " + " | ".join(log.read_text()[-800:] for log in logs))
            await asyncio.sleep(0.2)
        cpu, machine = sum(cpu_seconds(p.pid) for p in processes), machine_cpu_seconds()
        started = await release(db)
        await until_polled(db, started)
        elapsed = time.time() - started
        used = sum(cpu_seconds(p.pid) for p in processes) - cpu
        return elapsed, {**await checks(db), "cpu_s": round(used),
                         "machine_cpu_s": round(machine_cpu_seconds() - machine), "load": round(os.getloadavg()[0])}
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            p.wait(timeout=30)
        await db.close()


async def until_polled(db: Storage, since: float) -> None:
    """Until every feed has been checked since `since` (the pollers are other processes)."""
    left = 1
    while left:
        left = await db.fetchval("SELECT COUNT(*) FROM feeds WHERE last_checked_at IS NULL OR last_checked_at < ?",
                                 (since,))
        await asyncio.sleep(0.1 if left else 0)


async def postgres_runs(
    server: PostgresServer, port: int, config: Path, folder: Path
) -> list[tuple[float, dict[str, int]]]:
    server.create_database("scale_seed")
    await seed(server.url("scale_seed"), port)
    return [await run_postgres(server, "scale_seed", workers, config, folder) for workers in (1, 2)]


def main() -> None:
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--feeds", str(FEEDS)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            config = folder / "scale.toml"
            config.write_text(POLLING, encoding="utf-8")
            sqlite = asyncio.run(run_sqlite(folder, port, config))
            report("sqlite, one process", *sqlite)
            with postgres_server(durable=True) as pg:
                one, two = asyncio.run(postgres_runs(pg, port, config, folder))
            report("postgresql, 1 poller", *one)
            report("postgresql, 2 pollers", *two)
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=10)
    rates = [figures["items"] / seconds for seconds, figures in (sqlite, one, two)]
    duplicates = sum(figures["duplicate_stories"] for _, figures in (sqlite, one, two))
    lost = sum(figures["lost"] for _, figures in (sqlite, one, two))
    print(f"bench scale: feeds={FEEDS} items={FEEDS * ITEMS} sqlite_items_per_s={rates[0]:.0f} "
          f"workers1_items_per_s={rates[1]:.0f} workers2_items_per_s={rates[2]:.0f} "
          f"speedup={rates[2] / rates[1]:.2f} duplicate_stories={duplicates} lost={lost}")


def report(label: str, seconds: float, figures: dict[str, int]) -> None:
    print(f"{label}: {seconds:.1f} s, {figures['items'] / seconds:.0f} items/s; feeds polled {figures['polled']}/"
          f"{FEEDS}, items {figures['items']}, alerts {figures['alerts']}, "
          f"duplicate stories {figures['duplicate_stories']}, lost {figures['lost']}; pollers' CPU "
          f"{figures['cpu_s']} s ({figures['items'] / max(figures['cpu_s'], 1):.0f} items per CPU second), "
          f"the rest of the machine {max(0, figures['machine_cpu_s'] - figures['cpu_s'])} CPU s "
          f"(database, feed server, other work), load {figures['load']}", flush=True)


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--serve", action="store_true", help="run the feed server (internal)")
    arguments.add_argument("--feeds", type=int, default=FEEDS, help=f"how many feeds (default {FEEDS})")
    options = arguments.parse_args()
    FEEDS = options.feeds
    if options.serve:
        asyncio.run(serve())
    else:
        main()
