"""A consistent copy of a live SQLite database, through SQLite's online backup API.

The copy is taken in one step from one read transaction: in WAL mode that is a snapshot of the last
committed state, taken while the bot goes on writing (writers are not blocked). It is written beside
the target and renamed into place, so the target is never a half-written file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from core.errors import StorageError


def backup_sqlite(source: Path, target: Path) -> int:
    """Copy the database at `source` to `target`; return the copy's size in bytes."""
    if not source.is_file():
        raise StorageError(f"no database at {source}")
    partial = target.with_name(target.name + ".partial")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)) as src, \
                contextlib.closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)  # pages=-1: the whole database from one snapshot
            dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StorageError(f"the copy of {source} fails its check: {check}")
        os.replace(partial, target)
    except sqlite3.Error as err:
        raise StorageError(f"cannot back up {source} to {target}: {err}") from err
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size
