"""Bad input: a clear status and reason, never an exception, never a parse of an oversized body."""

from __future__ import annotations

import gzip
import logging

from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.http import Headers

from conftest import PAGES
from extractors import records
from extractors.pages.article import extract_article
from extractors.pages.limits import MAX_HTML_BYTES
from extractors.records import STATUS_EMPTY, STATUS_OK, STATUS_TOO_LARGE, STATUS_UNREADABLE

URL = "https://english.news.cn/20251226/c3e9f4a1b07d4e2a9c5b8f61d2e7a034/c.html"
STATUSES = {value for name, value in vars(records).items() if name.startswith("STATUS_")}


def test_empty_and_blank_bodies():
    for body in (b"", b"   \r\n\t "):
        article = extract_article(URL, body)
        assert (article.status, article.reason) == (STATUS_EMPTY, "empty body")


def test_a_50_mb_page_is_refused_before_parsing():
    body = b"<html><body>" + b"<p>5G</p>" * (50 * 1024 * 1024 // 9) + b"</body></html>"
    article = extract_article(URL, body)
    assert article.status == STATUS_TOO_LARGE
    assert f"{MAX_HTML_BYTES:,}-byte cap" in article.reason
    assert article.text == ""


def test_truncated_html_still_yields_what_arrived():
    body = (PAGES / "xinhua-en-20251226-core-ai-industry.html").read_bytes()
    cut = body[: body.index(b"China is home to")]
    article = extract_article(URL, cut)
    assert article.status == STATUS_OK
    assert article.title == "China's core AI industry tops 1 trillion yuan in 2025"
    assert article.text.startswith("BEIJING, Dec. 26 (Xinhua) --")


def test_deeply_nested_tags_give_a_status_not_a_recursion_error():
    depth = 100_000
    body = ("<html><body>" + "<div>" * depth + "<p>China's AI industry. </p>" + "</div>" * depth + "</body></html>").encode()
    article = extract_article("https://example.com/2025/12/26/nested.html", body)
    assert article.status in (STATUS_EMPTY, STATUS_OK)
    assert article.reason is None or "extraction failed" not in article.reason


def test_an_image_served_as_html_is_unreadable():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)
    article = extract_article(URL, png, {"Content-Type": "text/html; charset=utf-8"})
    assert (article.status, article.reason) == (STATUS_UNREADABLE, "the body is a PNG image, not a page")


def test_compressed_or_binary_bodies_are_unreadable():
    assert extract_article(URL, gzip.compress(b"<html></html>")).reason == "the body is gzip-compressed data, not a page"
    assert extract_article(URL, b"\x01\x02\x00\x03" * 100).reason == "the body is binary data, not a page"


def test_scrapy_response_headers_are_understood():
    body = (PAGES / "people-zh-20250121-5g-base-stations-gbk.html").read_bytes()
    headers = Headers({"Content-Type": "text/html; charset=ISO-8859-1"})
    article = extract_article("http://finance.people.com.cn/n1/2025/0121/c1004-40405871.html", body, headers)
    assert article.status == STATUS_OK and article.encoding == "gb18030"


def test_text_that_is_not_html_is_empty_not_an_error():
    article = extract_article(URL, b"just a line of text")
    assert article.status == STATUS_EMPTY


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_no_body_makes_extract_article_raise(body):
    article = extract_article(URL, body)
    assert article.status in STATUSES
    assert article.status == STATUS_OK or article.reason
    assert not (article.reason or "").startswith("extraction failed")  # the safety net stays unused


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="<>/divpa =\"'中文5G%年\n", max_size=2000))
def test_no_markup_soup_makes_extract_article_raise(markup):
    article = extract_article(URL, markup.encode("utf-8"))
    assert article.status in STATUSES
    assert not (article.reason or "").startswith("extraction failed")


class _BrokenHeaders(dict):
    """Headers whose reading fails, as a buggy caller's might."""

    def items(self):
        raise RuntimeError("headers went away")


def test_an_exception_that_becomes_a_status_is_logged(caplog):
    with caplog.at_level(logging.INFO, logger="extractors"):
        article = extract_article("https://example.com/a.html", b"<html><body>x</body></html>", _BrokenHeaders(a="b"))
        corrupt = extract_article("https://example.com/a.pdf", b"%PDF-1.7\n garbage without objects")
    assert article.status == "unreadable" and article.reason.startswith("extraction failed: RuntimeError")
    assert corrupt.status == "unreadable"
    messages = [(record.name, record.levelname, record.getMessage()) for record in caplog.records]
    assert ("extractors.pages.article", "WARNING",
            "extraction of https://example.com/a.html failed; the page is reported unreadable") in messages
    assert any(name == "extractors.pages.pdf" and "cannot be opened" in message for name, _, message in messages)


def test_the_package_prints_nothing_unless_logging_is_configured():
    import extractors

    assert any(isinstance(handler, logging.NullHandler) for handler in logging.getLogger(extractors.__name__).handlers)
