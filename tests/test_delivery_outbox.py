"""The outbox in a real SQLite file: unique keys, held alerts, fair batches, backlog, holds across restarts."""

from __future__ import annotations

from pathlib import Path

from bot.delivery import next_hour, zone
from bot.engine import Engine, StoryIndex
from bot.ingest import ingest
from storage import chats, connect, outbox, transaction
from storage.db import Storage
from tests.helpers import entry
from tests.test_ingest import CLAIM, ENTITIES, RUMOR, setup

NOW = 1_800_000_000.0


def alert(chat: int, story: int = 1, not_before: float = 0.0, thread: int = 0) -> outbox.NewAlert:
    """An evidence alert on the test claim for one chat and story."""
    return outbox.NewAlert(chat, thread, CLAIM.id, story, "evidence", f"<b>story {story}</b> for {chat}", not_before)


async def queue(db: Storage, alerts: list[outbox.NewAlert], now: float = NOW) -> int:
    """Enqueue in a write transaction, as ingest does."""
    async with transaction(db):
        return await outbox.enqueue(db, alerts, now)


async def states(db: Storage) -> dict[int, str]:
    """Each row's state by id."""
    return {r[0]: r[1] for r in await db.fetchall("SELECT id, state FROM outbox ORDER BY id")}


async def test_the_same_alert_cannot_be_queued_twice(db: Storage) -> None:
    """A second row with the same chat, thread, claim, story and kind is skipped by construction."""
    assert await queue(db, [alert(1), alert(1), alert(1, thread=5)]) == 2
    assert await queue(db, [alert(1)]) == 0
    assert len(await outbox.due_alerts(db, NOW)) == 2


async def test_alert_released_later_is_held(db: Storage) -> None:
    """An alert whose release lies after its queueing is held; an instant one is not."""
    await queue(db, [alert(1, story=1), alert(1, story=2, not_before=NOW + 60)])
    assert [a.held for a in await outbox.due_alerts(db, NOW + 60)] == [False, True]
    assert [a.story_id for a in await outbox.due_alerts(db, NOW)] == [1]


async def test_next_per_chat_gives_each_chat_its_oldest_due_alert(db: Storage) -> None:
    """A chat with a hundred alerts takes one place in a batch, so chats behind it are not starved."""
    await queue(db, [alert(1, story=s) for s in range(100)] + [alert(2), alert(3), alert(4, not_before=NOW + 5)])
    batch = await outbox.next_per_chat(db, NOW, limit=10)
    assert [(a.chat_id, a.story_id) for a in batch] == [(1, 0), (2, 1), (3, 1)]


async def test_due_held_is_one_chat_and_thread(db: Storage) -> None:
    """A digest takes the due held alerts of its own chat and thread only."""
    later = NOW + 30
    await queue(db, [alert(1, 1, later), alert(1, 2, later), alert(1, 3, later, thread=9), alert(2, 1, later),
                     alert(1, 4, NOW + 999), alert(1, 5)])
    assert [a.story_id for a in await outbox.due_held(db, 1, 0, later)] == [1, 2]


async def test_sent_and_dead_rows_stay_settled(db: Storage) -> None:
    """Marking is idempotent: a dead alert is not revived as sent, nor a sent one rescheduled."""
    await queue(db, [alert(1), alert(2)])
    first, second = (a.id for a in await outbox.due_alerts(db, NOW))
    async with transaction(db):
        await outbox.mark_sent_many(db, [first], 42, NOW)
        await outbox.mark_dead(db, second, "Forbidden: bot was blocked by the user")
        await outbox.mark_sent(db, second, 43, NOW)
        await outbox.reschedule(db, first, NOW + 10, "late")
    assert await states(db) == {first: "sent", second: "dead"}


async def test_backlog_counts_pending_and_held_since_the_oldest(db: Storage) -> None:
    """Depth counts every pending alert (held included); the oldest is the earliest still pending."""
    assert await outbox.backlog(db) == (0, None)
    await queue(db, [alert(1)], now=NOW)
    await queue(db, [alert(2, not_before=NOW + 3600)], now=NOW + 10)
    await queue(db, [alert(3)], now=NOW + 20)
    assert await outbox.backlog(db) == (3, NOW)
    async with transaction(db):
        await outbox.mark_sent(db, (await outbox.due_alerts(db, NOW))[0].id, 1, NOW + 30)
    assert await outbox.backlog(db) == (2, NOW + 10)


async def test_hourly_chat_is_held_until_the_hour_across_a_restart(tmp_path: Path) -> None:
    """Ingest holds an hourly chat's alert until the next full hour; closing and reopening keeps the hold."""
    path = tmp_path / "bot.sqlite3"
    db = await connect(path)
    feed = await setup(db)
    async with transaction(db):
        await db.execute("UPDATE chats SET delivery = 'hourly', timezone = 'Asia/Shanghai' WHERE chat_id = 200")
    now = NOW + 600  # ten past a full hour
    await ingest(db, Engine([CLAIM], ENTITIES), StoryIndex(), {}, feed, [entry("a", RUMOR)], now=now, alert=True)
    await db.close()
    db = await connect(path)
    try:
        opens = next_hour(now, zone("Asia/Shanghai"))
        assert [a.chat_id for a in await outbox.due_alerts(db, now)] == [100]
        due = await outbox.due_alerts(db, opens)
        assert [(a.chat_id, a.held) for a in due] == [(100, False), (200, opens > now)]
    finally:
        await db.close()


async def test_subscribers_carry_quiet_hours_and_time_zone(db: Storage) -> None:
    """The ingest sees each subscriber's quiet hours and time zone."""
    await setup(db)
    async with transaction(db):
        await db.execute("UPDATE chats SET quiet_start = '23:00', quiet_end = '07:00', timezone = 'Europe/Berlin' "
                         "WHERE chat_id = 100")
    subs = await chats.subscribers(db, CLAIM.id, CLAIM.topic)
    assert [(s.chat_id, s.quiet_start, s.quiet_end, s.timezone) for s in subs] == [
        (100, "23:00", "07:00", "Europe/Berlin"), (200, None, None, "UTC")
    ]
