"""The pure parts of the fake Telegram server: text checks, flood limits, parameter decoding."""

from __future__ import annotations

import pytest

from tests.fakes.telegram_api import decode_param
from tests.fakes.telegram_limits import FloodLimits
from tests.fakes.telegram_model import command_entities
from tests.fakes.telegram_text import parse_error, visible_length


@pytest.mark.parametrize(
    ("text", "parse_mode", "parses"),
    [
        ("plain < & >", None, True),
        ("<b>bold</b> <i>it</i> <a href=\"https://x.test/?a=1&amp;b=2\">link</a>", "HTML", True),
        ("<blockquote expandable>q</blockquote><tg-spoiler>s</tg-spoiler>", "HTML", True),
        ("&lt;tag&gt; &amp; &quot; &#39; &#x4e2d;", "HTML", True),
        ("小米 <b>官方回应</b>", "HTML", True),
        ("<b>unclosed", "HTML", False),
        ("<b><i>crossed</b></i>", "HTML", False),
        ("a < b", "HTML", False),
        ("Q&A", "HTML", False),
        ("<div>block</div>", "HTML", False),
        ("&nbsp;", "HTML", False),
        ("Version 2\\.0\\!", "MarkdownV2", True),
        ("*bold* _it_", "MarkdownV2", True),
        ("Version 2.0", "MarkdownV2", False),
        ("a-b", "MarkdownV2", False),
        ("Version 2.0", "Markdown", True),
    ],
)
def test_parse_error(text: str, parse_mode: str | None, parses: bool) -> None:
    """Malformed markup is refused as Telegram would; plain text is never checked."""
    assert (parse_error(text, parse_mode) is None) == parses


def test_visible_length_counts_utf16_after_markup() -> None:
    """The 4096 limit counts text after markup, in UTF-16 code units (an emoji is two)."""
    assert visible_length("<b>a &amp; b</b>", "HTML") == 5
    assert visible_length("😀", None) == 2
    assert visible_length("2\\.0", "MarkdownV2") == 3


def test_window_limits_per_chat_group_and_overall() -> None:
    """A sliding window refuses a second message in a chat within the interval, the 21st group message
    in a minute and the 31st message in a second, each with a whole-second retry_after."""
    limits = FloodLimits(global_per_s=30, per_chat_interval=1.0, group_per_min=20)
    assert limits.check(1, 0.0) is None
    assert limits.check(1, 0.5) == 1
    assert limits.check(1, 1.0) is None
    group_results = [limits.check(-5, 10.0 + 1.5 * i) for i in range(21)]
    assert group_results[:20] == [None] * 20
    assert group_results[20] == 30  # the first of the 20 leaves the window at 70.0; now is 40.0
    overall = FloodLimits(global_per_s=30, per_chat_interval=0, group_per_min=0)
    assert [overall.check(i, 100.0) for i in range(31)] == [None] * 30 + [1]
    assert overall.check(99, 101.0) is None


def test_bucket_limits_allow_aiolimiter_pace() -> None:
    """A leaky bucket lets a full burst through and then one message per 1/rate seconds."""
    limits = FloodLimits(global_per_s=30, per_chat_interval=0, group_per_min=0, algorithm="bucket")
    assert [limits.check(i, 0.0) for i in range(30)] == [None] * 30
    assert limits.check(30, 0.0) == 1
    assert limits.check(31, 1 / 30 + 1e-6) is None


@pytest.mark.parametrize(
    ("key", "raw", "decoded"),
    [
        ("chat_id", "-1001234", -1001234),
        ("chat_id", "@channel", "@channel"),
        ("text", "123", "123"),
        ("text", "[not json]", "[not json]"),
        ("reply_markup", '{"inline_keyboard": []}', {"inline_keyboard": []}),
        ("allowed_updates", '["message"]', ["message"]),
        ("disable_notification", "true", True),
        ("callback_query_id", "42", "42"),
    ],
)
def test_form_values_are_decoded_like_telegram(key: str, raw: str, decoded: object) -> None:
    """Form values become numbers, booleans and JSON objects, except for text parameters."""
    assert decode_param(key, raw) == decoded


def test_command_entities() -> None:
    """A leading command gets one bot_command entity covering the command and any @botname."""
    assert command_entities("/status xiaomi") == [{"type": "bot_command", "offset": 0, "length": 7}]
    assert command_entities("/ping@rumor_test_bot") == [{"type": "bot_command", "offset": 0, "length": 20}]
    assert command_entities("no command /here") == []
