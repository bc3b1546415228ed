"""The replay's transcript printer: Telegram HTML as a user reads it."""

from __future__ import annotations

from tests.story.transcript import Line, Transcript, buttons, html_to_text


def test_html_becomes_readable_text() -> None:
    """Tags go, entities are decoded, quotes become │ lines and links keep their address."""
    markup = (
        "🔔 <b>xiaomi-qualification</b>: Xiaomi &amp; cars\n"
        "<blockquote>Xiaomi hasn&#x27;t obtained it</blockquote>\n"
        '<a href="https://news.example/a?x=1&amp;y=2">Bloomberg</a>'
    )
    assert html_to_text(markup) == (
        "🔔 xiaomi-qualification: Xiaomi & cars\n│ Xiaomi hasn't obtained it\nBloomberg <https://news.example/a?x=1&y=2>"
    )


def test_link_without_address_keeps_its_text() -> None:
    """An empty href leaves only the link's text."""
    assert html_to_text('<a href="">TechPulse</a>, 2023-10-24') == "TechPulse, 2023-10-24"


def test_inline_buttons_are_shown_under_the_message() -> None:
    """Each inline keyboard button is shown in brackets."""
    markup = {"inline_keyboard": [[{"text": "Full status"}, {"text": "Mute this claim"}]]}
    assert buttons(markup) == "[ Full status ] [ Mute this claim ]"
    assert buttons(None) == ""


def test_a_chat_renders_user_and_bot_lines_with_story_markers() -> None:
    """User lines, bot lines (further lines indented) and story markers, under the chat's title."""
    chat = Transcript("Alice's chat", [
        Line("user", "/subscribe xiaomi-qualification"),
        Line("step", "24 Oct 2023: Bloomberg"),
        Line("bot", "<b>one</b>\ntwo"),
    ])
    assert chat.render().splitlines() == [
        "━━━ Alice's chat ━━━",
        "👤 user: /subscribe xiaomi-qualification",
        "",
        "  ·· 24 Oct 2023: Bloomberg ··",
        "🤖 bot: one",
        "        two",
    ]
