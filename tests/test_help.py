"""/help for bot admins lists every admin command, in both languages."""

from __future__ import annotations

import pytest

import handlers
from bot.i18n import t

ADMIN_COMMANDS = [name for name, _, _ in handlers.COMMANDS if name not in handlers.MENU]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ADMIN_COMMANDS)
def test_admin_help_lists_every_admin_command(lang: str, command: str) -> None:
    """Each registered command that is not in the public menu appears in the admin part of /help."""
    assert f"/{command} " in t(lang, "help.admin") or f"/{command}\n" in t(lang, "help.admin")
