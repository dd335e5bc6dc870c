"""The Article record: what a fetched page or PDF becomes before its claims are read.

``extract_article(url, body, headers=None, encoding=None)`` is the one entry point (see
the functions below); it never raises on bad input, it returns an Article whose ``status``
says what went wrong.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# Article.status values. Only "ok" articles are stored with claims; the rest are reported.
STATUS_OK = "ok"
STATUS_BLOCKED = "blocked"          # challenge page, login wall, 403/412 body
STATUS_EMPTY = "empty"              # main text under the threshold
STATUS_TOO_LARGE = "too_large"      # body over the size cap, not parsed
STATUS_SCANNED_PDF = "scanned_pdf"  # a PDF without a text layer
STATUS_UNREADABLE = "unreadable"    # corrupt/encrypted PDF, an image served as HTML, ...


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

    @property
    def content_hash(self) -> str:
        """A stable digest of the text; recording an unchanged article again changes nothing."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
