"""A TCP relay on a loopback port whose connections can go silent, as a dropped network link does.

`silence()` stops carrying bytes on every connection open at that moment, in both directions, and
closes nothing: no reset or end of stream ever reaches either side, as when a NAT forgets a mapping or
a cable is pulled. Connections made afterwards are relayed as usual.
"""

from __future__ import annotations

import asyncio
import contextlib
from types import TracebackType


class SilentLink:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._live: list[asyncio.Event] = []
        self._writers: list[asyncio.StreamWriter] = []
        self._tasks: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> SilentLink:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def __aexit__(self, kind: type[BaseException] | None, err: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self._server is not None:
            self._server.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for writer in self._writers:
            writer.close()

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def silence(self) -> None:
        """From now on, the connections open now carry nothing."""
        for live in self._live:
            live.clear()
        self._live = []

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        self._writers += [writer, up_writer]
        live = asyncio.Event()
        live.set()
        self._live.append(live)
        for source, sink in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._relay(source, sink, live))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _relay(source: asyncio.StreamReader, sink: asyncio.StreamWriter, live: asyncio.Event) -> None:
        with contextlib.suppress(ConnectionError):
            while data := await source.read(65536):
                if not live.is_set():
                    await asyncio.Event().wait()  # silent: hold the bytes, and the connection, forever
                sink.write(data)
                await sink.drain()
            sink.close()
