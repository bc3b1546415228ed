"""Stable identities for feed entries, and canonical links.

An entry is known by its guid when the guid is usable, else by its canonical link, else by a
sha256 of title and content. A guid (or link) that several entries of one feed share identifies
none of them: those entries fall back to the next rule.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
    "spm", "scm", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_enc_id", "oly_anon_id", "wt.mc_id",
})


@dataclass(frozen=True, slots=True)
class IdentitySource:
    """What an entry offers to identify it, as plain text."""

    guid: str
    link: str
    title: str
    content: str


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in _TRACKING or name.startswith("utm_")


def canonical_link(url: str) -> str:
    """Scheme and host lower-cased, default port, fragment and tracking parameters dropped, query sorted."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def content_hash(title: str, summary: str) -> str:
    """sha256 over title and summary: same identity with a new hash means the entry was edited."""
    return hashlib.sha256(f"{title}\x00{summary}".encode()).hexdigest()


def _unique(values: Sequence[str]) -> list[bool]:
    counts = Counter(values)
    return [bool(value) and counts[value] == 1 for value in values]


def assign_identities(sources: Sequence[IdentitySource]) -> list[str]:
    """One identity per entry, in order, following the guid > link > hash rule."""
    guids = [source.guid.strip() for source in sources]
    links = [canonical_link(source.link) if source.link.strip() else "" for source in sources]
    guid_ok, link_ok = _unique(guids), _unique(links)
    identities = []
    for index, source in enumerate(sources):
        if guid_ok[index]:
            identities.append(guids[index])
        elif link_ok[index]:
            identities.append(links[index])
        else:
            digest = hashlib.sha256(f"{source.title}\x00{source.content}".encode()).hexdigest()
            identities.append(f"sha256:{digest}")
    return identities
