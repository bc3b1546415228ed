"""Fetching over real HTTP from the local feed server."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import httpx
import pytest

from bot.feeds.fetch import FetchRequest, fetch, new_client
from bot.feeds.parse import parse
from core.product import USER_AGENT
from tests.fakes.feed_server import FakeItem, FeedServer, rss20

FEED = rss20([FakeItem("Xiaomi gets qualification", "http://example.com/1", "g1", "MIIT says yes")])


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_ok_returns_body_headers_and_validators(server: FeedServer, client: httpx.AsyncClient) -> None:
    """A 200 gives the body, lower-cased headers and the validators to send next time."""
    server.set("/feed", FEED, etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    result = await fetch(client, FetchRequest(server.url("/feed")))
    assert (result.outcome, result.http_status, result.body) == ("ok", 200, FEED)
    assert (result.etag, result.last_modified) == ('"v1"', "Mon, 01 Jan 2024 00:00:00 GMT")
    assert result.headers["content-type"] == "application/rss+xml"
    assert result.final_url == server.url("/feed")


async def test_sends_user_agent_and_accept_encoding(server: FeedServer, client: httpx.AsyncClient) -> None:
    """Every request names the bot and offers gzip."""
    server.set("/feed", FEED)
    await fetch(client, FetchRequest(server.url("/feed")))
    sent = server.requests["/feed"][0]
    assert sent["User-Agent"] == USER_AGENT
    assert "gzip" in sent["Accept-Encoding"]


@pytest.mark.parametrize(
    ("etag", "last_modified"),
    [('"v1"', None), (None, "Mon, 01 Jan 2024 00:00:00 GMT"), ('"v1"', "Mon, 01 Jan 2024 00:00:00 GMT")],
)
async def test_conditional_get_gives_not_modified(
    server: FeedServer, client: httpx.AsyncClient, etag: str | None, last_modified: str | None,
) -> None:
    """The validators of the last fetch are sent and a 304 becomes `not_modified` with no body."""
    server.set("/feed", FEED, etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    result = await fetch(client, FetchRequest(server.url("/feed"), etag, last_modified))
    assert (result.outcome, result.http_status, result.body) == ("not_modified", 304, b"")
    sent = server.requests["/feed"][0]
    assert (sent.get("If-None-Match"), sent.get("If-Modified-Since")) == (etag, last_modified)


async def test_changed_content_is_fetched_again(server: FeedServer, client: httpx.AsyncClient) -> None:
    """When the feed changes its ETag, the old validator no longer matches and the new body comes back."""
    server.set("/feed", FEED, etag='"v1"')
    first = await fetch(client, FetchRequest(server.url("/feed")))
    server.set("/feed", FEED + b"<!-- v2 -->", etag='"v2"')
    second = await fetch(client, FetchRequest(server.url("/feed"), etag=first.etag))
    assert (second.outcome, second.etag, second.body.endswith(b"v2 -->")) == ("ok", '"v2"', True)


async def test_gzip_body_is_decoded(server: FeedServer, client: httpx.AsyncClient) -> None:
    """A gzip-encoded feed comes back decoded."""
    server.set("/feed", FEED, gzip=True)
    result = await fetch(client, FetchRequest(server.url("/feed")))
    assert (result.outcome, result.body) == ("ok", FEED)


async def test_permanent_redirect_sets_permanent_url(server: FeedServer, client: httpx.AsyncClient) -> None:
    """A 301 then a 308 mean the feed moved for good: the new URL is reported."""
    server.redirect("/old", "/middle", 301)
    server.redirect("/middle", server.url("/new"), 308)
    server.set("/new", FEED)
    result = await fetch(client, FetchRequest(server.url("/old")))
    assert (result.outcome, result.permanent_url) == ("ok", server.url("/new"))
    assert result.final_url == server.url("/new")


async def test_temporary_hop_means_no_permanent_url(server: FeedServer, client: httpx.AsyncClient) -> None:
    """One 302 in the chain means the stored URL must stay."""
    server.redirect("/old", "/middle", 301)
    server.redirect("/middle", "/new", 302)
    server.set("/new", FEED)
    result = await fetch(client, FetchRequest(server.url("/old")))
    assert (result.outcome, result.permanent_url, result.final_url) == ("ok", None, server.url("/new"))


async def test_retry_after_and_max_age_are_read(server: FeedServer, client: httpx.AsyncClient) -> None:
    """A 503 with Retry-After reports the delay; a 200 with max-age reports the freshness."""
    server.set("/busy", b"", status=503, headers={"Retry-After": "120"})
    server.set("/feed", FEED, headers={"Cache-Control": "public, max-age=900"})
    busy = await fetch(client, FetchRequest(server.url("/busy")))
    fresh = await fetch(client, FetchRequest(server.url("/feed")))
    assert (busy.outcome, busy.error, busy.retry_after) == ("error", "HTTP 503", 120.0)
    assert fresh.max_age == 900.0


async def test_failures_are_results_not_exceptions(server: FeedServer, client: httpx.AsyncClient) -> None:
    """Each failure class gives an error result with a short reason."""
    server.set("/gone", b"gone", status=404)
    server.set("/broken", b"oops", status=500)
    server.set("/big", b"x" * 2048)
    server.set("/slow", FEED, delay=3.0)
    server.redirect("/a", "/b")
    server.redirect("/b", "/a")
    for path in ("/1", "/2", "/3", "/4", "/5", "/6"):
        server.redirect(path, f"/{int(path[1:]) + 1}")
    server.gzip_bomb("/bomb", 16 * 1024 * 1024)
    cases = {
        server.url("/gone"): "HTTP 404",
        server.url("/broken"): "HTTP 500",
        server.url("/big"): "body over 1 KiB",
        server.url("/slow"): "timeout after 2 s",
        server.url("/a"): "redirect loop",
        server.url("/1"): "more than 5 redirects",
        server.url("/bomb"): "body over 1 KiB",
        "http://feeds.rumorbot.invalid/rss": "DNS lookup failed",
        f"http://127.0.0.1:{closed_port()}/rss": "connection refused",
        "ftp://example.com/feed": "refused: scheme 'ftp' (only http and https)",
        "http://user:pw@example.com/feed": "refused: credentials in URL",
    }
    for url, reason in cases.items():
        result = await fetch(client, FetchRequest(url), max_body_bytes=1024)
        assert (url, result.outcome, result.error) == (url, "error", reason)


async def test_total_timeout_bounds_the_whole_fetch(server: FeedServer, client: httpx.AsyncClient) -> None:
    """The total timeout stops a fetch the per-read timeout would let run."""
    server.set("/slow", FEED, delay=1.0)
    result = await fetch(client, FetchRequest(server.url("/slow")), total_timeout=0.3)
    assert (result.outcome, result.error) == ("error", "timeout after 0.3 s")


async def test_private_addresses_are_refused(server: FeedServer, guarded_client: httpx.AsyncClient) -> None:
    """By default 127.0.0.1, its decimal spelling and localhost are refused before any request is sent."""
    server.set("/feed", FEED)
    for url in (server.url("/feed"), f"http://2130706433:{server.port}/feed",
                f"http://localhost:{server.port}/feed", f"http://[::ffff:127.0.0.1]:{server.port}/feed"):
        result = await fetch(guarded_client, FetchRequest(url))
        assert result.outcome == "error"
        assert (result.error or "").startswith("refused: resolves to private address")
    assert server.hits["/feed"] == 0


@pytest.mark.parametrize(
    "target",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/feed", "http://[::1]/feed",
     "http://127.0.0.2/feed", "http://0.0.0.0/feed", "http://[::ffff:10.0.0.1]/feed"],
)
async def test_redirect_to_private_address_is_refused(server: FeedServer, target: str) -> None:
    """The check runs on every hop: a trusted first host cannot redirect into another private address."""
    server.redirect("/feed", target)
    async with new_client(exempt_addresses=["127.0.0.1"]) as http:
        result = await fetch(http, FetchRequest(server.url("/feed")))
    assert result.outcome == "error"
    assert (result.error or "").startswith("refused: resolves to private address")
    assert server.hits["/feed"] == 1


async def test_redirect_to_loopback_allowed_when_private_allowed(
    server: FeedServer, client: httpx.AsyncClient,
) -> None:
    """With allow_private the same redirect into 127.0.0.1 is followed."""
    server.redirect("/feed", server.url("/internal"))
    server.set("/internal", FEED)
    result = await fetch(client, FetchRequest(server.url("/feed")))
    assert (result.outcome, result.body) == ("ok", FEED)


async def test_fetch_then_parse_detects_new_and_edited_entries(
    server: FeedServer, client: httpx.AsyncClient,
) -> None:
    """Between two polls one entry is edited and one added: identities show the new one, hashes the edit."""
    first_items = [FakeItem("Rumor", "http://x.example/1", "g1", "BAIC to build Xiaomi cars")]
    second_items = [
        FakeItem("Rumor", "http://x.example/1", "g1", "BAIC: did not receive relevant information"),
        FakeItem("Official", "http://x.example/2", "g2", "MIIT statement"),
    ]
    snapshots = []
    for items in (first_items, second_items):
        server.set("/feed", rss20(items))
        result = await fetch(client, FetchRequest(server.url("/feed")))
        feed = await parse(result.body, result.headers, result.final_url, datetime.now(UTC))
        snapshots.append({entry.identity: entry.content_hash for entry in feed.entries})
    before, after = snapshots
    assert sorted(after.keys() - before.keys()) == ["g2"]
    assert before["g1"] != after["g1"]
