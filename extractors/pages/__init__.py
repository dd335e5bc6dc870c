"""The pages stage: fetched bytes (HTML or PDF) to an ``Article`` with clean text and metadata.

``extract_article(url, body, headers, encoding=..., http_status=...)`` is the entry point; it
never raises on bad input and reports what went wrong in ``Article.status``.
"""

from extractors.pages.article import extract_article

__all__ = ["extract_article"]
