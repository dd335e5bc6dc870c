"""The one item the spiders yield: a fetched page, raw, with what its listing said of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# PageItem.role values.
ARTICLE = "article"      # a story page the spider was sent to by a listing, feed or sitemap
DOCUMENT = "document"    # a white paper (PDF) linked from a list or an article
LISTING = "listing"      # a start page in which the spider found no article link: the
                         # pipelines tell a challenge or login page from a changed layout


@dataclass
class PageItem:
    url: str                          # the page's address on its site (a mirror's path mapped back)
    fetched_url: str                  # where it was downloaded from
    role: str
    http_status: int
    headers: dict[str, str]
    body: bytes
    source: str
    title_hint: str | None = None     # the title its listing, feed or sitemap gave
    date_hint: str | None = None      # the date they gave (ISO)
    # Filled in by the pipelines.
    article: Any = None               # extractors.records.Article
    claims: Any = None                # list of Claim, or None when the language has no rules
