"""A real HTTP feed server on 127.0.0.1 whose answers a test sets per path and changes between polls."""

from __future__ import annotations

import asyncio
import gzip
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from types import TracebackType
from xml.sax.saxutils import escape

from aiohttp import web


@dataclass(frozen=True, slots=True)
class FakeItem:
    title: str
    link: str = ""
    guid: str = ""
    summary: str = ""
    published: datetime | None = None


@dataclass(slots=True)
class Route:
    """How one path answers. `redirect_to` is a path or a URL; validators make matching requests 304."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml"
    charset: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    redirect_to: str | None = None
    gzip: bool = False
    raw_gzip: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None


class FeedServer:
    """A live server: `set(path, body, **route_fields)`, then fetch `url(path)`; `hits` counts requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: dict[str, list[dict[str, str]]] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def __aenter__(self) -> FeedServer:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path: str, body: bytes | str = b"", **options: object) -> Route:
        """Set (or replace) what `path` answers; options are `Route` fields."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **options)  # type: ignore[arg-type]  # Route checks its own field names
        self.routes[path] = route
        return route

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.set(path, status=status, redirect_to=to)

    def gzip_bomb(self, path: str, decoded_bytes: int) -> None:
        """A small gzip body that inflates to `decoded_bytes` of zeros."""
        self.set(path, raw_gzip=gzip.compress(b"\0" * decoded_bytes, compresslevel=9))

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.hits[path] += 1
        self.requests.setdefault(path, []).append(dict(request.headers))
        route = self.routes.get(path)
        if route is None:
            return web.Response(status=404, text="not found")
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.redirect_to is not None:
            return web.Response(status=route.status, headers={"Location": route.redirect_to})
        return self._answer(route, request)

    def _answer(self, route: Route, request: web.Request) -> web.Response:
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if (route.etag and request.headers.get("If-None-Match") == route.etag) or (
            route.last_modified and request.headers.get("If-Modified-Since") == route.last_modified
        ):
            return web.Response(status=304, headers=headers)
        if route.content_type:
            charset = f"; charset={route.charset}" if route.charset else ""
            headers["Content-Type"] = route.content_type + charset
        body = route.body
        if route.raw_gzip is not None or route.gzip:
            body = route.raw_gzip if route.raw_gzip is not None else gzip.compress(route.body)
            headers["Content-Encoding"] = "gzip"
        return web.Response(status=route.status, body=body, headers=headers)


def _date(item: FakeItem) -> datetime:
    return item.published or datetime(2024, 1, 1, tzinfo=UTC)


def _xml(text: str, encoding: str) -> bytes:
    return f'<?xml version="1.0" encoding="{encoding}"?>\n{text}'.encode(encoding)


def rss20(items: Sequence[FakeItem], *, title: str = "Test feed", ttl: int | None = None,
          encoding: str = "utf-8", version: str = "2.0") -> bytes:
    """An RSS 2.0 (or 0.91/0.92 via `version`) document."""
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        + (f"<guid>{escape(i.guid)}</guid>" if i.guid else "")
        + f"<description>{escape(i.summary)}</description>"
        f"<pubDate>{format_datetime(_date(i), usegmt=True)}</pubDate></item>"
        for i in items
    )
    ttl_tag = f"<ttl>{ttl}</ttl>" if ttl is not None else ""
    return _xml(f'<rss version="{version}"><channel><title>{escape(title)}</title>'
                f"<link>http://example.com/</link>{ttl_tag}{entries}</channel></rss>", encoding)


def atom(items: Sequence[FakeItem], *, title: str = "Test feed", encoding: str = "utf-8") -> bytes:
    """An Atom 1.0 document; summaries are HTML."""
    entries = "".join(
        f"<entry><title>{escape(i.title)}</title><link href={json.dumps(i.link)}/>"
        f"<id>{escape(i.guid)}</id><updated>{_date(i).isoformat()}</updated>"
        f'<summary type="html">{escape(i.summary)}</summary></entry>'
        for i in items
    )
    return _xml(f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(title)}</title>'
                f"<id>urn:test</id><updated>2024-01-01T00:00:00Z</updated>{entries}</feed>", encoding)


def rss10(items: Sequence[FakeItem], *, title: str = "Test feed", encoding: str = "utf-8") -> bytes:
    """An RSS 1.0 (RDF) document; items are known by rdf:about (their link)."""
    entries = "".join(
        f'<item rdf:about={json.dumps(i.link)}><title>{escape(i.title)}</title><link>{escape(i.link)}</link>'
        f"<description>{escape(i.summary)}</description><dc:date>{_date(i).isoformat()}</dc:date></item>"
        for i in items
    )
    return _xml(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://example.com/"><title>{escape(title)}</title>'
        f"<link>http://example.com/</link><description>d</description></channel>{entries}</rdf:RDF>",
        encoding,
    )


def json_feed(items: Sequence[FakeItem], *, title: str = "Test feed") -> bytes:
    """A JSON Feed 1.1 document."""
    return json.dumps({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "items": [
            {"id": i.guid, "url": i.link, "title": i.title, "content_html": i.summary,
             "date_published": _date(i).isoformat()}
            for i in items
        ],
    }, ensure_ascii=False).encode("utf-8")
