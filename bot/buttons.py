"""The buttons under alerts and digests; kept apart from `bot.alerts` so composing alerts needs no telegram."""

from __future__ import annotations

from collections.abc import Sequence

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


# Telegram allows 100 buttons under a message; a digest names this many claims at most with its own row.
DIGEST_ROWS = 10


def digest_keyboard(claim_ids: Sequence[str], lang: str = "en") -> InlineKeyboardMarkup | None:
    """Under a digest, a row per claim it speaks of (first seen first): its full status, and mute it."""
    rows = [
        [InlineKeyboardButton(t(lang, "button.digest.status", claim=claim_id), callback_data=f"status:{claim_id}"),
         InlineKeyboardButton(t(lang, "button.digest.mute"), callback_data=f"mute:{claim_id}")]
        for claim_id in list(dict.fromkeys(c for c in claim_ids if c))[:DIGEST_ROWS]
    ]
    return InlineKeyboardMarkup(rows) if rows else None
