"""Evaluation of the engine on labeled data: our own set in tests/data and CheckThat! 2020."""
