"""/settings and its buttons: alert level, delivery, quiet hours with a time zone, language, link previews."""

from __future__ import annotations

import functools
import re
import zoneinfo
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.i18n import LANGUAGE_NAMES, LANGUAGES, label, t
from core.records import DELIVERIES
from handlers.common import Context, edit_in_place, language, may_manage, pressed, reply, usage
from storage import chats, commands
from storage.chats import ChatSettings

LEVELS = ("official", "all", "status")
NIGHT = "22:00-07:00"
_QUIET = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)-([01]?\d|2[0-3]):([0-5]\d)$")
Changes = dict[str, str | None]


@functools.cache
def _zones() -> dict[str, str]:
    """Every IANA time zone name, by its lower-case spelling."""
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def parse_setting(field: str, value: str) -> Changes | str:
    """The columns to change for `/settings <field> <value>`, or the key of the error to show."""
    value = value.strip()
    if field == "level" and value in LEVELS:
        return {"alert_level": value}
    if field == "delivery" and value in DELIVERIES:
        return {"delivery": value}
    if field == "language" and (value in LANGUAGES or value == "auto"):
        return {"language": None if value == "auto" else value}
    if field == "quiet":
        return _quiet(value)
    if field == "previews" and value.lower() in ("on", "off"):
        return {"previews": value.lower()}
    if field == "timezone":
        zone = _zones().get(value.lower()) if len(value) <= 64 else None
        return {"timezone": zone} if zone else "settings.bad_timezone"
    return "usage"


def _quiet(value: str) -> Changes | str:
    if value.lower() in ("off", "none"):
        return {"quiet_start": None, "quiet_end": None}
    match = _QUIET.match(value)
    if not match:
        return "settings.bad_quiet"
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"
    return "settings.bad_quiet" if start == end else {"quiet_start": start, "quiet_end": end}


def settings_text(lang: str, current: ChatSettings) -> str:
    """The chat's settings as a short list."""
    quiet = (f"{current.quiet_start}–{current.quiet_end}" if current.quiet_start and current.quiet_end
             else t(lang, "settings.quiet_off"))
    chosen = LANGUAGE_NAMES.get("zh" if current.language == "zh" else "en") if current.language else None
    return "\n".join([
        t(lang, "settings.header"),
        t(lang, "settings.level", value=escape(label(lang, "level", current.alert_level))),
        t(lang, "settings.delivery", value=escape(label(lang, "delivery", current.delivery))),
        t(lang, "settings.quiet", value=escape(quiet)),
        t(lang, "settings.timezone", value=escape(current.timezone)),
        t(lang, "settings.language", value=chosen or t(lang, "settings.language_auto")),
        t(lang, "settings.previews", value=t(lang, f"previews.{current.previews}")),
        "", t(lang, "settings.hint"),
    ])


def settings_keyboard(lang: str, current: ChatSettings) -> InlineKeyboardMarkup:
    """Buttons for each choice; the current one is ticked."""
    def choice(text: str, data: str, on: bool) -> InlineKeyboardButton:
        return InlineKeyboardButton(("✓ " if on else "") + text, callback_data=f"set:{data}")

    return InlineKeyboardMarkup([
        [choice(t(lang, f"button.level.{v}"), f"level:{v}", current.alert_level == v) for v in LEVELS],
        [choice(t(lang, f"button.delivery.{v}"), f"delivery:{v}", current.delivery == v) for v in DELIVERIES],
        [choice(t(lang, "button.quiet.night"), f"quiet:{NIGHT}", current.quiet_start is not None),
         choice(t(lang, "button.quiet.off"), "quiet:off", current.quiet_start is None)],
        [*(choice(LANGUAGE_NAMES[v], f"language:{v}", current.language == v) for v in LANGUAGES),
         choice(t(lang, "button.language.auto"), "language:auto", current.language is None)],
        [choice(t(lang, f"button.previews.{v}"), f"previews:{v}", current.previews == v) for v in ("on", "off")],
    ])


async def _apply(update: Update, context: Context, changes: Changes) -> ChatSettings:
    """Store the changes for this chat; return the settings now in force."""
    chat = update.effective_chat
    return await commands.change_settings(context.runtime.db, chat.id if chat else 0, changes)


def parse_command(args: list[str]) -> tuple[Changes, str] | tuple[str, str]:
    """`/settings <what> <value>` (and `/settings quiet <hours> <time zone>`): (changes, "") or (error, value)."""
    field = args[0].lower()
    if len(args) == 3 and field == "quiet":
        zone = parse_setting("timezone", args[2])
        if isinstance(zone, str):
            return zone, args[2]
        hours = parse_setting("quiet", args[1])
        return (hours, args[1]) if isinstance(hours, str) else ({**hours, **zone}, "")
    parsed = parse_setting(field, args[1]) if len(args) == 2 else "usage"
    return (parsed, args[-1]) if isinstance(parsed, str) else (parsed, "")


async def settings(update: Update, context: Context) -> None:
    """Show this chat's settings with buttons, or change one: /settings <what> <value>."""
    lang, args, chat = await language(update, context), context.args or [], update.effective_chat
    if chat is None or len(args) == 1 or len(args) > 3:
        await usage(update, lang, "settings")
        return
    if args:
        parsed, value = parse_command(args)
        if isinstance(parsed, str):
            await _refuse(update, lang, parsed, value)
            return
        if not await may_manage(update, context):
            await reply(update, t(lang, "group_admins_only"))
            return
        await _apply(update, context, parsed)
        lang = await language(update, context)
    current = await chats.chat_settings(context.runtime.db, chat.id)
    await reply(update, settings_text(lang, current), keyboard=settings_keyboard(lang, current))


async def _refuse(update: Update, lang: str, error: str, value: str) -> None:
    if error == "usage":
        await usage(update, lang, "settings")
    else:
        await reply(update, t(lang, error, value=escape(value[:64])))


async def settings_button(update: Update, context: Context) -> None:
    """A settings button: change the setting and redraw the settings message in place."""
    if (press := await pressed(update, context)) is None:
        return
    query, lang, field, value = press
    parsed = parse_setting(field, value)
    if isinstance(parsed, str) or not await may_manage(update, context):
        await query.answer(t(lang, "button_expired" if isinstance(parsed, str) else "group_admins_only"),
                           show_alert=True)
        return
    current = await _apply(update, context, parsed)
    lang = await language(update, context)
    await query.answer(t(lang, "settings.saved"))
    await edit_in_place(query, settings_text(lang, current), settings_keyboard(lang, current))
