"""Fetching a feed over HTTP: conditional GET, guarded redirects, a capped and decoded body.

`fetch` never raises for network, HTTP or feed problems: it returns an "error" result whose `error`
is one short reason ("HTTP 503", "timeout after 20 s", "redirect loop", "body over 5 MiB").
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import httpcore
import httpx

from bot.feeds import httpmeta
from bot.feeds.body import read_capped, size_label
from bot.feeds.netguard import GuardedBackend, LiteralGuard, check_url
from core.errors import FeedError, FetchFailed
from core.product import USER_AGENT

FetchOutcome = Literal["ok", "not_modified", "error"]

ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
          "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
DEFAULT_MAX_BODY = 5 * 1024 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})


@dataclass(frozen=True, slots=True)
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What a fetch gave.

    `url` is the URL asked for; `final_url` the one the body came from (after redirects; parse
    relative links against it). `permanent_url` is set when every hop was 301/308: the feed moved for
    good and the stored URL should follow. `retry_after` and `max_age` are seconds.
    """

    outcome: FetchOutcome
    url: str
    http_status: int | None = None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None
    retry_after: float | None = None
    max_age: float | None = None
    error: str | None = None
    final_url: str = ""


def new_client(
    *, timeout: float = 20.0, connect_timeout: float = 10.0, allow_private: bool = False,
    max_connections: int = 100, user_agent: str = USER_AGENT, exempt_addresses: Iterable[str] = (),
    proxy: str = "", no_proxy: str = "",
) -> httpx.AsyncClient:
    """The one keep-alive HTTP client the process shares for every feed; close it on shutdown.

    `exempt_addresses`: private IPs allowed even when `allow_private` is False (a trusted intranet host).
    `proxy`: every feed goes through this HTTP proxy except the hosts of `no_proxy` (NO_PROXY's syntax).
    Where rumorbot connects itself (no proxy, or a `no_proxy` host) every address connected to is
    checked; through the proxy only a private address written in the URL can be refused here, and the
    proxy decides the rest.
    """
    direct = httpx.AsyncHTTPTransport(trust_env=False)
    # httpx has no public way to choose httpcore's network backend, and ours is where the
    # private-address check lives (every hop, no DNS rebinding window), so we swap the pool.
    direct._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(), max_connections=max_connections,
        max_keepalive_connections=max_connections, keepalive_expiry=30.0,
        network_backend=GuardedBackend(allow_private=allow_private, exempt=exempt_addresses),
    )
    mounts: dict[str, httpx.AsyncBaseTransport | None] = {}
    if proxy:
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
        proxied = httpx.AsyncHTTPTransport(proxy=proxy, trust_env=False, limits=limits)
        mounts = {"all://": LiteralGuard(proxied, allow_private=allow_private, exempt=exempt_addresses),
                  **dict.fromkeys(bypass_patterns(no_proxy))}
    return httpx.AsyncClient(
        transport=direct, mounts=mounts, trust_env=False, follow_redirects=False,
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        headers={"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
    )


def bypass_patterns(no_proxy: str) -> list[str]:
    """httpx mount patterns for the hosts of a NO_PROXY list (`example.org` covers its subdomains too)."""
    patterns = []
    for host in (h.strip().lower() for h in no_proxy.split(",")):
        if not host:
            continue
        if host == "*":
            return ["all://"]
        if host.replace(".", "").isdigit() or host == "localhost" or ":" in host:
            patterns.append(f"all://{host}")
        else:
            patterns.append(f"all://*{host.lstrip('.')}")
    return patterns


async def fetch(
    client: httpx.AsyncClient, request: FetchRequest, *, max_body_bytes: int = DEFAULT_MAX_BODY,
    max_redirects: int = 5, total_timeout: float = 60.0,
) -> FetchResult:
    """GET the feed with the validators of the last fetch; follow at most `max_redirects` hops."""
    try:
        async with asyncio.timeout(total_timeout):
            return await _follow(client, request, max_body_bytes, max_redirects)
    except TimeoutError:
        return _failed(request, f"timeout after {total_timeout:g} s")
    except FeedError as err:
        return _failed(request, err.reason)
    except httpx.TimeoutException as err:
        return _failed(request, _timeout_reason(err, client.timeout))
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as err:
        return _failed(request, _network_reason(err))


async def _follow(
    client: httpx.AsyncClient, request: FetchRequest, cap: int, max_redirects: int,
) -> FetchResult:
    url, seen, moved_for_good = check_url(request.url), set[str](), True
    for _ in range(max_redirects + 1):
        seen.add(url)
        response = await client.send(client.build_request("GET", url, headers=_validators(request)),
                                     stream=True)
        try:
            if response.status_code not in REDIRECTS:
                return await _result(response, request, url if url != request.url else "", cap,
                                     moved_for_good)
            url = _next_hop(response, url, seen)
            moved_for_good = moved_for_good and response.status_code in PERMANENT_REDIRECTS
        finally:
            await response.aclose()
    raise FetchFailed(f"more than {max_redirects} redirects")


def _validators(request: FetchRequest) -> dict[str, str]:
    headers = {}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    return headers


def _next_hop(response: httpx.Response, url: str, seen: set[str]) -> str:
    location = response.headers.get("Location", "").strip()
    if not location:
        raise FetchFailed(f"HTTP {response.status_code} without Location")
    target = check_url(str(httpx.URL(url).join(location)))
    if target in seen:
        raise FetchFailed("redirect loop")
    return target


async def _result(
    response: httpx.Response, request: FetchRequest, moved_to: str, cap: int, for_good: bool,
) -> FetchResult:
    headers = {key.lower(): value for key, value in response.headers.items()}
    status = response.status_code
    meta: dict[str, Any] = {
        "http_status": status, "headers": headers, "final_url": moved_to or request.url,
        "permanent_url": moved_to if (moved_to and for_good) else None,
        "retry_after": httpmeta.retry_after(headers.get("retry-after"), datetime.now(UTC)),
        "max_age": httpmeta.max_age(headers.get("cache-control")),
        "etag": headers.get("etag"), "last_modified": headers.get("last-modified"),
    }
    if status == 304:
        return FetchResult("not_modified", request.url, **meta)
    if not 200 <= status < 300:
        return FetchResult("error", request.url, error=f"HTTP {status}", **meta)
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap and "content-encoding" not in headers:
        return FetchResult("error", request.url, error=f"body over {size_label(cap)}", **meta)
    try:
        body = await read_capped(response.aiter_raw(), headers.get("content-encoding", ""), cap)
    except FeedError as err:
        return FetchResult("error", request.url, error=err.reason, **meta)
    return FetchResult("ok", request.url, body=body, **meta)


def _failed(request: FetchRequest, reason: str) -> FetchResult:
    return FetchResult("error", request.url, error=reason)


def _timeout_reason(err: httpx.TimeoutException, timeout: httpx.Timeout) -> str:
    if isinstance(err, httpx.ConnectTimeout):
        return f"connect timeout after {timeout.connect:g} s"
    if isinstance(err, httpx.PoolTimeout):
        return f"no free connection after {timeout.pool:g} s"
    return f"timeout after {timeout.read:g} s"


def _network_reason(err: Exception) -> str:
    text = str(err) or type(err).__name__
    lowered = text.lower()
    if isinstance(err, httpx.ConnectError):
        if "refused" in lowered or "errno 111" in lowered:
            return "connection refused"
        if "ssl" in lowered or "certificate" in lowered:
            return f"TLS error: {text[:120]}"
        return f"connection failed: {text[:120]}"
    if isinstance(err, httpx.RemoteProtocolError):
        return f"protocol error: {text[:120]}"
    if isinstance(err, httpx.InvalidURL | httpx.UnsupportedProtocol | ValueError):
        return f"refused: malformed URL ({text[:80]})"
    return f"{type(err).__name__}: {text[:120]}"
