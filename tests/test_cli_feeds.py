"""`rumorbot feeds import` and `rumorbot feeds export`: the feed list in and out as OPML."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.feeds.opml import parse_opml
from rumorbot.cli import main
from storage import connect, feeds

CONFIG = """
[polling]
allow_private = {allow_private}

[[feeds]]
url = "https://configured.example/rss"
name = "Configured"
"""
OPML = b"""<?xml version="1.0"?>
<opml version="1.0"><body>
<outline text="Local" xmlUrl="http://127.0.0.1:9/local.xml"/>
<outline text="Gone" xmlUrl="http://feed.invalid/rss"/>
</body></opml>"""


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUMORBOT_DB", str(tmp_path / "bot.sqlite3"))
    path = tmp_path / "bot.toml"
    path.write_text(CONFIG.format(allow_private="true"), encoding="utf-8")
    return path


def stored(tmp_path: Path) -> list[feeds.Feed]:
    async def read() -> list[feeds.Feed]:
        db = await connect(tmp_path / "bot.sqlite3")
        try:
            return await feeds.list_feeds(db)
        finally:
            await db.close()
    return asyncio.run(read())


def test_import_adds_feeds_and_prints_a_summary(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Acceptable feeds are added once; the summary line counts them; refusals go to stderr."""
    opml = tmp_path / "list.opml"
    opml.write_bytes(OPML)
    assert main(["feeds", "import", str(opml), "--config", str(config)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{opml}: added 1, already tracked 0, refused 1\n"
    assert err == "rumorbot: refused http://feed.invalid/rss: DNS lookup failed\n"
    assert [(f.name, f.origin) for f in stored(tmp_path)] == [("Configured", "config"), ("Local", "opml")]
    assert main(["feeds", "import", str(opml), "--config", str(config)]) == 0
    assert capsys.readouterr().out == f"{opml}: added 0, already tracked 1, refused 1\n"


def test_import_refuses_private_addresses_by_default(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without allow_private, a feed on a loopback address is refused with the reason."""
    config.write_text(CONFIG.format(allow_private="false"), encoding="utf-8")
    opml = tmp_path / "list.opml"
    opml.write_bytes(OPML)
    assert main(["feeds", "import", str(opml), "--config", str(config)]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("added 0, already tracked 0, refused 2\n")
    assert "refused http://127.0.0.1:9/local.xml: refused: resolves to private address 127.0.0.1" in err


@pytest.mark.parametrize(("content", "reason"), [
    (b"<html><body>hi</body></html>", "rumorbot: not an OPML document\n"),
    (b"<opml><body>", "rumorbot: OPML is not well-formed XML: no element found at line 1\n"),
    (b'<!DOCTYPE x [<!ENTITY a "b">]><opml/>', "rumorbot: OPML refused: DOCTYPE not allowed\n"),
    (None, "rumorbot: cannot read {path}: No such file or directory\n"),
])
def test_bad_file_is_one_line_on_stderr_and_exit_2(
    tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, reason: str
) -> None:
    """A file that is not OPML, is broken, is hostile or is missing: one line, exit code 2, nothing stored."""
    opml = tmp_path / "bad.opml"
    if content is not None:
        opml.write_bytes(content)
    assert main(["feeds", "import", str(opml), "--config", str(config)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", reason.format(path=opml))


def test_export_prints_every_feed_as_opml(tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Export lists the tracked feeds (configured and imported) as OPML 2.0 that import reads back."""
    opml = tmp_path / "list.opml"
    opml.write_bytes(OPML)
    main(["feeds", "import", str(opml), "--config", str(config)])
    capsys.readouterr()
    assert main(["feeds", "export", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert '<opml version="2.0">' in out
    assert [(f.url, f.name) for f in parse_opml(out.encode())] == [
        ("https://configured.example/rss", "Configured"), ("http://127.0.0.1:9/local.xml", "Local")]
