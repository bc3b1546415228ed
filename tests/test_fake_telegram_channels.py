"""The fake Bot API server's channels, photos and per-chat command menus work with the real PTB Bot."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, BotCommand, BotCommandScopeChat, ChatMemberAdministrator, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from tests.fakes import FakeTelegram, channel, user

ALICE = user(1201, "Alice")
NEWS = channel(-1002000000555, "Rumor news", username="rumor_news")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url) as client:
        yield client


async def test_photos_are_recorded_with_their_bytes(bot: Bot, fake: FakeTelegram) -> None:
    """sendPhoto keeps the uploaded bytes and caption; the photo's file_id can be sent again."""
    sent = await bot.send_photo(ALICE.id, PNG, caption="<b>Timeline</b>", parse_mode="HTML", filename="t.png")
    await bot.send_photo(ALICE.id, sent.photo[-1].file_id)
    first, second = fake.sent_photos(ALICE.id)
    assert (first.content, first.caption, first.filename) == (PNG, "<b>Timeline</b>", "t.png")
    assert second.content == PNG


async def test_a_broken_caption_is_refused(bot: Bot, fake: FakeTelegram) -> None:
    """A caption with unbalanced HTML is refused like a message text."""
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_photo(ALICE.id, PNG, caption="<b>open", parse_mode="HTML")
    assert fake.sent_photos() == []


async def test_channel_members_and_rights(bot: Bot, fake: FakeTelegram) -> None:
    """A channel's administrators may post unless told otherwise; the bot is not a member until added."""
    fake.add_member(NEWS, ALICE, "administrator", can_post_messages=False)
    member = await bot.get_chat_member("@rumor_news", ALICE.id)
    assert isinstance(member, ChatMemberAdministrator)
    assert (member.can_post_messages, member.can_edit_messages) == (False, True)
    assert (await bot.get_chat_member(NEWS.id, bot.id)).status == "left"
    fake.set_bot_member(NEWS)
    me = await bot.get_chat_member(NEWS.id, bot.id)
    assert isinstance(me, ChatMemberAdministrator)
    assert me.can_post_messages is True


async def test_posting_in_a_channel_needs_the_right_to_post(bot: Bot, fake: FakeTelegram) -> None:
    """Telegram refuses a bot that is not in the channel, or is there without the right to post."""
    fake.add_chat(NEWS)
    with pytest.raises(Forbidden, match="not a member"):
        await bot.send_message(NEWS.id, "hello")
    fake.set_bot_member(NEWS, "administrator", can_post_messages=False)
    with pytest.raises(BadRequest, match="administrator rights"):
        await bot.send_photo(NEWS.id, PNG)
    fake.set_bot_member(NEWS, "administrator")
    await bot.send_message(NEWS.id, "hello")
    assert [m.text for m in fake.sent_messages(NEWS.id)] == ["hello"]


async def test_channel_posts_arrive_as_updates(fake: FakeTelegram) -> None:
    """A post in a channel reaches the bot as a `channel_post` sent by the channel itself."""
    seen: asyncio.Queue[Update] = asyncio.Queue()

    async def on_post(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await seen.put(update)

    app: Application = ApplicationBuilder().token(fake.token).base_url(fake.base_url).build()  # type: ignore[type-arg]
    app.add_handler(MessageHandler(filters.UpdateType.CHANNEL_POST, on_post))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        fake.post_in_channel(NEWS, "/start")
        update = await asyncio.wait_for(seen.get(), 5)
        await app.updater.stop()
        await app.stop()
    assert update.channel_post is not None
    assert update.channel_post.sender_chat is not None
    assert (update.channel_post.chat.type, update.channel_post.sender_chat.id) == ("channel", NEWS.id)
    assert update.channel_post.text == "/start"


async def test_command_menus_per_chat(bot: Bot, fake: FakeTelegram) -> None:
    """A menu set for one chat's scope is kept apart from the default menu."""
    await bot.set_my_commands([BotCommand("help", "Help")])
    await bot.set_my_commands([BotCommand("feeds", "Feeds")], scope=BotCommandScopeChat(42))
    assert fake.my_commands({"type": "chat", "chat_id": 42}) == [{"command": "feeds", "description": "Feeds"}]
    assert fake.my_commands() == [{"command": "help", "description": "Help"}]
    assert fake.my_commands({"type": "chat", "chat_id": 43}) is None
