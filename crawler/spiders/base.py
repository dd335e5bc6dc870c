"""What every source spider shares: its session, its start pages, article requests that
skip known URLs, the raw page item, and one place that records what went wrong.

Spiders only navigate: they find article links and yield each fetched page raw; the
pipelines turn pages into articles, claims and rows.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.items import ARTICLE, DOCUMENT, LISTING, PageItem
from crawler.middlewares import ROBOTS_FORBIDDEN, ROBOTS_UNREACHABLE
from crawler.session import CrawlSession, Plan
from crawler.settings import configured_settings
from extractors.pages.html import STATUS_CODES_BLOCKED

NAVIGATION_FILE = Path(__file__).resolve().parents[1] / "data" / "navigation.toml"
# Answers the spider wants to see rather than have Scrapy drop: blocks (the extractor names
# them) and "not modified" answers to conditional requests.
PAGE_STATUSES = sorted(STATUS_CODES_BLOCKED | {304})


@cache
def navigation(spider: str) -> dict[str, Any]:
    """The spider's patterns and selectors from crawler/data/navigation.toml."""
    return tomllib.loads(NAVIGATION_FILE.read_text(encoding="utf-8"))[spider]


@dataclass(frozen=True)
class Link:
    url: str                        # site URL
    title: str | None = None
    date: str | None = None         # ISO date or datetime from the listing
    role: str = ARTICLE


class SourceSpider(scrapy.Spider):
    """A spider for one configured source: ``scrapy crawl SPIDER -a source=NAME``
    (optionally ``-a config=PATH -a db=PATH``), or ``python -m crawler NAME``."""

    session: CrawlSession
    # A cluster node crawls with a session that reports to Redis instead (cluster/node_crawl.py).
    session_class: type[CrawlSession] = CrawlSession

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, source: str | None = None, config: str | None = None,
                     db: str | None = None, run: str | None = None, extract: Any = True, **kwargs: Any) -> SourceSpider:
        session = cls.session_class.from_arguments(cls.name, source=source, config=config, db=db, run=run,
                                                   extract=extract)
        # The configuration's [crawler] section beats settings.py; settings are frozen after this.
        crawler.settings.setdict(configured_settings(session.config.crawler), priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.session = session
        # Opened here, so that a database that cannot be opened stops the crawl before it starts.
        session.open()
        spider.allowed_domains = session.addresses.fetch_hosts
        return spider

    async def start(self):
        for url in self.session.source.start_urls:
            yield Request(url, callback=self._start_answered, errback=self.on_error, dont_filter=True,
                          meta={"role": "start", "site_url": self.session.addresses.site_url(url),
                                "handle_httpstatus_list": PAGE_STATUSES})

    def _start_answered(self, response: Response):
        self.session.starts_answered += 1
        return self.parse_start(response)

    def parse_start(self, response: Response):
        raise NotImplementedError

    # Links and requests -------------------------------------------------------------

    def site_url(self, response: Response) -> str:
        return response.meta.get("site_url") or self.session.addresses.site_url(response.url)

    def resolve(self, href: str | None, response: Response) -> str | None:
        return self.session.addresses.resolve(href or "", response.url)

    def follow(self, site_url: str, callback: Any, *, role: str, **meta: Any) -> Request:
        """A request for a navigation page (a listing's next page, a JSON list, a sitemap)."""
        return Request(self.session.addresses.fetch_url(site_url), callback=callback, errback=self.on_error,
                       meta={"role": role, "site_url": site_url, **meta})

    def page_requests(self, links: list[Link]) -> tuple[list[Request], int]:
        """Requests for the links this source should fetch; returns them and how many of
        the links were new (never fetched): pagination stops at a page with none."""
        usable = [link for link in links if self.session.addresses.allowed(link.url)]
        plans = self.session.plan([link.url for link in usable])
        requests, new, seen = [], 0, set()
        for link in usable:
            if link.url in seen:
                continue
            seen.add(link.url)
            plan = plans[link.url]
            if plan.kind == "known":
                self.session.tally["skipped"] += 1
                continue
            new += plan.kind == "new"
            requests.append(self._page_request(link, plan))
        return requests, new

    def document_request(self, site_url: str, referer_item: PageItem) -> Request | None:
        """A request for a document an article links (a white paper), unless known;
        the record pipeline calls it with the article's attachments."""
        requests, _ = self.page_requests([Link(site_url, date=referer_item.date_hint, role=DOCUMENT)])
        return requests[0] if requests else None

    def _page_request(self, link: Link, plan: Plan) -> Request:
        return Request(self.session.addresses.fetch_url(link.url), callback=self.parse_page, errback=self.on_error,
                       headers=plan.headers or None,
                       meta={"role": link.role, "site_url": link.url, "title_hint": link.title,
                             "date_hint": link.date, "handle_httpstatus_list": PAGE_STATUSES})

    # Pages --------------------------------------------------------------------------

    def parse_page(self, response: Response):
        yield self.page_item(response, response.meta.get("role", ARTICLE))

    def listing_item(self, response: Response) -> PageItem:
        """A start page without article links, for the pipelines to diagnose."""
        return self.page_item(response, LISTING)

    def page_item(self, response: Response, role: str) -> PageItem:
        return PageItem(
            url=self.site_url(response),
            fetched_url=response.url,
            role=role,
            http_status=response.status,
            headers={key.decode("latin-1"): b", ".join(values).decode("latin-1")
                     for key, values in response.headers.items()},
            body=response.body,
            source=self.session.source.name,
            title_hint=response.meta.get("title_hint"),
            date_hint=response.meta.get("date_hint"),
        )

    @staticmethod
    def is_text(response: Response) -> bool:
        return isinstance(response, TextResponse)

    # Failures -----------------------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        """Every failed request ends here: counted and recorded on the run, never raised."""
        request = failure.request
        url = request.meta.get("site_url") or request.url
        error = failure.value
        if isinstance(error, IgnoreRequest):
            message = str(error)
            if message.startswith(ROBOTS_FORBIDDEN):
                self.session.tally["robots_forbidden"] += 1
                self.session.note("URLs forbidden by robots.txt were not fetched")
            elif message.startswith(ROBOTS_UNREACHABLE):
                self.session.tally["robots_unreachable"] += 1   # recorded once per host by the middleware
            elif "offsite" in message.lower():
                self.session.tally["offsite"] += 1
            else:
                self.session.error(f"{url}: {message}")
            return
        if isinstance(error, HttpError):
            self.session.error(f"{url}: HTTP {error.response.status}")
            return
        self.session.error(f"{url}: {_describe(error)}")


def _describe(error: BaseException) -> str:
    text = " ".join(str(error).split())
    name = type(error).__name__
    return f"{name}: {text}" if text else name
