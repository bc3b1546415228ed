"""The few ways feed work fails, each carrying a short reason an admin can read.

    FeedError            any feed problem; `reason` is one short human-readable line
    ├── RefusedURL       the URL is not allowed: scheme, credentials, private address
    ├── FetchFailed      the network or the server let us down (DNS, body too large, ...)
    └── OpmlError        an OPML file could not be read safely

`fetch` and `parse` never raise these: they turn them into an `error` string on their result.
"""

from __future__ import annotations


class FeedError(Exception):
    """Base class: `str(err)` is the reason shown to admins."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RefusedURL(FeedError):
    """The URL may not be fetched."""


class FetchFailed(FeedError):
    """A fetch went wrong for a reason worth reporting verbatim."""


class OpmlError(FeedError):
    """An OPML document is malformed or hostile."""
