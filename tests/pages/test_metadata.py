"""Dates: parsing, site time zones, structured data and URL dates."""

from __future__ import annotations

import re

import pytest

from extractors.pages.article import extract_article
from extractors.pages.metadata import date_from_url, parse_moment, zone
from extractors.pages.sites import defaults, original_url, rule_for

BEIJING = zone("Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024 05/09 22:27:02", "2024-05-09T22:27:02+08:00"),         # news.cn date block
        ("2023 11/ 17 20:52:15", "2023-11-17T20:52:15+08:00"),
        ("2025年12月26日 14:23", "2025-12-26T14:23:00+08:00"),
        ("2024年05月10日06:58 | 来源：人民网", "2024-05-10T06:58:00+08:00"),
        ("发布时间：2025-07-22", "2025-07-22"),
        ("16:57, December 04, 2025", "2025-12-04T16:57:00+08:00"),     # en.people.cn byline
        ("Published: 10:00am, 20 Jan, 2020", "2020-01-20T10:00:00+08:00"),
        ("Dec. 26, 2025", "2025-12-26"),
        ("2020-01-20T02:00:08.000Z", "2020-01-20T10:00:08+08:00"),    # UTC shown in Beijing time
        ("2024-05-07T16:02:43+08:00", "2024-05-07T16:02:43+08:00"),
    ],
)
def test_dates_in_beijing_time(text, iso):
    assert parse_moment(text).iso(BEIJING) == iso


def test_a_wall_clock_time_in_an_unknown_zone_keeps_only_the_day():
    assert parse_moment("2025-12-26 14:23").iso(None) == "2025-12-26"
    assert parse_moment("2025-12-26T14:23:00+01:00").iso(None) == "2025-12-26T14:23:00+01:00"


def test_impossible_dates_are_not_dates():
    assert parse_moment("2025-02-30") is None
    assert parse_moment("no date here") is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://english.news.cn/20251226/c3e9f4a1b07d4e2a9c5b8f61d2e7a034/c.html", "2025-12-26"),
        ("https://english.news.cn/asiapacific/20250110/0a1b2c3d4e5f60718293a4b5c6d7e8f9/c.html", "2025-01-10"),
        ("http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm", "2019-12-10"),
        ("http://www.caict.ac.cn/kxyj/qwfb/bps/202507/t20250722_508817.htm", "2025-07-22"),
        ("http://www.caict.ac.cn/kxyj/qwfb/bps/202507/P020250722389457208311.pdf", "2025-07-22"),
        ("http://en.people.cn/n3/2025/1204/c90000-20398572.html", "2025-12-04"),
        ("https://www.chinadaily.com.cn/a/202405/20/WS664af0b2a31082fc043c814d.html", "2024-05-20"),
        ("http://www.ecns.cn/news/cns-wire/2022-07-06/detail-ihazynnw3904537.shtml", "2022-07-06"),
        ("https://technode.com/2023/10/10/china-aims-for-50-increase-in-computing-power-by-2025/", "2023-10-10"),
        ("https://sputnikglobe.com/20250725/chinas-ai-industry-1122491510.html", "2025-07-25"),
    ],
)
def test_url_dates(url, day):
    assert date_from_url(url, list(defaults().url_dates)).day.isoformat() == day


def test_urls_without_dates():
    for url in ("https://www.globaltimes.cn/page/202406/1314541.shtml", "https://www.aicerts.ai/news/china-ai-scale"):
        assert date_from_url(url, list(defaults().url_dates)) is None


def test_site_rules_by_host_and_country():
    assert rule_for("https://english.news.cn/20251226/x/c.html").name == "xinhua"
    assert rule_for("http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm").outlet == "Xinhua"
    assert rule_for("https://www.ykpin.com/news/330.html").timezone is None
    assert rule_for("http://guangxilong.com.cn/c/0G1D2CR022.html").timezone == "Asia/Shanghai"
    assert original_url("https://web.archive.org/web/20120611024252/http://www.he.xinhuanet.com/a.htm") == (
        "http://www.he.xinhuanet.com/a.htm"
    )


def _page(head: str, body: str = "") -> bytes:
    paragraph = "<p>" + "China's digital economy reached 53.9 trillion yuan in 2023, 42.8 percent of GDP. " * 4 + "</p>"
    return f"<html><head>{head}</head><body><article><h1>Digital economy</h1>{body}{paragraph}</article></body></html>".encode()


def test_json_ld_date_with_time_on_a_cn_site():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-12-26T06:30:00Z"}</script>'
    article = extract_article("https://www.example.com.cn/news/ai.html", _page(head))
    assert article.published == "2025-12-26T14:30:00+08:00"


def test_opengraph_date_wins_over_the_url():
    head = '<meta property="article:published_time" content="2025-07-23T09:00:00+08:00">'
    article = extract_article("https://www.example.com/2025/07/22/ai.html", _page(head))
    assert article.published == "2025-07-23T09:00:00+08:00"


def test_url_date_when_the_page_states_none():
    article = extract_article("https://technode.com/2023/10/10/china-aims-for-50-increase/", _page(""))
    assert article.published == "2023-10-10"


def test_iso_formats():
    article = extract_article("https://technode.com/2023/10/10/china-aims-for-50-increase/", _page(""))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", article.published)
