"""The timeline of a claim: what each day counts, when the status changed, and the chart drawn from it."""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from matplotlib.testing.compare import compare_images
from PIL import Image

from bot.timeline import DayCount, OfficialMark, StatusChange, Timeline, build_timeline
from bot.timeline_chart import DPI, SIZE, cjk_font_path, render, render_png
from core.records import OfficialKind, Stance, StoryEvidence

REFERENCE = Path(__file__).parent / "reference"
# Set to rewrite the reference pictures after a deliberate change of the chart's layout.
UPDATE = os.environ.get("RUMORBOT_UPDATE_REFERENCE") == "1"
# RMS difference (0-255 scale) allowed against the reference: text rendering shifts a little between
# FreeType and matplotlib versions; a moved bar, a missing label or boxes for Chinese cost far more.
TOLERANCE = 6.0
NAMES = {"baic": "BAIC Blue Valley", "miit": "MIIT"}
ZH_NAMES = {"baic": "北汽蓝谷", "miit": "工信部"}
UTC_ZONE = ZoneInfo("UTC")


def story(n: int, day: int, hour: int, stance: Stance, official: OfficialKind | None = None,
          entity: str | None = None, score: float = 0.8) -> StoryEvidence:
    return StoryEvidence(n, stance, official, entity, score, "Daily News", datetime(2021, 3, day, hour, tzinfo=UTC))


STORY = [
    story(1, 1, 2, "supports"), story(2, 1, 5, "supports"), story(3, 2, 3, "neutral"),
    story(4, 3, 9, "refutes"), story(5, 3, 10, "supports"), story(6, 4, 6, "refutes", "source", "baic", 0.9),
    story(7, 6, 1, "neutral"), story(8, 8, 3, "supports"), story(9, 8, 4, "refutes", "reported", "miit", 0.9),
]


def test_stories_are_counted_per_day_and_stance() -> None:
    """Each day counts its stories by stance; days without evidence are not listed."""
    timeline = build_timeline("t", STORY, NAMES, UTC_ZONE)
    assert timeline.days[:3] == (
        DayCount(date(2021, 3, 1), supports=2), DayCount(date(2021, 3, 2), neutral=1),
        DayCount(date(2021, 3, 3), supports=1, refutes=1),
    )
    assert [d.day.day for d in timeline.days] == [1, 2, 3, 4, 6, 8]


def test_one_vote_per_story() -> None:
    """Two copies of one story (two feeds) count once, its official copy first."""
    copies = [story(1, 1, 2, "supports"), story(1, 1, 3, "refutes", "source", "baic")]
    timeline = build_timeline("t", copies, NAMES, UTC_ZONE)
    assert timeline.days == (DayCount(date(2021, 3, 1), refutes=1),)
    assert timeline.officials == (OfficialMark(date(2021, 3, 1), "BAIC Blue Valley", "refutes"),)


def test_days_follow_the_readers_time_zone() -> None:
    """A story published at 20:00 UTC belongs to the next day in Shanghai."""
    late = [story(1, 1, 20, "supports")]
    assert build_timeline("t", late, NAMES, UTC_ZONE).days[0].day == date(2021, 3, 1)
    assert build_timeline("t", late, NAMES, ZoneInfo("Asia/Shanghai")).days[0].day == date(2021, 3, 2)


def test_official_responses_are_named_in_the_readers_language() -> None:
    """Each official response is marked on its day with its party's name."""
    timeline = build_timeline("t", STORY, ZH_NAMES, UTC_ZONE)
    assert timeline.officials == (
        OfficialMark(date(2021, 3, 4), "北汽蓝谷", "refutes"), OfficialMark(date(2021, 3, 8), "工信部", "refutes"),
    )


def test_status_changes_are_those_of_each_days_end() -> None:
    """The status starts where the first day leaves it and changes when an official word decides."""
    timeline = build_timeline("t", STORY, NAMES, UTC_ZONE)
    assert timeline.statuses == (
        StatusChange(date(2021, 3, 1), "leaning true"), StatusChange(date(2021, 3, 4), "denied"),
    )


def test_a_day_that_ends_where_it_began_is_no_change() -> None:
    """Support then refutation on one day: only the day's final status counts."""
    same_day = [story(1, 1, 1, "supports"), story(2, 1, 2, "refutes", score=0.9), story(3, 2, 1, "refutes")]
    statuses = build_timeline("t", same_day, NAMES, UTC_ZONE).statuses
    assert statuses == (StatusChange(date(2021, 3, 1), "disputed"), StatusChange(date(2021, 3, 2), "leaning false"))


def test_no_evidence_gives_an_empty_timeline() -> None:
    """A claim without evidence has no days and no status changes."""
    assert build_timeline("t", [], NAMES, UTC_ZONE) == Timeline("t", (), (), ())


def test_the_cjk_font_ships_with_the_dependencies() -> None:
    """Chinese is drawn with Noto Sans CJK from an installed package, not the machine's fonts."""
    path = cjk_font_path()
    assert path is not None
    assert path.name == "NotoSansCJKsc-Regular.otf"


def _png_size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        return image.size


def _matches_reference(png: bytes, name: str, tmp_path: Path) -> None:
    expected = REFERENCE / name
    if UPDATE:
        expected.write_bytes(png)
    actual = tmp_path / name
    actual.write_bytes(png)
    assert compare_images(str(expected), str(actual), tol=TOLERANCE) is None


@pytest.mark.parametrize(("lang", "title", "names"), [
    ("en", "BAIC Blue Valley will build Xiaomi's cars as a contract manufacturer", NAMES),
    ("zh", "北汽蓝谷将为小米汽车代工", ZH_NAMES),
])
def test_chart_matches_the_reference_picture(lang: str, title: str, names: dict[str, str], tmp_path: Path) -> None:
    """The chart of a fixed story looks like the checked-in picture, Chinese glyphs included."""
    png = render(build_timeline(title, STORY, names, ZoneInfo("Asia/Shanghai")), lang)
    assert _png_size(png) == (int(SIZE[0] * DPI), int(SIZE[1] * DPI))
    _matches_reference(png, f"timeline-{lang}.png", tmp_path)


def test_the_same_timeline_gives_the_same_png() -> None:
    """Rendering is deterministic: no timestamps or version strings in the file."""
    timeline = build_timeline("t", STORY, NAMES, UTC_ZONE)
    assert render(timeline, "en") == render(timeline, "en")


async def test_rendering_off_the_event_loop() -> None:
    """`render_png` gives the same picture from a worker thread."""
    timeline = build_timeline("t", STORY, NAMES, UTC_ZONE)
    assert await render_png(timeline, "zh") == render(timeline, "zh")


@pytest.mark.parametrize("title", ["Tesla stock will reach $1,000 and $2,000", "", "x" * 500])
def test_any_claim_text_draws(title: str) -> None:
    """Dollar signs are text, not formulas; empty and very long titles still give a picture."""
    assert _png_size(render(build_timeline(title, STORY, NAMES, UTC_ZONE), "en")) == (800, 450)


def test_a_claim_without_evidence_draws_a_note() -> None:
    """No evidence: a picture that says so, not an error."""
    assert _png_size(render(Timeline("t", (), (), ()), "zh")) == (800, 450)


def test_the_readme_shows_the_story_charts() -> None:
    """The README shows the seed story's charts, and they are real pictures of the chart's size."""
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name in ("timeline.png", "timeline-zh.png"):
        assert f"](docs/{name})" in readme
        assert _png_size((root / "docs" / name).read_bytes()) == (800, 450)
