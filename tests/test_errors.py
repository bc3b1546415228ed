"""One root for every error rumorbot raises on purpose, drawn in the module that defines them."""

from __future__ import annotations

import inspect

from core import errors


def test_every_error_has_the_one_root_and_is_drawn() -> None:
    """Each error class descends from RumorbotError and has its line in the module's drawing."""
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == errors.__name__]
    drawing = (errors.__doc__ or "").split("\n\n")[1]
    assert sorted(c.__name__ for c in classes if issubclass(c, errors.RumorbotError)) == sorted(
        line.strip(" │├└─").split()[0] for line in drawing.splitlines()
    )
