"""The Xiaomi car story replayed through the real bot: `python -m tests.story` (the demo) and the acceptance test."""
