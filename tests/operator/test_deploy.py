"""Deployment files that are checked: the systemd units pass `systemd-analyze verify`, the LICENSE is MIT."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from rumorbot.cli import EXIT_IN_USE, EXIT_UNUSABLE
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
UNITS = ("rumorbot.service", "rumorbot-backup.service", "rumorbot-backup.timer")
INSTALLED = "/opt/rumorbot/bin/rumorbot"


def test_license_file_matches_pyproject() -> None:
    """pyproject.toml says MIT, and LICENSE holds the MIT licence text."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == "MIT"
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text
    assert re.search(r"^Copyright \(c\) \d{4} ", text, re.MULTILINE)


def test_service_runs_the_bot_and_stops_restarting_on_errors_a_restart_cannot_fix() -> None:
    """ExecStart is `rumorbot run`; the command line's exit codes for what a restart cannot fix (a bad
    configuration or database, a database in use) are not restarted; the token comes from an environment file."""
    unit = (DEPLOY / "rumorbot.service").read_text(encoding="utf-8")
    assert f"ExecStart={INSTALLED} run\n" in unit
    assert f"RestartPreventExitStatus={EXIT_UNUSABLE} {EXIT_IN_USE}\n" in unit
    assert "EnvironmentFile=/etc/rumorbot/rumorbot.env\n" in unit
    assert "TELEGRAM_BOT_TOKEN=" not in unit


def test_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    """Each unit, with ExecStart pointed at this checkout's installed `rumorbot`, verifies without a warning."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here, so deploy/*.service and *.timer were NOT verified; "
                    "install systemd to run this check")
    rumorbot = Path(sys.executable).with_name("rumorbot")
    assert rumorbot.exists(), f"{rumorbot} is missing: install rumorbot into this environment first"
    for name in UNITS:
        text = (DEPLOY / name).read_text(encoding="utf-8").replace(INSTALLED, str(rumorbot))
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run([analyze, "verify", "--man=no", *(str(tmp_path / n) for n in UNITS)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr
