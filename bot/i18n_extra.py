"""More string tables of `bot.i18n`: the timeline chart, search by words, channels, suggestions.

Kept apart from `bot.i18n_strings` so that each table stays readable; `bot.i18n` merges them, and
both languages must have the same keys and placeholders here too.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # timeline chart (plain text, not HTML: matplotlib draws it)
    "chart.ylabel": "stories per day",
    "chart.official": "official response",
    "chart.official_label": "{name}: {verb}",
    "chart.empty": "No evidence yet",
}

ZH: dict[str, str] = {
    "chart.ylabel": "每日报道数",
    "chart.official": "官方回应",
    "chart.official_label": "{name}：{verb}",
    "chart.empty": "暂无证据",
}
