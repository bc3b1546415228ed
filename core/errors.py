"""Every error rumorbot raises on purpose, under one root; `str(err)` is a line a person can act on.

    RumorbotError
    ├── ConfigError          the configuration cannot be used: file, key and reason
    ├── StorageError         the database failed: what was being done
    │   └── AlreadyRunning   another rumorbot process holds the database's lock
    ├── FeedError            any feed problem; `reason` is one short line shown to admins
    │   ├── RefusedURL       the URL is not allowed: scheme, credentials, private address
    │   ├── FetchFailed      the network or the server let us down (DNS, body too large, ...)
    │   └── OpmlError        an OPML file could not be read safely
    └── InputError           a file or argument given to a command cannot be used: where and why

`fetch` and `parse` never raise feed errors: they turn them into an `error` string on their result.
Only the command line (`rumorbot.cli`) turns these into exit codes.
"""

from __future__ import annotations


class RumorbotError(Exception):
    """The root: anything rumorbot reports rather than crashes on."""


class ConfigError(RumorbotError):
    """The configuration cannot be used; the message names the file, key and reason."""


class StorageError(RumorbotError):
    """The database failed; the message says what was being done."""


class AlreadyRunning(StorageError):
    """Another rumorbot process holds the database's lock."""


class FeedError(RumorbotError):
    """Any feed problem: `str(err)` is the reason shown to admins."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RefusedURL(FeedError):
    """The URL may not be fetched."""


class FetchFailed(FeedError):
    """A fetch went wrong for a reason worth reporting verbatim."""


class OpmlError(FeedError):
    """An OPML document is malformed or hostile."""


class InputError(RumorbotError):
    """A file or argument given to a command cannot be used; the message names it and the reason."""
