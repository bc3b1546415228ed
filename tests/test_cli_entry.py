"""Both published names of the command line start it: `rumorbot` and `python -m bot`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("module", ["rumorbot", "bot"])
def test_python_dash_m_runs_the_command_line(module: str) -> None:
    """`python -m rumorbot --help` and `python -m bot --help` print the same usage."""
    done = subprocess.run(
        [sys.executable, "-m", module, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: rumorbot")
    assert "match" in done.stdout
