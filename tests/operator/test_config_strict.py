"""Strict configuration: no misspelt key, out-of-bound interval or over-long id passes unnoticed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.buttons import alert_keyboard
from config.settings import ConfigError, load_settings
from core.ids import MAX_ID_LENGTH

CALLBACK_DATA_BYTES = 64  # Telegram's limit on an inline button's callback_data


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path, {})
    message = str(info.value)
    assert message.startswith(str(path)), message
    return message


@pytest.mark.parametrize(
    ("text", "key", "closest"),
    [
        ("[polling]\nintervall = 30\n", "polling.intervall", "interval"),
        ("[poling]\ninterval = 30\n", "poling", "polling"),
        ("[telegram]\nadmin = [1]\n", "telegram.admin", "admins"),
        ("databse = 'x.db'\n", "databse", "database"),
        ("[[claims]]\nid = 'a'\ntext = 't'\nofficial = ['x']\n", "claims[0].official", "officials"),
        ("[[feeds]]\nurl = 'https://x.example/f'\nofficial = ['x']\n", "feeds[0].official", "official_for"),
        ("[[entities]]\nid = 'e'\nname = ['E']\n", "entities[0].name", "names"),
        ("[metrics]\nlisen = '127.0.0.1:9464'\n", "metrics.lisen", "listen"),
        ("[retention]\nday = 30\n", "retention.day", "days"),
        ("[logging]\nformatt = 'json'\n", "logging.formatt", "format"),
    ],
)
def test_unknown_keys_and_tables_name_the_closest_known_key(tmp_path: Path, text: str, key: str, closest: str) -> None:
    """A misspelt key or table stops start-up with the file, the key and the key it was probably meant to be."""
    message = error_of(tmp_path, text)
    assert f": {key}: unknown" in message
    assert f"did you mean '{closest}'?" in message


def test_unknown_key_far_from_any_known_one_lists_none(tmp_path: Path) -> None:
    """A key like nothing known is still refused, without a wild guess."""
    message = error_of(tmp_path, "[polling]\nzzzzqqq = 1\n")
    assert ": polling.zzzzqqq: unknown key" in message
    assert "did you mean" not in message


def test_interval_below_min_interval_is_refused(tmp_path: Path) -> None:
    """`interval = 10` with the default 60 s floor is refused with the key and the reason, never raised silently."""
    message = error_of(tmp_path, "[polling]\ninterval = 10\n")
    assert ": polling.interval: 10 is below polling.min_interval (60)" in message


def test_interval_above_max_interval_is_refused(tmp_path: Path) -> None:
    """An interval over the ceiling is refused too, rather than lowered without a word."""
    message = error_of(tmp_path, "[polling]\ninterval = 90000\nmax_interval = 86400\n")
    assert ": polling.interval: 90000 is above polling.max_interval (86400)" in message


def test_interval_may_go_low_when_min_interval_goes_with_it(tmp_path: Path) -> None:
    """Lowering both keys is how an operator polls faster; the value read is the value written."""
    settings = load_settings(write(tmp_path, "[polling]\ninterval = 10\nmin_interval = 5\n"), {})
    assert (settings.polling.interval, settings.polling.min_interval) == (10.0, 5.0)


@pytest.mark.parametrize("key", ["id", "topic"])
def test_claim_ids_and_topics_longer_than_the_limit_are_refused(tmp_path: Path, key: str) -> None:
    """Ids past the limit would overflow button data; the configuration refuses them with the limit."""
    long = "c" * (MAX_ID_LENGTH + 1)
    values = {"id": "a", "topic": "t", key: long}
    message = error_of(tmp_path, f"[[claims]]\nid = '{values['id']}'\ntopic = '{values['topic']}'\ntext = 'x'\n")
    assert f"claims[0].{key}: " in message
    assert f"at most {MAX_ID_LENGTH}" in message


def test_the_longest_accepted_claim_id_fits_every_alert_button(tmp_path: Path) -> None:
    """A claim id of the longest accepted length still gives buttons Telegram accepts (64 bytes of data)."""
    longest = "c" * MAX_ID_LENGTH
    settings = load_settings(write(tmp_path, f"[[claims]]\nid = '{longest}'\ntopic = '{longest}'\ntext = 'x'\n"), {})
    keyboard = alert_keyboard(settings.claims[0].id)
    data = [button.callback_data for row in keyboard.inline_keyboard for button in row]
    assert data
    assert all(isinstance(d, str) and len(d.encode()) <= CALLBACK_DATA_BYTES for d in data)


def test_every_new_table_has_its_defaults(tmp_path: Path) -> None:
    """Metrics off, 90 days of retention, text logs, long polling, no proxy: what an empty file gives."""
    settings = load_settings(write(tmp_path, ""), {})
    assert settings.metrics.listen == ""
    assert (settings.retention.days, settings.retention.sent_days) == (90, 7)
    assert settings.logging.format == "text"
    assert settings.telegram.webhook_url == ""
    assert settings.polling.proxy == ""
    assert "rumorbot" in settings.polling.user_agent
    assert "github.com" not in settings.polling.user_agent


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[logging]\nformat = 'xml'\n", "logging.format: must be 'text' or 'json'"),
        ("[metrics]\nlisten = 'localhost'\n", "metrics.listen: 'localhost' must be HOST:PORT"),
        ("[telegram]\nwebhook_url = 'ftp://x'\n", "telegram.webhook_url: 'ftp://x' must be an http or https URL"),
        ("[telegram]\nwebhook_url = 'https://bot.example/hook'\n", "telegram.listen: is required with webhook_url"),
        ("[telegram]\nsecret_token = 'a b'\n", "telegram.secret_token: must be 1-256 characters"),
        ("[polling]\nproxy = 'socks5://p:1080'\n", "polling.proxy: 'socks5://p:1080' must be an http or https URL"),
        ("[retention]\ndays = 0\n", "retention.days: must be between 1 and"),
    ],
)
def test_new_keys_are_checked(tmp_path: Path, text: str, message: str) -> None:
    """Each new key fails with its name and the reason."""
    assert message in error_of(tmp_path, text)


def test_proxy_comes_from_the_environment_unless_configured(tmp_path: Path) -> None:
    """HTTPS_PROXY is the standard way to name a proxy; the file's `[polling] proxy` wins over it."""
    path = write(tmp_path, "")
    assert load_settings(path, {"HTTPS_PROXY": "http://proxy.lan:3128"}).polling.proxy == "http://proxy.lan:3128"
    path.write_text("[polling]\nproxy = 'http://other:8080'\n", encoding="utf-8")
    assert load_settings(path, {"HTTPS_PROXY": "http://proxy.lan:3128"}).polling.proxy == "http://other:8080"
