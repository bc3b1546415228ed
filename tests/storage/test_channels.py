"""Channels subscribed from a private chat, who manages them, and how alerts are sent to a chat."""

from __future__ import annotations

import time

from storage import channels, chats
from storage.db import Storage, transaction

ALICE = 1101
NEWS = -1002000000555


async def test_a_channel_subscription_remembers_its_administrator(db: Storage) -> None:
    """The channel becomes a chat with the subscription; its administrator finds it among theirs."""
    now = time.time()
    assert await channels.subscribe(db, NEWS, "Rumor news", ALICE, "topic", "xiaomi-auto", now)
    assert not await channels.subscribe(db, NEWS, "Rumor news", ALICE, "topic", "xiaomi-auto", now)
    assert await channels.managed_by(db, ALICE) == [channels.Channel(NEWS, "Rumor news")]
    assert (await chats.alert_options(db, NEWS)).channel
    assert await channels.managed_by(db, 9999) == []
    [sub] = await chats.subscribers(db, "xiaomi-qualification", "xiaomi-auto")
    assert sub.chat_id == NEWS
    assert await channels.unsubscribe(db, NEWS, "topic", "xiaomi-auto")
    assert await chats.chat_subscriptions(db, NEWS) == []


async def test_a_channel_that_is_gone_is_not_listed(db: Storage) -> None:
    """Once the bot is removed from the channel, its administrator no longer sees it."""
    await channels.subscribe(db, NEWS, "Rumor news", ALICE, "claim", "xiaomi-qualification", time.time())
    async with transaction(db):
        await chats.deactivate_chat(db, NEWS, "bot was kicked")
    assert await channels.managed_by(db, ALICE) == []


async def test_link_previews_are_off_until_turned_on(db: Storage) -> None:
    """Alerts show no link previews unless the chat asked for them."""
    async with transaction(db):
        await chats.ensure_chat(db, ALICE, "private", "Alice", time.time(), "zh")
    assert await chats.alert_options(db, ALICE) == chats.AlertOptions("zh", previews=False)
    async with transaction(db):
        await chats.update_settings(db, ALICE, {"previews": "on"})
    assert await chats.alert_options(db, ALICE) == chats.AlertOptions("zh", previews=True)
    assert (await chats.chat_settings(db, ALICE)).previews == "on"
    assert await chats.alert_options(db, 9999) == chats.AlertOptions()


async def test_a_new_channel_takes_its_administrators_time_zone(db: Storage) -> None:
    """Alert times in a channel first subscribed by a Shanghai administrator read in Shanghai time."""
    async with transaction(db):
        await chats.ensure_chat(db, ALICE, "private", "Alice", time.time())
        await chats.update_settings(db, ALICE, {"timezone": "Asia/Shanghai"})
    await channels.subscribe(db, NEWS, "Rumor news", ALICE, "topic", "xiaomi-auto", time.time())
    [sub] = await chats.subscribers(db, "xiaomi-qualification", "xiaomi-auto")
    assert sub.timezone == "Asia/Shanghai"
    async with transaction(db):
        await chats.update_settings(db, ALICE, {"timezone": "Europe/Paris"})
    await channels.subscribe(db, NEWS, "Rumor news", ALICE, "claim", "xiaomi-qualification", time.time())
    assert (await chats.chat_settings(db, NEWS)).timezone == "Asia/Shanghai"
