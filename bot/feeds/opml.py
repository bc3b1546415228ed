"""OPML 1.0/2.0 import and OPML 2.0 export of the feed list.

Import uses expat directly with every DTD hook refusing: a DOCTYPE, an entity declaration or an
external entity stops the parse at once, so a billion-laughs file never expands a single entity.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NoReturn
from xml.parsers import expat

from bot.feeds.netguard import check_url
from core.errors import FeedError, OpmlError

MAX_OPML_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    name: str


def _refuse(what: str) -> NoReturn:
    raise OpmlError(f"OPML refused: {what} not allowed")


class _OutlineReader:
    """Collects (xmlUrl, title/text) from every <outline>, however deeply nested."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.feeds: dict[str, OpmlFeed] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.root is None:
            self.root = tag
        if tag != "outline":
            return
        lowered = {key.lower(): value for key, value in attrs.items()}
        url = lowered.get("xmlurl", "").strip()
        if not url:
            return
        try:
            url = check_url(url)
        except FeedError:
            return  # a file:// or javascript: outline is skipped, not imported
        name = (lowered.get("title") or lowered.get("text") or url).strip()
        self.feeds.setdefault(url, OpmlFeed(url, name))


def _parser(reader: _OutlineReader) -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = lambda *_: _refuse("DOCTYPE")
    parser.EntityDeclHandler = lambda *_: _refuse("entity declaration")
    parser.ExternalEntityRefHandler = lambda *_: _refuse("external entity")
    parser.StartElementHandler = reader.start
    return parser


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds an OPML document lists, in order, without duplicates; raises OpmlError."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError("OPML refused: file over 5 MiB")
    reader = _OutlineReader()
    try:
        _parser(reader).Parse(data, True)
    except expat.ExpatError as err:
        raise OpmlError(f"OPML is not well-formed XML: {expat.ErrorString(err.code)} at line {err.lineno}"
                        ) from err
    if reader.root != "opml":
        raise OpmlError("not an OPML document")
    return list(reader.feeds.values())


def export_opml(feeds: Iterable[tuple[str, str]], title: str = "rumorbot feeds") -> bytes:
    """An OPML 2.0 document with one `rss` outline per (url, name)."""
    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = title
    body = ET.SubElement(root, "body")
    for url, name in feeds:
        ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=url)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
