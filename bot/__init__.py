"""rumorbot: a Telegram bot that watches news feeds for rumors and alerts on new evidence."""

__version__ = "0.1.0"
# Names the bot and what it does; an operator can set `[polling] user_agent` to add a contact address.
USER_AGENT = f"rumorbot/{__version__} (rumor-alert Telegram bot)"
