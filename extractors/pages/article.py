"""Fetched bytes to an Article: ``extract_article(url, body, headers=None, encoding=None)``.

It never raises on bad input; it returns an Article (``extractors.records``) whose
``status`` says what went wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from extractors.pages.encoding import decode_html_with_charset, header_value
from extractors.pages.html import extract_html
from extractors.pages.limits import MAX_HTML_BYTES, MAX_PDF_BYTES
from extractors.pages.pdf import extract_pdf
from extractors.records import (
    STATUS_EMPTY,
    STATUS_TOO_LARGE,
    STATUS_UNREADABLE,
    Article,
)

logger = logging.getLogger(__name__)

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
    site: str | None = None,
) -> Article:
    """Turn a fetched page or PDF into an Article; never raises on bad input.

    Dispatches on the body (PDF header, image signatures) rather than on the declared type,
    which servers get wrong. ``headers`` may be a plain dict or Scrapy's ``response.headers``;
    ``encoding`` is a per-source override that beats every declaration; ``http_status``
    (optional) lets a 403/412 answer be reported as blocked whatever its body looks like;
    ``site`` names the site rule to read a page with whose URL names no site (a saved file).
    """
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
        return extract_html(url, text, http_status=http_status, encoding=codec, site=site)
    except Exception as error:  # a parser bug must not stop a crawl: report it as this page's status
        logger.warning("extraction of %s failed; the page is reported unreadable", url, exc_info=True)
        return _refused(url, STATUS_UNREADABLE, f"extraction failed: {type(error).__name__}: {error}"[:300])


def _refused(url: str, status: str, reason: str) -> Article:
    return Article(url=url, status=status, reason=reason)
