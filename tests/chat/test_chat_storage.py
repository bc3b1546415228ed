"""Chat settings, mutes and languages in storage (real SQLite)."""

from __future__ import annotations

import pytest

from storage import chats
from storage.db import Storage, transaction


async def test_settings_follow_a_group_that_becomes_a_supergroup(db: Storage) -> None:
    """Migration to a supergroup keeps the chosen settings and the language seen there."""
    async with transaction(db):
        await chats.ensure_chat(db, -5, "group", "G", 1.0, "zh")
        await chats.update_settings(db, -5, {"delivery": "daily", "timezone": "Asia/Shanghai"})
        await chats.migrate_chat(db, -5, -1005)
    moved = await chats.chat_settings(db, -1005)
    assert (moved.delivery, moved.timezone) == ("daily", "Asia/Shanghai")
    assert await chats.reading_language(db, -1005) == "zh"


async def test_only_setting_columns_can_be_changed(db: Storage) -> None:
    """A column name that is not a setting is refused before any SQL is built."""
    async with transaction(db):
        await chats.ensure_chat(db, 1, "private", "A", 1.0)
    with pytest.raises(ValueError, match="not a chat setting"):
        await chats.update_settings(db, 1, {"active = 0; --": "x"})


async def test_a_muted_claim_is_not_alerted_even_through_its_topic(db: Storage) -> None:
    """Muting a claim silences it for a chat subscribed to its whole topic; subscribing lifts the mute."""
    async with transaction(db):
        await chats.ensure_chat(db, 1, "private", "A", 1.0)
        await chats.subscribe(db, 1, 0, "topic", "cars", 1.0)
        await chats.mute(db, 1, 0, "nio", 2.0)
    assert await chats.subscribers(db, "nio", "cars") == []
    assert [s.chat_id for s in await chats.subscribers(db, "other", "cars")] == [1]
    async with transaction(db):
        assert await chats.subscribe(db, 1, 0, "claim", "nio", 3.0)
    assert [s.chat_id for s in await chats.subscribers(db, "nio", "cars")] == [1]
