"""SQLite storage: the only package that writes SQL. Functions take the connection first."""

from core.errors import StorageError
from storage.db import connect, transaction

__all__ = ["StorageError", "connect", "transaction"]
