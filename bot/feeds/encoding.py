"""Turning feed bytes of any declared or undeclared encoding into UTF-8.

feedparser handles declared encodings, but an undeclared GBK or Big5 feed would come out as
mojibake (RFC 3023 says text/xml without a charset is ASCII). We decide the encoding once here and
hand feedparser UTF-8 with a matching content-type.
"""

from __future__ import annotations

import codecs
import re

_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Labels that name a subset of what servers really send; decode with the superset (as browsers do).
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
    "big5": "big5hkscs", "x-big5": "big5hkscs", "cp950": "big5hkscs",
    "iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "shift_jis": "cp932", "euc-kr": "cp949",
}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SNIFF = ("gb18030", "big5hkscs")
# The most frequent Chinese characters, simplified and traditional: right decodings hit many,
# a GBK reading of Big5 bytes (or the reverse) hits almost none.
_COMMON = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后"
    "作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只"
    "從這個們來為國說時會對後於著過發學還進樣理開經現當動"
)


def declared(body: bytes, content_type: str) -> str | None:
    """The encoding label the response declares: HTTP charset first (RFC 3023), else the XML prolog."""
    found = _CHARSET.search(content_type or "")
    if found:
        return found.group(1).lower()
    prolog = _XML_DECL.match(body[:512])
    return prolog.group(1).decode("ascii").lower() if prolog else None


def codec_for(label: str) -> str | None:
    """A Python codec for the label (upgraded to its superset), or None when Python knows no such codec."""
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def sniff(body: bytes) -> str:
    """Guess an undeclared encoding: UTF-8 if it decodes, else the best-scoring Chinese codec, else cp1252."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best, best_score = "cp1252", 0
    for codec in _SNIFF:
        text = body.decode(codec, errors="replace")
        score = sum(char in _COMMON for char in text) - 10 * text.count("\ufffd")
        if score > best_score:
            best, best_score = codec, score
    return best


def to_text(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode the body; returns (text, codec used). Never raises: undecodable bytes become U+FFFD."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return body.decode(bom_codec, errors="replace"), bom_codec
    label = declared(body, content_type)
    codec = codec_for(label) if label else None
    if codec and codec not in ("utf-16", "utf-32"):  # a declared UTF-16 without BOM is usually a lie
        try:
            return body.decode(codec), codec
        except UnicodeDecodeError:
            pass  # the declaration is wrong: fall through to sniffing
    guess = sniff(body)
    return body.decode(guess, errors="replace"), guess


def media_type(content_type: str) -> str:
    """'application/rss+xml; charset=gbk' -> 'application/rss+xml'."""
    return (content_type or "").split(";", 1)[0].strip().lower()
