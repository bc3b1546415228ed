"""Replay the Xiaomi story through the real bot: fake Telegram, local feeds, `rumorbot run` as a process.

    Replay.run()
      ├─ FakeTelegram (in-process)     the bot's Bot API; two users write to it
      ├─ FeedServer (in-process)       six feeds; each step of the timeline publishes new items
      └─ python -m rumorbot run             the real bot, configured by a TOML file written here

Each step waits until every feed it changed has been polled after the change, then until the bot's
outbox has nothing pending, so each step's alerts land in the chats before the next step begins.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sqlite3
import sys
import time
import tomllib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.fakes.feed_server import FakeItem, FeedServer, atom, rss20
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.telegram_model import FakeChat, FakeUser, private_chat
from tests.story.timeline import BACKLOG, FEEDS, STEPS, Feed, Post, Step
from tests.story.transcript import Line, Transcript

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "config" / "example.toml"
WAIT = 20.0  # seconds any one thing may take before the replay gives up


@dataclass(frozen=True, slots=True)
class Person:
    """A user of the bot in the replay, talking to it in a private chat."""

    key: str
    name: str
    user_id: int
    language_code: str
    subscribes_to: str
    about: str

    @property
    def user(self) -> FakeUser:
        return FakeUser(self.user_id, self.name, language_code=self.language_code)

    @property
    def chat(self) -> FakeChat:
        return private_chat(self.user)


ALICE = Person("alice", "Alice", 501001, "en", "xiaomi-qualification",
               "English, subscribed to the claim xiaomi-qualification")
WANG = Person("wang", "小王", 501002, "zh-hans", "xiaomi-auto",
              "Chinese (zh-hans), subscribed to the topic xiaomi-auto")
PEOPLE = (ALICE, WANG)
STATUS_CHECKS = (
    (ALICE, "/status xiaomi-qualification"),
    (ALICE, "/status xiaomi-baic-oem"),
    (WANG, "/status xiaomi-baic-oem"),
)


class ReplayError(Exception):
    """The replay could not go on; the message says what it was waiting for, with the bot's log."""


@dataclass
class ReplayResult:
    """What each user saw, step by step, and where the bot kept its data."""

    chats: dict[str, Transcript]
    steps: list[dict[str, list[Line]]]
    status_replies: list[tuple[Person, str, list[Line]]]
    db_path: Path
    log_path: Path
    exit_code: int | None
    published: dict[str, datetime] = field(default_factory=dict)

    def render(self) -> str:
        """Each user's chat as they saw it, then the /status exchanges at the end of the story."""
        parts = [self.chats[p.key].render() for p in PEOPLE]
        for person in PEOPLE:
            status = Transcript(f"At the end of the story, in {person.name}'s chat: /status")
            for who, asked, replies in self.status_replies:
                if who == person:
                    status.lines += [Line("user", asked), *replies]
            if status.lines:
                parts.append(status.render())
        return "\n\n".join(parts)


def feed_document(feed: Feed, posts: list[Post], published: dict[str, datetime]) -> bytes:
    """The feed's XML with `posts`, newest first."""
    items = [
        FakeItem(p.title, p.link, p.identity if feed.format == "atom" else p.guid, p.summary, published[p.key])
        for p in sorted(posts, key=lambda p: published[p.key], reverse=True)
    ]
    return atom(items, title=feed.name) if feed.format == "atom" else rss20(items, title=feed.name)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _toml_table(header: str, table: dict[str, Any]) -> str:
    return "\n".join([header, *(f"{k} = {_toml_value(v)}" for k, v in table.items())]) + "\n"


def demo_config(feed_url: Callable[[str], str]) -> str:
    """The example's entities and claims, the replay's feeds, and polling fast enough for a demo."""
    example = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    parts = [
        "# rumorbot story replay: written by tests/story/replay.py\n",
        _toml_table("[telegram]", {"admins": []}),
        _toml_table("[polling]", {"interval": 1, "min_interval": 1, "timeout": 5, "per_host": 8,
                                  "allow_private": True}),
    ]
    parts += [_toml_table("[[entities]]", e) for e in example["entities"]]
    parts += [_toml_table("[[claims]]", c) for c in example["claims"]]
    for feed in FEEDS:
        table: dict[str, Any] = {"url": feed_url(feed.path), "name": feed.name}
        if feed.official_for:
            table["official_for"] = list(feed.official_for)
        parts.append(_toml_table("[[feeds]]", table))
    return "\n".join(parts)


class Outbox:
    """Reads the bot's outbox from its SQLite file (read-only, beside the running bot)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def pending(self) -> int:
        if not self.db_path.exists():
            return 0
        with contextlib.closing(sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=5)) as db:
            row = db.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()
        return int(row[0])


@contextlib.asynccontextmanager
async def bot_process(config: Path, fake: FakeTelegram, workdir: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python -m rumorbot run` against the fake; stopped with SIGINT (as Ctrl-C would) when the block ends."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "RUMORBOT_"))}
    env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=fake.base_url,
               RUMORBOT_DB=str(workdir / "rumorbot.sqlite3"), PYTHONUNBUFFERED="1")
    with (workdir / "bot.log").open("wb") as log:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "rumorbot", "run", "--config", str(config),
            cwd=ROOT, env=env, stdout=log, stderr=asyncio.subprocess.STDOUT,
        )
        try:
            yield proc
        finally:
            await stop_process(proc)


async def stop_process(proc: asyncio.subprocess.Process) -> None:
    """SIGINT, then SIGKILL if it has not ended within 15 s."""
    if proc.returncode is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        await asyncio.wait_for(proc.wait(), 15)
    except TimeoutError:
        proc.kill()
        await proc.wait()


class Replay:
    """One run of the story; `run()` returns what each user saw."""

    fake: FakeTelegram
    feeds: FeedServer
    proc: asyncio.subprocess.Process | None = None

    def __init__(self, workdir: Path, progress: Callable[[str], None] | None = None) -> None:
        self.workdir = workdir
        self.progress = progress or (lambda _: None)
        self.db_path = workdir / "rumorbot.sqlite3"
        self.log_path = workdir / "bot.log"
        self.published: dict[str, datetime] = {}
        self.in_feed: dict[str, list[Post]] = {f.key: [] for f in FEEDS}
        self.chats = {p.key: Transcript(f"{p.name}'s chat ({p.about})") for p in PEOPLE}
        self.steps: list[dict[str, list[Line]]] = []
        self.status_replies: list[tuple[Person, str, list[Line]]] = []
        self._seen: dict[int, int] = {}

    async def run(self) -> ReplayResult:
        async with contextlib.AsyncExitStack() as stack:
            self.fake = await stack.enter_async_context(FakeTelegram())
            self.feeds = await stack.enter_async_context(FeedServer())
            self.publish(BACKLOG, datetime.now(tz=UTC) - timedelta(days=2))
            config = self.workdir / "story.toml"
            config.write_text(demo_config(self.feeds.url), encoding="utf-8")
            self.progress("starting the bot: python -m rumorbot run")
            self.proc = await stack.enter_async_context(bot_process(config, self.fake, self.workdir))
            await self.until(lambda: bool(self.fake.calls_to("getUpdates")), "the bot's first getUpdates")
            await self.subscribe()
            await self.until_polled([f.key for f in FEEDS], dict.fromkeys([f.path for f in FEEDS], 0))
            for number, step in enumerate(STEPS, 1):
                self.progress(f"step {number}/{len(STEPS)} ({step.when}): {step.headline}")
                await self.play(step)
            for person, text in STATUS_CHECKS:
                self.status_replies.append((person, text, await self.say(person, text, record=False)))
        exit_code = self.proc.returncode if self.proc else None
        return ReplayResult(self.chats, self.steps, self.status_replies, self.db_path, self.log_path,
                            exit_code, self.published)

    # -- feeds -----------------------------------------------------------------------------------

    def publish(self, posts: tuple[Post, ...], when: datetime | None = None) -> list[str]:
        """Add posts to their feeds (published now, a second apart); return the changed feeds' keys."""
        start = when or datetime.now(tz=UTC)
        for offset, p in enumerate(posts):
            self.published[p.key] = start + timedelta(seconds=offset)
            self.in_feed[p.feed].append(p)
        changed = sorted({p.feed for p in posts})
        for feed in FEEDS:
            if feed.key in changed:
                content_type = "application/atom+xml" if feed.format == "atom" else "application/rss+xml"
                self.feeds.set(feed.path, feed_document(feed, self.in_feed[feed.key], self.published),
                               content_type=content_type, charset="utf-8")
        return changed

    async def until_polled(self, feed_keys: list[str], hits_before: dict[str, int]) -> None:
        """Wait until each feed was fetched twice since `hits_before`: the first fetch is then ingested."""
        paths = [f.path for f in FEEDS if f.key in feed_keys]
        await self.until(lambda: all(self.feeds.hits[p] >= hits_before.get(p, 0) + 2 for p in paths),
                         f"the bot to poll {', '.join(paths)}")

    async def play(self, step: Step) -> None:
        for person in PEOPLE:
            self.chats[person.key].lines.append(Line("step", f"{step.when}: {step.headline}"))
        hits = {f.path: self.feeds.hits[f.path] for f in FEEDS}
        changed = self.publish(step.posts)
        await self.until_polled(changed, hits)
        outbox = Outbox(self.db_path)
        await self.until(lambda: outbox.pending() == 0, "the bot to send every queued alert")
        await asyncio.sleep(0.2)
        self.steps.append({p.key: self.collect(p) for p in PEOPLE})

    # -- chats -----------------------------------------------------------------------------------

    async def subscribe(self) -> None:
        for person in PEOPLE:
            await self.say(person, "/start")
            await self.say(person, f"/subscribe {person.subscribes_to}")

    async def say(self, person: Person, text: str, *, record: bool = True) -> list[Line]:
        """`person` sends `text`; wait for the bot's answer and return what it sent."""
        if record:
            self.chats[person.key].lines.append(Line("user", text))
        before = len(self.fake.sent_messages(person.user_id))
        self.fake.send_text(person.chat, person.user, text)
        await self.until(lambda: len(self.fake.sent_messages(person.user_id)) > before,
                         f"the bot's answer to {person.name}'s {text!r}")
        await asyncio.sleep(0.3)  # a command may answer with more than one message
        return self.collect(person, record=record)

    def collect(self, person: Person, *, record: bool = True) -> list[Line]:
        """Messages the bot sent to `person` since the last collect, as transcript lines."""
        sent = self.fake.sent_messages(person.user_id)
        new = [Line("bot", m.text, m.message_id, m.reply_markup) for m in sent[self._seen.get(person.user_id, 0):]]
        self._seen[person.user_id] = len(sent)
        if record:
            self.chats[person.key].lines.extend(new)
        return new

    # -- waiting ---------------------------------------------------------------------------------

    async def until(self, condition: Callable[[], bool], what: str, timeout: float = WAIT) -> None:  # noqa: ASYNC109
        """Wait for `condition`, or fail saying what was awaited and how the bot's log ends."""
        deadline = time.monotonic() + timeout
        while not condition():
            if self.proc_ended():
                code = self.proc.returncode if self.proc else None
                raise ReplayError(f"the bot stopped (exit {code}) while waiting for {what}\n"
                                  + self.log_tail())
            if time.monotonic() > deadline:
                raise ReplayError(f"gave up after {timeout:.0f} s waiting for {what}\n" + self.log_tail())
            await asyncio.sleep(0.05)

    def proc_ended(self) -> bool:
        return self.proc is not None and self.proc.returncode is not None

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return "(no bot log)"
        tail = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        return "bot log (last lines):\n" + "\n".join("  " + line for line in tail)


async def replay(workdir: Path, progress: Callable[[str], None] | None = None) -> ReplayResult:
    """Run the whole story once in `workdir` (which holds the config, the database and the bot's log)."""
    return await Replay(workdir, progress).run()
