"""The pages stage: fetched bytes (HTML or PDF) to an ``Article`` with clean text and metadata.

``extract_article(url, body, headers, encoding=..., http_status=...)`` is the entry point; it
never raises on bad input and reports what went wrong in ``Article.status``.
``article_from_file(path, ...)`` reads a saved page, PDF or text file (``claimtrack ingest``).

The entry points are imported when first used (PEP 562), so that the store can import
``extractors.pages.syndication`` without loading trafilatura and lxml.
"""

from importlib import import_module
from typing import Any

_ENTRY_POINTS = {
    "extract_article": "extractors.pages.article",
    "PageFileError": "extractors.pages.files",
    "article_from_file": "extractors.pages.files",
}

__all__ = ["PageFileError", "article_from_file", "extract_article"]


def __getattr__(name: str) -> Any:
    if name not in _ENTRY_POINTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_ENTRY_POINTS[name]), name)
