"""Fan-out benchmark: one alert to each of 10,000 subscribed chats through the real `rumorbot run`.

The fake Telegram Bot API server (in this process) enforces Telegram's limits: 30 messages/s overall
in any one-second window, 1 s between messages to a chat, 20 per minute in a group; beyond them it
answers 429 with a retry_after. The outbox is filled through the storage functions, the bot process
drains it, and the figures come from what the fake server recorded:

- rate: messages accepted per second, from the first send to the last, and as a ratio of the limit
- 429s received, alerts lost (a chat without its message), duplicates (a chat with it twice)
- peak RSS of the bot process

Prints figures; the last line is `bench fanout: key=value ...`. `--chats N` runs a smaller fan-out.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storage import connect, outbox  # noqa: E402 - after the path set-up
from tests.fakes import FakeTelegram  # noqa: E402
from tests.helpers import fill_outbox  # noqa: E402

LIMIT = 30
STALL_S = 60.0


async def wait_for_fan_out(telegram: FakeTelegram, n: int) -> None:
    """Until every chat has a message, or nothing has been sent for `STALL_S` seconds."""
    last_count, last_change = 0, time.monotonic()
    while True:
        count = len({m.chat_id for m in telegram.sent_messages()})
        if count >= n:
            return
        if count != last_count:
            last_count, last_change = count, time.monotonic()
        elif time.monotonic() - last_change > STALL_S:
            print(f"stalled at {count} of {n} chats", file=sys.stderr)
            return
        await asyncio.sleep(0.5)


async def pending_rows(path: Path) -> int:
    db = await connect(path)
    try:
        return (await outbox.backlog(db))[0]
    finally:
        await db.close()


def figures(telegram: FakeTelegram, n: int) -> dict[str, float | int]:
    """What the fake server saw: rate over the sending span, 429s, lost, duplicates."""
    sent = telegram.sent_messages()
    accepted = [c.time for c in telegram.calls_to("sendMessage") if c.status == 200]
    span = max(accepted) - min(telegram.calls_to("sendMessage")[0].time, min(accepted)) if accepted else 0.0
    per_chat = Counter(m.chat_id for m in sent)
    rate = (len(accepted) - 1) / span if span > 0 else 0.0
    return {
        "chats": n, "sent": len(sent), "seconds": round(span, 1), "rate": round(rate, 2),
        "ratio": round(rate / LIMIT, 3), "http_429": telegram.count_429,
        "lost": n - len(per_chat), "duplicates": sum(c - 1 for c in per_chat.values()),
    }


async def run(n: int) -> dict[str, float | int]:
    """Fill, start the bot, wait for the fan-out, stop it gracefully; return the figures."""
    with tempfile.TemporaryDirectory(prefix="rumorbot-fanout-") as tmp:
        db_path, config = Path(tmp) / "bot.sqlite3", Path(tmp) / "bot.toml"
        config.write_text("[polling]\ninterval = 3600\n", encoding="utf-8")
        await fill_outbox(db_path, n)
        async with FakeTelegram() as telegram:
            telegram.enforce_limits(global_per_s=LIMIT, per_chat_interval=1.0, group_per_min=20)
            env = {**os.environ, "TELEGRAM_BOT_TOKEN": telegram.token, "TELEGRAM_API_BASE_URL": telegram.base_url,
                   "RUMORBOT_DB": str(db_path), "RUMORBOT_CONFIG": str(config)}
            bot = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "rumorbot", "run", env=env, cwd=ROOT,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            )
            # The fake stamps a request when its event loop reaches it; a full garbage collection over the
            # tens of thousands of calls it has recorded stalls that loop for 50-90 ms, after which waiting
            # requests are stamped together and look like a burst (a 429 the bot did not cause). The bot
            # process collects garbage as usual.
            gc.disable()
            try:
                await wait_for_fan_out(telegram, n)
            finally:
                gc.enable()
            bot.send_signal(signal.SIGTERM)
            code = await bot.wait()
            result = figures(telegram, n)
        result["exit_code"] = code
        result["pending_after"] = await pending_rows(db_path)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=10_000, help="subscribed chats, one alert each")
    args = parser.parse_args()
    print(f"fan-out of {args.chats} alerts against a fake Bot API enforcing {LIMIT}/s (about "
          f"{args.chats / LIMIT:.0f} s)...", flush=True)
    result = asyncio.run(run(args.chats))
    for key, value in result.items():
        print(f"  {key:>14}: {value}")
    verdict = "ok" if result["ratio"] >= 0.9 and result["lost"] == 0 and result["duplicates"] == 0 else "MISSED"
    print(f"targets (ratio >= 0.9, 0 lost, 0 duplicates): {verdict}")
    print("bench fanout: " + " ".join(f"{k}={v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
