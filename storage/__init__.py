"""Storage: the only package that writes SQL, on SQLite or PostgreSQL (`storage.db`); functions take it first."""

from storage.db import StorageError, connect, transaction

__all__ = ["StorageError", "connect", "transaction"]
