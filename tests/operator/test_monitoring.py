"""/healthz and /metrics, read over HTTP from the real `rumorbot run` process."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.monitor import health_reasons
from config.settings import Settings
from rumorbot.app import open_runtime
from tests.fakes import FakeTelegram, private_chat, user
from tests.fakes.feed_server import FeedServer, rss20
from tests.test_e2e import CONFIG, OLD, REPORT, Bot, alerts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[tuple[Bot, str]]:
    """The bot process with `[metrics] listen` on a free loopback port, and the monitor's base URL."""
    async with FakeTelegram() as telegram, FeedServer() as feeds:
        feeds.set("/news.xml", rss20([OLD]))
        listen = f"127.0.0.1:{free_port()}"
        config = tmp_path / "bot.toml"
        config.write_text(CONFIG.format(url=feeds.url("/news.xml"))
                          + f'\n[metrics]\nlisten = "{listen}"\n\n[logging]\nformat = "json"\n', encoding="utf-8")
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": telegram.token, "TELEGRAM_API_BASE_URL": telegram.base_url,
               "RUMORBOT_DB": str(tmp_path / "bot.sqlite3")}
        running = Bot(telegram, feeds, config, env)
        yield running, f"http://{listen}"
        if running.process is not None:
            running.process.kill()
            await running.process.wait()


async def get(client: httpx.AsyncClient, url: str, within: float = 15) -> httpx.Response:
    """GET, retrying while the server is not listening yet."""
    for _ in range(int(within * 10)):
        try:
            return await client.get(url)
        except httpx.ConnectError:
            await asyncio.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {within} s")


async def wait_for_health(client: httpx.AsyncClient, url: str, status: int, within: float = 20) -> httpx.Response:
    for _ in range(int(within * 4)):
        response = await get(client, url)
        if response.status_code == status:
            return response
        await asyncio.sleep(0.25)
    raise AssertionError(f"/healthz stayed {response.status_code}: {response.text}")


def samples(text: str) -> dict[str, float]:
    """Prometheus text format: {'name{labels}': value} for every sample line."""
    found = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            found[name] = float(value)
    return found


async def test_healthz_and_metrics_from_the_running_bot(bot: tuple[Bot, str]) -> None:
    """Healthy while it runs, /metrics counts what it did, 503 with the reason once the database is locked
    away by another process, healthy again when the lock goes; its JSON logs are one object per line."""
    process, base = bot
    alice = user(7001, "Alice")
    chat = private_chat(alice)
    await process.start()
    async with httpx.AsyncClient(timeout=10) as client:
        await process.polls(2)
        healthy = await wait_for_health(client, f"{base}/healthz", 200)
        assert healthy.json() == {"status": "ok", "reasons": []}

        process.telegram.send_text(chat, alice, "/subscribe xiaomi-qualification")
        await process.telegram.wait_for_messages(1, chat.id, timeout=15)
        process.feeds.set("/news.xml", rss20([REPORT, OLD]))
        await process.telegram.wait_for_messages(2, chat.id, timeout=15)
        assert len(alerts(process.telegram, chat.id)) == 1

        metrics = await get(client, f"{base}/metrics")
        assert metrics.status_code == 200
        assert metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
        found = samples(metrics.text)
        assert found['rumorbot_feeds{state="ok"}'] == 1
        assert found['rumorbot_fetches_total{outcome="ok"}'] >= 2
        assert found["rumorbot_items_stored_total"] == 2
        assert found["rumorbot_items"] == 2
        assert found['rumorbot_matches_total{level="match"}'] >= 1
        assert found["rumorbot_alerts_queued_total"] == 1
        assert found["rumorbot_alerts_sent_total"] == 1
        assert found["rumorbot_alerts_dead_total"] == 0
        assert found["rumorbot_outbox_depth"] == 0
        assert found["rumorbot_send_rate"] > 0
        assert found["rumorbot_poll_cycle_seconds_count"] >= 2
        assert found["rumorbot_engine_seconds_per_item_count"] == 2
        assert "rumorbot_outbox_oldest_age_seconds" in found

        locker = sqlite3.connect(process.env["RUMORBOT_DB"], isolation_level=None)
        try:
            locker.execute("BEGIN EXCLUSIVE")
            sick = await wait_for_health(client, f"{base}/healthz", 503)
            body = sick.json()
            assert body["status"] == "unhealthy"
            assert any("database does not answer" in r and "locked" in r for r in body["reasons"]), body
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        await wait_for_health(client, f"{base}/healthz", 200)

    code, log = await process.stop()
    assert code == 0, log
    lines = [line for line in log.splitlines() if line.strip()]
    assert lines
    for line in lines:
        event = json.loads(line)
        assert {"time", "level", "logger", "message"} <= event.keys()
    assert process.telegram.token not in log


async def test_health_names_a_stalled_poller_and_a_stopped_sender(example_settings: Settings) -> None:
    """A poller that has not finished a cycle for two intervals and a sender that ended are both reasons."""
    rt = await open_runtime(example_settings)
    try:
        now = time.time()
        rt.last_poll_at = now - 2 * example_settings.polling.interval - 1
        reasons = await health_reasons(rt, now)
        assert reasons == [f"poller last finished a cycle {2 * example_settings.polling.interval + 1:.0f} s ago "
                           f"(limit {2 * example_settings.polling.interval:g} s)", "sender is not running"]
        rt.last_poll_at = now
        rt.sender = asyncio.get_running_loop().create_task(asyncio.sleep(60))
        assert await health_reasons(rt, now) == []
        rt.sender.cancel()
    finally:
        await rt.http.aclose()
        await rt.db.close()
