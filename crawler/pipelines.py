"""Item pipelines, one job each, from a raw page to rows in the store.

They go through the same functions as ``claimtrack ingest``: ``extract_article`` (bytes to
Article), ``read_claims`` (Article to claims) and ``store.recording.record_reading`` (both
to the store): one path from bytes to store. With extraction switched off
(``-a extract=no``, for the benchmark) every page stops at the first pipeline, counted.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from scrapy.exceptions import DropItem

from crawler.items import ARTICLE, LISTING, PageItem
from crawler.session import CrawlSession
from extractors.claims import read_claims
from extractors.pages import extract_article
from extractors.pages.encoding import header_value
from extractors.records import STATUS_BLOCKED, STATUS_OK
from store.recording import record_reading

NOT_MODIFIED = 304


class _SessionPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.session: CrawlSession = crawler.spider.session

    @classmethod
    def from_crawler(cls, crawler: Any) -> _SessionPipeline:
        return cls(crawler)

    def _record_fetch(self, item: PageItem, outcome: str, reason: str | None = None, article_id: int | None = None) -> None:
        assert self.session.store is not None
        self.session.store.record_fetch(
            item.url, source=item.source, outcome=outcome, http_status=item.http_status, reason=reason,
            etag=header_value(item.headers, "ETag"), last_modified=header_value(item.headers, "Last-Modified"),
            article_id=article_id,
        )


class ExtractArticlePipeline(_SessionPipeline):
    """Page bytes to an Article (``extractors.pages.extract_article``). A block stops here and
    marks the run blocked; a page the extractor refuses is counted and remembered."""

    def process_item(self, item: PageItem) -> PageItem:
        if not self.session.extract:
            raise DropItem(f"{item.url}: extraction is switched off")
        if item.http_status == NOT_MODIFIED:
            self.session.tally["articles_unchanged"] += 1
            self._record_fetch(item, "unchanged")
            raise DropItem(f"{item.url}: not modified")
        article = extract_article(item.url, item.body, item.headers, encoding=self.session.source.encoding,
                                  http_status=item.http_status)
        if article.status == STATUS_BLOCKED:
            self.session.blocked(f"{item.url}: {article.reason}")
            raise DropItem(f"{item.url}: blocked")
        if item.role == LISTING:
            self.session.error(f"{item.url}: no article links found on this start page "
                               f"(has the site's layout changed?); the extractor reads it as {article.status}")
            raise DropItem(f"{item.url}: a start page without article links")
        if article.status != STATUS_OK:
            self.session.tally["refused"] += 1
            self._record_fetch(item, "refused", f"{article.status}: {article.reason}")
            raise DropItem(f"{item.url}: {article.status}: {article.reason}")
        # What the listing said fills what the page does not say.
        article.title = article.title or item.title_hint
        article.published = article.published or item.date_hint
        item.article = article
        return item


class KeywordFilterPipeline(_SessionPipeline):
    """Keep only articles that mention one of the source's keywords (when it has any)."""

    def process_item(self, item: PageItem) -> PageItem:
        keywords = self.session.source.keywords
        if not keywords or keyword_pattern(keywords).search(f"{item.article.title or ''}\n{item.article.text}"):
            return item
        self.session.tally["excluded"] += 1
        self._record_fetch(item, "excluded", "mentions none of the source's keywords")
        raise DropItem(f"{item.url}: mentions none of the keywords")


class ReadClaimsPipeline(_SessionPipeline):
    """The article's claims (``extractors.claims.read_claims``); None when its language has no rules."""

    def process_item(self, item: PageItem) -> PageItem:
        item.claims = read_claims([item.article])[0]
        if item.claims is None:
            self.session.note(f"no claim rules for the language of some pages (first: {item.url}); recorded unread")
        return item


class RecordPipeline(_SessionPipeline):
    """Record the article and its claims (``store.recording.record_reading``), remember the
    fetch with its validators, and send the spider to the documents the article links."""

    def process_item(self, item: PageItem) -> PageItem:
        assert self.session.store is not None
        result = record_reading(self.session.store, item.article, item.claims, source=item.source)
        if result.status in ("new", "changed"):
            self.session.tally[f"articles_{result.status}"] += 1
            self.session.tally["claims_new"] += result.claims_added
        else:
            self.session.tally["articles_unchanged"] += 1
        self._record_fetch(item, "stored", article_id=result.article_id)
        if item.role == ARTICLE:
            self._follow_documents(item)
        return item

    def _follow_documents(self, item: PageItem) -> None:
        spider = self.crawler.spider
        for url in item.article.attachments:
            request = spider.document_request(url, item)
            if request is not None:
                self.crawler.engine.crawl(request)


@cache
def keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``keywords``, case-insensitive; a Latin keyword matches whole words only (so
    "AI" is not found in "said"), a Chinese one anywhere (Chinese has no spaces)."""
    parts = []
    for keyword in keywords:
        part = re.escape(keyword)
        if keyword[:1].isascii() and keyword[:1].isalnum():
            part = r"(?<![A-Za-z0-9])" + part
        if keyword[-1:].isascii() and keyword[-1:].isalnum():
            part += r"(?![A-Za-z0-9])"
        parts.append(part)
    return re.compile("|".join(parts), re.IGNORECASE)
