"""Reading bodies under a decoded-size cap."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import AsyncIterator

import pytest

from bot.feeds.body import read_capped, size_label
from core.errors import FetchFailed

TEXT = b"<rss>" + b"x" * 10_000 + b"</rss>"


async def chunks(data: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start:start + size]


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [(TEXT, ""), (TEXT, "identity"), (gzip.compress(TEXT), "gzip"), (gzip.compress(TEXT), "x-gzip"),
     (zlib.compress(TEXT), "deflate"), (zlib.compress(TEXT)[2:-4], "deflate")],
)
async def test_decodes(encoded: bytes, encoding: str) -> None:
    """Plain, gzip, zlib-deflate and raw-deflate bodies decode to the same bytes."""
    assert await read_capped(chunks(encoded), encoding, 1 << 20) == TEXT


async def test_cap_applies_to_decoded_bytes() -> None:
    """A 64 MiB gzip bomb of a few KiB stops at the cap."""
    bomb = gzip.compress(b"\0" * (64 << 20))
    with pytest.raises(FetchFailed, match="body over 1 MiB"):
        await read_capped(chunks(bomb, 65536), "gzip", 1 << 20)


async def test_body_exactly_at_cap_is_fine() -> None:
    """The cap is inclusive."""
    assert len(await read_capped(chunks(b"a" * 4096), "", 4096)) == 4096


@pytest.mark.parametrize(
    ("data", "encoding", "reason"),
    [(b"not gzip", "gzip", "broken gzip body"), (TEXT, "br", "unsupported content-encoding br")],
)
async def test_bad_encodings(data: bytes, encoding: str, reason: str) -> None:
    """Corrupt or unsupported encodings fail with a reason."""
    with pytest.raises(FetchFailed, match=reason):
        await read_capped(chunks(data), encoding, 1 << 20)


@pytest.mark.parametrize(("cap", "label"), [(5 << 20, "5 MiB"), (1024, "1 KiB"), (1000, "1000 bytes")])
def test_size_label(cap: int, label: str) -> None:
    """Caps print in the largest exact unit."""
    assert size_label(cap) == label
