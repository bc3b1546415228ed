"""Settings: the TOML file and the environment, validated once at start-up."""

from config.settings import (
    ConfigError,
    FeedConfig,
    PollingConfig,
    Settings,
    TelegramConfig,
    load_settings,
)

__all__ = ["ConfigError", "FeedConfig", "PollingConfig", "Settings", "TelegramConfig", "load_settings"]
