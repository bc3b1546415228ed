"""Drawing timeline charts: how long one takes, the first (font loading) and the next ones, in each language.

A chart of 90 days with a few stories a day and some official responses is drawn in English and in
Chinese; the first draw loads matplotlib's font cache and the 16 MB CJK font, later ones reuse them.
Ends with one line `bench timeline: key=value ...`.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.timeline import build_timeline  # noqa: E402
from bot.timeline_chart import render  # noqa: E402
from core.records import STANCES, OfficialKind, StoryEvidence  # noqa: E402

DAYS = 90
REPEATS = 5


def story(seed: int = 7) -> list[StoryEvidence]:
    """A rumor over `DAYS` days: 0-6 stories a day, an official word now and then."""
    rng = random.Random(seed)
    start = datetime(2023, 8, 1, tzinfo=UTC)
    found: list[StoryEvidence] = []
    number = 0
    for day in range(DAYS):
        for _ in range(rng.randint(0, 6)):
            number += 1
            official: OfficialKind | None = "source" if rng.random() < 0.03 else None
            when = start + timedelta(days=day, hours=rng.randint(0, 23))
            found.append(StoryEvidence(number, rng.choice(STANCES), official, "baic" if official else None,
                                       rng.uniform(0.5, 1.0), "feed", when))
    return found


def main() -> None:
    evidence = story()
    figures: dict[str, float] = {"stories": len(evidence)}
    for lang, title, names in (("en", "BAIC Blue Valley will build Xiaomi's cars", {"baic": "BAIC Blue Valley"}),
                               ("zh", "北汽蓝谷将为小米汽车代工", {"baic": "北汽蓝谷"})):
        timeline = build_timeline(title, evidence, names, ZoneInfo("Asia/Shanghai"))
        started = time.perf_counter()
        png = render(timeline, lang)
        figures[f"{lang}_first_ms"] = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            render(timeline, lang)
            times.append(time.perf_counter() - started)
        figures[f"{lang}_ms"] = min(times) * 1000
        figures[f"{lang}_png_kb"] = len(png) / 1024
        print(f"{lang}: first {figures[f'{lang}_first_ms']:.0f} ms, then {figures[f'{lang}_ms']:.0f} ms "
              f"(best of {REPEATS}), {figures[f'{lang}_png_kb']:.0f} KiB")
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("bench timeline: " + " ".join(f"{k}={v:.0f}" if k != "stories" else f"{k}={int(v)}"
                                        for k, v in figures.items()))


if __name__ == "__main__":
    main()
