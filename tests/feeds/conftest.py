"""Fixtures for feed tests: a live feed server and the shared HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.feeds.fetch import new_client
from tests.fakes.feed_server import FeedServer


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with FeedServer() as feed_server:
        yield feed_server


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    """A client allowed to reach 127.0.0.1, where the fake server lives."""
    async with new_client(allow_private=True, timeout=2.0, connect_timeout=2.0) as http:
        yield http


@pytest.fixture
async def guarded_client() -> AsyncIterator[httpx.AsyncClient]:
    """A client with the production default: private addresses refused."""
    async with new_client(timeout=2.0) as http:
        yield http
