"""The README cannot rot: every chat command and CLI subcommand is documented."""

from __future__ import annotations

import re

import pytest

import handlers
from rumorbot.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [name for name, _, _ in handlers.COMMANDS])
def test_every_chat_command_is_in_the_readme(command: str) -> None:
    """Each registered chat command appears in the README's table."""
    assert re.search(rf"`/{command}[ `]", README), f"/{command} is not documented in README.md"


def test_every_cli_subcommand_is_in_the_readme() -> None:
    """Each `rumorbot` subcommand appears in the README."""
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices or {}:
        assert f"`rumorbot {name}" in README, f"rumorbot {name} is not documented in README.md"


def test_readme_gives_the_two_setup_commands() -> None:
    """The README names `make run` and `make test`, and CI runs the same test command."""
    assert "`make run`" in README
    assert "`make test`" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
