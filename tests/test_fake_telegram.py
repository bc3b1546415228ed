"""The fake Telegram Bot API server works with the real python-telegram-bot 22 Application."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, RetryAfter, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ExtBot,
    JobQueue,
    MessageHandler,
    filters,
)

from tests.fakes import (
    FakeChat,
    FakeTelegram,
    blocked,
    cant_parse_entities,
    chat_not_found,
    delay,
    forum_topic,
    group,
    kicked,
    migrated,
    private_chat,
    retry_after,
    server_error,
    supergroup,
    timeout,
    user,
)

ALICE = user(1001, "Alice", language_code="en")
BO = user(1002, "Bo", language_code="zh-hans")
FORUM = supergroup(-1001234567890, "Rumor watchers", is_forum=True)

# What ApplicationBuilder builds with a rate limiter and no custom context types.
PlainApp = Application[
    ExtBot[int], ContextTypes.DEFAULT_TYPE, dict[Any, Any], dict[Any, Any], dict[Any, Any],
    JobQueue[ContextTypes.DEFAULT_TYPE],
]


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """RetryAfter.retry_after is a timedelta, so reading it does not emit PTB's deprecation warning."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


async def ping(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /ping with pong and the user's language."""
    assert update.effective_message is not None
    assert update.effective_user is not None
    await update.effective_message.reply_text(f"pong {update.effective_user.language_code}")


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Acknowledge a button press and show which button it was."""
    query = update.callback_query
    assert query is not None
    await query.answer("ok")
    await query.edit_message_text(f"pressed {query.data}")


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Download a document and echo its first line."""
    assert update.effective_message is not None
    assert update.effective_message.document is not None
    file = await update.effective_message.document.get_file()
    content = await file.download_as_bytearray()
    await update.effective_message.reply_text(f"got {len(content)} bytes: {content.decode().splitlines()[0]}")


@pytest.fixture
async def app(fake: FakeTelegram) -> AsyncIterator[PlainApp]:
    application = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.base_url)
        .base_file_url(fake.base_file_url)
        .rate_limiter(AIORateLimiter(max_retries=0))
        .build()
    )
    application.add_handler(CommandHandler("ping", ping))
    application.add_handler(CallbackQueryHandler(button))
    application.add_handler(MessageHandler(filters.Document.ALL, document))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url) as plain_bot:
        yield plain_bot


@pytest.mark.parametrize(
    ("chat", "thread_id"),
    [(private_chat(ALICE), None), (group(-4001, "Group"), None), (forum_topic(FORUM, 7), 7)],
    ids=["private", "group", "forum-topic"],
)
async def test_command_reply_reaches_the_right_chat_and_thread(
    fake: FakeTelegram, app: PlainApp, chat: FakeChat, thread_id: int | None
) -> None:
    """A /ping from a user is answered in the same chat and forum topic."""
    fake.send_text(chat, ALICE, "/ping")
    [reply] = await fake.wait_for_messages(1, chat_id=chat.id, timeout=5)
    assert (reply.chat_id, reply.thread_id, reply.text) == (chat.id, thread_id, "pong en")


async def test_startup_calls_and_user_language(fake: FakeTelegram, app: PlainApp) -> None:
    """The Application starts with getMe and deleteWebhook, and sees the user's language code."""
    fake.send_text(private_chat(BO), BO, "/ping@rumor_test_bot")
    [reply] = await fake.wait_for_messages(1, timeout=5)
    assert reply.text == "pong zh-hans"
    assert fake.calls_to("getMe")
    assert fake.calls_to("deleteWebhook")
    assert fake.calls_to("getUpdates")


async def test_button_press_reaches_the_callback_handler(
    fake: FakeTelegram, app: PlainApp
) -> None:
    """Pressing an inline button runs the callback handler, which answers and edits the message."""
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Follow", callback_data="follow:xiaomi")]])
    sent = await app.bot.send_message(ALICE.id, "Follow this claim?", reply_markup=keyboard)
    assert fake.sent_messages(ALICE.id)[0].reply_markup == keyboard.to_dict()
    fake.press_button(private_chat(ALICE), ALICE, sent.message_id, "follow:xiaomi")
    [answer] = await fake.wait_for_calls("answerCallbackQuery", timeout=5)
    await fake.wait_for_calls("editMessageText", timeout=5)
    assert answer.params["text"] == "ok"
    assert [m.text for m in fake.edited_messages(ALICE.id)] == ["pressed follow:xiaomi"]
    assert (fake.message(ALICE.id, sent.message_id) or {})["text"] == "pressed follow:xiaomi"


async def test_document_can_be_downloaded_by_the_bot(
    fake: FakeTelegram, app: PlainApp
) -> None:
    """A document a user sends is downloadable through getFile and the file URL."""
    opml = b'<?xml version="1.0"?>\n<opml version="2.0"><body/></opml>\n'
    fake.send_document(private_chat(ALICE), ALICE, "feeds.opml", opml, caption="import")
    [reply] = await fake.wait_for_messages(1, timeout=5)
    assert reply.text == f'got {len(opml)} bytes: <?xml version="1.0"?>'


async def test_scripted_errors_surface_as_ptb_exceptions(
    fake: FakeTelegram, app: PlainApp
) -> None:
    """429, 403, migration, 400 and 500 answers become PTB's RetryAfter, Forbidden, ChatMigrated, ..."""
    fake.fail_next("sendMessage", retry_after(2))
    with pytest.raises(RetryAfter) as flood:
        await app.bot.send_message(ALICE.id, "hi")
    assert flood.value.retry_after == dtm.timedelta(seconds=2)
    fake.fail_next("sendMessage", blocked())
    with pytest.raises(Forbidden, match="blocked by the user"):
        await app.bot.send_message(ALICE.id, "hi")
    fake.fail_next("sendMessage", kicked())
    with pytest.raises(Forbidden, match="kicked"):
        await app.bot.send_message(-4001, "hi")
    fake.fail_next("sendMessage", migrated(-1009))
    with pytest.raises(ChatMigrated) as moved:
        await app.bot.send_message(-4001, "hi")
    assert moved.value.new_chat_id == -1009
    fake.fail_next("sendMessage", chat_not_found())
    with pytest.raises(BadRequest, match="Chat not found"):
        await app.bot.send_message(42, "hi")
    assert [c.status for c in fake.calls_to("sendMessage")] == [429, 403, 403, 400, 400]
    assert fake.count_429 == 1
    assert fake.sent_messages() == []


async def test_errors_apply_to_the_given_chat_only(bot: Bot, fake: FakeTelegram) -> None:
    """An error scripted for one chat leaves other chats alone, and `times` counts down."""
    fake.fail_next("sendMessage", blocked(), chat_id=2002, times=2)
    await bot.send_message(2001, "to 2001")
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_message(2002, "to 2002")
    await bot.send_message(2002, "to 2002 again")
    assert [(m.chat_id, m.text) for m in fake.sent_messages()] == [(2001, "to 2001"), (2002, "to 2002 again")]


async def test_server_error_and_bad_entities(bot: Bot, fake: FakeTelegram) -> None:
    """A 500 is a NetworkError; malformed HTML is refused like Telegram does, also when scripted."""
    fake.fail_next("sendMessage", server_error())
    with pytest.raises(Exception, match="Internal Server Error"):
        await bot.send_message(1, "x")
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(1, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(1, "a < b & c", parse_mode="HTML")
    with pytest.raises(BadRequest, match="reserved"):
        await bot.send_message(1, "Version 2.0", parse_mode="MarkdownV2")
    fake.fail_next("sendMessage", cant_parse_entities())
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(1, "fine")
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(1, "x" * 4097)
    good_html = "<b>a &lt; b</b> &amp; <a href='https://x.test/?a=1&amp;b=2'>c</a>"
    await bot.send_message(1, good_html, parse_mode="HTML")
    assert len(fake.sent_messages(1)) == 1


async def test_slow_answer_times_out_after_delivery(bot: Bot, fake: FakeTelegram) -> None:
    """timeout() delivers the message but answers late, so the client sees TimedOut."""
    fake.fail_next("sendMessage", timeout(0.5))
    with pytest.raises(TimedOut):
        await bot.send_message(1, "maybe twice", read_timeout=0.1)
    assert [m.text for m in fake.sent_messages(1)] == ["maybe twice"]


async def test_permanent_migration_and_admins(bot: Bot, fake: FakeTelegram) -> None:
    """A migrated group keeps answering with the new id; admins are whom the test says they are."""
    old, new = group(-4002, "Old"), supergroup(-1004002, "New")
    fake.add_member(old, ALICE, "creator")
    fake.add_member(old, BO, "member")
    fake.migrate_chat(old.id, new)
    with pytest.raises(ChatMigrated):
        await bot.send_message(old.id, "hi")
    admins = await bot.get_chat_administrators(new.id)
    assert [(m.user.id, m.status) for m in admins] == [(ALICE.id, "creator")]
    assert (await bot.get_chat_member(new.id, BO.id)).status == "member"
    assert (await bot.get_chat_member(new.id, 9999)).status == "left"
    fake.add_member(new, BO, "administrator")
    assert (await bot.get_chat_member(new.id, BO.id)).status == "administrator"
    assert (await bot.get_chat(new.id)).title == "New"
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.get_chat(-777)


async def test_commands_are_recorded_per_scope_and_language(bot: Bot, fake: FakeTelegram) -> None:
    """setMyCommands is kept per scope and language code, and getMyCommands reads it back."""
    await bot.set_my_commands([BotCommand("status", "Where a claim stands")])
    await bot.set_my_commands(
        [BotCommand("status", "传闻状态")], scope=BotCommandScopeAllGroupChats(), language_code="zh"
    )
    assert fake.my_commands() == [{"command": "status", "description": "Where a claim stands"}]
    zh_groups = fake.my_commands({"type": "all_group_chats"}, "zh")
    assert zh_groups == [{"command": "status", "description": "传闻状态"}]
    assert fake.my_commands({"type": "all_group_chats"}) is None
    zh = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats(), language_code="zh")
    assert [c.description for c in zh] == ["传闻状态"]


async def test_wrong_token_and_unknown_method(fake: FakeTelegram) -> None:
    """A wrong token is 401 (PTB: InvalidToken); an unknown method is 404 and recorded."""
    wrong = Bot("1:wrong", base_url=fake.base_url)
    try:
        with pytest.raises(InvalidToken, match="rejected"):
            await wrong.initialize()
    finally:
        await wrong.shutdown()
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{fake.base_url}{fake.token}/sendTelepathy", json={"chat_id": 1})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert fake.calls_to("sendTelepathy")[0].params == {"chat_id": 1}


async def test_long_poll_honours_offset_and_returns_early(fake: FakeTelegram) -> None:
    """getUpdates waits for an update, returns it at once, and drops it once a higher offset is sent."""
    url = f"{fake.base_url}{fake.token}/getUpdates"
    async with httpx.AsyncClient() as client:
        poll = asyncio.create_task(client.post(url, data={"timeout": "5"}))
        await asyncio.sleep(0.1)
        fake.send_text(private_chat(ALICE), ALICE, "hello")
        first = (await asyncio.wait_for(poll, 2)).json()["result"]
        assert [u["message"]["text"] for u in first] == ["hello"]
        fake.send_text(private_chat(ALICE), ALICE, "/start now")
        again = (await client.post(url, json={"offset": first[0]["update_id"], "limit": 1})).json()["result"]
        assert len(again) == 1
        assert again[0]["update_id"] == first[0]["update_id"]
        rest = (await client.post(url, json={"offset": first[0]["update_id"] + 1})).json()["result"]
        assert rest[0]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
        fake.press_button(private_chat(ALICE), ALICE, 1, "x")
        only_messages = await client.post(url, json={"offset": rest[0]["update_id"] + 1,
                                                     "allowed_updates": ["message"]})
        assert only_messages.json()["result"] == []


async def test_enforced_limits_answer_429(bot: Bot, fake: FakeTelegram) -> None:
    """With limits on, a second message to one chat within a second is refused with retry_after."""
    fake.enforce_limits(global_per_s=30, per_chat_interval=1.0, group_per_min=20)
    await bot.send_message(1, "first")
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(1, "second")
    assert flood.value.retry_after == dtm.timedelta(seconds=1)
    await bot.send_message(2, "other chat")
    assert fake.count_429 == 1
    assert [m.text for m in fake.sent_messages()] == ["first", "other chat"]


async def test_bot_documents_and_deletes_are_recorded(bot: Bot, fake: FakeTelegram) -> None:
    """Documents the bot sends can be read back and downloaded; deleted messages are listed."""
    sent = await bot.send_document(-4001, b"<opml/>", filename="export.opml", caption="Your feeds")
    [doc] = fake.sent_documents(-4001)
    assert (doc.filename, doc.content, doc.caption) == ("export.opml", b"<opml/>", "Your feeds")
    assert sent.document is not None
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"<opml/>"
    await bot.delete_message(-4001, sent.message_id)
    assert fake.deleted_messages == [(-4001, sent.message_id)]
    with pytest.raises(BadRequest, match="not found"):
        await bot.delete_message(-4001, sent.message_id)


async def test_second_long_poll_conflicts_with_the_first(fake: FakeTelegram) -> None:
    """Two bot instances polling at once: the older getUpdates is answered with 409 Conflict."""
    url = f"{fake.base_url}{fake.token}/getUpdates"
    async with httpx.AsyncClient() as client:
        first = asyncio.create_task(client.post(url, json={"timeout": 5}))
        await asyncio.sleep(0.1)
        second = asyncio.create_task(client.post(url, json={"timeout": 0}))
        assert (await asyncio.wait_for(first, 2)).status_code == 409
        assert (await second).json() == {"ok": True, "result": []}


async def test_rate_limiter_with_enforced_limits_in_a_group(
    fake: FakeTelegram, app: PlainApp
) -> None:
    """Replies to a burst of commands in a group arrive; refused sends are counted as 429s."""
    fake.enforce_limits(global_per_s=30, per_chat_interval=0, group_per_min=20, algorithm="bucket")
    chat = group(-4003, "Busy")
    for _ in range(5):
        fake.send_text(chat, ALICE, "/ping")
    replies = await fake.wait_for_messages(5, chat_id=chat.id, timeout=5)
    assert {r.text for r in replies} == {"pong en"}
    assert fake.count_429 == 0


async def test_delay_answers_late_but_normally(bot: Bot, fake: FakeTelegram) -> None:
    """delay() holds the request before handling it, then answers as usual."""
    fake.fail_next("getChat", delay(0.2))
    fake.add_chat(group(-4004, "Slow"))
    chat = await bot.get_chat(-4004)
    assert chat.title == "Slow"
    assert fake.calls_to("getChat")[0].status == 200
