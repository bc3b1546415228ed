"""What chat commands write (`storage.commands`) and what /healthz and /metrics read, on each backend."""

from __future__ import annotations

import time

from bot.metrics import exposition
from core.records import Claim, Entity
from storage import chats, claims, commands, feeds
from storage.db import Storage, probe

CLAIM = Claim("xiaomi-qualification", "Xiaomi has obtained the qualification to build cars", topic="xiaomi-auto")


async def test_a_chat_subscribes_mutes_changes_settings_and_unsubscribes(db: Storage) -> None:
    """Each command's change is stored whole and reads back as the chat sees it."""
    now = time.time()
    await commands.record_chat(db, -100, "supergroup", "Car watchers", now, "zh")
    assert await commands.change_subscription(db, -100, 7, "claim", CLAIM.id, now, adding=True)
    assert not await commands.change_subscription(db, -100, 7, "claim", CLAIM.id, now, adding=True)
    await commands.mute_claim(db, -100, 7, CLAIM.id, now)
    assert [s.muted for s in await chats.chat_subscriptions(db, -100)] == [True]
    changes: dict[str, str | None] = {"delivery": "daily", "previews": "on", "timezone": "Asia/Shanghai"}
    settings = await commands.change_settings(db, -100, changes)
    assert (settings.delivery, settings.previews, settings.timezone) == ("daily", "on", "Asia/Shanghai")
    assert await commands.change_subscription(db, -100, 7, "claim", CLAIM.id, now, adding=False)
    assert await chats.chat_subscriptions(db, -100) == []


async def test_tracking_a_claim_and_its_party_then_untracking_it(db: Storage) -> None:
    """/track and /entity store the claim and the party; /untrack drops the claim and its subscriptions."""
    now = time.time()
    await commands.save_entity(db, Entity("xiaomi", ("Xiaomi", "小米")))
    await commands.track_claim(db, CLAIM, "chat", now)
    await commands.record_chat(db, 5, "private", "", now, "en")
    await commands.change_subscription(db, 5, 0, "claim", CLAIM.id, now, adding=True)
    assert [e.names for e in await claims.list_entities(db)] == [("Xiaomi", "小米")]
    assert [r.claim.id for r in await claims.list_claims(db)] == [CLAIM.id]
    await commands.untrack_claim(db, CLAIM.id)
    assert await claims.list_claims(db) == []
    assert await chats.chat_subscriptions(db, 5) == []


async def test_a_feeds_official_parties_change_and_the_feed_goes(db: Storage) -> None:
    """/official sets whom a feed speaks for; removing the feed removes it."""
    await commands.save_entity(db, Entity("miit", ("MIIT",)))
    feed = await feeds.add_feed(db, "https://miit.example/rss", "MIIT", (), "chat", time.time())
    assert feed is not None
    await commands.set_feed_officials(db, feed.id, ["miit"])
    stored = await feeds.get_feed(db, feed.id)
    assert stored is not None
    assert stored.official_for == ("miit",)
    await commands.remove_feed(db, feed.id)
    assert await feeds.get_feed(db, feed.id) is None


async def test_health_probe_and_metrics_read_the_database(db: Storage) -> None:
    """/healthz's probe passes on a working database; the scrape's gauges come from the database."""
    await probe(db)
    await feeds.add_feed(db, "https://news.example/rss", "News", (), "config", time.time())
    text = (await exposition(db)).decode()
    assert 'rumorbot_feeds{state="never_polled"} 1.0' in text
    assert "rumorbot_outbox_depth 0.0" in text
