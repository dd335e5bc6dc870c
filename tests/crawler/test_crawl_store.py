"""The store's crawl entry points: runs the daemon can close, and what a crawl remembers of a URL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.runner import crawl_argv
from store import ClaimStore, InvalidRecord


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_close_interrupted_crawls_closes_runs_of_dead_processes_only(store):
    dead = store.start_crawl("xinhua-en", pid=_dead_pid())
    unowned = store.start_crawl("caict")
    alive = store.start_crawl("xinhua-zh", pid=os.getpid())
    store.crawl_progress(dead, pages=7, articles_new=2)

    closed = store.close_interrupted_crawls()

    assert sorted(closed) == sorted([dead, unowned])
    run = store.crawl_run(dead)
    assert run["status"] == "failed" and run["error"].startswith("interrupted")
    assert run["finished"] and (run["pages"], run["articles_new"]) == (7, 2)   # its counts stay
    assert store.crawl_run(alive)["status"] == "running"
    assert store.close_interrupted_crawls() == []


def test_close_crawl_keeps_the_counts_a_crawl_wrote(store):
    run_id = store.start_crawl("feeds")
    store.crawl_progress(run_id, pages=3, claims_new=5, requests=9)
    store.close_crawl(run_id, "failed", "timed out after 60 s")
    run = store.crawl_run(run_id)
    assert (run["status"], run["error"], run["pages"], run["claims_new"], run["requests"]) == (
        "failed", "timed out after 60 s", 3, 5, 9)
    # A closed run takes no more progress.
    store.crawl_progress(run_id, pages=99)
    assert store.crawl_run(run_id)["pages"] == 3
    with pytest.raises(InvalidRecord):
        store.close_crawl(run_id, "running", "no")
    with pytest.raises(InvalidRecord):
        store.crawl_progress(run_id, colour="blue")


def test_finish_crawl_records_the_extra_counts_and_notes(store):
    run_id = store.start_crawl("feeds")
    store.finish_crawl(run_id, "ok", pages=4, requests=6, skipped=10, excluded=1, refused=2,
                       articles_unchanged=3, notes="feed https://example.org/feed is stale")
    run = store.crawl_run(run_id)
    assert (run["requests"], run["skipped"], run["excluded"], run["refused"], run["articles_unchanged"]) == (6, 10, 1, 2, 3)
    assert run["notes"].endswith("is stale")


def test_record_fetch_keeps_validators_a_later_answer_does_not_repeat(store):
    url = "https://www.caict.ac.cn/kxyj/qwfb/bps/202507/t20250722_1.htm"
    assert store.fetch_states([url]) == {}
    store.record_fetch(url, source="caict", outcome="stored", http_status=200, etag='"abc"',
                       last_modified="Tue, 22 Jul 2025 08:00:00 GMT")
    store.record_fetch(url, source="caict", outcome="unchanged", http_status=304)
    state = store.fetch_states([url, "https://elsewhere.example/"])[url]
    assert (state["outcome"], state["etag"], state["last_modified"]) == ("unchanged", '"abc"', "Tue, 22 Jul 2025 08:00:00 GMT")
    assert list(store.fetch_states([url, "https://elsewhere.example/"])) == [url]
    with pytest.raises(InvalidRecord):
        store.record_fetch(url, source="caict", outcome="lost")


def test_an_ingested_article_counts_as_known(store, make_article_for_store):
    article = make_article_for_store("https://english.news.cn/20251226/c3e9f4a1b07d4e2a9c5b8f61d2e7a034/c.html")
    store.record_article(article, [], source="manual")
    assert store.fetch_states([article.url])[article.url]["outcome"] == "stored"


def test_crawl_argv_names_source_config_database_and_run():
    argv = crawl_argv("caict", config_path=Path("/etc/claimtrack.toml"), db_path=Path("/var/c.db"), run_id=4)
    assert argv[1:] == ["-m", "crawler", "caict", "--config", "/etc/claimtrack.toml", "--db", "/var/c.db", "--run", "4"]
    assert argv[0] == sys.executable


def test_the_migration_upgrades_an_existing_database(tmp_path):
    path = tmp_path / "old.db"
    with ClaimStore.open(path) as opened:
        run_id = opened.start_crawl("caict")
    with ClaimStore.open(path) as reopened:
        assert reopened.crawl_run(run_id)["requests"] == 0
        assert reopened.status()["schema"].startswith("m0")


@pytest.fixture
def make_article_for_store():
    from extractors.records import Article

    def make(url: str) -> Article:
        return Article(url=url, text="The core AI industry exceeded 1 trillion yuan in 2025, the ministry said.",
                       title="Core AI industry", published="2025-12-26", lang="en")

    return make
