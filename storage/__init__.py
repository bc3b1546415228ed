"""SQLite storage: the only package that writes SQL. Functions take the connection first."""

from storage.db import StorageError, connect, transaction

__all__ = ["StorageError", "connect", "transaction"]
