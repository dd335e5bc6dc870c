"""Local files to Articles, for ``claimtrack ingest`` and ``extract``: saved pages, PDFs, text.

A saved page or PDF goes through ``extract_article`` as if a server had sent it; a text file
is taken as the article's text as it is. Every refusal is a ``PageFileError`` whose message
is one line naming the file.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from extractors.pages.article import PDF_HEADER_WINDOW, PDF_MAGIC, extract_article
from extractors.records import STATUS_OK, Article

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


class PageFileError(ValueError):
    """A local file that cannot be read as an article; the message names the file."""


def article_from_file(path: Path, url: str | None = None, published: date | None = None,
                      lang: str | None = None) -> Article:
    """The Article of a local file; ``url``, ``published`` and ``lang`` override what the
    file says. Raises ``PageFileError`` for a missing, unreadable or unusable file, and for a
    page the extractor refuses (blocked, empty, not an article)."""
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        raise PageFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PageFileError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise PageFileError(f"{path}: cannot read: {error.strerror}") from None
    url = url or path.resolve().as_uri()
    kind = file_kind(path, body)
    if kind == "text":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise PageFileError(f"{path}: not UTF-8 text (byte {body[error.start]:#04x} at offset {error.start})") from None
        if "\x00" in text:
            raise PageFileError(f"{path}: binary data, not a text file")
        # Offsets index the text as Python reads the file: universal newlines.
        article = Article(url=url, text=text.replace("\r\n", "\n").replace("\r", "\n"))
    elif kind in ("html", "pdf"):
        # The suffix stands in for the Content-Type a server would send, so that a
        # ".pdf" without a PDF header is reported as a broken PDF, not read as a page.
        content_type = "application/pdf" if path.suffix.lower() in PDF_SUFFIXES else "text/html"
        article = extract_article(url, body, {"Content-Type": content_type})
        if article.status != STATUS_OK:
            raise PageFileError(f"{path}: {article.status}: {article.reason}")
    else:
        raise PageFileError(f"{path}: not an HTML, text or PDF file")
    if published is not None:
        article.published = published.isoformat()
    if lang is not None:
        article.lang = lang
    return article


def file_kind(path: Path, body: bytes) -> str | None:
    """"html", "text" or "pdf": a PDF header or the suffix decides, else the content does;
    None for anything else."""
    suffix = path.suffix.lower()
    if PDF_MAGIC in body[:PDF_HEADER_WINDOW] or suffix in PDF_SUFFIXES:
        return "pdf"  # a .pdf without a PDF header is reported broken by the extractor
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if _HTML_START.search(body[:2048]):
        return "html"
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text" if b"\x00" not in body else None
