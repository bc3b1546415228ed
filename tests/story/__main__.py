"""`python -m tests.story` (`make demo`): replay the Xiaomi story offline and print what each user saw."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tests.story.replay import ReplayError, replay

INTRO = (
    "rumorbot story replay: a fake Telegram, six local news feeds and the real bot process.\n"
    "No token and no internet needed. The story: rumors in October 2023 that BAIC Blue Valley would\n"
    "build Xiaomi's cars, BAIC's answer, and conflicting reports on Xiaomi's qualification to build cars.\n"
)


def progress(text: str) -> None:
    print(f"… {text}", file=sys.stderr, flush=True)


def main() -> int:
    print(INTRO, file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="rumorbot-story-") as tmp:
        try:
            result = asyncio.run(replay(Path(tmp), progress))
        except ReplayError as err:
            print(f"replay failed: {err}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130
    print(result.render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
