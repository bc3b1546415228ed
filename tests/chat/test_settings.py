"""/settings: alert level, delivery, quiet hours with a time zone, language; by buttons and by command."""

from __future__ import annotations

import pytest

from storage import chats
from tests.chat.conftest import ALICE, LI, ChatBot
from tests.fakes import group, private_chat, user


def button_data(markup: dict[str, object] | None) -> list[str]:
    rows = markup["inline_keyboard"] if markup else []
    assert isinstance(rows, list)
    return [b["callback_data"] for row in rows for b in row]


async def test_settings_shows_the_defaults_with_buttons(chatbot: ChatBot) -> None:
    """A new chat hears all evidence, at once, with no quiet hours, in the user's language."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/settings")
    assert "Alerts: <b>all evidence</b>" in answer.text
    assert "Delivery: <b>instant</b>" in answer.text
    assert "Quiet hours: <b>none</b>" in answer.text
    assert "Time zone: <b>UTC</b>" in answer.text
    assert {"set:level:official", "set:delivery:daily", "set:quiet:off", "set:language:zh"} <= set(
        button_data(answer.reply_markup))


async def test_a_button_changes_the_setting_and_redraws_the_message(chatbot: ChatBot) -> None:
    """Pressing "Official only" stores it and shows the new choice ticked, in place."""
    chat = private_chat(ALICE)
    shown = await chatbot.ask(chat, ALICE, "/settings")
    await chatbot.press(chat, ALICE, shown.message_id, "set:level:official")
    [edited] = await chatbot.fake.wait_for_calls("editMessageText")
    assert "Alerts: <b>official responses only</b>" in edited.params["text"]
    assert (await chats.chat_settings(chatbot.rt.db, chat.id)).alert_level == "official"
    assert chatbot.fake.calls_to("answerCallbackQuery")[-1].params["text"] == "Saved."


@pytest.mark.parametrize(
    ("command", "expected"),
    [("/settings delivery daily", {"delivery": "daily"}),
     ("/settings level status", {"alert_level": "status"}),
     ("/settings quiet 22:30-7:00", {"quiet_start": "22:30", "quiet_end": "07:00"}),
     ("/settings timezone asia/shanghai", {"timezone": "Asia/Shanghai"}),
     ("/settings quiet 23:00-06:30 Asia/Shanghai",
      {"quiet_start": "23:00", "quiet_end": "06:30", "timezone": "Asia/Shanghai"}),
     ("/settings quiet off", {"quiet_start": None, "quiet_end": None}),
     ("/settings language zh", {"language": "zh"})],
)
async def test_settings_by_command(chatbot: ChatBot, command: str, expected: dict[str, str | None]) -> None:
    """Each setting can be typed; the stored value is normalised."""
    chat = private_chat(ALICE)
    await chatbot.ask(chat, ALICE, command)
    stored = await chats.chat_settings(chatbot.rt.db, chat.id)
    assert {key: getattr(stored, key) for key in expected} == expected


@pytest.mark.parametrize(
    ("command", "answer"),
    [("/settings quiet 25:00-07:00", "Quiet hours look like"), ("/settings quiet 07:00-07:00", "Quiet hours look like"),
     ("/settings timezone Mars/Olympus", "not a time zone I know"),
     ("/settings timezone ../../etc/passwd", "not a time zone I know"),
     ("/settings quiet 22:00-07:00 Nowhere/City", "not a time zone I know"),
     ("/settings quiet 22-7 UTC", "Quiet hours look like")],
)
async def test_bad_settings_are_explained(chatbot: ChatBot, command: str, answer: str) -> None:
    """Malformed quiet hours or an unknown time zone get a short explanation and change nothing."""
    chat = private_chat(ALICE)
    assert answer in (await chatbot.ask(chat, ALICE, command)).text
    assert await chats.chat_settings(chatbot.rt.db, chat.id) == chats.ChatSettings()


async def test_chosen_language_overrides_the_users_telegram_language(chatbot: ChatBot) -> None:
    """A chat set to Chinese is answered in Chinese even for an English-speaking user, and back."""
    chat = private_chat(ALICE)
    answer = await chatbot.ask(chat, ALICE, "/settings language zh")
    assert "本聊天的设置" in answer.text
    assert "命令" in (await chatbot.ask(chat, ALICE, "/help")).text
    await chatbot.ask(chat, ALICE, "/settings language auto")
    assert "Commands" in (await chatbot.ask(chat, ALICE, "/help")).text


async def test_chinese_user_sees_settings_in_chinese(chatbot: ChatBot) -> None:
    """The settings message and its buttons speak Chinese to a zh user."""
    answer = await chatbot.ask(private_chat(LI), LI, "/settings")
    assert "提醒：<b>全部证据</b>" in answer.text


async def test_only_group_administrators_change_group_settings(chatbot: ChatBot) -> None:
    """A member may look at a group's settings but not change them, by command or by button."""
    room, member = group(-4200, "Watchers"), user(1301, "Mo")
    chatbot.fake.add_member(room, member, "member")
    refused = await chatbot.ask(room, member, "/settings delivery daily")
    assert "Only the group's administrators" in refused.text
    shown = await chatbot.ask(room, member, "/settings")
    await chatbot.press(room, member, shown.message_id, "set:delivery:hourly")
    assert "administrators" in chatbot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert (await chats.chat_settings(chatbot.rt.db, room.id)).delivery == "instant"


async def test_pressing_the_current_choice_again_is_harmless(chatbot: ChatBot) -> None:
    """Pressing the ticked button again leaves the message as it is, with no error reply."""
    chat = private_chat(ALICE)
    shown = await chatbot.ask(chat, ALICE, "/settings")
    await chatbot.press(chat, ALICE, shown.message_id, "set:level:all")
    await chatbot.ask(chat, ALICE, "/help")
    assert [c.status for c in chatbot.fake.calls_to("editMessageText")] == [400]  # "message is not modified"
    assert not [m for m in chatbot.fake.sent_messages(chat.id) if "went wrong" in m.text]


async def test_link_previews_are_off_until_turned_on(chatbot: ChatBot) -> None:
    """/settings previews on lets alerts show link previews; the button turns them off again."""
    chat = private_chat(ALICE)
    shown = await chatbot.ask(chat, ALICE, "/settings")
    assert "Link previews: <b>off</b>" in shown.text
    turned = await chatbot.ask(chat, ALICE, "/settings previews on")
    assert "Link previews: <b>on</b>" in turned.text
    await chatbot.ask(chat, ALICE, "/subscribe xiaomi-baic-oem")
    await chatbot.news("BAIC IR", "BAIC Blue Valley denies it will build Xiaomi cars as a contract manufacturer",
                       official_for=("baic",))
    alert = (await chatbot.fake.wait_for_messages(4, chat_id=chat.id))[3]
    assert alert.link_preview_options == {"is_disabled": False}
    await chatbot.press(chat, ALICE, turned.message_id, "set:previews:off")
    assert (await chats.alert_options(chatbot.rt.db, chat.id)).previews is False


async def test_previews_in_chinese(chatbot: ChatBot) -> None:
    """The setting reads in Chinese, and a wrong value gets the usage line."""
    chat = private_chat(LI)
    assert "链接预览：<b>开</b>" in (await chatbot.ask(chat, LI, "/settings previews on")).text
    assert (await chatbot.ask(chat, LI, "/settings previews maybe")).text.startswith("用法")
