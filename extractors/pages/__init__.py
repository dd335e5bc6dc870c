"""The pages stage: fetched bytes (HTML or PDF) to an ``Article`` with clean text and metadata.

``extract_article(url, body, headers, encoding=..., http_status=...)`` is the entry point; it
never raises on bad input and reports what went wrong in ``Article.status``.
``article_from_file(path, ...)`` reads a saved page, PDF or text file (``claimtrack ingest``).
"""

from extractors.pages.article import extract_article
from extractors.pages.files import PageFileError, article_from_file

__all__ = ["PageFileError", "article_from_file", "extract_article"]
