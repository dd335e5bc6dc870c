"""The crawl's ``crawl_runs`` row: opened when the spider opens, its counts written every few
seconds while it runs, closed with the status the crawl earned when it closes."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.session import CrawlSession

REQUEST_COUNT_STAT = "downloader/request_count"


class CrawlRunRecorder:
    def __init__(self, crawler: Any, session: CrawlSession) -> None:
        self.crawler = crawler
        self.session = session
        self.interval = crawler.settings.getfloat("CLAIMTRACK_PROGRESS_INTERVAL")
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlRunRecorder:
        session = getattr(crawler.spider, "session", None)
        if session is None:
            raise NotConfigured("not a claimtrack source spider")
        recorder = cls(crawler, session)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.response_received, signal=signals.response_received)
        crawler.signals.connect(recorder.spider_error, signal=signals.spider_error)
        crawler.signals.connect(recorder.item_error, signal=signals.item_error)
        crawler.signals.connect(recorder.request_dropped, signal=signals.request_dropped)
        return recorder

    def requests(self) -> int:
        return int(self.crawler.stats.get_value(REQUEST_COUNT_STAT, 0))

    def spider_opened(self, spider: Any) -> None:
        self._loop = task.LoopingCall(self._progress)
        self._loop.start(self.interval, now=False)

    def _progress(self) -> None:
        self.session.progress(self.requests())

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self.session.close(reason, self.requests())

    def interrupt(self) -> None:
        """Called on SIGTERM/SIGINT, before Scrapy's graceful stop."""
        self.session.interrupt(self.requests())

    def response_received(self, response: Any, request: Any, spider: Any) -> None:
        if request.meta.get("role"):          # pages the spider asked for, not robots.txt
            self.session.tally["pages"] += 1

    def request_dropped(self, request: Any, spider: Any) -> None:
        """The scheduler drops a request it has seen: after a redirect, that is a loop
        (a→b→a), which would otherwise end without a word."""
        if request.meta.get("redirect_times"):
            url = request.meta.get("site_url") or request.url
            self.session.error(f"{url}: redirect loop (back to {request.url} after "
                               f"{request.meta['redirect_times']} redirects)")

    def spider_error(self, failure: Any, response: Any, spider: Any) -> None:
        self.session.error(f"{response.url}: the spider failed on the page: {failure.getErrorMessage()}")

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        url = getattr(item, "url", None) or (response.url if response is not None else "?")
        self.session.error(f"{url}: {failure.type.__name__}: {failure.getErrorMessage()}")
