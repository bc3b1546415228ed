"""The timeline as a PNG chart: stories per day by stance, official responses marked, status on top.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no global figure state), in the
reader's language. Chinese needs a CJK font: Noto Sans CJK SC ships inside the `mplfonts` wheel and is
loaded by path, so nothing depends on the fonts of the machine. Rendering takes a few hundred
milliseconds of CPU: `render_png` runs it in a worker thread, one chart at a time.
"""

from __future__ import annotations

import asyncio
import importlib.util
import io
import textwrap
import threading
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import matplotlib as mpl
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.ticker import MaxNLocator

from bot.engine.text import has_chinese
from bot.i18n import label, t
from bot.timeline import Timeline
from core.records import Stance

SIZE = (8.0, 4.5)  # inches
DPI = 100
CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
STANCE_COLOURS: dict[Stance, str] = {"supports": "#2e7d32", "refutes": "#c62828", "neutral": "#9e9e9e"}
STATUS_COLOURS = {"unverified": "#cfd8dc", "disputed": "#ffcc80", "leaning true": "#a5d6a7",
                  "leaning false": "#ef9a9a", "confirmed": "#2e7d32", "denied": "#c62828"}
DARK_STATUSES = frozenset({"confirmed", "denied"})
OFFICIAL_COLOUR = "#f9a825"
# ConciseDateFormatter's formats per level (years, months, days, hours, minutes, seconds), in numbers
# and characters for Chinese so that no English month name appears on a Chinese chart.
DATE_FORMATS = {
    "en": (["%Y", "%b", "%d", "%H:%M", "%H:%M", "%S"], ["", "%Y", "%b", "%b %d", "%H:%M", "%H:%M"],
           ["", "%Y", "%b %Y", "%d %b %Y", "%d %b %Y", "%d %b %Y %H:%M"]),
    "zh": (["%Y年", "%m月", "%d日", "%H:%M", "%H:%M", "%S"], ["", "%Y年", "%m月", "%m月%d日", "%H:%M", "%H:%M"],
           ["", "%Y年", "%Y年%m月", "%Y年%m月%d日", "%Y年%m月%d日", "%Y年%m月%d日 %H:%M"]),
}
_render_lock = threading.Lock()


@cache
def cjk_font_path() -> Path | None:
    """Noto Sans CJK SC from the `mplfonts` package, registered with matplotlib; None if it is missing."""
    spec = importlib.util.find_spec("mplfonts")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "fonts" / CJK_FONT_FILE
        if path.is_file():
            fontManager.addfont(str(path))
            return path
    return None


def _font_family() -> list[str]:
    path = cjk_font_path()
    cjk = [FontProperties(fname=str(path)).get_name()] if path else []
    return [*cjk, "DejaVu Sans"]


def _title(text: str) -> str:
    """The claim in at most two lines; Chinese characters are twice as wide as Latin letters."""
    width = 36 if has_chinese(text) else 70
    return "\n".join(textwrap.wrap(text, width, max_lines=2, placeholder=" …")) or text[:width]


def _x(day: date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]  # unannotated


def _span(timeline: Timeline) -> tuple[float, float]:
    """The days shown: the evidence's days with a margin, at least a week."""
    first, last = timeline.days[0].day, timeline.days[-1].day
    if (last - first).days < 6:
        middle = first + (last - first) / 2
        first, last = middle - timedelta(days=3), middle + timedelta(days=3)
    return _x(first) - 0.7, _x(last) + 0.7


def _draw_bars(ax: Axes, timeline: Timeline, lang: str) -> None:
    """Stacked bars of stories per day: supporting, refuting, neutral."""
    xs = [_x(d.day) for d in timeline.days]
    bottom = [0] * len(xs)
    stances: tuple[Stance, ...] = ("supports", "refutes", "neutral")
    for stance in stances:
        heights = [d.of(stance) for d in timeline.days]
        ax.bar(xs, heights, width=0.8, bottom=bottom, color=STANCE_COLOURS[stance],
               label=label(lang, "stance", stance))
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]


def _draw_officials(ax: Axes, timeline: Timeline, lang: str, span: tuple[float, float]) -> float:
    """A star over the day of each official response, labelled with who said what; the highest y used.

    Labels in the right third of the chart stand left of their star, so they stay inside the picture.
    """
    totals = {d.day: d.total for d in timeline.days}
    turn = span[0] + (span[1] - span[0]) * 2 / 3
    stacked: dict[date, int] = {}
    top = float(max(totals.values(), default=1))
    for number, mark in enumerate(timeline.officials):
        level = stacked.get(mark.day, 0)
        stacked[mark.day] = level + 1
        y = totals.get(mark.day, 0) + 0.35 + 0.55 * level
        ax.plot([_x(mark.day)], [y], marker="*", markersize=15, color=OFFICIAL_COLOUR, markeredgecolor="#5d4037",
                linestyle="none", label=t(lang, "chart.official") if number == 0 else None, zorder=3)
        verb = label(lang, "alert.verb", mark.stance)
        left = _x(mark.day) > turn
        ax.annotate(t(lang, "chart.official_label", name=mark.name, verb=verb), (_x(mark.day), y),
                    xytext=(-9 if left else 9, -4), textcoords="offset points", ha="right" if left else "left",
                    fontsize=9, color="#3e2723", zorder=4)
        top = max(top, y)
    return top


def _draw_statuses(band: Axes, timeline: Timeline, lang: str, span: tuple[float, float]) -> None:
    """The status along the top: one coloured stretch per status, named where it begins (the first one
    from the left edge: before any evidence a claim stands where its first day leaves it, or unverified)."""
    changes = timeline.statuses
    left, right = span
    for i, change in enumerate(changes):
        start = left if i == 0 else _x(change.day) - 0.5
        end = _x(changes[i + 1].day) - 0.5 if i + 1 < len(changes) else right
        colour = STATUS_COLOURS.get(change.status, "#cfd8dc")
        band.axvspan(start, end, color=colour, linewidth=0)
        band.text(start + 0.15, 0.5, label(lang, "status", change.status), va="center", ha="left", fontsize=9,
                  color="white" if change.status in DARK_STATUSES else "#263238", clip_on=True)
    band.set_yticks([])
    band.tick_params(axis="x", which="both", bottom=False, labelbottom=False)
    for side in ("top", "right", "left", "bottom"):
        band.spines[side].set_visible(False)


def _figure(timeline: Timeline, lang: str) -> Figure:
    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    fig.suptitle(_title(timeline.title), fontsize=12)
    band, ax = fig.subplots(2, 1, sharex=True, height_ratios=(1, 7))
    if timeline.empty:
        ax.text(0.5, 0.5, t(lang, "chart.empty"), ha="center", va="center", transform=ax.transAxes)
        band.set_axis_off()
        ax.set_xticks([])
        ax.set_yticks([])
        return fig
    left, right = _span(timeline)
    _draw_bars(ax, timeline, lang)
    top = _draw_officials(ax, timeline, lang, (left, right))
    _draw_statuses(band, timeline, lang, (left, right))
    ax.set_xlim(left, right)
    ax.set_ylim(0, top + 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]  # unannotated
    ax.xaxis.set_major_locator(locator)
    formats, zero_formats, offset_formats = DATE_FORMATS["zh" if lang == "zh" else "en"]
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]  # unannotated
        locator, formats=formats, zero_formats=zero_formats, offset_formats=offset_formats))
    ax.set_ylabel(t(lang, "chart.ylabel"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", fontsize=9, frameon=False, ncols=4)
    return fig


def render(timeline: Timeline, lang: str) -> bytes:
    """The chart as PNG bytes; the same timeline always gives the same picture."""
    with _render_lock, mpl.rc_context({"font.family": _font_family(), "text.parse_math": False,
                                       "axes.unicode_minus": False}):
        fig = _figure(timeline, lang)
        FigureCanvasAgg(fig)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


async def render_png(timeline: Timeline, lang: str) -> bytes:
    """`render` in a worker thread, so the bot keeps answering while the chart is drawn."""
    return await asyncio.to_thread(render, timeline, lang)
