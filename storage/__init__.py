"""Storage: the only package that writes SQL, on SQLite or PostgreSQL (`storage.db`); functions take it first."""

from core.errors import StorageError
from storage.db import connect, transaction

__all__ = ["StorageError", "connect", "transaction"]
