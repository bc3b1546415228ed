"""Loading and validating the configuration.

The TOML file gives feeds, entities, claims and tuning; the environment gives the secrets and paths
(`TELEGRAM_BOT_TOKEN`, `TELEGRAM_API_BASE_URL`, `RUMORBOT_CONFIG`, `RUMORBOT_DB`), and wins over the file.
A bad value fails at start-up with the file, the key and the reason.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.engine.types import Claim, Entity

DEFAULT_CONFIG = Path(__file__).with_name("example.toml")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file, key and reason."""


@dataclass(frozen=True, slots=True)
class TelegramConfig:
    token: str = ""
    base_url: str | None = None
    admins: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class PollingConfig:
    interval: float = 300.0
    min_interval: float = 60.0
    max_interval: float = 43200.0
    timeout: float = 20.0
    max_body_bytes: int = 5 * 1024 * 1024
    concurrency: int = 20
    per_host: int = 2
    failing_after: int = 10
    alert_backlog: bool = False
    allow_private: bool = False
    lease: float = 60.0  # seconds a poller keeps a claimed feed; a dead poller's feeds come back after it


@dataclass(frozen=True, slots=True)
class FeedConfig:
    url: str
    name: str
    official_for: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    source: str
    database: str  # a SQLite path or a postgresql:// URL
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    polling: PollingConfig = field(default_factory=PollingConfig)
    feeds: tuple[FeedConfig, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def on_postgres(self) -> bool:
        return self.database.startswith(("postgresql://", "postgres://"))

    @property
    def db_path(self) -> Path:
        """The SQLite file (meaningless on PostgreSQL)."""
        return Path(self.database)


class _Reader:
    """Typed access to one TOML table, with errors that say where."""

    def __init__(self, source: str, where: str, table: Mapping[str, Any]) -> None:
        self.source, self.where, self.table = source, where, table

    def fail(self, key: str, reason: str) -> ConfigError:
        path = f"{self.where}.{key}" if self.where else key
        return ConfigError(f"{self.source}: {path}: {reason}")

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

    def slug(self, key: str) -> str:
        value: str = self.require(key, str)
        if not _SLUG.match(value):
            raise self.fail(key, f"{value!r} must be lower-case letters, digits, '-' or '_' (at most 64)")
        return value

    def number(self, key: str, default: float, low: float, high: float) -> float:
        value = self.get(key, (int, float), default)
        if not low <= value <= high:
            raise self.fail(key, f"must be between {low:g} and {high:g}, got {value}")
        return float(value)

    def tables(self, key: str) -> list[_Reader]:
        values = self.get(key, list, [])
        if not all(isinstance(v, dict) for v in values):
            raise self.fail(key, "must be an array of tables ([[...]])")
        return [_Reader(self.source, f"{key}[{i}]", v) for i, v in enumerate(values)]


def _telegram(root: _Reader, env: Mapping[str, str]) -> TelegramConfig:
    table = _Reader(root.source, "telegram", root.get("telegram", dict, {}))
    admins = table.get("admins", list, [])
    if not all(isinstance(a, int) and not isinstance(a, bool) for a in admins):
        raise table.fail("admins", "must be a list of Telegram user ids (integers)")
    base_url = env.get("TELEGRAM_API_BASE_URL") or table.get("api_base_url", str) or None
    if base_url and not base_url.rstrip("/").endswith("/bot"):
        raise ConfigError(f"TELEGRAM_API_BASE_URL: {base_url!r} must end in '/bot'")
    return TelegramConfig(token=env.get("TELEGRAM_BOT_TOKEN", "").strip(), base_url=base_url,
                          admins=frozenset(admins))


def _polling(root: _Reader) -> PollingConfig:
    t = _Reader(root.source, "polling", root.get("polling", dict, {}))
    d = PollingConfig()
    polling = PollingConfig(
        interval=t.number("interval", d.interval, 1, 7 * 86400),
        min_interval=t.number("min_interval", d.min_interval, 1, 7 * 86400),
        max_interval=t.number("max_interval", d.max_interval, 1, 30 * 86400),
        timeout=t.number("timeout", d.timeout, 1, 300),
        max_body_bytes=int(t.number("max_body_bytes", d.max_body_bytes, 1024, 1 << 30)),
        concurrency=int(t.number("concurrency", d.concurrency, 1, 1000)),
        per_host=int(t.number("per_host", d.per_host, 1, 100)),
        failing_after=int(t.number("failing_after", d.failing_after, 1, 10000)),
        alert_backlog=t.get("alert_backlog", bool, False),
        allow_private=t.get("allow_private", bool, False),
        lease=t.number("lease", d.lease, 5, 3600),
    )
    if polling.min_interval > polling.max_interval:
        raise t.fail("min_interval", "must not exceed polling.max_interval")
    return polling


def _feeds(root: _Reader, entity_ids: set[str]) -> tuple[FeedConfig, ...]:
    feeds = []
    for t in root.tables("feeds"):
        url: str = t.require("url", str).strip()
        if not url.startswith(("http://", "https://")):
            raise t.fail("url", f"{url!r} must be an http or https URL")
        official_for = t.strings("official_for")
        for entity in official_for:
            if entity not in entity_ids:
                raise t.fail("official_for", f"unknown entity {entity!r}")
        feeds.append(FeedConfig(url=url, name=t.get("name", str, "") or url, official_for=official_for))
    return tuple(feeds)


def _entities(root: _Reader) -> tuple[Entity, ...]:
    entities = []
    for t in root.tables("entities"):
        names = t.strings("names")
        if not names:
            raise t.fail("names", "must list at least one name")
        entities.append(Entity(id=t.slug("id"), names=names))
    return tuple(entities)


def _claims(root: _Reader, entity_ids: set[str]) -> tuple[Claim, ...]:
    claims, seen = [], set()
    for t in root.tables("claims"):
        claim_id = t.slug("id")
        if claim_id in seen:
            raise t.fail("id", f"duplicate claim id {claim_id!r}")
        seen.add(claim_id)
        text: str = t.require("text", str).strip()
        if not text:
            raise t.fail("text", "must not be empty")
        officials = t.strings("officials")
        for entity in officials:
            if entity not in entity_ids:
                raise t.fail("officials", f"unknown entity {entity!r}")
        topic = t.get("topic", str, "")
        if topic and not _SLUG.match(topic):
            raise t.fail("topic", f"{topic!r} must be lower-case letters, digits, '-' or '_'")
        claims.append(Claim(id=claim_id, text=text, topic=topic, texts=t.strings("texts"),
                            keywords=t.strings("keywords"), officials=officials))
    return tuple(claims)


def load_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Read the TOML file (argument, else `RUMORBOT_CONFIG`, else the example) and the environment."""
    env = {} if env is None else env
    config_path = Path(path or env.get("RUMORBOT_CONFIG") or DEFAULT_CONFIG)
    source = str(config_path)
    try:
        data = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise ConfigError(f"{source}: no such configuration file") from err
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{source}: cannot read: {err}") from err
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{source}: not valid TOML: {err}") from err
    root = _Reader(source, "", data)
    entities = _entities(root)
    entity_ids = {e.id for e in entities}
    database = env.get("RUMORBOT_DB") or root.get("database", str, "") or "data/rumorbot.sqlite3"
    return Settings(
        source=source,
        database=database,
        telegram=_telegram(root, env),
        polling=_polling(root),
        feeds=_feeds(root, entity_ids),
        entities=entities,
        claims=_claims(root, entity_ids),
    )
