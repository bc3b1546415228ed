"""Fetching through a proxy: feeds go where the operator's network allows, the address guard still holds."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.feeds.fetch import FetchRequest, fetch, new_client
from tests.conftest import ROOT
from tests.fakes.feed_server import FakeItem, FeedServer, rss20
from tests.fakes.recording_proxy import RecordingProxy

ITEM = FakeItem("Xiaomi news", "https://news.example/1", "n-1")


@pytest.fixture
async def servers() -> AsyncIterator[tuple[FeedServer, RecordingProxy]]:
    async with FeedServer() as feeds:
        feeds.set("/news.xml", rss20([ITEM]))
        async with RecordingProxy(feeds.port) as proxy:
            yield feeds, proxy


async def test_a_feed_is_fetched_through_the_proxy_with_the_configured_user_agent(
    servers: tuple[FeedServer, RecordingProxy],
) -> None:
    """A host only the proxy can reach (no DNS here) is fetched through it, the proxy on loopback allowed."""
    _, proxy = servers
    client = new_client(proxy=proxy.url, user_agent="rumorbot/0.1 (ops@example.org)")
    try:
        result = await fetch(client, FetchRequest("http://feeds.invalid/news.xml"))
    finally:
        await client.aclose()
    assert result.outcome == "ok", result.error
    assert b"Xiaomi news" in result.body
    [passed] = proxy.seen
    assert (passed.method, passed.target) == ("GET", "http://feeds.invalid/news.xml")
    assert passed.headers["User-Agent"] == "rumorbot/0.1 (ops@example.org)"


async def test_an_https_feed_goes_to_the_proxy_as_a_tunnel(servers: tuple[FeedServer, RecordingProxy]) -> None:
    """An https URL is asked of the proxy with CONNECT; nothing is resolved or connected to directly."""
    _, proxy = servers
    client = new_client(proxy=proxy.url)
    try:
        result = await fetch(client, FetchRequest("https://feeds.invalid/news.xml"))
    finally:
        await client.aclose()
    assert result.outcome == "error"
    assert [(p.method, p.target) for p in proxy.seen] == [("CONNECT", "feeds.invalid:443")]


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "[::1]", "localhost"])
async def test_private_literal_addresses_are_refused_before_the_proxy(
    servers: tuple[FeedServer, RecordingProxy], host: str,
) -> None:
    """Through a proxy the guard cannot see what a name resolves to, but a private address written out is refused."""
    _, proxy = servers
    client = new_client(proxy=proxy.url)
    try:
        result = await fetch(client, FetchRequest(f"http://{host}:8080/news.xml"))
    finally:
        await client.aclose()
    assert result.outcome == "error"
    assert (result.error or "").startswith("refused: ")
    assert proxy.seen == []


async def test_hosts_in_no_proxy_are_fetched_directly_and_guarded(servers: tuple[FeedServer, RecordingProxy]) -> None:
    """NO_PROXY hosts bypass the proxy; rumorbot then connects itself, so the private-address guard applies."""
    feeds, proxy = servers
    url = feeds.url("/news.xml")
    guarded = new_client(proxy=proxy.url, no_proxy="127.0.0.1,example.org")
    open_ = new_client(proxy=proxy.url, no_proxy="127.0.0.1", allow_private=True)
    try:
        refused = await fetch(guarded, FetchRequest(url))
        allowed = await fetch(open_, FetchRequest(url))
    finally:
        await guarded.aclose()
        await open_.aclose()
    assert (refused.error or "").startswith("refused: resolves to private address 127.0.0.1")
    assert allowed.outcome == "ok"
    assert proxy.seen == []


async def test_poll_uses_https_proxy_from_the_environment(
    servers: tuple[FeedServer, RecordingProxy], tmp_path: Path,
) -> None:
    """`rumorbot poll --once` with HTTPS_PROXY set fetches a configured feed through the proxy."""
    _, proxy = servers
    config = tmp_path / "bot.toml"
    config.write_text('[[feeds]]\nurl = "http://feeds.invalid/news.xml"\nname = "Behind a proxy"\n', encoding="utf-8")
    env = {**os.environ, "RUMORBOT_DB": str(tmp_path / "bot.sqlite3"), "HTTPS_PROXY": proxy.url}
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "poll", "--once", "--config", str(config), env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=30)
    assert proc.returncode == 0, err.decode()
    [report] = [json.loads(line) for line in out.decode().splitlines()]
    assert (report["status"], report["new_items"]) == ("ok", 1)
    assert [p.target for p in proxy.seen] == ["http://feeds.invalid/news.xml"]
