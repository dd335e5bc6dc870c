"""Local files to Articles, for ``claimtrack ingest`` and ``extract``: saved pages, PDFs, text.

A saved page or PDF goes through ``extract_article`` as if a server had sent it, under the
address the page names for itself when no URL is given (see ``saved.py``); a text file is
taken as the article's text as it is. Every article keeps the file it was read from as
``ingested_from``. Only regular files are read, and never more than the size cap of their
kind, so a device, a FIFO or a huge file costs neither memory nor a hang. Every refusal is a
``PageFileError`` whose message is one line naming the file.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date
from pathlib import Path

from extractors.pages.article import PDF_HEADER_WINDOW, PDF_MAGIC, extract_article
from extractors.pages.limits import MAX_HTML_BYTES, MAX_PDF_BYTES, MAX_TEXT_BYTES
from extractors.pages.saved import read_saved_page
from extractors.records import STATUS_EMPTY, STATUS_OK, STATUS_TOO_LARGE, Article

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
# Bytes read before the kind of a file is known: enough for file_kind's PDF and HTML checks.
_HEAD_BYTES = 2048
_CAPS = {"pdf": MAX_PDF_BYTES, "html": MAX_HTML_BYTES, "text": MAX_TEXT_BYTES}
_NOT_REGULAR = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                (stat.S_ISSOCK, "a socket"))
_BYTE_ORDER_MARK = "\ufeff"


class PageFileError(ValueError):
    """A local file that cannot be read as an article; the message names the file."""


def article_from_file(path: Path, url: str | None = None, published: date | None = None,
                      lang: str | None = None) -> Article:
    """The Article of a local file; ``url``, ``published`` and ``lang`` override what the
    file says. Raises ``PageFileError`` for a missing, unreadable, oversized or unusable
    file, and for a page the extractor refuses (blocked, empty, not an article)."""
    body, kind = read_capped(path)
    file_url = path.resolve().as_uri()
    if kind == "text":
        article = Article(url=url or file_url, text=_text_of(path, body))
    elif kind in ("html", "pdf"):
        # The suffix stands in for the Content-Type a server would send, so that a
        # ".pdf" without a PDF header is reported as a broken PDF, not read as a page.
        content_type = "application/pdf" if path.suffix.lower() in PDF_SUFFIXES else "text/html"
        address, site = read_saved_page(body) if kind == "html" and url is None else (None, None)
        article = extract_article(url or address or file_url, body, {"Content-Type": content_type}, site=site)
        if article.status != STATUS_OK:
            raise PageFileError(f"{path}: {article.status}: {article.reason}")
    else:
        raise PageFileError(f"{path}: not an HTML, text or PDF file")
    article.ingested_from = file_url
    if published is not None:
        article.published = published.isoformat()
    if lang is not None:
        article.lang = lang
    return article


def read_capped(path: Path) -> tuple[bytes, str | None]:
    """The bytes of a regular file and its kind (see :func:`file_kind`), read only once the
    file is known to be within the size cap of its kind."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise PageFileError(f"{path}: no such file") from None
    except OSError as error:
        raise PageFileError(f"{path}: cannot read: {error.strerror}") from None
    status = os.fstat(descriptor)
    refusal = _not_a_regular_file(status.st_mode)
    if refusal:
        os.close(descriptor)
        raise PageFileError(f"{path}: {refusal}")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            head = handle.read(_HEAD_BYTES)
            cap = _CAPS.get(file_kind(path, head) or "text", MAX_TEXT_BYTES)
            if status.st_size > cap:
                raise PageFileError(_too_large(path, status.st_size, cap))
            body = head + handle.read(cap + 1 - len(head))   # one byte over: a file that grew meanwhile
        except OSError as error:
            raise PageFileError(f"{path}: cannot read: {error.strerror}") from None
    if len(body) > cap:
        raise PageFileError(_too_large(path, len(body), cap))
    return body, file_kind(path, body)


def _not_a_regular_file(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    for test, what in _NOT_REGULAR:
        if test(mode):
            return f"is {what}, not a regular file"
    return None


def _too_large(path: Path, size: int, cap: int) -> str:
    return f"{path}: {STATUS_TOO_LARGE}: file of {size:,} bytes is over the {cap:,}-byte cap for its kind"


def _text_of(path: Path, body: bytes) -> str:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PageFileError(f"{path}: not UTF-8 text (byte {body[error.start]:#04x} at offset {error.start})") from None
    if "\x00" in text:
        raise PageFileError(f"{path}: binary data, not a text file")
    if not text.replace(_BYTE_ORDER_MARK, "").strip():
        raise PageFileError(f"{path}: {STATUS_EMPTY}: the file has no text")
    # Offsets index the text as Python reads the file: universal newlines.
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
