"""User SQL: read-only, one SELECT/WITH statement, stopped by a time limit."""

from __future__ import annotations

import hashlib

import pytest

from conftest import make_article, make_claim
from store import QueryRejected, QueryTimeout, StoreError


@pytest.fixture
def filled(file_store, db_path):
    file_store.record_article(make_article(), [make_claim()])
    return file_store


def fingerprint_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_select_and_with_queries_run(filled):
    columns, rows = filled.sql("SELECT metric, count(*) AS n FROM claims GROUP BY metric")
    assert (columns, rows) == (["metric", "n"], [("ai_core_industry_size", 1)])
    columns, rows = filled.sql("/* comment */ WITH m AS (SELECT metric FROM claims) SELECT * FROM m;")
    assert rows == [("ai_core_industry_size",)]
    _, rows = filled.sql("SELECT url FROM articles_fts JOIN articles ON articles.id = articles_fts.rowid "
                         "WHERE articles_fts MATCH 'trillion'")
    assert len(rows) == 1
    _, rows = filled.sql("SELECT count(*) FROM current_claims WHERE published = ?", ["2025-12-26"])
    assert rows == [(1,)]


@pytest.mark.parametrize("query", [
    "INSERT INTO sources (name, registered, updated) VALUES ('x', '', '')",
    "UPDATE claims SET value = 0",
    "DELETE FROM claims",
    "DROP TABLE claims",
    "ATTACH DATABASE '/tmp/other.db' AS other",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA user_version = 7",
    "VACUUM",
    "  -- sneaky\n  delete from claims",
])
def test_statements_other_than_select_are_rejected(filled, db_path, query):
    before = fingerprint_of(db_path)
    with pytest.raises(QueryRejected, match="only SELECT or WITH"):
        filled.sql(query)
    assert fingerprint_of(db_path) == before


@pytest.mark.parametrize("query", [
    "WITH doomed AS (SELECT id FROM claims) DELETE FROM claims WHERE id IN (SELECT id FROM doomed)",
    "WITH x AS (SELECT 1) INSERT INTO sources (name, registered, updated) SELECT 'x', '', '' FROM x",
])
def test_writes_hidden_behind_with_are_rejected(filled, db_path, query):
    with pytest.raises(QueryRejected, match="read-only"):
        filled.sql(query)
    assert filled.db.execute("SELECT count(*) FROM claims").fetchone()[0] == 1


def test_several_statements_are_rejected(filled):
    with pytest.raises(QueryRejected, match="one SQL statement"):
        filled.sql("SELECT 1; DELETE FROM claims")
    assert filled.db.execute("SELECT count(*) FROM claims").fetchone()[0] == 1


def test_a_runaway_query_is_stopped_by_the_time_limit(filled):
    forever = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(QueryTimeout, match="0.2 s time limit"):
        filled.sql(forever, time_limit=0.2)


def test_sql_errors_are_reported(filled):
    with pytest.raises(StoreError, match="no such table: claimz"):
        filled.sql("SELECT * FROM claimz")
