"""Engine fixtures: one engine over the labeled set's claims, built once per session."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.evaluation import DATA_DIR
from config.settings import load_settings


@pytest.fixture(scope="session")
def engine() -> Engine:
    settings = load_settings(DATA_DIR / "claims.toml")
    return Engine(settings.claims, settings.entities)
