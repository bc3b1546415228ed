"""The layer contracts in pyproject.toml hold on the tree and break on a planted crossing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("rumorbot", "handlers", "bot", "storage", "config", "core")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` over the packages of `tree`, exactly as `make lint` runs it."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True, text=True, check=False, timeout=120
    )


def copy_tree(dest: Path) -> Path:
    for name in PACKAGES:
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_contracts_hold_on_the_tree() -> None:
    """Every contract is kept by the code as it is."""
    result = lint_imports(ROOT)
    assert (result.returncode, "0 broken" in result.stdout) == (0, True), result.stdout + result.stderr


def broken(report: str) -> list[str]:
    """The names of the contracts `lint-imports` reports as broken."""
    # A contract with declared exceptions is reported as "NAME BROKEN (1 ignored import)".
    return [row.split(" BROKEN")[0] for row in report.splitlines() if " BROKEN" in row]


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("bot/engine/planted.py", "import storage.db", "The engine does no I/O"),
        ("bot/engine/planted.py", "from bot.feeds import parse", "The engine does no I/O"),
        ("storage/planted.py", "from config import settings", "Storage knows SQL only"),
        ("storage/planted.py", "from bot.feeds import parse", "Storage knows SQL only"),
        ("bot/planted.py", "import handlers", "Packages form layers without cycles"),
        ("config/planted.py", "import storage", "Packages form layers without cycles"),
        ("core/planted.py", "import bot.engine", "Packages form layers without cycles"),
        ("bot/ingest.py", "import telegram", "Polling and ingest compose alerts without telegram"),
        ("handlers/planted.py", "from storage.db import transaction", "Handlers write no SQL"),
        ("handlers/status.py", "import aiosqlite", "Handlers write no SQL"),
    ],
)
def test_a_planted_crossing_breaks_its_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    """A copy of the tree with one import across a layer fails, and names the contract it breaks."""
    tree = copy_tree(tmp_path)
    target = tree / module
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(f"{line}\n{before}", encoding="utf-8")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert [name for name in broken(result.stdout) if name.startswith(contract)] != [], result.stdout
