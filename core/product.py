"""What rumorbot says about itself to the servers it talks to."""

from __future__ import annotations

# Names the bot and what it does, without a link that does not exist; an operator adds a contact
# address or URL of their own with `[polling] user_agent`.
USER_AGENT = "rumorbot/0.1.0 (rumor-alert Telegram bot)"
