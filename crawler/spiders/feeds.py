"""Trade press: any site from its RSS/Atom feeds, sitemaps, news sitemaps, sitemap indexes
(plain or gzip) and robots.txt ``Sitemap:`` lines. A site is added by configuration alone:
its feed or sitemap URLs as ``start_urls``; its pages go through trafilatura.

Every entry of a feed is an article link; the entry's title and date are passed on as
hints. A feed or sitemap whose newest entry is months old is reported stale on the run.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from scrapy.http import Response

from crawler.feeds import read_feed
from crawler.spiders.base import Link, SourceSpider, navigation

FEED_KINDS = ("rss", "atom")
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


class FeedsSpider(SourceSpider):
    name = "feeds"

    def parse_start(self, response: Response):
        yield from self.parse_feed(response, start=True)

    def parse_feed(self, response: Response, start: bool = False):
        url = self.site_url(response)
        feed = read_feed(response.body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        if feed.kind is None:
            if start and (response.status != 200 or _HTML_START.match(response.body[:512])):
                yield self.listing_item(response)     # a challenge or login page, or a page that moved
            else:
                self.session.error(f"{url}: {feed.problem}")
            return
        if feed.problem:
            self.session.error(f"{url}: {feed.problem}")
        for sitemap in feed.sitemaps:
            child = self.resolve(sitemap, response)
            if child and self.session.addresses.allowed(child):
                yield self.follow(child, self.parse_feed, role="feed")
        links = []
        for entry in feed.entries:
            article = self.resolve(entry.url, response)
            if article:
                published = entry.published.isoformat() if entry.published else None
                links.append(Link(article, title=entry.title, date=published))
        requests, _ = self.page_requests(links)
        yield from requests
        self.check_freshness(url, feed.kind, feed.newest)

    def check_freshness(self, url: str, kind: str, newest: datetime | None) -> None:
        if newest is None or kind not in FEED_KINDS:
            return   # sitemaps list archives too: only a feed's age says the site went quiet
        stale_after = timedelta(days=navigation("feeds")["stale_after_days"])
        if datetime.now(UTC) - newest > stale_after:
            self.session.note(f"{url} is stale: its newest entry is from {newest.date().isoformat()}")
