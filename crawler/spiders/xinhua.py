"""Xinhua: english.news.cn section pages and www.news.cn channel pages.

Section pages link their articles directly (absolute, ``../`` and section-relative hrefs);
channel pages load their list blocks from ``ds_<id>.json`` beside the page, the id read
from the block's ``datasource:`` markup. Article URLs are ``/YYYYMMDD/<32 hex>/c.html`` and
the older ``/YYYY-MM/DD/c_<digits>.htm``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from scrapy.http import Response

from crawler.spiders.base import Link, SourceSpider, navigation

_TAGS = re.compile(r"<[^>]+>")


class XinhuaSpider(SourceSpider):
    name = "xinhua"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rules = navigation("xinhua")
        self.article_patterns = [re.compile(pattern) for pattern in rules["article_patterns"]]
        self.datasource = re.compile(rules["datasource"])
        self.rules = rules

    def parse_start(self, response: Response):
        if not self.is_text(response):
            yield self.listing_item(response)
            return
        links = self.article_links(response)
        requests, _ = self.page_requests(links)
        yield from requests
        datasources = self.datasource_ids(response)
        for source_id in datasources:
            json_url = self.resolve(self.rules["datasource_file"].format(id=source_id), response)
            if json_url:
                yield self.follow(json_url, self.parse_datasource, role="list")
        if not links and not datasources:
            yield self.listing_item(response)

    def article_links(self, response: Response) -> list[Link]:
        links = []
        for anchor in response.css("a[href]"):
            url = self.resolve(anchor.attrib.get("href"), response)
            if url and self.is_article(url):
                title = anchor.attrib.get("title") or " ".join(anchor.css("::text").getall()).strip()
                links.append(Link(url, title=" ".join(title.split()) or None))
        return links

    def datasource_ids(self, response: Response) -> list[str]:
        """Ids of the page's list blocks (an article body's own datasource is no list)."""
        ids = [source_id for source_id, kind in self.datasource.findall(response.text) if kind.lower() != "content"]
        return list(dict.fromkeys(ids))

    def parse_datasource(self, response: Response):
        try:
            data = json.loads(response.body.decode(response.encoding if self.is_text(response) else "utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as error:
            self.session.error(f"{self.site_url(response)}: the channel list is not JSON ({error})")
            return
        rows = list(_rows(data, self.rules["row_url"]))
        links = []
        for row in rows:
            url = self.resolve(str(row[self.rules["row_url"]]), response)
            if not url or not self.is_article(url):
                continue
            title = _TAGS.sub("", str(row.get(self.rules["row_title"]) or "")).strip() or None
            placed_link = row.get(self.rules["row_type"]) in self.rules["link_row_types"]
            published = None if placed_link else _beijing_time(row.get(self.rules["row_time"]))
            links.append(Link(url, title=title, date=published))
        if not links:
            self.session.error(f"{self.site_url(response)}: the channel list holds no article rows")
        requests, _ = self.page_requests(links)
        yield from requests

    def is_article(self, site_url: str) -> bool:
        path = site_url.split("?", 1)[0]
        return any(pattern.search(path) for pattern in self.article_patterns)


def _rows(data: Any, url_key: str):
    """Every object holding ``url_key``, wherever the list nests it ({"datasource": [...]},
    {"data": {"list": [...]}} or a bare list)."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get(url_key):
                yield node
            else:
                stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))


def _beijing_time(value: Any) -> str | None:
    """'2025-12-26 16:38:12' (Beijing time) as ISO with its offset."""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)", str(value or "").strip())
    if not match:
        return None
    clock = match[2] if len(match[2]) == 8 else match[2] + ":00"
    return f"{match[1]}T{clock}+08:00"
