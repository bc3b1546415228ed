"""The README cannot rot: every chat command, CLI subcommand, configuration key and match output key is documented."""

from __future__ import annotations

import ast
import dataclasses
import json
import re

import pytest

import handlers
from config.settings import (
    LoggingConfig,
    MetricsConfig,
    PollingConfig,
    RetentionConfig,
    Settings,
    TelegramConfig,
)
from core.records import Evidence, FeedConfig
from rumorbot.cli import build_parser
from rumorbot.commands.match import as_json
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


def _config_rows() -> list[str]:
    """The first cell of every row of the README's configuration table: the keys it documents."""
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]


# Fields whose key in the file or the environment is not the field's own name.
KEY_OF_FIELD = {
    ("TelegramConfig", "token"): "TELEGRAM_BOT_TOKEN",
    ("TelegramConfig", "base_url"): "api_base_url",
    ("Settings", "source"): "RUMORBOT_CONFIG",
    ("Settings", "db_path"): "database",
    ("TelegramConfig", "secret_token"): "TELEGRAM_WEBHOOK_SECRET",
    ("PollingConfig", "no_proxy"): "NO_PROXY",
}
TABLE_OF = {TelegramConfig: "[telegram]", PollingConfig: "[polling]", FeedConfig: "[[feeds]]", Settings: "",
            MetricsConfig: "[metrics]", RetentionConfig: "[retention]", LoggingConfig: "[logging]"}


@pytest.mark.parametrize(("config", "name"), [(c, f.name) for c in TABLE_OF for f in dataclasses.fields(c)],
                         ids=lambda v: v if isinstance(v, str) else v.__name__)
def test_every_setting_is_in_the_readme_configuration_table(config: type, name: str) -> None:
    """Each field of each settings dataclass has a row of the configuration table, under its table."""
    key = KEY_OF_FIELD.get((config.__name__, name), name)
    table = "" if key.isupper() else TABLE_OF[config]  # an environment variable belongs to no table
    rows = [row for row in _config_rows() if table in row]
    assert any(re.search(rf"(?<![\w]){re.escape(key)}(?![\w])", row) for row in rows), (
        f"{config.__name__}.{name} ({TABLE_OF[config]} {key}) is not in README.md's configuration table")


def _keys_read_by_the_loader() -> set[str]:
    """Every key `config/settings.py` reads: the first string argument of its readers and of `env.get`."""
    tree = ast.parse((ROOT / "config" / "settings.py").read_text(encoding="utf-8"))
    readers = {"get", "require", "number", "strings", "slug", "tables"}
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in readers
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


def test_every_key_the_loader_reads_is_in_the_readme() -> None:
    """No key of the file or the environment is read without a row that documents it."""
    cells = " ".join(_config_rows())
    missing = {k for k in _keys_read_by_the_loader() if not re.search(rf"(?<![\w]){re.escape(k)}(?![\w])", cells)}
    assert missing == set()


def test_readme_match_output_keys_are_what_match_prints() -> None:
    """The keys the README gives for a `rumorbot match` line are the keys of a printed line."""
    row = next(line for line in README.splitlines() if line.startswith("| `rumorbot match"))
    documented = re.findall(r'"(\w+)"', row.split("Prints one JSON line", 1)[1].split("}", 1)[0])
    evidence = Evidence("item-1", "claim-1", 0.9, "match", "refutes", "denied", "source", "baic", "BAIC denies it.")
    assert documented == list(json.loads(as_json(evidence)))
