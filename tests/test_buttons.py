"""The buttons under alerts and digests."""

from __future__ import annotations

from bot.buttons import DIGEST_ROWS, digest_keyboard


def test_a_digest_has_a_row_per_claim_first_seen_first() -> None:
    """Each claim of a digest once, in the order the digest tells them, with its status and mute buttons."""
    keyboard = digest_keyboard(["b", "a", "b", "", "c"], "zh")
    assert keyboard is not None
    rows = [[(button.text, button.callback_data) for button in row] for row in keyboard.inline_keyboard]
    assert rows == [[("ℹ️ b", "status:b"), ("🔇 静音", "mute:b")], [("ℹ️ a", "status:a"), ("🔇 静音", "mute:a")],
                    [("ℹ️ c", "status:c"), ("🔇 静音", "mute:c")]]


def test_a_digest_of_many_claims_stays_within_telegrams_limits() -> None:
    """A digest of many claims gets buttons for the first few only (Telegram allows 100 buttons)."""
    keyboard = digest_keyboard([f"claim-{i}" for i in range(40)])
    assert keyboard is not None
    assert len(keyboard.inline_keyboard) == DIGEST_ROWS


def test_notices_without_a_claim_get_no_buttons() -> None:
    """A digest of feed notices (no claim) has no buttons."""
    assert digest_keyboard(["", ""]) is None
