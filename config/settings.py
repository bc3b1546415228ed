"""Loading and validating the configuration.

The TOML file gives feeds, entities, claims and tuning; the environment gives the secrets and paths
(`TELEGRAM_BOT_TOKEN`, `TELEGRAM_API_BASE_URL`, `TELEGRAM_WEBHOOK_SECRET`, `RUMORBOT_CONFIG`,
`RUMORBOT_DB`, `HTTPS_PROXY`), and wins over the file. A bad value, an unknown key or table fails at
start-up with the file, the key and the reason; no configured value is ever changed silently.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from config.reader import Reader
from core.errors import ConfigError
from core.product import USER_AGENT
from core.records import Claim, Entity, FeedConfig

__all__ = ["ConfigError", "FeedConfig", "Settings", "load_settings"]

DEFAULT_CONFIG = Path(__file__).with_name("example.toml")
ROOT_KEYS = ("database", "telegram", "polling", "engine", "feeds", "entities", "claims", "metrics", "retention",
             "logging")
# A later copy of a story joins it for 7 days (the story index's window); the sent alert's row is what
# keeps that copy from alerting again, so it must outlive the window.
SENT_DAYS_MIN = 7
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass(frozen=True, slots=True)
class TelegramConfig:
    token: str = ""
    base_url: str | None = None
    admins: frozenset[int] = frozenset()
    webhook_url: str = ""       # empty: long polling
    listen: str = ""            # HOST:PORT the webhook server binds
    secret_token: str = ""      # Telegram sends it back in X-Telegram-Bot-Api-Secret-Token


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
    proxy: str = ""             # http(s)://host:port every feed is fetched through; empty: direct
    no_proxy: str = ""          # NO_PROXY: hosts fetched directly even with a proxy
    user_agent: str = USER_AGENT


ENCODER_NAMES = ("e5", "use")
MAX_THREADS = 256
DEFAULT_ENCODER = "use"


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """`semantic` fuses a sentence encoder with the lexical engine; `encoder` names it.

    `threads` caps numpy's and the encoder's threads in each process; 0 picks per role (`threads_for`).
    """

    semantic: bool = True
    encoder: str = DEFAULT_ENCODER
    threads: int = 0

    def threads_for(self, role: str) -> int:
        """The cap for a process of `role`: as set; else one for a poller, 0 (the libraries' choice) otherwise.

        Pollers scale by process, one per core: each one's own thread pool would take the others' cores.
        """
        if self.threads:
            return self.threads
        return 1 if role == "poller" else 0


@dataclass(frozen=True, slots=True)
class MetricsConfig:
    listen: str = ""            # HOST:PORT for /healthz and /metrics; empty: off


@dataclass(frozen=True, slots=True)
class RetentionConfig:
    days: int = 90              # items and evidence older than this are pruned (status evidence kept)
    sent_days: int = 7          # sent alerts are kept this long
    batch: int = 500            # rows deleted per transaction


@dataclass(frozen=True, slots=True)
class LoggingConfig:
    format: str = "text"        # text | json


@dataclass(frozen=True, slots=True)
class Settings:
    source: str
    database: str  # a SQLite path or a postgresql:// URL
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    polling: PollingConfig = field(default_factory=PollingConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    feeds: tuple[FeedConfig, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    metrics: MetricsConfig = field(default_factory=MetricsConfig)
    retention: RetentionConfig = field(default_factory=RetentionConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)

    @property
    def on_postgres(self) -> bool:
        return self.database.startswith(("postgresql://", "postgres://"))

    @property
    def db_path(self) -> Path:
        """The SQLite file (meaningless on PostgreSQL)."""
        return Path(self.database)


def split_listen(text: str) -> tuple[str, int]:
    """'127.0.0.1:9464' or '[::1]:9464' as (host, port); ValueError when it is not HOST:PORT."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(text)
    return host, int(port)


def _listen(table: Reader, key: str) -> str:
    value: str = table.get(key, str, "").strip()
    if value:
        try:
            split_listen(value)
        except ValueError:
            raise table.fail(key, f"{value!r} must be HOST:PORT, e.g. '127.0.0.1:9464'") from None
    return value


def _http_url(table: Reader, key: str, value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        raise table.fail(key, f"{value!r} must be an http or https URL")
    return value


def _telegram(root: Reader, env: Mapping[str, str]) -> TelegramConfig:
    table = root.table_of("telegram", ("admins", "api_base_url", "webhook_url", "listen", "secret_token"))
    admins = table.get("admins", list, [])
    if not all(isinstance(a, int) and not isinstance(a, bool) for a in admins):
        raise table.fail("admins", "must be a list of Telegram user ids (integers)")
    base_url = env.get("TELEGRAM_API_BASE_URL") or table.get("api_base_url", str) or None
    if base_url and not base_url.rstrip("/").endswith("/bot"):
        raise ConfigError(f"TELEGRAM_API_BASE_URL: {base_url!r} must end in '/bot'")
    webhook_url = _http_url(table, "webhook_url", table.get("webhook_url", str, "").strip())
    listen = _listen(table, "listen")
    if webhook_url and not listen:
        raise table.fail("listen", "is required with webhook_url (HOST:PORT the webhook server binds)")
    secret = env.get("TELEGRAM_WEBHOOK_SECRET") or table.get("secret_token", str, "")
    if secret and not _SECRET_TOKEN.match(secret):
        raise table.fail("secret_token", "must be 1-256 characters: letters, digits, '_' or '-'")
    return TelegramConfig(token=env.get("TELEGRAM_BOT_TOKEN", "").strip(), base_url=base_url,
                          admins=frozenset(admins), webhook_url=webhook_url, listen=listen, secret_token=secret)


_POLLING_KEYS = ("interval", "min_interval", "max_interval", "timeout", "max_body_bytes", "concurrency", "per_host",
                 "failing_after", "alert_backlog", "allow_private", "proxy", "user_agent", "lease")


def _polling(root: Reader, env: Mapping[str, str]) -> PollingConfig:
    t = root.table_of("polling", _POLLING_KEYS)
    d = PollingConfig()
    proxy = t.get("proxy", str, "").strip() or env.get("HTTPS_PROXY") or env.get("https_proxy") or ""
    user_agent = t.get("user_agent", str, d.user_agent).strip()
    if not user_agent:
        raise t.fail("user_agent", "must not be empty")
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
        proxy=_http_url(t, "proxy", proxy),
        no_proxy=env.get("NO_PROXY") or env.get("no_proxy") or "",
        user_agent=user_agent,
    )
    _check_bounds(t, polling)
    return polling


def _engine(root: Reader) -> EngineConfig:
    t = root.table_of("engine", ("semantic", "encoder", "threads"))
    encoder = t.get("encoder", str, DEFAULT_ENCODER)
    if encoder not in ENCODER_NAMES:
        raise t.fail("encoder", f"{encoder!r} is not one of {', '.join(ENCODER_NAMES)}")
    threads: int = t.get("threads", int, 0)
    if not 0 <= threads <= MAX_THREADS:
        raise t.fail("threads", f"must be between 0 and {MAX_THREADS}, got {threads}")
    return EngineConfig(semantic=t.get("semantic", bool, True), encoder=encoder, threads=threads)


def _check_bounds(t: Reader, polling: PollingConfig) -> None:
    """The interval is refused outside its bounds rather than moved into them without a word."""
    if polling.min_interval > polling.max_interval:
        raise t.fail("min_interval", "must not exceed polling.max_interval")
    if polling.interval < polling.min_interval:
        raise t.fail("interval", f"{polling.interval:g} is below polling.min_interval ({polling.min_interval:g}); "
                                 "lower min_interval as well to poll that often")
    if polling.interval > polling.max_interval:
        raise t.fail("interval", f"{polling.interval:g} is above polling.max_interval ({polling.max_interval:g})")


def _feeds(root: Reader, entity_ids: set[str]) -> tuple[FeedConfig, ...]:
    feeds = []
    for t in root.tables("feeds", ("url", "name", "official_for")):
        url: str = t.require("url", str).strip()
        if not url.startswith(("http://", "https://")):
            raise t.fail("url", f"{url!r} must be an http or https URL")
        official_for = t.strings("official_for")
        for entity in official_for:
            if entity not in entity_ids:
                raise t.fail("official_for", f"unknown entity {entity!r}")
        feeds.append(FeedConfig(url=url, name=t.get("name", str, "") or url, official_for=official_for))
    return tuple(feeds)


def _entities(root: Reader) -> tuple[Entity, ...]:
    entities = []
    for t in root.tables("entities", ("id", "names")):
        names = t.strings("names")
        if not names:
            raise t.fail("names", "must list at least one name")
        entities.append(Entity(id=t.slug("id"), names=names))
    return tuple(entities)


def _claims(root: Reader, entity_ids: set[str]) -> tuple[Claim, ...]:
    claims, seen = [], set()
    for t in root.tables("claims", ("id", "topic", "text", "texts", "keywords", "officials")):
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
        claims.append(Claim(id=claim_id, text=text, topic=t.slug("topic", required=False), texts=t.strings("texts"),
                            keywords=t.strings("keywords"), officials=officials))
    return tuple(claims)


def _metrics(root: Reader) -> MetricsConfig:
    return MetricsConfig(listen=_listen(root.table_of("metrics", ("listen",)), "listen"))


def _retention(root: Reader) -> RetentionConfig:
    t = root.table_of("retention", ("days", "sent_days", "batch"))
    d = RetentionConfig()
    return RetentionConfig(days=int(t.number("days", d.days, 1, 100 * 365)),
                           sent_days=int(t.number("sent_days", d.sent_days, SENT_DAYS_MIN, 100 * 365)),
                           batch=int(t.number("batch", d.batch, 1, 100_000)))


def _logging(root: Reader) -> LoggingConfig:
    return LoggingConfig(format=root.table_of("logging", ("format",)).choice("format", ("text", "json")))


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
    root = Reader(source, "", data, ROOT_KEYS)
    entities = _entities(root)
    entity_ids = {e.id for e in entities}
    database = env.get("RUMORBOT_DB") or root.get("database", str, "") or "data/rumorbot.sqlite3"
    return Settings(
        source=source,
        database=database,
        telegram=_telegram(root, env),
        polling=_polling(root, env),
        engine=_engine(root),
        feeds=_feeds(root, entity_ids),
        entities=entities,
        claims=_claims(root, entity_ids),
        metrics=_metrics(root),
        retention=_retention(root),
        logging=_logging(root),
    )
