"""Engine fixtures: one engine over the labeled set's claims, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from config.settings import load_settings

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="session")
def engine() -> Engine:
    settings = load_settings(DATA / "claims.toml")
    return Engine(settings.claims, settings.entities)
