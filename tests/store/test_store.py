"""ClaimStore on real SQLite: schema, append-only recording, republications, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import REPO, make_article, make_claim
from extractors.records import STATUS_BLOCKED, Article
from store import ClaimStore, DatabaseMissing, InvalidRecord, NotClaimtrackDatabase, NotSQLite
from store.schema import migrations


def table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "article_versions", "claims", "sources", "crawl_runs")}


def test_new_file_gets_schema_wal_and_busy_timeout(file_store, db_path):
    assert file_store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert file_store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    tables = set(file_store.db.table_names())
    assert {"sources", "crawl_runs", "articles", "article_versions", "claims", "articles_fts", "claims_fts"} <= tables
    assert "current_claims" in file_store.db.view_names()
    claim_columns = {column.name for column in file_store.db["claims"].columns}
    from extractors.records import Claim
    assert set(Claim.__dataclass_fields__) | {"article_id", "extractor_version"} <= claim_columns
    article_columns = {column.name for column in file_store.db["articles"].columns}
    assert {"id", "url", "canonical_url", "source", "outlet", "lang", "title", "published", "fetched",
            "text", "content_hash"} <= article_columns


def test_migrations_are_recorded_and_run_once(db_path):
    ClaimStore.open(db_path).close()
    with ClaimStore.open(db_path) as reopened:
        applied = [m.name for m in migrations.applied(reopened.db)]
        assert applied[0] == "m001_initial" and not migrations.pending(reopened.db)
        rows = reopened.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert rows == len(applied) == len(set(applied))


def test_recording_the_same_article_twice_changes_nothing(file_store, db_path):
    article, claims = make_article(), [make_claim()]
    first = file_store.record_article(article, claims, source="xinhua-en", extractor_version="v1")
    before = table_counts(db_path)
    with sqlite3.connect(db_path) as conn:
        row_before = conn.execute("SELECT * FROM articles").fetchall()
    second = file_store.record_article(article, claims, source="xinhua-en", extractor_version="v1")
    assert (first.status, second.status) == ("new", "unchanged")
    assert second.article_id == first.article_id and second.claims_added == 0
    assert table_counts(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT * FROM articles").fetchall() == row_before


def test_changed_article_keeps_old_claims_as_history(store):
    url = "https://www.news.cn/tech/20251226/0123456789abcdef0123456789abcdef/c.html"
    store.record_article(make_article(url, "Core AI industry: RMB 900 billion in 2024."), [make_claim()])
    corrected = make_article(url, "Core AI industry: RMB 901 billion in 2024.", published=None)
    result = store.record_article(corrected, [make_claim(text="RMB 901 billion", value=9.01e11)])
    assert (result.status, result.version) == ("changed", 2)
    rows = list(store.db.query("SELECT text, article_version, superseded FROM claims ORDER BY id"))
    assert rows == [
        {"text": "RMB 900 billion", "article_version": 1, "superseded": 1},
        {"text": "RMB 901 billion", "article_version": 2, "superseded": 0},
    ]
    versions = list(store.db.query("SELECT version, text, published FROM article_versions ORDER BY version"))
    assert [v["text"] for v in versions] == ["Core AI industry: RMB 900 billion in 2024.",
                                            "Core AI industry: RMB 901 billion in 2024."]
    assert versions[1]["published"] == "2025-12-26"  # a version without a date keeps the known one
    assert [c["text"] for c in store.claims()] == ["RMB 901 billion"]
    assert [c["text"] for c in store.claims(include_superseded=True)] == ["RMB 900 billion", "RMB 901 billion"]
    # The full-text index follows the current version.
    assert store.search("901 billion") and not store.search("900 billion")


def test_new_extractor_version_rereads_an_unchanged_article(store):
    article = make_article()
    store.record_article(article, [], extractor_version=None)
    again = store.record_article(article, [make_claim()], extractor_version=None)
    assert again.status == "unchanged"  # no extractor ran: nothing to replace
    reread = store.record_article(article, [make_claim()], extractor_version="rules-2")
    assert (reread.status, reread.version, reread.claims_added) == ("reextracted", 1, 1)
    assert store.record_article(article, [make_claim()], extractor_version="rules-2").status == "unchanged"


def test_write_that_fails_midway_leaves_no_partial_article(file_store, db_path):
    good = [make_claim(start=i, end=i + 1) for i in range(20)]
    bad = make_claim(qualifier="roughly")
    with pytest.raises(InvalidRecord, match="claim 11 .*qualifier 'roughly'"):
        file_store.record_article(make_article(), good[:10] + [bad] + good[10:], source="manual")
    assert table_counts(db_path)["articles"] == 0
    assert table_counts(db_path)["claims"] == 0


def test_error_inside_the_transaction_rolls_back_everything(store, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(store, "_insert_claims", explode)
    with pytest.raises(RuntimeError):
        store.record_article(make_article(), [make_claim()], source="caict")
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM article_versions").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0


def test_killed_writer_leaves_a_consistent_database(db_path):
    """SIGKILL a process in the middle of recording: every article has all its claims."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO / 'tests')!r})
        from conftest import make_article, make_claim
        from store import ClaimStore
        store = ClaimStore.open({str(db_path)!r})
        print("ready", flush=True)
        for n in range(100000):
            url = f"https://english.news.cn/20251226/{{n:032x}}/c.html"
            claims = [make_claim(start=i, end=i + 1) for i in range(40)]
            store.record_article(make_article(url, text=f"article {{n}} " * 40), claims)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=REPO)
    assert process.stdout.readline().strip() == b"ready"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and table_counts(db_path)["articles"] < 20:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_article = conn.execute(
            "SELECT articles.id, count(claims.id) FROM articles LEFT JOIN claims ON claims.article_id = articles.id "
            "GROUP BY articles.id"
        ).fetchall()
    assert len(per_article) >= 20
    assert {count for _, count in per_article} == {40}


def test_articles_that_are_not_ok_are_refused(store):
    blocked = Article(url="https://www.caict.ac.cn/kxyj/qwfb/bps/", status=STATUS_BLOCKED, reason="412 challenge page")
    with pytest.raises(InvalidRecord, match="blocked"):
        store.record_article(blocked, [])


def test_claim_span_outside_text_is_refused(store):
    with pytest.raises(InvalidRecord, match="outside the article text"):
        store.record_article(make_article(text="short"), [make_claim(start=0, end=50)])


def test_outlet_and_language_are_filled_in_when_missing(store):
    article = make_article("https://en.people.cn/n3/2024/0621/c90000-20183969.html", outlet=None)
    store.record_article(article, [])
    row = store.db.execute("SELECT outlet, lang FROM articles").fetchone()
    assert row == ("People's Daily Online", "en")


# Republications -----------------------------------------------------------------------

WIRE = (
    "TIANJIN, June 20 (Xinhua) -- China now hosts more than 4,500 artificial intelligence (AI) companies, "
    "reflecting the country's efforts to embrace the AI boom, according to official figures released at an "
    "industry event on Thursday. The data was made public by Shan Zhongde, vice minister of industry and "
    "information technology, at the 2024 World Intelligence Expo in north China's Tianjin Municipality. "
    "China's core AI industry reached a scale of more than 578 billion yuan in 2023, up 13.9 percent year "
    "on year, official data shows."
)


def test_republication_links_to_the_earliest_published_copy(store):
    wire = make_article("https://english.news.cn/20240620/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/c.html", WIRE,
                        published="2024-06-20")
    copy = make_article("http://en.people.cn/n3/2024/0621/c90000-20183969.html",
                        "Editor: Liu. " + WIRE.replace("TIANJIN, June 20 (Xinhua) -- ", ""), published="2024-06-21")
    other = make_article("https://www.globaltimes.cn/page/202406/1314541.shtml",
                         "There are more than 4,400 AI firms in China, with the core industry scale reaching "
                         "500 billion yuan, a report by the Chinese Institute of New Generation AI Development "
                         "Strategies showed on Thursday at the World Intelligence Expo.", published="2024-06-20")
    # Recorded out of order: the copy first, the wire story after.
    assert store.record_article(copy, []).original_id is None
    assert store.record_article(other, []).original_id is None
    wire_result = store.record_article(wire, [])
    assert wire_result.original_id is None
    links = dict(store.db.execute("SELECT url, original_id FROM articles").fetchall())
    assert links == {copy.url: wire_result.article_id, other.url: None, wire.url: None}


# Opening ------------------------------------------------------------------------------


def test_readonly_open_of_a_missing_database_does_not_create_it(tmp_path):
    path = tmp_path / "nowhere.db"
    with pytest.raises(DatabaseMissing, match="does not exist"):
        ClaimStore.open_readonly(path)
    assert not path.exists()


def test_not_sqlite_and_not_claimtrack_files_are_refused(tmp_path):
    text_file = tmp_path / "notes.db"
    text_file.write_text("just some notes\n")
    with pytest.raises(NotSQLite):
        ClaimStore.open_readonly(text_file)
    with pytest.raises(NotSQLite):
        ClaimStore.open(text_file)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE birds (name TEXT)")
    with pytest.raises(NotClaimtrackDatabase):
        ClaimStore.open_readonly(other)
    with pytest.raises(NotClaimtrackDatabase):
        ClaimStore.open(other)
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["birds"]


def test_readonly_store_cannot_write(file_store, db_path):
    file_store.record_article(make_article(), [make_claim()])
    with ClaimStore.open_readonly(db_path) as reader:
        assert len(reader.claims()) == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.record_article(make_article("https://english.news.cn/other"), [])


# Sources and crawl runs ---------------------------------------------------------------


def test_configured_sources_are_registered_and_unlisted_ones_kept(store):
    from config import load_config

    config = load_config()  # the shipped example
    store.register_sources(config.sources)
    names = {row["name"]: row for row in store.db.query("SELECT * FROM sources")}
    assert set(names) == {source.name for source in config.sources}
    caict = names["caict"]
    assert (caict["spider"], caict["lang"], caict["configured"]) == ("caict", "zh", 1)
    assert "https://www.caict.ac.cn/kxyj/qwfb/bps/" in json.loads(caict["start_urls"])
    updated = caict["updated"]
    store.register_sources(config.sources)  # unchanged configuration: no update
    assert store.db["sources"].get("caict")["updated"] == updated
    store.register_sources([s for s in config.sources if s.name != "caict"])
    assert store.db["sources"].get("caict")["configured"] == 0


def test_crawl_runs_give_each_source_its_health(store):
    from config import load_config

    sources = load_config().sources
    store.register_sources(sources)
    ok_run = store.start_crawl("xinhua-en")
    store.finish_crawl(ok_run, "ok", pages=12, articles_new=3, claims_new=17)
    blocked_run = store.start_crawl("caict")
    store.finish_crawl(blocked_run, "blocked", pages=1, errors=1, error="412 challenge page")
    health = {row["name"]: row["health"] for row in store.sources(sources)}
    assert health == {"xinhua-en": "ok", "caict": "blocked", "xinhua-zh": "never crawled",
                      "trade-press-en": "never crawled"}
    report = store.status(sources)
    caict = next(row for row in report["sources"] if row["name"] == "caict")
    assert (caict["last_status"], caict["errors"], caict["error"]) == ("blocked", 1, "412 challenge page")
    with pytest.raises(InvalidRecord):
        store.finish_crawl(ok_run, "fine")


# Search -------------------------------------------------------------------------------


def test_full_text_search_in_english_and_chinese(store):
    store.record_article(make_article(), [make_claim(sentence="Computing power grew 50 percent.")])
    zh_text = "2025年12月26日,工信部在全国工业和信息化工作会议上披露,2025年我国人工智能核心产业规模超万亿元。"
    store.record_article(make_article("https://www.news.cn/tech/20251226/c.html", zh_text, lang="zh"), [])
    assert [r["outlet"] for r in store.search("Ministry of Industry")] == ["Xinhua"]
    assert [r["url"] for r in store.search("人工智能核心")] == ["https://www.news.cn/tech/20251226/c.html"]
    assert len(store.search("工信部")) == 1                # three characters: trigram index
    assert len(store.search("算力")) == 0
    assert len(store.search("AI 产业")) == 0
    assert len(store.search("万亿")) == 1                  # two characters: LIKE
    hits = store.search("computing power", target="claims")
    assert [h["text"] for h in hits] == ["RMB 900 billion"]
    assert "万亿元" in store.search("人工智能核心")[0]["snippet"]
