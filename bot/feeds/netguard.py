"""Which URLs and addresses a feed may point at, enforced at connection time.

The check lives in the network backend (`GuardedBackend.connect_tcp`), so it runs for the first
request and for every redirect hop, and the address checked is the address connected to: a DNS
answer cannot change between the check and the connection. Through a proxy, rumorbot connects only
to the proxy and never learns the feed's address: `LiteralGuard` then refuses what it can see, a
private address (or `localhost`) written in the URL.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

import httpcore
import httpx

from core.errors import FetchFailed, RefusedURL

ALLOWED_SCHEMES = frozenset({"http", "https"})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def check_url(url: str) -> str:
    """Return the URL stripped of blanks, or raise RefusedURL for a scheme or shape we do not fetch."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as err:
        raise RefusedURL(f"refused: malformed URL ({err})") from err
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise RefusedURL(f"refused: scheme {parts.scheme or 'missing'!r} (only http and https)")
    if not parts.hostname:
        raise RefusedURL("refused: URL has no host")
    # user:pass@host hides the real host from a reader and leaks credentials into logs and chats.
    if "@" in parts.netloc:
        raise RefusedURL("refused: credentials in URL")
    return url


def is_public(address: IPAddress) -> bool:
    """True when the address is routable on the public internet."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return is_public(mapped)
    return not (
        address.is_loopback or address.is_private or address.is_link_local or address.is_multicast
        or address.is_reserved or address.is_unspecified or not address.is_global
    )


def refuse_private(addresses: Iterable[str], exempt: frozenset[str] = frozenset()) -> None:
    """Raise RefusedURL if any resolved address is not public: one bad answer is enough to refuse."""
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not is_public(address) and str(address) not in exempt:
            raise RefusedURL(f"refused: resolves to private address {address}")


async def resolve(host: str, port: int, timeout: float | None = None) -> list[str]:  # noqa: ASYNC109 - mirrors httpcore's connect timeout
    """The host's addresses, resolved without blocking the event loop."""
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(timeout):
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except TimeoutError as err:
        raise FetchFailed(f"DNS lookup timed out after {timeout:g} s") from err
    except (socket.gaierror, UnicodeError) as err:
        raise FetchFailed("DNS lookup failed") from err
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def check_host(url: str, *, allow_private: bool = False) -> None:
    """Validate a URL as an admin adds it: shape, DNS, and (unless allowed) a public address."""
    parts = urlsplit(check_url(url))
    addresses = await resolve(parts.hostname or "", parts.port or 443, timeout=10.0)
    if not allow_private:
        refuse_private(addresses)


def _refused(err: BaseException | None) -> bool:
    """True when a ConnectionRefusedError is somewhere down the exception chain."""
    while err is not None:
        if isinstance(err, ConnectionRefusedError):
            return True
        err = err.__cause__ or err.__context__
    return False


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with our DNS step in front: resolve, check, connect to that address."""

    def __init__(self, *, allow_private: bool = False, exempt: Iterable[str] = ()) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._allow_private = allow_private
        # Private addresses an admin vouches for (an intranet feed), still refused on any other address.
        self._exempt = frozenset(str(ipaddress.ip_address(text)) for text in exempt)

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await resolve(host, port, timeout)
        if not self._allow_private:
            refuse_private(addresses, self._exempt)
        error: Exception = FetchFailed("DNS lookup failed")
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as err:  # try the next address, like a browser would
                error = FetchFailed("connection refused") if _refused(err) else err
        raise error

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None,  # noqa: ASYNC109 - httpcore's signature
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise RefusedURL("refused: unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def check_literal(url: str, *, allow_private: bool, exempt: frozenset[str] = frozenset()) -> None:
    """Refuse a URL whose host is `localhost` or a private address literal (names are not resolved)."""
    if allow_private:
        return
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        raise RefusedURL("refused: localhost")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return  # a name: whoever connects resolves it
    refuse_private([str(address)], exempt)


class LiteralGuard(httpx.AsyncBaseTransport):
    """In front of a proxy: refuse URLs whose host is a private address literal or `localhost`."""

    def __init__(self, inner: httpx.AsyncBaseTransport, *, allow_private: bool, exempt: Iterable[str] = ()) -> None:
        self._inner = inner
        self._allow_private = allow_private
        self._exempt = frozenset(str(ipaddress.ip_address(text)) for text in exempt)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        check_literal(str(request.url), allow_private=self._allow_private, exempt=self._exempt)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
