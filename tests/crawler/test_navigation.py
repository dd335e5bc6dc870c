"""The crawler's pure parts: mirror addresses, feed and sitemap reading, Retry-After, keywords."""

from __future__ import annotations

import gzip
import time
from email.utils import formatdate

import pytest
from mirror_server import BROKEN_FEED_HEAD, ENTITY_BOMB

from crawler.feeds import gunzip_capped, read_feed
from crawler.middlewares import retry_after_seconds
from crawler.pipelines import keyword_pattern
from crawler.urls import SiteAddresses

MIRROR = "http://127.0.0.1:8123/mirror/english.news.cn/business/index.htm"


@pytest.mark.parametrize("href, site", [
    ("https://english.news.cn/20251226/c3e9f4a1b07d4e2a9c5b8f61d2e7a034/c.html",
     "https://english.news.cn/20251226/c3e9f4a1b07d4e2a9c5b8f61d2e7a034/c.html"),
    ("../20250117/0c1f3e0a9b7d4c52a1e2f3b4c5d6e7f8/c.html", "https://english.news.cn/20250117/0c1f3e0a9b7d4c52a1e2f3b4c5d6e7f8/c.html"),
    ("20250827/x/c.html", "https://english.news.cn/business/20250827/x/c.html"),
    ("/20250722/y/c.html", "https://english.news.cn/20250722/y/c.html"),                    # root of the site
    ("/mirror/english.news.cn/20250722/y/c.html", "https://english.news.cn/20250722/y/c.html"),  # root of the mirror
    ("c.html#comments", "https://english.news.cn/business/c.html"),
    ("javascript:void(0)", None), ("mailto:desk@example.org", None), ("#top", None),
])
def test_links_on_a_mirror_resolve_to_site_urls(href, site):
    assert SiteAddresses([MIRROR]).resolve(href, MIRROR) == site


def test_a_site_url_is_fetched_from_its_mirror_and_back():
    addresses = SiteAddresses(["http://127.0.0.1:8123/mirror/english.news.cn/business/",
                               "http://127.0.0.1:8123/mirror/www.news.cn/tech/"])
    fetch = addresses.fetch_url("https://www.news.cn/tech/ds_1.json?page=2")
    assert fetch == "http://127.0.0.1:8123/mirror/www.news.cn/tech/ds_1.json?page=2"
    assert addresses.site_url(fetch) == "https://www.news.cn/tech/ds_1.json?page=2"
    assert addresses.fetch_hosts == ["127.0.0.1"]
    assert addresses.allowed("https://english.news.cn/x") and not addresses.allowed("https://www.gov.cn/x")


def test_a_real_site_is_never_taken_for_a_mirror():
    addresses = SiteAddresses(["https://example.org/blog/english.news.cn/"])
    assert addresses.site_url("https://example.org/blog/english.news.cn/a.html") == "https://example.org/blog/english.news.cn/a.html"
    plain = SiteAddresses(["http://127.0.0.1:9/feed.xml"])           # a loopback start URL without a host segment
    assert plain.site_url("http://127.0.0.1:9/a/b.html") == "http://127.0.0.1:9/a/b.html"


def test_rss_atom_and_news_sitemaps_give_links_titles_and_dates():
    rss = read_feed(b"""<?xml version="1.0"?><rss version="2.0"><channel>
        <item><title>A</title><link>https://technode.com/a/</link><pubDate>Mon, 21 Jul 2025 09:30:00 +0000</pubDate></item>
        <item><title>B</title><guid>https://technode.com/b/</guid></item></channel></rss>""", max_size=10**6)
    assert [(e.url, e.title) for e in rss.entries] == [("https://technode.com/a/", "A"), ("https://technode.com/b/", "B")]
    assert rss.newest.isoformat() == "2025-07-21T09:30:00+00:00"
    atom = read_feed(b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>C</title>
        <link rel="alternate" href="https://pandaily.com/c"/><updated>2025-12-01T08:00:00Z</updated></entry></feed>""",
                     max_size=10**6)
    assert (atom.kind, atom.entries[0].url, atom.entries[0].title) == ("atom", "https://pandaily.com/c", "C")
    news = read_feed(gzip.compress(b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://technode.com/d/</loc>
        <news:news><news:publication_date>2025-07-21T17:30:00+08:00</news:publication_date><news:title>D</news:title>
        </news:news></url></urlset>"""), max_size=10**6)
    assert (news.kind, news.entries[0].title, news.entries[0].published.isoformat()) == (
        "urlset", "D", "2025-07-21T17:30:00+08:00")
    robots = read_feed(b"User-agent: *\nSitemap: https://technode.com/sitemap_index.xml\n", max_size=10**6)
    assert (robots.kind, robots.sitemaps) == ("robots", ["https://technode.com/sitemap_index.xml"])


def test_an_entity_bomb_is_refused_without_expanding_it():
    started = time.perf_counter()
    feed = read_feed(ENTITY_BOMB, max_size=10**6)
    assert feed.kind is None and "entities" in feed.problem and not feed.entries
    assert time.perf_counter() - started < 5   # generous: expanding it would take minutes and gigabytes


def test_broken_xml_is_read_as_far_as_it_goes_and_reported():
    feed = read_feed(BROKEN_FEED_HEAD, max_size=10**6)
    assert "not well-formed" in feed.problem
    assert "https://technode.com/hostile/broken-feed/good/" in [entry.url for entry in feed.entries]


def test_gzip_is_inflated_only_up_to_the_cap():
    assert gunzip_capped(gzip.compress(b"x" * 1000), 1000) == b"x" * 1000
    with pytest.raises(ValueError, match="cap"):
        gunzip_capped(gzip.compress(b"\0" * 5_000_000), 1_000_000)
    assert "cap" in read_feed(gzip.compress(b"<urlset/>" + b" " * 2_000_000), max_size=1_000_000).problem


def test_retry_after_as_seconds_or_a_date():
    assert retry_after_seconds(b"120") == 120
    assert 25 <= retry_after_seconds(formatdate(time.time() + 30, usegmt=True)) <= 30
    assert retry_after_seconds(formatdate(time.time() - 30, usegmt=True)) == 0
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


def test_latin_keywords_match_whole_words_and_chinese_ones_anywhere():
    pattern = keyword_pattern(("AI", "computing power", "人工智能"))
    assert pattern.search("China's AI industry") and pattern.search("Computing Power rose")
    assert not pattern.search("Organizers said the park is open") and not pattern.search("Thailand")
    assert pattern.search("我国人工智能企业")
