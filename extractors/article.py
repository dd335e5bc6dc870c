"""The Article record: what a fetched page or PDF becomes before its claims are read.

``extract_article(url, body, headers=None, encoding=None)`` is the one entry point (see
the functions below); it never raises on bad input, it returns an Article whose ``status``
says what went wrong.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from extractors.language import is_han

# Article.status values. Only "ok" articles are stored with claims; the rest are reported.
STATUS_OK = "ok"
STATUS_BLOCKED = "blocked"          # challenge page, login wall, 403/412 body
STATUS_EMPTY = "empty"              # main text under the threshold
STATUS_TOO_LARGE = "too_large"      # body over the size cap, not parsed
STATUS_SCANNED_PDF = "scanned_pdf"  # a PDF without a text layer
STATUS_UNREADABLE = "unreadable"    # corrupt/encrypted PDF, an image served as HTML, ...
STATUS_NOT_ARTICLE = "not_article"  # a listing or home page: headlines and links, not a story

# Size caps, checked before any parsing: a body over its cap is reported, not read.
MAX_HTML_BYTES = 10 * 1024 * 1024
MAX_PDF_BYTES = 50 * 1024 * 1024
# Main text below this many "units" is no article (a Han character counts 3, any other
# non-space character 1): about 35 Chinese characters or 20 English words, so a one-line
# Xinhua flash with a figure still counts while a challenge or login page does not.
MIN_TEXT_UNITS = 100


@dataclass
class Article:
    url: str
    text: str = ""
    title: str | None = None
    published: str | None = None      # ISO date or datetime with offset ("2025-12-26", "2025-12-26T10:02:00+08:00")
    lang: str | None = None           # "en", "zh"
    outlet: str | None = None         # "Xinhua", "CAICT", "People's Daily Online", ...
    canonical_url: str | None = None
    author: str | None = None
    status: str = STATUS_OK
    reason: str | None = None         # one line saying why, when status is not "ok"
    pages: list[int] = field(default_factory=list)  # PDFs: offset in text where each page starts
    encoding: str | None = None       # codec the HTML was decoded with
    extraction: str | None = None     # "site:xinhua", "trafilatura", "pdf": which path produced the text
    attachments: list[str] = field(default_factory=list)  # documents (PDF white papers) linked from the text

    @property
    def content_hash(self) -> str:
        """A stable digest of the text; recording an unchanged article again changes nothing."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def text_units(text: str) -> int:
    """Size of a text for the "too short to be an article" test (see MIN_TEXT_UNITS)."""
    return sum(3 if is_han(char) else 1 for char in text if not char.isspace())


# Bodies that are not pages at all, by their first bytes.
_BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"RIFF", "a RIFF file (WebP image, audio or video)"),
)
PDF_MAGIC = b"%PDF-"
# PDF readers accept the header anywhere in the first kilobyte, after junk bytes.
PDF_HEADER_WINDOW = 1024


def extract_article(
    url: str,
    body: bytes,
    headers: Mapping[Any, Any] | None = None,
    encoding: str | None = None,
    *,
    http_status: int | None = None,
) -> Article:
    """Turn a fetched page or PDF into an Article; never raises on bad input.

    Dispatches on the body (PDF header, image signatures) rather than on the declared type,
    which servers get wrong. ``headers`` may be a plain dict or Scrapy's ``response.headers``;
    ``encoding`` is a per-source override that beats every declaration; ``http_status``
    (optional) lets a 403/412 answer be reported as blocked whatever its body looks like.
    """
    # Imported here because both modules import the Article record from this one.
    from extractors.encoding import decode_html_with_charset, header_value
    from extractors.html import extract_html
    from extractors.pdf import extract_pdf

    try:
        body = bytes(body or b"")
        content_type = (header_value(headers, "Content-Type") or "").lower()
        if PDF_MAGIC in body[:PDF_HEADER_WINDOW]:
            if len(body) > MAX_PDF_BYTES:
                return _refused(url, STATUS_TOO_LARGE, f"PDF of {len(body):,} bytes is over the {MAX_PDF_BYTES:,}-byte cap")
            return extract_pdf(body, url=url)
        if "pdf" in content_type:
            return _refused(url, STATUS_UNREADABLE, "served as PDF but the body has no PDF header")
        for magic, what in _BINARY_MAGIC:
            if body.startswith(magic):
                return _refused(url, STATUS_UNREADABLE, f"the body is {what}, not a page")
        if b"\x00" in body[:1024]:
            return _refused(url, STATUS_UNREADABLE, "the body is binary data, not a page")
        if len(body) > MAX_HTML_BYTES:
            return _refused(url, STATUS_TOO_LARGE, f"page of {len(body):,} bytes is over the {MAX_HTML_BYTES:,}-byte cap")
        if not body.strip():
            return _refused(url, STATUS_EMPTY, "empty body")
        text, codec = decode_html_with_charset(body, headers, encoding)
        return extract_html(url, text, http_status=http_status, encoding=codec)
    except Exception as error:  # a parser bug must not stop a crawl: report it as this page's status
        return _refused(url, STATUS_UNREADABLE, f"extraction failed: {type(error).__name__}: {error}"[:300])


def _refused(url: str, status: str, reason: str) -> Article:
    return Article(url=url, status=status, reason=reason)
