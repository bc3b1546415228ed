"""Wiring: the Telegram Application, its start-up and shut-down, the poll job and the sender."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

import handlers
from bot import stories as shared_stories
from bot.context import CONTEXT_TYPES, BotData, RumorContext
from bot.encoder import cap_threads, load_encoder
from bot.feeds.fetch import new_client
from bot.feeds.limits import HostLimiter
from bot.monitor import MonitorServer
from bot.poller import poll_due
from bot.retention import prune
from bot.roles import hold_chat, lead_sender
from bot.runtime import Runtime, build_engine
from bot.sender import Sender
from config.settings import Settings
from storage import claims, connect, feeds
from storage.db import transaction

log = logging.getLogger(__name__)
STORY_MEMORY_S = 14 * 86400
RETENTION_EVERY_S = 3600.0

App = Application[Any, RumorContext, Any, Any, BotData, Any]


def build_application(settings: Settings, role: str = "all") -> App:
    """The Application, configured but not started: `all` also polls and sends, `chat` only takes updates."""
    builder = (
        ApplicationBuilder()
        .context_types(CONTEXT_TYPES)
        .token(settings.telegram.token)
        .rate_limiter(AIORateLimiter(max_retries=0))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram.base_url:
        base = settings.telegram.base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.removesuffix("/bot") + "/file/bot")
    app = builder.build()
    app.bot_data.settings = settings
    app.bot_data.role = role
    handlers.register(app)
    return app


async def open_runtime(settings: Settings, role: str = "all") -> Runtime:
    """Open the database, load the configuration into it, and build the engine and story memory.

    `role` sets how many threads the encoder and numpy may use (`[engine] threads`).
    """
    db = await connect(settings.database)
    now = time.time()
    async with transaction(db):
        if db.dialect == "sqlite":  # the one process: leases left by a crash are its own
            await feeds.release_leases(db)
        await claims.upsert_entities(db, settings.entities)
        await claims.upsert_claims(db, settings.claims, "config", now)
        await feeds.sync_config_feeds(db, settings.feeds, now)
    tracked = [r.claim for r in await claims.list_claims(db)]
    entities = await claims.list_entities(db)
    polling = settings.polling
    threads = cap_threads(settings.engine.threads_for(role))
    encoder = None
    if settings.engine.semantic:
        encoder = await asyncio.to_thread(load_encoder, settings.engine.encoder, threads)
    rt = Runtime(
        settings, db, new_client(timeout=polling.timeout, allow_private=polling.allow_private,
                                 user_agent=polling.user_agent, proxy=polling.proxy, no_proxy=polling.no_proxy),
        await build_engine(db, tracked, entities, encoder), {e.id: e for e in entities},
        HostLimiter(polling.concurrency, polling.per_host), encoder=encoder,
    )
    await shared_stories.load(db, rt.stories, now - STORY_MEMORY_S)
    return rt


async def _poll_job(context: RumorContext) -> None:
    await poll_due(context.runtime)


async def _retention_job(context: RumorContext) -> None:
    rt = context.runtime
    await prune(rt.db, rt.settings.retention, rt.clock.now())


async def _post_init(app: App) -> None:
    settings = app.bot_data.settings
    if settings is None:
        raise RuntimeError("the application was not built by build_application")
    rt = await open_runtime(settings, app.bot_data.role)
    app.bot_data.runtime = rt
    app.bot_data.hold = await hold_chat(rt.db)
    if app.job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    # Pruning is one process's job: the chat role is exactly one per database (`all` is that one too).
    app.job_queue.run_repeating(_retention_job, interval=RETENTION_EVERY_S, first=60, name="retention",
                                job_kwargs={"max_instances": 1, "coalesce": True})
    if app.bot_data.role == "all":
        # The monitor first: a port it cannot take stops start-up before any sender task runs.
        if settings.metrics.listen:  # its health checks look at this process's poller and sender
            app.bot_data.monitor = MonitorServer(rt, settings.metrics.listen)
            await app.bot_data.monitor.start()
        _start_polling_and_sending(app, rt)
    else:
        await rt.db.listen("claims", rt.claims_changed.set)
    await handlers.set_menus(app.bot, settings.telegram.admins)
    log.info("rumorbot started (%s): %d feeds, %d claims", app.bot_data.role,
             len(await feeds.list_feeds(rt.db)), len(rt.engine.claims))


def _start_polling_and_sending(app: App, rt: Runtime) -> None:
    tick = min(max(rt.settings.polling.min_interval / 2, 0.5), 15.0)
    if app.job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    app.job_queue.run_repeating(
        _poll_job, interval=tick, first=0.5, name="poll",
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": 60},
    )
    sender = lead_sender(rt.db, lambda: Sender(app.bot, rt.db, rt.outbox_ready, clock=rt.clock,
                                               admins=rt.settings.telegram.admins), rt.outbox_ready)
    rt.sender = app.bot_data.sender = asyncio.get_running_loop().create_task(sender, name="sender")


async def _post_stop(app: App) -> None:
    monitor, app.bot_data.monitor = app.bot_data.monitor, None
    if monitor is not None:
        await monitor.stop()
    task, app.bot_data.sender = app.bot_data.sender, None
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _post_shutdown(app: App) -> None:
    hold, app.bot_data.hold = app.bot_data.hold, None
    if hold is not None:
        await hold.release()
    rt, app.bot_data.runtime = app.bot_data.runtime, None
    if rt is not None:
        await rt.http.aclose()
        await rt.db.close()
