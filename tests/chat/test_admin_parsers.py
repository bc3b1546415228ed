"""The arguments of /track, /official and /addfeed, read by pure parsers: tables of cases."""

from __future__ import annotations

import pytest

from handlers.admin_claims import OfficialArgs, TrackArgs, parse_official, parse_track
from handlers.admin_feeds import AddFeedArgs, parse_addfeed

LONG_TEXT = "x" * 501


@pytest.mark.parametrize(("args", "expected"), [
    (["xiaomi-car", "xiaomi-auto", "Xiaomi", "builds", "cars"],
     TrackArgs("xiaomi-car", "xiaomi-auto", "Xiaomi builds cars")),
    (["Xiaomi-Car", "AUTO", "小米造车"], TrackArgs("xiaomi-car", "auto", "小米造车")),
    (["a" * 48, "t", "text"], TrackArgs("a" * 48, "t", "text")),
    (["c", "t", *["word"] * 100], TrackArgs("c", "t", " ".join(["word"] * 100))),
    ([], "usage"),
    (["only-id"], "usage"),
    (["id", "topic"], "usage"),
    (["a" * 49, "t", "text"], "usage"),
    (["bad id!", "t", "text"], "usage"),
    (["id", "to/pic", "text"], "usage"),
    (["-id", "t", "text"], "usage"),
    (["id", "t", LONG_TEXT], "track.text_too_long"),
    (["id", "t", "x" * 500], TrackArgs("id", "t", "x" * 500)),
])
def test_track_arguments(args: list[str], expected: TrackArgs | str) -> None:
    """/track <id> <topic> <text>: slugs lower-cased, the text joined; garbage is a usage answer."""
    assert parse_track(args) == expected


@pytest.mark.parametrize(("args", "expected"), [
    (["3", "baic"], OfficialArgs(3, ("baic",))),
    (["3", "baic", "MIIT"], OfficialArgs(3, ("baic", "miit"))),
    (["3", "none"], OfficialArgs(3, ())),
    (["https://ir.example/rss", "baic"], OfficialArgs("https://ir.example/rss", ("baic",))),
    (["https://" + "a" * 3000, "baic"], OfficialArgs(("https://" + "a" * 3000)[:2000], ("baic",))),
    (["3"], None),
    ([], None),
    (["3", "not an id!"], None),
    (["3", "baic", "??"], None),
])
def test_official_arguments(args: list[str], expected: OfficialArgs | None) -> None:
    """/official <feed id|url> <entity id>…|none: a number is a feed id, anything else its URL."""
    assert parse_official(args) == expected


@pytest.mark.parametrize(("args", "expected"), [
    (["https://example.com/rss.xml"], AddFeedArgs("https://example.com/rss.xml", "")),
    (["https://example.com/rss.xml", "Auto", "News"], AddFeedArgs("https://example.com/rss.xml", "Auto News")),
    (["https://example.com/rss.xml", "n" * 150], AddFeedArgs("https://example.com/rss.xml", "n" * 99 + "…")),
    (["example.com"], AddFeedArgs("example.com", "")),
    ([], None),
    ([" "], None),
])
def test_addfeed_arguments(args: list[str], expected: AddFeedArgs | None) -> None:
    """/addfeed <URL> [name]: the URL as given (checked by fetching it), a name cut to 100 characters."""
    assert parse_addfeed(args) == expected
