"""Logs: one line per event in text or JSON, and the bot token never appears in either."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import setup_logging

TOKEN = "123456:SECRET-token-value"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def log_an_error(stream: io.StringIO, fmt: str) -> list[str]:
    setup_logging("INFO", secrets=(TOKEN,), fmt=fmt, stream=stream)
    log = logging.getLogger("rumorbot.test")
    log.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise ValueError(f"bad answer from /bot{TOKEN}/sendMessage")
    except ValueError:
        log.exception("sending failed for chat %d", 42)
    return stream.getvalue().splitlines()


@pytest.mark.usefixtures("restore_logging")
def test_json_logs_are_one_object_per_line_with_the_token_scrubbed() -> None:
    """Each event, a traceback included, is one JSON line with time, level, logger and message."""
    lines = log_an_error(io.StringIO(), "json")
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["level"] == "INFO"
    assert first["logger"] == "rumorbot.test"
    assert first["message"] == "calling https://api.telegram.org/bot<redacted>/getMe"
    assert "time" in first
    assert second["level"] == "ERROR"
    assert second["message"] == "sending failed for chat 42"
    assert "ValueError: bad answer from /bot<redacted>/sendMessage" in second["exception"]
    assert TOKEN not in "\n".join(lines)


@pytest.mark.usefixtures("restore_logging")
def test_text_logs_keep_their_shape_and_scrub_the_token() -> None:
    """The default text format is unchanged: a readable line, a traceback below an error, no token."""
    lines = log_an_error(io.StringIO(), "text")
    assert "INFO rumorbot.test: calling https://api.telegram.org/bot<redacted>/getMe" in lines[0]
    assert any("ValueError: bad answer from /bot<redacted>/sendMessage" in line for line in lines)
    assert TOKEN not in "\n".join(lines)
