"""Ids of claims, topics and entities: one shape and one length limit, checked where an id comes in.

Ids travel in inline-button data (`status:<id>`, `mute:<id>`, `sub:<id>`, `claims:<topic>:<page>`),
which Telegram caps at 64 bytes; the longest prefix plus an id of `MAX_ID_LENGTH` stays under it.
"""

from __future__ import annotations

import re

MAX_ID_LENGTH = 48
ID_PATTERN = re.compile(rf"^[a-z0-9][a-z0-9_-]{{0,{MAX_ID_LENGTH - 1}}}$")
ID_RULE = f"lower-case letters, digits, '-' or '_' (at most {MAX_ID_LENGTH})"


def is_id(value: str) -> bool:
    """Whether `value` is a well-formed id of at most `MAX_ID_LENGTH` characters."""
    return bool(ID_PATTERN.match(value))
