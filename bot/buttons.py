"""The buttons under every alert; kept apart from `bot.alerts` so composing alerts needs no telegram."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import t


def alert_keyboard(claim_id: str, lang: str = "en") -> InlineKeyboardMarkup:
    """The buttons under every alert: the claim's full status, and muting the claim in this chat."""
    return InlineKeyboardMarkup(
        [[
            InlineKeyboardButton(t(lang, "button.status"), callback_data=f"status:{claim_id}"),
            InlineKeyboardButton(t(lang, "button.mute"), callback_data=f"mute:{claim_id}"),
        ]]
    )
