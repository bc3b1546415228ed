"""rumorbot: a Telegram bot that watches news feeds for rumors and alerts on new evidence."""

__version__ = "0.1.0"
