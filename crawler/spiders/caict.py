"""CAICT (www.caict.ac.cn): listing sections with ``index_N.htm`` pagination, detail pages
``tYYYYMMDD_<digits>.htm`` and the white-paper PDFs they link.

Each list row gives the full title (``@title``) and the date; the spider passes both on as
hints. Pagination goes on only while a page holds something new, so a second crawl of an
unchanged section reads its first page and stops. The firewall's 412 JavaScript challenge
comes back as a start page without links, which the pipelines report as blocked.
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.http import Response

from crawler.items import ARTICLE, DOCUMENT
from crawler.spiders.base import Link, SourceSpider, navigation


class CaictSpider(SourceSpider):
    name = "caict"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = navigation("caict")
        self.article_patterns = [re.compile(p) for p in self.rules["article_patterns"]]
        self.document_patterns = [re.compile(p) for p in self.rules["document_patterns"]]
        self.row_date = re.compile(self.rules["row_date"])
        self.page_link = re.compile(self.rules["page_link"])
        self.page_count_script = re.compile(self.rules["page_count_script"])

    def parse_start(self, response: Response):
        yield from self.parse_listing(response, start=True)

    def parse_listing(self, response: Response, start: bool = False):
        if not self.is_text(response):
            yield self.listing_item(response)
            return
        links = self.list_links(response)
        requests, new = self.page_requests(links)
        yield from requests
        if not links:
            if start:
                yield self.listing_item(response)
            else:
                self.session.error(f"{self.site_url(response)}: a listing page without article links")
            return
        following = self.next_page(response) if new else None
        if following:
            yield self.follow(following, self.parse_listing, role="listing")

    def list_links(self, response: Response) -> list[Link]:
        links: dict[str, Link] = {}
        for anchor in response.css("a[href]"):
            url = self.resolve(anchor.attrib.get("href"), response)
            role = self.link_role(url) if url else None
            if role is None or url in links:
                continue
            title = anchor.attrib.get("title") or " ".join(" ".join(anchor.css("::text").getall()).split())
            row_text = " ".join(anchor.xpath(self.rules["row"]).xpath("string()").getall())
            date = self.row_date.search(row_text)
            links[url] = Link(url, title=title or None, date=date[1] if date else None, role=role)
        return list(links.values())

    def link_role(self, site_url: str) -> str | None:
        path = site_url.split("?", 1)[0]
        if any(pattern.search(path) for pattern in self.article_patterns):
            return ARTICLE
        if any(pattern.search(path) for pattern in self.document_patterns):
            return DOCUMENT
        return None

    def next_page(self, response: Response) -> str | None:
        """The next listing page: from the pager's links, or TRS's createPageHTML(count, current)."""
        site_url = self.site_url(response)
        current_match = self.page_link.search(site_url.split("?", 1)[0])
        current = int(current_match[1]) if current_match else 0
        wanted = current + 1
        numbers = {int(match[1]) for href in response.css("a::attr(href)").getall()
                   if (match := self.page_link.search(href.split("?", 1)[0]))}
        script = self.page_count_script.search(response.text)
        if wanted in numbers or (script and wanted < int(script[1])):
            return self.resolve(self.rules["next_page"].format(number=wanted), response)
        return None
