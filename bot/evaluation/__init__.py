"""Evaluation of the engine on labeled data: our own sets, shipped as package data, and CheckThat! 2020."""

from pathlib import Path

# The labeled sets travel with the package, so `rumorbot eval` works wherever rumorbot is installed.
DATA_DIR = Path(__file__).resolve().parent / "data"
