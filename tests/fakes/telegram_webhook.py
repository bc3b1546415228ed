"""The fake Bot API's webhook delivery: after setWebhook, each queued update is POSTed to the bot.

As Telegram does: one update at a time, oldest first, with the `X-Telegram-Bot-Api-Secret-Token` header
when a secret was registered; an update stays queued until the webhook answers 2xx (retried meanwhile).
"""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp

from tests.fakes.telegram_methods import TelegramState
from tests.fakes.telegram_model import JSON

RETRY_S = 0.2


class WebhookPusher:
    """Pushes the updates of one fake bot's state while a webhook is set; `answers` records each reply."""

    def __init__(self, state: TelegramState) -> None:
        self.state = state
        self.answers: list[int] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="fake-webhook-pusher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            # `closing` is checked too: wait_for may swallow a cancel on Python 3.11.
            while not self.state.closing:
                event = self.state.update_event
                update, hook = self.state.next_push(), self.state.webhook
                if update is None or hook is None:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(event.wait(), 0.5)
                    continue
                if await self._push(session, update, hook):
                    self.state.pushed(update)
                else:
                    await asyncio.sleep(RETRY_S)

    async def _push(self, session: aiohttp.ClientSession, update: JSON, hook: JSON) -> bool:
        """POST one update; True when the bot's webhook took it (2xx)."""
        secret = hook.get("secret_token")
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        try:
            async with session.post(hook["url"], json=update, headers=headers) as response:
                self.answers.append(response.status)
                return 200 <= response.status < 300
        except (aiohttp.ClientError, TimeoutError):
            return False
