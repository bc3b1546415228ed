"""`python -m tests.story.chart [DIR]`: the story's timeline charts for the README, from the real engine.

Each step of the story is dated as the story tells it; its posts go through the engine built from the
example configuration, one vote per piece of news, and the chart of a claim is drawn from that evidence
exactly as `/timeline` draws it from stored evidence.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.alerts import claim_text, name_in
from bot.engine import Engine, Item, StoryEvidence
from bot.timeline import Timeline, build_timeline
from bot.timeline_chart import render
from config.settings import load_settings
from tests.story.timeline import FEEDS, STEPS

ROOT = Path(__file__).resolve().parents[2]
# The story's own dates for its steps ("late Oct 2023" is the 22nd), at 09:00 Beijing time.
STEP_DAYS = {"17–18 Oct 2023": 17, "19 Oct 2023": 19, "20 Oct 2023": 20, "late Oct 2023": 22, "24 Oct 2023": 24,
             "25 Oct 2023": 25}
SHANGHAI = ZoneInfo("Asia/Shanghai")
CHARTS = (("xiaomi-baic-oem", "en", "timeline.png"), ("xiaomi-qualification", "zh", "timeline-zh.png"))


def story_evidence(engine: Engine, claim_id: str) -> list[StoryEvidence]:
    """The claim's evidence from every post of the story: one story per piece of news."""
    official_for = {f.key: f.official_for for f in FEEDS}
    names = {f.key: f.name for f in FEEDS}
    found: list[StoryEvidence] = []
    news_ids: dict[str, int] = {}
    for step in STEPS:
        day = datetime(2023, 10, STEP_DAYS[step.when], 9, tzinfo=SHANGHAI).astimezone(UTC)
        for hour, post in enumerate(step.posts):
            published = day + timedelta(hours=2 * hour)
            item = Item(post.key, post.title, post.summary, post.link, names[post.feed], published,
                        official_for[post.feed])
            for ev in engine.match(item):
                if ev.claim_id == claim_id and ev.level == "match":
                    story = news_ids.setdefault(post.same_news, len(news_ids) + 1)
                    found.append(StoryEvidence(story, ev.stance, ev.official, ev.official_entity, ev.score,
                                               names[post.feed], published))
    return found


def story_timeline(claim_id: str, lang: str) -> Timeline:
    settings = load_settings(ROOT / "config" / "example.toml")
    engine = Engine(settings.claims, settings.entities)
    claim = next(c for c in settings.claims if c.id == claim_id)
    names = {e.id: name_in(e.names, lang) for e in settings.entities}
    return build_timeline(claim_text(claim, lang), story_evidence(engine, claim_id), names, SHANGHAI)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    for claim_id, lang, name in CHARTS:
        (folder / name).write_bytes(render(story_timeline(claim_id, lang), lang))
        print(folder / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
