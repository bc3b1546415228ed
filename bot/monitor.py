"""`[metrics] listen`: a small HTTP server for operators, `/healthz` and `/metrics`.

`/healthz` answers 200 when the database answers (a read on the shared connection, which on SQLite
waits for the transaction in progress, and its write lock could be taken now), the poller finished a
cycle within two polling intervals, and the sender is running; otherwise 503 with the reasons. Both
answers are JSON: `{"status": "ok"|"unhealthy", "reasons": [...]}`. `/metrics` is Prometheus's text
format (see `bot.metrics`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time

from bot import metrics
from bot.runtime import Runtime
from config.settings import split_listen
from core.errors import ConfigError, StorageError
from storage.db import probe

log = logging.getLogger(__name__)
DB_TIMEOUT_S = 3.0
REQUEST_TIMEOUT_S = 5.0
PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"


async def health_reasons(rt: Runtime, now: float) -> list[str]:
    """Why the bot is not healthy; empty when it is."""
    reasons = []
    try:
        await asyncio.wait_for(probe(rt.db), timeout=DB_TIMEOUT_S)
    except TimeoutError:
        reasons.append(f"database does not answer within {DB_TIMEOUT_S:g} s")
    except StorageError as err:
        reasons.append(f"database does not answer: {err}")
    limit = 2 * rt.settings.polling.interval
    if now - rt.last_poll_at > limit:
        reasons.append(f"poller last finished a cycle {now - rt.last_poll_at:.0f} s ago (limit {limit:g} s)")
    if rt.sender is None or rt.sender.done():
        reasons.append("sender is not running")
    return reasons


class MonitorServer:
    """Serves /healthz and /metrics on `listen` (HOST:PORT) until stopped."""

    def __init__(self, rt: Runtime, listen: str) -> None:
        self.rt, self.listen = rt, listen
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        host, port = split_listen(self.listen)
        try:
            self._server = await asyncio.start_server(self._serve, host, port)
        except OSError as err:
            raise ConfigError(f"metrics.listen: cannot listen on {self.listen}: {err.strerror or err}") from err
        log.info("health and metrics on http://%s/healthz and /metrics", self.listen)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT_S):
                head = await reader.readuntil(b"\r\n\r\n")
            method, path, *_ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
            status, kind, body = await self._answer(method, path.split("?", 1)[0])
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n".encode() + body
            )
            await writer.drain()
        except (TimeoutError, ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass  # a client that does not speak HTTP, or left: nothing to answer
        except Exception:
            log.exception("monitor: answering a request failed")
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _answer(self, method: str, path: str) -> tuple[str, str, bytes]:
        if method != "GET":
            return "405 Method Not Allowed", "text/plain", b"GET only\n"
        if path == "/healthz":
            reasons = await health_reasons(self.rt, time.time())
            body = json.dumps({"status": "unhealthy" if reasons else "ok", "reasons": reasons}).encode() + b"\n"
            return ("503 Service Unavailable" if reasons else "200 OK"), "application/json", body
        if path == "/metrics":
            return "200 OK", PROMETHEUS_TEXT, await metrics.exposition(self.rt.db)
        return "404 Not Found", "text/plain", b"/healthz or /metrics\n"
