"""Reading a response body within a size cap, decompressing as we go.

We decode gzip/deflate ourselves instead of letting httpx do it because `zlib`'s `max_length` lets
us stop a compression bomb after `cap` bytes, where a whole decoded chunk would otherwise be built
in memory first.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

from core.errors import FetchFailed

_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def size_label(cap: int) -> str:
    """5242880 -> '5 MiB', as shown in error reasons."""
    if cap % (1024 * 1024) == 0:
        return f"{cap // (1024 * 1024)} MiB"
    if cap % 1024 == 0:
        return f"{cap // 1024} KiB"
    return f"{cap} bytes"


class _Inflater:
    """One zlib stream; for deflate, falls back to raw DEFLATE as servers send both."""

    def __init__(self, encoding: str) -> None:
        self._wbits = _WBITS[encoding]
        self._raw_fallback = encoding == "deflate"
        self._z = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            out = self._z.decompress(data, room + 1)
        except zlib.error as err:
            if not (self._raw_fallback and not self._started):
                raise FetchFailed(f"broken {'deflate' if self._raw_fallback else 'gzip'} body") from err
            self._z, self._raw_fallback = zlib.decompressobj(-zlib.MAX_WBITS), False
            out = self._z.decompress(data, room + 1)
        self._started = True
        return out

    def pending(self) -> bool:
        return bool(self._z.unconsumed_tail)

    def more(self, room: int) -> bytes:
        return self._z.decompress(self._z.unconsumed_tail, room + 1)


async def read_capped(chunks: AsyncIterator[bytes], content_encoding: str, cap: int) -> bytes:
    """Join the (raw) chunks, decoded, raising FetchFailed once the decoded size passes `cap`."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        inflater = None
    elif encoding in _WBITS:
        inflater = _Inflater(encoding)
    else:
        raise FetchFailed(f"unsupported content-encoding {encoding}")
    out = bytearray()
    async for chunk in chunks:
        piece = chunk if inflater is None else inflater.feed(chunk, cap - len(out))
        out += piece
        while inflater is not None and inflater.pending() and len(out) <= cap:
            out += inflater.more(cap - len(out))
        if len(out) > cap:
            raise FetchFailed(f"body over {size_label(cap)}")
    return bytes(out)
