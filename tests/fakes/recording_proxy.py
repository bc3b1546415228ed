"""An HTTP forward proxy on a loopback port that records every request passing through it.

Plain-HTTP requests (`GET http://host/path`) are forwarded to `upstream` whatever their host, as a
proxy that resolves names on its own network would; `CONNECT host:port` is recorded and refused
(502), which is enough to see that an https feed went to the proxy and nowhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from types import TracebackType


@dataclass(frozen=True, slots=True)
class Passed:
    method: str
    target: str
    headers: dict[str, str] = field(default_factory=dict)


class RecordingProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.seen: list[Passed] = []
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> RecordingProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        head = await reader.readuntil(b"\r\n\r\n")
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers = dict(line.split(": ", 1) for line in header_lines if ": " in line)
        self.seen.append(Passed(method, target, headers))
        if method == "CONNECT":
            writer.write(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n")
            await writer.drain()
            return False
        await self._forward(method, target, headers, writer)
        return True

    async def _forward(self, method: str, target: str, headers: dict[str, str], writer: asyncio.StreamWriter) -> None:
        path = "/" + target.split("://", 1)[1].split("/", 1)[1] if target.count("/") >= 3 else "/"
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.upstream_port}", "Connection: close"]
        hop_by_hop = ("host", "connection", "proxy-connection")
        lines += [f"{k}: {v}" for k, v in headers.items() if k.lower() not in hop_by_hop]
        up_writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await up_writer.drain()
        answer = await up_reader.read()
        up_writer.close()
        writer.write(answer)
        await writer.drain()
