"""Turn the bytes of a fetched page into text, trusting declarations only as far as the bytes agree.

Chinese sites declare GB2312 and serve GBK; benchmark corpora re-save pages as UTF-8 but keep
``charset=gb2312`` in the ``<meta>``; servers send ``ISO-8859-1`` by default whatever the page
is. So every declared charset is tried against the bytes, and a decoding that produces
mojibake is rejected in favour of the next candidate.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from extractors.language import han_characters

# Where a page's own <meta charset> must appear (the HTML standard says the first 1024 bytes;
# real pages put it later, after long comments or Wayback Machine toolbars).
META_SCAN_BYTES = 4096

# GB2312 and GBK are subsets of GB18030: decoding as the superset never loses a character
# that a page "declared as GB2312" actually uses.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "euc-cn": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "latin-1": "cp1252",     # the WHATWG rule: "ISO-8859-1" means windows-1252
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)
_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

# A run of two or more characters from Latin-1 Supplement / cp1252 punctuation: what UTF-8 or
# GBK bytes look like when read as a single-byte charset ("æ–°åŽ", "Ã©"). Real accented
# Latin text has such letters one at a time, between ASCII letters.
_SINGLE_BYTE_MOJIBAKE = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]{2,}")
# Shares above which decoded text counts as mojibake (see looks_like_mojibake).
MOJIBAKE_RUN_SHARE = 0.3
RARE_HAN_SHARE = 0.25
MIN_HAN_FOR_CHECK = 20
# A wrong charset garbles a page throughout, so its start is enough to tell.
MOJIBAKE_SAMPLE_CHARS = 50_000
# Markup read to find that much text: pages are mostly markup (scripts, styles, attributes).
MARKUP_SAMPLE_CHARS = 4 * MOJIBAKE_SAMPLE_CHARS
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.IGNORECASE | re.DOTALL)
_LATIN_HIGH = re.compile("[\u0080-\u00ff]")


def normalise_charset(name: str | None) -> str | None:
    """Python codec name for a declared charset, widened to its superset; None if unknown."""
    if not name:
        return None
    raw = name.strip().strip("\"'").lower()
    if raw in _SUPERSETS:
        return _SUPERSETS[raw]
    try:
        codec = codecs.lookup(raw).name
    except LookupError:
        return None
    return _SUPERSETS.get(codec, codec)


def header_value(headers: Mapping[Any, Any] | None, name: str) -> str | None:
    """A header's first value from a plain dict or Scrapy's Headers (bytes keys, list values)."""
    if not headers:
        return None
    wanted = name.lower()
    for key, value in headers.items():
        key_text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key_text.lower() != wanted:
            continue
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return value
    return None


def header_charset(headers: Mapping[Any, Any] | None) -> str | None:
    content_type = header_value(headers, "Content-Type")
    match = _CONTENT_TYPE_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset of the page's own <meta>, skipping ``<script charset=...>`` and the like."""
    match = _META_CHARSET.search(body[:META_SCAN_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def looks_like_mojibake(text: str) -> bool:
    """True when ``text`` reads like bytes decoded with the wrong charset.

    Two signatures: runs of Latin-1 characters (multi-byte text read as a single-byte
    charset), and Han text dominated by characters outside GB2312's common level (UTF-8 or
    Big5 bytes read as GBK land there; real simplified Chinese almost never does).
    """
    text = text[:MOJIBAKE_SAMPLE_CHARS]
    if text.count("\ufffd") > 3:
        return True
    latin_high = len(_LATIN_HIGH.findall(text))
    if latin_high >= 10:
        in_runs = sum(len(run) for run in _SINGLE_BYTE_MOJIBAKE.findall(text))
        if in_runs / latin_high > MOJIBAKE_RUN_SHARE:
            return True
    han = han_characters(text)
    if len(han) >= MIN_HAN_FOR_CHECK:
        rare = sum(count for char, count in Counter(han).items() if not _is_common_gb2312(char))
        if rare / len(han) > RARE_HAN_SHARE:
            return True
    return False


def visible_text(markup: str) -> str:
    """The start of a page's text without its tags, scripts, styles and comments: what
    ``looks_like_mojibake`` should judge (markup is ASCII whatever the charset, and a long
    <head> would otherwise fill the sample)."""
    return _MARKUP.sub(" ", markup[:MARKUP_SAMPLE_CHARS])


def _is_common_gb2312(char: str) -> bool:
    """In GB2312 (levels 1 and 2: the 6,763 characters of everyday simplified Chinese)."""
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and encoded[0] >= 0xB0


def decode_html_with_charset(
    body: bytes, headers: Mapping[Any, Any] | None = None, declared: str | None = None
) -> tuple[str, str]:
    """Return (text, codec used).

    ``declared`` is a per-source override from configuration and wins outright. Otherwise a
    byte-order mark wins, then the first of HTTP charset, ``<meta>`` charset, UTF-8 and
    GB18030 that decodes strictly without mojibake. A page that is valid UTF-8 is read as
    UTF-8 whatever it declares: GBK text is practically never valid UTF-8, while UTF-8 pages
    that still declare GB2312 are common.
    """
    override = normalise_charset(declared)
    if override:
        return body.decode(override, errors="replace"), override
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), codec
    if _is_utf8(body):
        return body.decode("utf-8"), "utf-8"
    candidates = [normalise_charset(header_charset(headers)), normalise_charset(meta_charset(body)), "gb18030"]
    tried: list[str] = []
    for codec in candidates:
        if not codec or codec in tried or codec == "utf-8":
            continue
        tried.append(codec)
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        if not looks_like_mojibake(visible_text(text)):
            return text, codec
    # Nothing decodes cleanly: keep what the page itself says, marking bad bytes.
    fallback = next((codec for codec in candidates[1:] + candidates[:1] if codec), "utf-8")
    return body.decode(fallback, errors="replace"), fallback


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
