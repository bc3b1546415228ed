"""Configuration: the example loads, the environment wins, and a bad file names the key and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import load_settings
from core.errors import ConfigError
from tests.conftest import EXAMPLE


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_carries_the_seed_story() -> None:
    """The example configuration tracks the Xiaomi story's claims and official entities."""
    settings = load_settings(EXAMPLE, {})
    ids = {c.id for c in settings.claims}
    assert {"xiaomi-qualification", "xiaomi-baic-oem"} <= ids
    assert {e.id for e in settings.entities} == {"xiaomi", "baic", "miit"}
    assert all(c.topic == "xiaomi-auto" for c in settings.claims)
    baic = next(e for e in settings.entities if e.id == "baic")
    assert "北汽蓝谷" in baic.names


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    """Token, API base URL and database path come from the environment."""
    env = {
        "TELEGRAM_BOT_TOKEN": " 1:abc ",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot",
        "RUMORBOT_DB": str(tmp_path / "x.db"),
        "RUMORBOT_CONFIG": str(EXAMPLE),
    }
    settings = load_settings(None, env)
    assert (settings.telegram.token, settings.telegram.base_url) == ("1:abc", "http://127.0.0.1:9/bot")
    assert settings.db_path == tmp_path / "x.db"


def test_claim_with_only_id_and_text_is_enough(tmp_path: Path) -> None:
    """A minimal claim loads with empty refinements."""
    settings = load_settings(write(tmp_path, '[[claims]]\nid = "c1"\ntext = "Acme bought Foo"\n'), {})
    assert settings.claims[0].text == "Acme bought Foo"
    assert settings.claims[0].keywords == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[polling]\ninterval = 0\n", "polling.interval: must be between 1 and 604800, got 0"),
        ("[polling]\ninterval = 'soon'\n", "polling.interval: must be int or float, got str"),
        ("[telegram]\nadmins = ['me']\n", "telegram.admins: must be a list of Telegram user ids"),
        ("[[feeds]]\nurl = 'ftp://x'\n", "feeds[0].url: 'ftp://x' must be an http or https URL"),
        ("[[feeds]]\nname = 'x'\n", "feeds[0].url: is required"),
        ("[[feeds]]\nurl = 'https://x'\nofficial_for = ['nobody']\n", "feeds[0].official_for: unknown entity"),
        ("[[claims]]\nid = 'Bad Id'\ntext = 't'\n", "claims[0].id: 'Bad Id' must be lower-case"),
        ("[[claims]]\nid = 'a'\ntext = 't'\n[[claims]]\nid = 'a'\ntext = 'u'\n", "claims[1].id: duplicate"),
        ("[[claims]]\nid = 'a'\n", "claims[0].text: is required"),
        ("[[entities]]\nid = 'e'\nnames = []\n", "entities[0].names: must list at least one name"),
        ("[engine]\nthreads = -1\n", "engine.threads: must be between 0 and 256, got -1"),
        ("[engine]\nthreds = 2\n", "engine.threds"),
        ("[engine]\nthreads = 1.5\n", "engine.threads: must be int, got float"),
        ("[engine]\nthreads = true\n", "engine.threads: must be int, got bool"),
        ("[polling\n", "not valid TOML"),
    ],
)
def test_bad_values_name_file_key_and_reason(tmp_path: Path, text: str, message: str) -> None:
    """Each bad value fails at load time with the file, the key and why."""
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path, {})
    assert str(info.value).startswith(str(path))
    assert message in str(info.value)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    """A path that does not exist says so."""
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(tmp_path / "nope.toml", {})


def test_base_url_must_end_in_bot(tmp_path: Path) -> None:
    """PTB appends the token to base_url, so it must end in /bot."""
    with pytest.raises(ConfigError, match="must end in '/bot'"):
        load_settings(EXAMPLE, {"TELEGRAM_API_BASE_URL": "http://127.0.0.1:1/"})


@pytest.mark.parametrize(
    ("text", "role", "threads"),
    [
        ("", "all", 0),          # the libraries' choice (one per core): a lone process may use the machine
        ("", "chat", 0),
        ("", "poller", 1),       # pollers scale by process
        ("[engine]\nthreads = 3\n", "poller", 3),
        ("[engine]\nthreads = 2\n", "all", 2),
    ],
)
def test_encoder_threads_per_role(tmp_path: Path, text: str, role: str, threads: int) -> None:
    """`[engine] threads` as set, or by role when 0: one for a poller, one per core otherwise."""
    assert load_settings(write(tmp_path, text), {}).engine.threads_for(role) == threads
