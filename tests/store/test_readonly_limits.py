"""User SQL within bounds: SQLite's own limits on sizes, a cap on what a query may return, an
allow-list of the functions it may call, and column names that never collide."""

from __future__ import annotations

import pytest

from conftest import make_article, make_claim
from store import QueryRejected, StoreError


@pytest.fixture
def filled(file_store):
    file_store.record_article(make_article(), [make_claim()])
    return file_store


@pytest.mark.parametrize("query", [
    "SELECT zeroblob(999999999) FROM claims",
    "SELECT randomblob(40000000)",
    "SELECT length(group_concat(hex(randomblob(1000000)), '')) FROM (SELECT 1 UNION ALL SELECT 2) , "
    "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) SELECT i FROM n)",
])
def test_values_over_sqlites_length_limit_are_refused_before_they_are_made(filled, query):
    with pytest.raises(StoreError, match="string or blob too big"):
        filled.sql(query)


def test_a_query_text_over_the_limit_is_refused(filled):
    with pytest.raises(StoreError, match="too (big|long|large)"):
        filled.sql("SELECT '" + "x" * 2_000_000 + "'")


def test_a_query_returning_more_rows_than_the_cap_is_refused(filled):
    rows = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {}) SELECT i FROM n"
    assert len(filled.sql(rows.format(10), max_rows=10)[1]) == 10
    with pytest.raises(StoreError, match="more than 10 rows; add a LIMIT"):
        filled.sql(rows.format(11), max_rows=10)


def test_a_query_returning_more_bytes_than_the_budget_is_refused(filled):
    big = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT randomblob(1000) FROM n"
    assert len(filled.sql(big, max_bytes=100_000)[1]) == 100
    with pytest.raises(StoreError, match="more than 99,999 bytes"):
        filled.sql(big, max_bytes=99_999)


@pytest.mark.parametrize("call", ["fts3_tokenizer('simple')", "FTS3_TOKENIZER('simple')", "load_extension('x')",
                                  "sqlite_log(1, 'x')", "fts5(NULL)"])
def test_functions_outside_the_allow_list_are_refused(filled, call):
    with pytest.raises(QueryRejected, match="not allowed in a read-only query"):
        filled.sql(f"SELECT {call}")


def test_the_functions_queries_need_are_allowed(filled):
    _, rows = filled.sql(
        "SELECT count(*), sum(value), round(avg(value)), upper(metric), json_extract('{\"a\": 1}', '$.a'), "
        "'{\"b\": 2}' ->> 'b', date(published), substr(url, 1, 5), coalesce(NULL, 1), printf('%d', 7), "
        "row_number() OVER (), group_concat(unit) FROM current_claims")
    assert rows[0][0] == 1 and rows[0][-1] == "CNY"
    _, rows = filled.sql("SELECT snippet(articles_fts, 1, '[', ']', '…', 5), bm25(articles_fts), "
                         "highlight(articles_fts, 0, '<', '>') FROM articles_fts WHERE articles_fts MATCH 'trillion'")
    assert "[trilli" in rows[0][0]          # the trigram index marks the trigrams matched


def test_duplicate_column_names_are_made_unique(filled):
    columns, rows = filled.sql("SELECT 1 AS a, 2 AS a, 3 AS a_2, 4 AS a")
    assert columns == ["a", "a_3", "a_2", "a_4"] and rows == [(1, 2, 3, 4)]
