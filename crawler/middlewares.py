"""Downloader middlewares for what Scrapy does not do the way a polite crawler should.

- ``StrictRobotsTxtMiddleware``: a robots.txt that answers 5xx or cannot be fetched (timeout,
  refused connection) means "crawl nothing on that host this run" (RFC 9309's "unreachable"),
  where Scrapy's middleware would allow everything. A 4xx robots.txt allows all, as the RFC says.
- ``RetryAfterMiddleware``: on 429 and 503 with a ``Retry-After`` header, waits that long
  before the retry (Scrapy retries at once); a wait over ``CLAIMTRACK_RETRY_AFTER_MAX`` ends
  the request instead of retrying early.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response

logger = logging.getLogger(__name__)

# Messages of the IgnoreRequest these middlewares raise; the spiders' error handler reads them.
ROBOTS_FORBIDDEN = "Forbidden by robots.txt"
ROBOTS_UNREACHABLE = "robots.txt unreachable"
RETRY_AFTER_STATUSES = (429, 503)


class _DisallowAll:
    """The robots policy of a host whose robots.txt could not be read this run."""

    def allowed(self, url: str, user_agent: Any) -> bool:
        return False


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, except that an unreachable robots.txt forbids the host."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._unreachable: set[str] = set()

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self._unreachable_host(netloc, f"answered HTTP {response.status}")
            return
        if response.status >= 400:
            # RFC 9309 2.3.1.3: an "unavailable" robots.txt (4xx) allows everything.
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):
            super()._robots_error(exc, netloc)
            return
        self._unreachable_host(netloc, f"could not be fetched ({type(exc).__name__}: {' '.join(str(exc).split())})")

    def _unreachable_host(self, netloc: str, what: str) -> None:
        self._unreachable.add(netloc)
        session = getattr(self.crawler.spider, "session", None)
        if session is not None:
            session.error(f"robots.txt of {netloc} {what}: nothing on that host is crawled this run")
        waiting = self._parsers[netloc]
        self._parsers[netloc] = _DisallowAll()
        if hasattr(waiting, "callback"):
            waiting.callback(self._parsers[netloc])

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, _DisallowAll):
            raise IgnoreRequest(f"{ROBOTS_UNREACHABLE}: {request.url} not requested")
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            raise IgnoreRequest(f"{ROBOTS_FORBIDDEN}: {request.url}") from None


class RetryAfterMiddleware:
    """Honour ``Retry-After`` on 429 and 503; runs before Scrapy's RetryMiddleware sees them."""

    def __init__(self, crawler: Any) -> None:
        if not crawler.settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("CLAIMTRACK_RETRY_AFTER_MAX")
        self.max_retry_times = crawler.settings.getint("RETRY_TIMES")

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in RETRY_AFTER_STATUSES or request.meta.get("dont_retry"):
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response                      # Scrapy's RetryMiddleware retries it as usual
        session = getattr(self.crawler.spider, "session", None)
        if wait > self.max_wait:
            request.meta["dont_retry"] = True    # retrying sooner than asked would be rude
            if session is not None:
                session.note(f"{request.url}: Retry-After {wait:g} s is over the {self.max_wait:g} s cap; not retried")
            return response
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"HTTP {response.status} Retry-After",
                                  max_retry_times=request.meta.get("max_retry_times", self.max_retry_times))
        if retry is None:
            request.meta["dont_retry"] = True
            return response
        logger.info("Waiting %.1f s (Retry-After) before retrying %s", wait, request.url)
        await asyncio.sleep(wait)
        return retry


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds to wait from a Retry-After value: a number of seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
