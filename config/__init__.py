"""Settings: the TOML file and the environment, validated once at start-up."""

from config.settings import (
    PollingConfig,
    Settings,
    TelegramConfig,
    load_settings,
)
from core.errors import ConfigError
from core.records import FeedConfig

__all__ = ["ConfigError", "FeedConfig", "PollingConfig", "Settings", "TelegramConfig", "load_settings"]
