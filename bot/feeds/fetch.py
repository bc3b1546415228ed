"""Fetching a feed over HTTP with a conditional GET."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import httpx

FetchOutcome = Literal["ok", "not_modified", "error"]
USER_AGENT = "rumorbot/0.1 (+https://github.com/rumorbot/rumorbot; rumor-alert Telegram bot)"


@dataclass(frozen=True, slots=True)
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What a fetch gave. `permanent_url` is set when the feed moved for good (301/308)."""

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


def new_client() -> httpx.AsyncClient:
    """The one HTTP client the process shares for every feed."""
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(20.0, connect=10.0),
        follow_redirects=True,
        max_redirects=5,
    )


async def fetch(client: httpx.AsyncClient, request: FetchRequest) -> FetchResult:
    """GET the feed, sending the validators from the last successful fetch."""
    headers = {}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    try:
        response = await client.get(request.url, headers=headers)
    except httpx.HTTPError as err:
        return FetchResult("error", request.url, error=f"{type(err).__name__}: {err}")
    if response.status_code == 304:
        return FetchResult("not_modified", request.url, http_status=304)
    if response.status_code >= 400:
        return FetchResult("error", request.url, http_status=response.status_code,
                           error=f"HTTP {response.status_code}")
    return FetchResult(
        "ok",
        request.url,
        http_status=response.status_code,
        body=response.content,
        headers=dict(response.headers),
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
    )
