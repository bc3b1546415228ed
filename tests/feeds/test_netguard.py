"""URL and address rules for feed URLs."""

from __future__ import annotations

import ipaddress

import pytest

from bot.feeds.netguard import check_host, check_url, is_public
from core.errors import FetchFailed, RefusedURL


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True), ("2606:4700:4700::1111", True),
        ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
        ("169.254.169.254", False), ("224.0.0.1", False), ("240.0.0.1", False), ("0.0.0.0", False),
        ("100.64.0.1", False), ("::1", False), ("::", False), ("fe80::1", False), ("fc00::1", False),
        ("ff02::1", False), ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False), ("::ffff:8.8.8.8", True),
        ("2002:7f00:1::", False),
    ],
)
def test_is_public(address: str, public: bool) -> None:
    """Loopback, private, link-local, multicast, reserved, unspecified and mapped forms are not public."""
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/feed", "refused: scheme 'ftp' (only http and https)"),
        ("file:///etc/passwd", "refused: scheme 'file' (only http and https)"),
        ("javascript:alert(1)", "refused: scheme 'javascript' (only http and https)"),
        ("example.com/feed", "refused: scheme 'missing' (only http and https)"),
        ("http:///feed", "refused: URL has no host"),
        ("http://example.com@127.0.0.1/", "refused: credentials in URL"),
        ("http://user:pass@example.com/", "refused: credentials in URL"),
        ("http://example.com:99999/", "refused: malformed URL (Port out of range 0-65535)"),
    ],
)
def test_check_url_refuses(url: str, reason: str) -> None:
    """Only plain http(s) URLs with a host and no credentials are accepted."""
    with pytest.raises(RefusedURL) as caught:
        check_url(url)
    assert caught.value.reason == reason


def test_check_url_accepts_and_trims() -> None:
    """A good URL comes back without surrounding blanks; scheme case does not matter."""
    assert check_url("  HTTPS://news.example/rss ") == "HTTPS://news.example/rss"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://2130706433/", "http://0x7f.1/", "http://localhost/", "http://[::1]/"],
)
async def test_check_host_refuses_private(url: str) -> None:
    """An admin adding a URL that resolves to loopback (however spelled) is refused."""
    with pytest.raises(RefusedURL, match="refused: resolves to private address"):
        await check_host(url)


async def test_check_host_allows_private_when_configured() -> None:
    """allow_private lets a loopback feed through."""
    await check_host("http://127.0.0.1/", allow_private=True)


async def test_check_host_reports_dns_failure() -> None:
    """A name under .invalid never resolves."""
    with pytest.raises(FetchFailed, match="DNS lookup failed"):
        await check_host("http://no-such-feed.invalid/")
