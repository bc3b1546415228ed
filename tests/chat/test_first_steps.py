"""A new user's first minutes: /start, /help, the command menu, unknown commands, bad arguments."""

from __future__ import annotations

import pytest

from tests.chat.conftest import ADMIN, ADMIN_ID, ALICE, LI, ChatBot
from tests.fakes import group, private_chat


async def test_start_says_what_the_bot_does_and_how_to_begin(chatbot: ChatBot) -> None:
    """/start explains the bot and points to /claims and /subscribe."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/start")
    assert "rumor" in answer.text
    assert "/claims" in answer.text
    assert "/subscribe" in answer.text
    assert answer.parse_mode == "HTML"


async def test_start_with_a_deep_link_payload_greets_as_plain_start(chatbot: ChatBot) -> None:
    """A t.me/<bot>?start=<payload> link sends '/start <payload>': the same greeting, not a usage line."""
    plain = await chatbot.ask(private_chat(ALICE), ALICE, "/start")
    linked = await chatbot.ask(private_chat(ALICE), ALICE, "/start from-channel-post")
    assert linked.text == plain.text


async def test_a_chinese_speaking_user_is_answered_in_chinese(chatbot: ChatBot) -> None:
    """A user whose Telegram speaks zh-* gets Chinese without setting anything."""
    answer = await chatbot.ask(private_chat(LI), LI, "/start")
    assert "传闻" in answer.text


async def test_help_lists_commands_and_admin_commands_only_for_admins(chatbot: ChatBot) -> None:
    """/help lists every public command; bot administrators also see /track and /stats."""
    public = await chatbot.ask(private_chat(ALICE), ALICE, "/help")
    admin = await chatbot.ask(private_chat(ADMIN), ADMIN, "/help")
    for command in ("/claims", "/topics", "/subscribe", "/unsubscribe", "/mysubs", "/status", "/settings"):
        assert command in public.text
    assert "/track" not in public.text
    assert "/track" in admin.text
    assert "/stats" in admin.text


async def test_command_menu_is_set_in_english_and_chinese(chatbot: ChatBot) -> None:
    """At start-up the bot registers its command menu for everyone and for Chinese users."""
    english = chatbot.fake.my_commands()
    chinese = chatbot.fake.my_commands(language_code="zh")
    assert english is not None
    assert chinese is not None
    assert [c["command"] for c in english] == [c["command"] for c in chinese]
    assert {"start", "claims", "subscribe", "status", "settings"} <= {c["command"] for c in english}
    assert "传闻" in " ".join(c["description"] for c in chinese)


async def test_admins_see_their_commands_in_their_own_menu(chatbot: ChatBot) -> None:
    """The admin commands are in the menu of each admin's chat only, in both languages."""
    scope = {"type": "chat", "chat_id": ADMIN_ID}
    admin_en, admin_zh = chatbot.fake.my_commands(scope), chatbot.fake.my_commands(scope, "zh")
    everyone = chatbot.fake.my_commands()
    assert admin_en is not None
    assert admin_zh is not None
    assert everyone is not None
    admin_commands = {c["command"] for c in admin_en} - {c["command"] for c in everyone}
    assert admin_commands == {"track", "untrack", "entities", "entity", "official", "stats", "addfeed", "feeds",
                              "rmfeed"}
    assert {"description": "管理员：添加一个源", "command": "addfeed"} in admin_zh
    assert chatbot.fake.my_commands({"type": "chat", "chat_id": ALICE.id}) is None


async def test_unknown_command_gets_a_hint(chatbot: ChatBot) -> None:
    """An unknown command is answered with a pointer to /help."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/frobnicate now")
    assert "/help" in answer.text


async def test_a_plain_message_in_private_gets_a_pointer(chatbot: ChatBot) -> None:
    """Text that is not a command is answered with how to begin, in a private chat only."""
    answer = await chatbot.ask(private_chat(LI), LI, "小米造车是真的吗？")
    assert "/claims" in answer.text
    assert "命令" in answer.text


async def test_group_chatter_is_left_alone(chatbot: ChatBot) -> None:
    """Ordinary messages in a group are people talking to each other: the bot stays quiet."""
    room = group(-4301, "Chatter")
    chatbot.fake.send_text(room, ALICE, "did anyone see the Xiaomi news?")
    answer = await chatbot.ask(room, ALICE, f"/help@{chatbot.fake.bot_user.username}")
    assert "/claims" in answer.text
    assert len(chatbot.fake.sent_messages(room.id)) == 1


@pytest.mark.parametrize(
    "text",
    ["/status", "/status <b>", "/subscribe", "/subscribe !!", "/subscribe @rumor_news", "/unsubscribe <b>",
     "/claims %%%", "/timeline", "/topics now", "/mysubs all", "/help me", "/settings level",
     "/settings colour blue", "/settings a b c"],
)
async def test_bad_arguments_get_a_short_usage_line(chatbot: ChatBot, text: str) -> None:
    """Missing, extra or garbage arguments are answered with the command's usage, never silence."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, text)
    assert answer.text.startswith("Usage: /")
    assert len(answer.text) < 400


@pytest.mark.parametrize(
    "text", ["/status a b", "/status '; DROP TABLE claims; --", "/subscribe x y", "/claims a b", "/timeline weather"],
)
async def test_words_that_match_no_claim_say_so(chatbot: ChatBot, text: str) -> None:
    """Words are searched; when no claim says them the answer says so, shortly, with where to look."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, text)
    assert answer.text.startswith("No claim matches <i>")
    assert len(answer.text) < 400


async def test_garbage_never_reaches_sql(chatbot: ChatBot) -> None:
    """An id full of SQL and HTML is refused before any query, and the claims are all still there."""
    await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe x');DELETE FROM claims;--")
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/topics")
    assert "xiaomi-auto" in answer.text


async def test_commands_for_other_bots_are_left_alone_in_groups(chatbot: ChatBot) -> None:
    """In a group, /cmd@otherbot is not ours to answer; /cmd@ourbot is."""
    room = group(-4300, "Many bots")
    chatbot.fake.send_text(room, ALICE, "/weather@other_bot Beijing")
    answer = await chatbot.ask(room, ALICE, f"/help@{chatbot.fake.bot_user.username}")
    assert "/claims" in answer.text
    assert len(chatbot.fake.sent_messages(room.id)) == 1
