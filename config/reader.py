"""Typed, strict access to one TOML table: every error names the file, the key and the reason.

A table lists the keys it knows (`known`); any other key, a typo most of the time, is refused with
the closest known key, so `intervall = 30` or a `[poling]` table never passes silently.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from core.errors import ConfigError
from core.ids import ID_RULE, is_id


def unknown_key_error(source: str, path: str, key: str, known: Iterable[str], what: str = "key") -> ConfigError:
    """`file: path: unknown key; did you mean 'closest'?` (no guess when nothing is close)."""
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(sorted(known))}"
    return ConfigError(f"{source}: {path}: unknown {what}{hint}")


class Reader:
    """One table of the file, read with types checked and unknown keys refused."""

    def __init__(self, source: str, where: str, table: Mapping[str, Any], known: Iterable[str] = ()) -> None:
        self.source, self.where, self.table = source, where, table
        self.known(*known)

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, reason: str) -> ConfigError:
        return ConfigError(f"{self.source}: {self.path(key)}: {reason}")

    def known(self, *keys: str) -> None:
        """Refuse any key of this table that is not among `keys` (nothing is checked when none are given)."""
        if not keys:
            return
        for key, value in self.table.items():
            if key not in keys:
                what = "table" if isinstance(value, dict) else "key"
                raise unknown_key_error(self.source, self.path(key), key, keys, what)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        value = self.table.get(key, default)
        if value is None and default is None and key in self.table:
            raise self.fail(key, "must not be empty")
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool) != (kind is bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(key, f"must be {names}, got {type(value).__name__}")
        return value

    def require(self, key: str, kind: type) -> Any:
        if key not in self.table:
            raise self.fail(key, "is required")
        return self.get(key, kind)

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        if not all(isinstance(v, str) and v.strip() for v in values):
            raise self.fail(key, "must be a list of non-empty strings")
        return tuple(v.strip() for v in values)

    def slug(self, key: str, *, required: bool = True) -> str:
        value: str = self.require(key, str) if required else self.get(key, str, "")
        if (required or value) and not is_id(value):
            raise self.fail(key, f"{value!r} must be {ID_RULE}")
        return value

    def number(self, key: str, default: float, low: float, high: float) -> float:
        value = self.get(key, (int, float), default)
        if not low <= value <= high:
            raise self.fail(key, f"must be between {low:g} and {high:g}, got {value}")
        return float(value)

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value: str = self.get(key, str, choices[0])
        if value not in choices:
            raise self.fail(key, "must be " + " or ".join(repr(c) for c in choices) + f", got {value!r}")
        return value

    def table_of(self, key: str, known: Iterable[str]) -> Reader:
        """A sub-table (`[key]`), empty when absent."""
        return Reader(self.source, self.path(key), self.get(key, dict, {}), known)

    def tables(self, key: str, known: Iterable[str]) -> list[Reader]:
        values = self.get(key, list, [])
        if not all(isinstance(v, dict) for v in values):
            raise self.fail(key, "must be an array of tables ([[...]])")
        return [Reader(self.source, f"{key}[{i}]", v, known) for i, v in enumerate(values)]
