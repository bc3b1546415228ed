"""Handlers stay thin, beyond what the import contracts see: no SQL call, no transaction taken from `storage`.

The "thin-handlers" contract in pyproject.toml forbids importing aiosqlite and `storage.db`; `storage`
also re-exports `transaction` and `connect`, and a call of `.execute()` needs no import at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REEXPORTED = {"transaction", "connect"}
SQL_CALLS = {"execute", "executemany", "executescript", "commit", "rollback"}


def violations(source: str) -> list[str]:
    """What in a handler module's source writes SQL or takes a transaction from `storage`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "storage":
            found += [f"from storage import {a.name}" for a in node.names if a.name in REEXPORTED]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            found.append(f"call .{node.func.attr}()")
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "handlers").glob("*.py")), ids=lambda p: p.name)
def test_handlers_write_no_sql_and_take_no_transaction(path: Path) -> None:
    """No handler module calls execute/commit or imports `transaction` or `connect` from storage."""
    assert violations(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("planted", "expected"), [
    ("from storage import transaction, chats", ["from storage import transaction"]),
    ("async def f(db):\n    await db.execute('DELETE FROM chats')", ["call .execute()"]),
    ("async def f(db):\n    await db.commit()", ["call .commit()"]),
    ("from storage import chats, commands", []),
])
def test_the_check_catches_a_planted_violation(planted: str, expected: list[str]) -> None:
    """A handler that opened its own transaction or wrote SQL would fail the check above."""
    assert violations(planted) == expected
