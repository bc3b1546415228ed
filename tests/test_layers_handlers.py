"""Handlers stay thin: they write no SQL and open no transactions; storage owns both.

Checked over the import graph and the calls of every module in `handlers/`, and the check itself is
shown to catch a planted violation.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORBIDDEN_MODULES = ("aiosqlite", "sqlite3", "storage.db")
FORBIDDEN_NAMES = {"storage": {"transaction", "connect"}}
SQL_CALLS = {"execute", "executemany", "executescript", "commit", "rollback"}


def violations(source: str) -> list[str]:
    """What in a handler module's source crosses the layer: imports of the database, SQL calls."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.startswith(FORBIDDEN_MODULES)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith(FORBIDDEN_MODULES):
                found.append(f"from {node.module} import …")
            found += [f"from {node.module} import {a.name}" for a in node.names
                      if a.name in FORBIDDEN_NAMES.get(node.module, set())]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            found.append(f"call .{node.func.attr}()")
    return found


HANDLER_FILES = sorted((ROOT / "handlers").glob("*.py"))


@pytest.mark.parametrize("path", HANDLER_FILES, ids=lambda p: p.name)
def test_handlers_neither_import_the_database_nor_write_sql(path: Path) -> None:
    """No handler module imports aiosqlite or storage's transaction machinery, or calls execute/commit."""
    assert violations(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("planted", "expected"), [
    ("import aiosqlite", ["import aiosqlite"]),
    ("from storage.db import transaction", ["from storage.db import …"]),
    ("from storage import transaction, chats", ["from storage import transaction"]),
    ("async def f(db):\n    await db.execute('DELETE FROM chats')", ["call .execute()"]),
    ("from storage import chats, commands", []),
])
def test_the_check_catches_a_planted_violation(planted: str, expected: list[str]) -> None:
    """A handler that opened its own transaction or wrote SQL would fail the check above."""
    assert violations(planted) == expected
