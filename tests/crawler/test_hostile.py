"""Hostile answers, one source each, all crawled for real against the loopback server. Every
case ends with the crawl finished, the error or block recorded on its run, and the good
article beside the bad one stored."""

from __future__ import annotations

import pytest
from crawl_helpers import CRAWL_TIMEOUT, REQUEST_TIMEOUT, mirror_root, server, write_config  # noqa: F401 (fixtures)

from crawler.runner import run_crawls
from store import ClaimStore

CASES = ("retry-after", "unavailable", "hang", "truncated", "gzip-bomb", "huge", "redirect-loop",
         "robots-forbidden", "challenge", "gbk-header-utf8", "stale-feed")


def _sources(server) -> list[dict]:
    sources = [{"name": case, "spider": "feeds", "lang": "en",
                "start_urls": [server.url(f"technode.com/hostile/{case}/feed.xml")]} for case in CASES]
    sources[-1]["start_urls"] = [server.url("technode.com/hostile/stale-feed/old-feed.xml")]
    return sources + [
        {"name": "entity-bomb", "spider": "feeds", "lang": "en",
         "start_urls": [server.url("technode.com/hostile/entity-bomb/sitemap.xml"),
                        server.url("technode.com/hostile/entity-bomb/feed.xml")]},
        {"name": "broken-feed", "spider": "feeds", "lang": "en",
         "start_urls": [server.url("technode.com/hostile/broken-feed/rss")]},
        # A source whose very start page is CAICT's 412 challenge.
        {"name": "blocked-start", "spider": "feeds", "lang": "en",
         "start_urls": [server.url("technode.com/hostile/challenge/start")]},
        # localhost is the same server under another name, whose robots.txt answers 500.
        {"name": "robots-unreachable", "spider": "feeds", "lang": "en",
         "start_urls": [server.url("pandaily.com/feed/", host="localhost"),
                        server.url("technode.com/hostile/robots-unreachable/feed.xml")]},
    ]


@pytest.fixture(scope="module")
def hostile(server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "hostile.db"
    sources = _sources(server)
    config = write_config(folder / "claimtrack.toml", db, sources)
    server.clear()
    outcomes = run_crawls([s["name"] for s in sources], config_path=config, db_path=db, timeout=CRAWL_TIMEOUT,
                          parallel=2)
    with ClaimStore.open_readonly(db) as store:
        columns, rows = store.sql("SELECT source, url, title FROM articles")
    stored: dict[str, dict[str, str]] = {}
    for source, url, title in rows:
        stored.setdefault(source, {})[url] = title
    return {"runs": {o.source: o for o in outcomes}, "stored": stored, "server": server, "db": db}


def run_of(hostile, case):
    outcome = hostile["runs"][case]
    assert outcome.returncode == 0 and not outcome.timed_out, outcome.log_tail[-2000:]
    return outcome.run


def assert_good_stored(hostile, case, url=None):
    url = url or f"https://technode.com/hostile/{case}/good"
    assert url in hostile["stored"].get(case, {}), hostile["stored"].get(case)


def page_hits(hostile, case, tail="page"):
    return hostile["server"].hits_under(f"/technode.com/hostile/{case}/{tail}")


def test_429_with_retry_after_is_waited_for(hostile):
    run = run_of(hostile, "retry-after")
    first, second = page_hits(hostile, "retry-after")
    assert second.time - first.time >= 1.9            # the server asked for 2 s
    assert run["status"] == "ok"
    assert hostile["stored"]["retry-after"]["https://technode.com/hostile/retry-after/page"].endswith("(after the wait)")
    assert_good_stored(hostile, "retry-after")


def test_503_then_200_is_retried(hostile):
    run = run_of(hostile, "unavailable")
    assert len(page_hits(hostile, "unavailable")) == 2 and run["status"] == "ok"
    assert hostile["stored"]["unavailable"]["https://technode.com/hostile/unavailable/page"].endswith("(after a 503)")
    assert_good_stored(hostile, "unavailable")


def test_a_hang_past_the_timeout_costs_two_timeouts(hostile):
    run = run_of(hostile, "hang")
    assert len(page_hits(hostile, "hang")) == 2          # the request and its one retry
    assert run["status"] == "partial" and run["errors"] == 1
    assert f"took longer than {REQUEST_TIMEOUT:g} seconds" in run["error"] or "Timeout" in run["error"]
    assert_good_stored(hostile, "hang")


def test_a_truncated_body_is_an_error_not_half_an_article(hostile):
    run = run_of(hostile, "truncated")
    assert run["status"] == "partial" and "hostile/truncated/page" in run["error"]
    assert "https://technode.com/hostile/truncated/page" not in hostile["stored"]["truncated"]
    assert_good_stored(hostile, "truncated")


def test_a_gzip_bomb_stops_at_the_size_cap(hostile):
    run = run_of(hostile, "gzip-bomb")
    assert run["status"] == "partial" and "DOWNLOAD_MAXSIZE" in run["error"]
    assert_good_stored(hostile, "gzip-bomb")


def test_a_50_mb_page_stops_at_the_size_cap(hostile):
    run = run_of(hostile, "huge")
    assert run["status"] == "partial" and "hostile/huge/page" in run["error"]
    assert "max size" in run["error"] or "maxsize" in run["error"].lower() or "Cancel" in run["error"]
    assert_good_stored(hostile, "huge")


def test_a_redirect_loop_ends(hostile):
    run = run_of(hostile, "redirect-loop")
    assert run["status"] == "partial" and "redirect" in run["error"].lower()
    assert len(hostile["server"].hits_under("/technode.com/hostile/redirect-loop/")) <= 1 + 6 + 1  # feed, hops, good
    assert_good_stored(hostile, "redirect-loop")


def test_a_path_robots_txt_forbids_is_never_requested(hostile):
    run = run_of(hostile, "robots-forbidden")
    assert hostile["server"].hits_under("/technode.com/private/") == []
    assert run["status"] == "ok" and "robots.txt" in run["notes"]
    assert_good_stored(hostile, "robots-forbidden")


def test_a_robots_txt_answering_500_keeps_the_crawler_off_that_host(hostile):
    run = run_of(hostile, "robots-unreachable")
    localhost_hits = [hit for hit in hostile["server"].hits if hit.host.startswith("localhost")]
    assert localhost_hits and {hit.path for hit in localhost_hits} == {"/robots.txt"}
    assert run["status"] == "partial" and "robots.txt of localhost" in run["error"] and "HTTP 500" in run["error"]
    assert_good_stored(hostile, "robots-unreachable")


def test_a_412_challenge_page_marks_the_run_blocked(hostile):
    run = run_of(hostile, "challenge")
    assert run["status"] == "blocked" and "412" in run["error"]
    assert "https://technode.com/hostile/challenge/page" not in hostile["stored"]["challenge"]
    assert_good_stored(hostile, "challenge")
    with ClaimStore.open_readonly(hostile["db"]) as store:
        assert {row["name"]: row["health"] for row in store.sources()}["challenge"] == "blocked"


def test_a_gbk_page_whose_header_says_utf8_is_read_right(hostile):
    run = run_of(hostile, "gbk-header-utf8")
    assert run["status"] == "ok"
    title = hostile["stored"]["gbk-header-utf8"]["https://technode.com/hostile/gbk-header-utf8/page"]
    assert title.startswith("我国人工智能企业数量超过5300家")   # not mojibake from the utf-8 header
    assert_good_stored(hostile, "gbk-header-utf8")


def test_a_sitemap_with_an_entity_bomb_is_refused(hostile):
    run = run_of(hostile, "entity-bomb")
    assert run["status"] == "partial" and "entities" in run["error"]
    assert set(hostile["stored"]["entity-bomb"]) == {"https://technode.com/hostile/entity-bomb/good"}


def test_a_feed_with_broken_xml_is_reported_and_read_as_far_as_it_goes(hostile):
    run = run_of(hostile, "broken-feed")
    assert run["status"] == "partial" and "not well-formed XML" in run["error"]
    assert_good_stored(hostile, "broken-feed", "https://technode.com/hostile/broken-feed/good/")


def test_a_feed_frozen_for_years_is_reported_stale(hostile):
    run = run_of(hostile, "stale-feed")
    assert run["status"] == "ok" and "is stale" in run["notes"]
    assert_good_stored(hostile, "stale-feed")
    assert all("stale" not in (hostile["runs"][case].run["notes"] or "") for case in ("challenge", "unavailable"))


def test_a_challenge_instead_of_the_feed_marks_the_source_blocked_not_empty(hostile):
    run = run_of(hostile, "blocked-start")
    assert run["status"] == "blocked" and "412" in run["error"]
    assert "blocked-start" not in hostile["stored"]
