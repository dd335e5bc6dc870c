"""The claimtrack command: every command, every output format, every bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REPO, gold_article, gold_claims, load_gold, make_article, make_claim, make_pdf
from extractors.records import Claim
from store import ClaimStore

SAMPLE = REPO / "examples" / "core-ai-industry-2025.txt"
CLAIM_FIELDS = list(Claim.__dataclass_fields__)

XINHUA_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>China's core AI industry tops 1 trillion yuan in 2025 - Xinhua | English.news.cn</title>
<meta name="publishdate" content="2025-12-26">
</head><body>
<div class="header"><div class="head-line"><h1><span class="title">China's core AI industry tops 1 trillion yuan in 2025</span></h1></div>
<div class="header-time"><span class="year"><em> 2025</em></span><span class="day"><em> 12</em>/<em>26</em></span><span class="time"> 15:04:12</span></div></div>
<div id="detail"><div id="detailContent">
<p>BEIJING, Dec. 26 (Xinhua) -- China's core artificial intelligence industry exceeded 1 trillion yuan in 2025, the Ministry of Industry and Information Technology said on Friday at a national work conference.</p>
<p>The China Academy of Information and Communications Technology estimated earlier this month that the core industry would reach about 1.2 trillion yuan this year, after growing 24 percent to 900 billion yuan in 2024.</p>
<p>China is home to more than 5,300 AI companies, the academy said.</p>
</div></div></body></html>
"""
XINHUA_URL = "https://english.news.cn/20251226/4a1b2c3d4e5f60718293a4b5c6d7e8f9/c.html"


def one_line_error(result, *fragments: str) -> None:
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def filled_db(path: Path) -> Path:
    """A database with three releases of the core AI industry figure."""
    with ClaimStore.open(path) as store:
        store.record_article(make_article("https://a.example/1", "x" * 40 + " first", published="2025-01-10"),
                             [make_claim(start=0, end=5)], source="manual")
        store.record_article(
            make_article("https://b.example/2", "y" * 40 + " second", published="2025-06-01", outlet="CAICT"),
            [make_claim(start=0, end=5, text="RMB 950 billion", value=9.5e11, modality="actual"),
             make_claim(start=0, end=5, metric="ai_enterprises", text="5,300", value=5300, unit="count",
                        qualifier="more_than", period="2025", modality="actual")],
            source="caict")
    return path


# Recording ------------------------------------------------------------------------------


def test_ingest_text_records_the_file_as_given(run_cli, tmp_path):
    db = tmp_path / "c.db"
    result = run_cli("--db", db, "ingest", SAMPLE, "--url", "https://example.org/core-ai", "--published",
                     "2025-12-26", "--source", "desk")
    assert result.exit_code == 0, result.stderr
    assert "recorded 1 article (1 new)" in result.stderr
    with sqlite3.connect(db) as conn:
        url, published, source, text, outlet = conn.execute(
            "SELECT url, published, source, text, outlet FROM articles").fetchone()
        sources = [row[0] for row in conn.execute("SELECT name FROM sources")]
    assert (url, published, source, outlet) == ("https://example.org/core-ai", "2025-12-26", "desk", "example.org")
    assert text == SAMPLE.read_text(encoding="utf-8")
    assert "desk" in sources and "xinhua-zh" in sources  # configured sources registered on write
    again = run_cli("--db", db, "ingest", SAMPLE, "--url", "https://example.org/core-ai")
    assert "1 unchanged" in again.stderr


def test_ingest_without_url_uses_the_file_uri_and_reports_progress(run_cli, tmp_path):
    db = tmp_path / "c.db"
    second = tmp_path / "second.txt"
    second.write_text("MIIT said on Friday that China's core AI industry topped 1 trillion yuan. " * 3, encoding="utf-8")
    result = run_cli("--db", db, "ingest", SAMPLE, second)
    assert result.exit_code == 0, result.stderr
    assert f"[1/2] {SAMPLE}: new" in result.stderr and f"[2/2] {second}: new" in result.stderr
    with sqlite3.connect(db) as conn:
        urls = {row[0] for row in conn.execute("SELECT url FROM articles")}
    assert urls == {SAMPLE.resolve().as_uri(), second.resolve().as_uri()}


def test_ingest_html_and_pdf_through_the_article_extractor(run_cli, tmp_path):
    db = tmp_path / "c.db"
    page = tmp_path / "c.html"
    page.write_text(XINHUA_PAGE, encoding="utf-8")
    paper = tmp_path / "white-paper.pdf"
    paper.write_bytes(make_pdf([
        "China Academy of Information and Communications Technology",
        "Artificial Intelligence Industry White Paper 2025",
        "The core AI industry of China reached 900 billion yuan in 2024, up 24 percent.",
        "More than 5,300 AI enterprises were active in 2025 across foundation, model and application layers.",
    ]))
    result = run_cli("--db", db, "ingest", page, "--url", XINHUA_URL)
    assert result.exit_code == 0, result.stderr
    result = run_cli("--db", db, "ingest", paper, "--published", "2025-12-15", "--source", "caict")
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT url, text FROM articles").fetchall())
    assert "exceeded 1 trillion yuan in 2025" in rows[XINHUA_URL]
    assert "900 billion yuan in 2024" in rows[paper.resolve().as_uri()]


def test_init_creates_the_database_with_the_configured_sources(run_cli, tmp_path):
    db = tmp_path / "new" / "c.db"
    result = run_cli("--db", db, "init")
    assert result.exit_code == 0 and "4 sources registered" in result.stdout
    listed = json.loads(run_cli("--db", db, "sources", "--format", "json").stdout)
    assert {row["name"] for row in listed} == {"xinhua-zh", "xinhua-en", "caict", "trade-press-en"}
    assert all(row["health"] == "never crawled" for row in listed)


# Querying -------------------------------------------------------------------------------


def test_claims_in_every_format(run_cli, tmp_path):
    db = filled_db(tmp_path / "c.db")
    as_json = json.loads(run_cli("--db", db, "claims", "--format", "json").stdout)
    assert [row["text"] for row in as_json] == ["RMB 900 billion", "RMB 950 billion", "5,300"]
    assert list(as_json[0]) == CLAIM_FIELDS + ["url", "outlet", "published"]
    assert as_json[0]["value"] == 900000000000 and as_json[2]["unit"] == "count"
    lines = run_cli("--db", db, "claims", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    rows = list(csv.DictReader(io.StringIO(run_cli("--db", db, "claims", "--format", "csv").stdout)))
    assert [row["url"] for row in rows] == [row["url"] for row in as_json]
    assert rows[0]["period"] == "2024"
    table = run_cli("--db", db, "claims").stdout
    assert table.splitlines()[0].split()[:4] == ["published", "outlet", "metric", "text"]
    assert "RMB 950 billion" in table


def test_claims_filters(run_cli, tmp_path):
    db = filled_db(tmp_path / "c.db")

    def texts(*args):
        result = run_cli("--db", db, "claims", "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return [row["text"] for row in json.loads(result.stdout)]

    assert texts("--metric", "ai_enterprises") == ["5,300"]
    assert texts("--source", "caict") == ["RMB 950 billion", "5,300"]
    assert texts("--since", "2025-06-01") == ["RMB 950 billion", "5,300"]
    assert texts("--until", "2025-06-01") == ["RMB 900 billion", "RMB 950 billion", "5,300"]
    assert texts("--until", "2025-05-31") == ["RMB 900 billion"]
    assert texts("--modality", "forecast") == []
    assert texts("--limit", "1") == ["RMB 900 billion"]


def test_history_marks_the_revision(run_cli, tmp_path):
    db = filled_db(tmp_path / "c.db")
    rows = json.loads(run_cli("--db", db, "history", "ai_core_industry_size", "--format", "json").stdout)
    assert [(row["text"], row["flag"]) for row in rows] == [("RMB 900 billion", None), ("RMB 950 billion", "revision")]
    assert rows[1]["revision_of"]["url"] == "https://a.example/1"
    assert rows[1]["note"] == "revises CAICT (2025-01-10): RMB 900 billion"
    table = run_cli("--db", db, "history", "ai_core_industry_size", "--geo", "China").stdout
    assert "revision" in table and "organisation" in table.splitlines()[0]
    missing_geo = run_cli("--db", db, "history", "ai_core_industry_size", "--geo", "Mars")
    one_line_error(missing_geo, "no ai_core_industry_size claims for geo 'Mars'", "China")


def test_search_sql_sources_and_status(run_cli, tmp_path):
    db = filled_db(tmp_path / "c.db")
    found = json.loads(run_cli("--db", db, "search", "first", "--format", "json").stdout)
    assert [row["url"] for row in found] == ["https://a.example/1"]
    in_claims = json.loads(run_cli("--db", db, "search", "core AI", "--in", "claims", "--format", "json").stdout)
    assert len(in_claims) == 3
    result = run_cli("--db", db, "sql", "SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY outlet",
                     "--format", "csv")
    assert result.stdout == "outlet,n\nCAICT,1\nXinhua,1\n"
    sources = json.loads(run_cli("--db", db, "sources", "--format", "json").stdout)
    assert {row["name"]: row["articles"] for row in sources}["caict"] == 1
    status = json.loads(run_cli("--db", db, "status", "--format", "json").stdout)
    assert (status["articles"], status["claims"]) == (2, 3)
    table = run_cli("--db", db, "status").stdout
    assert table.startswith(f"{db}: 2 articles") and "never crawled" in table
    assert run_cli("--db", db, "status", "--format", "jsonl").stdout.count("\n") == len(status["sources"])


def test_config_file_gives_the_database_path(run_cli, tmp_path):
    filled_db(tmp_path / "desk.db")
    config = tmp_path / "claimtrack.toml"
    config.write_text('[store]\npath = "desk.db"\n', encoding="utf-8")
    result = run_cli("--config", config, "claims", "--format", "json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 3
    local = Path.cwd() / "claimtrack.toml"  # ./claimtrack.toml when no --config
    local.write_text(f'[store]\npath = "{tmp_path / "desk.db"}"\n', encoding="utf-8")
    assert len(json.loads(run_cli("claims", "--format", "json").stdout)) == 3


# Bad input: one line on stderr, non-zero exit, nothing written -----------------------------


def test_ingest_of_missing_directory_and_unreadable_files(run_cli, tmp_path):
    db = tmp_path / "c.db"
    one_line_error(run_cli("--db", db, "ingest", tmp_path / "absent.txt"), "absent.txt: no such file")
    one_line_error(run_cli("--db", db, "ingest", tmp_path), "is a directory")
    # A bad file among good ones: nothing at all is recorded.
    one_line_error(run_cli("--db", db, "ingest", SAMPLE, tmp_path / "absent.txt"), "no such file")
    assert not db.exists()
    if os.geteuid() != 0:  # root reads everything
        locked = tmp_path / "locked.txt"
        locked.write_text("secret")
        locked.chmod(0)
        one_line_error(run_cli("--db", db, "ingest", locked), "cannot read")


@pytest.mark.parametrize(("name", "body", "message"), [
    ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not an HTML, text or PDF file"),
    ("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "a PNG image"),
    ("archive.bin", b"PK\x03\x04" + bytes(range(256)) * 4, "not an HTML, text or PDF file"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> trailer garbage", "unreadable"),
    ("not-a.pdf", b"<html><body>hello</body></html>", "unreadable"),
    ("latin1.txt", "Caf\xe9 au lait, 5 euros".encode("latin-1"), "not UTF-8 text (byte 0xe9 at offset 3)"),
    ("nul.txt", b"text\x00with nul", "binary data, not a text file"),
])
def test_ingest_of_files_that_are_not_articles(run_cli, tmp_path, name, body, message):
    db = tmp_path / "c.db"
    path = tmp_path / name
    path.write_bytes(body)
    one_line_error(run_cli("--db", db, "ingest", path), name, message)
    assert not db.exists()


def test_url_with_several_files_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("--db", tmp_path / "c.db", "ingest", SAMPLE, SAMPLE, "--url", "https://x.example/")
    one_line_error(result, "--url names one article")
    assert result.exit_code == 2


@pytest.mark.parametrize("command", [["claims"], ["history", "ai_core_industry_size"], ["search", "AI"],
                                     ["sql", "SELECT 1"], ["sources"], ["status"]])
def test_query_commands_on_a_missing_database_do_not_create_it(run_cli, tmp_path, command):
    db = tmp_path / "absent.db"
    one_line_error(run_cli("--db", db, *command), f"database {db} does not exist")
    assert not db.exists() and not Path(f"{db}-wal").exists()


@pytest.mark.parametrize("command", [["claims"], ["sql", "SELECT 1"], ["status"]])
def test_query_commands_on_a_file_that_is_not_sqlite(run_cli, tmp_path, command):
    notes = tmp_path / "notes.txt"
    notes.write_text("meeting at 10\n")
    one_line_error(run_cli("--db", notes, *command), "is not an SQLite database")
    assert notes.read_text() == "meeting at 10\n"


@pytest.mark.parametrize(("query", "message"), [
    ("INSERT INTO sources (name, registered, updated) VALUES ('x', '', '')", "not INSERT"),
    ("UPDATE claims SET value = 1", "not UPDATE"),
    ("DROP TABLE claims", "not DROP"),
    ("ATTACH DATABASE 'other.db' AS other", "not ATTACH"),
    ("PRAGMA user_version = 3", "not PRAGMA"),
    ("SELECT 1; DELETE FROM claims", "one SQL statement"),
    ("WITH x AS (SELECT 1) DELETE FROM claims", "read-only"),
])
def test_sql_refuses_writes_and_several_statements(run_cli, tmp_path, query, message):
    db = filled_db(tmp_path / "c.db")
    before = db.read_bytes()
    one_line_error(run_cli("--db", db, "sql", query), message)
    assert db.read_bytes() == before


def test_unknown_metric_suggests_near_matches(run_cli, tmp_path):
    db = filled_db(tmp_path / "c.db")
    one_line_error(run_cli("--db", db, "history", "ai_core_industy_size"),
                   "unknown metric 'ai_core_industy_size'", "did you mean ai_core_industry_size")
    one_line_error(run_cli("--db", db, "claims", "--metric", "ai_enterprise"), "did you mean ai_enterprises")


@pytest.mark.parametrize(("args", "message"), [
    (["claims", "--since", "2025-13-01"], "'--since': '2025-13-01' is not a date as YYYY-MM-DD"),
    (["claims", "--until", "yesterday"], "'--until': 'yesterday' is not a date"),
    (["claims", "--since", "2025/01/01"], "is not a date as YYYY-MM-DD"),
    (["ingest", str(SAMPLE), "--published", "26 Dec 2025"], "'--published': '26 Dec 2025' is not a date"),
])
def test_dates_that_do_not_parse(run_cli, tmp_path, args, message):
    db = filled_db(tmp_path / "c.db")
    before = db.read_bytes()
    result = run_cli("--db", db, *args)
    one_line_error(result, message)
    assert result.exit_code == 2 and db.read_bytes() == before


@pytest.mark.parametrize(("text", "message"), [
    ('[store]\npath = "x.db"\ncolour = "red"\n', "store.colour: unknown key"),
    ("[digest]\ntime = 730\n", "digest.time: must be a string, not an integer"),
    ('[[sources]]\nname = "a"\nspider = "xinhua"\nlang = "en"\nstart_urls = ["http://127.0.0.1/"]\nschedule = 5\n',
     "sources[1].schedule: must be a string"),
])
def test_bad_config_names_file_and_key(run_cli, tmp_path, text, message):
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    db = tmp_path / "c.db"
    one_line_error(run_cli("--config", config, "--db", db, "ingest", SAMPLE), str(config), message)
    assert not db.exists()


def test_unknown_command_and_option_are_one_line_usage_errors(run_cli):
    one_line_error(run_cli("frobnicate"), "No such command 'frobnicate'")
    one_line_error(run_cli("claims", "--colour"), "No such option '--colour'")


# Claim extraction (once extractors/claims/extract.py exists) ---------------------------------------


def test_extract_prints_claims_with_offsets_into_the_file(run_cli):
    result = run_cli("extract", SAMPLE, "--published", "2025-12-26")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    text = SAMPLE.read_text(encoding="utf-8")
    assert rows and all(list(row) == CLAIM_FIELDS + ["path"] for row in rows)
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"] and row["path"] == str(SAMPLE)
    assert any(row["metric"] == "ai_core_industry_size" and row["value"] == 10**12 for row in rows)


def test_evaluate_scores_the_project_gold_per_language(run_cli):
    result = run_cli("evaluate", "--gold", REPO / "tests" / "gold", "--format", "json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {"en", "zh"} <= set(figures) and figures["en"]["f1"] > 0.9


def test_evaluate_without_gold_files_says_so(run_cli, tmp_path):
    one_line_error(run_cli("evaluate", "--gold", tmp_path), "no gold files")


def test_gold_articles_ingested_as_text_give_the_same_history(run_cli, tmp_path, gold_dir):
    """The Done-when of issues 2 and 10: ingest the gold texts with --url and --published and
    read the same history marks and findings out of `claimtrack` as from the labelled claims."""
    db = tmp_path / "gold.db"
    for number, gold in enumerate(load_gold(gold_dir)):
        path = tmp_path / f"{number:03d}.txt"
        path.write_text(gold["text"], encoding="utf-8")
        args = ["--url", gold["url"]] + (["--published", gold["published"]] if gold["published"] else [])
        result = run_cli("--db", db, "ingest", path, *args, "--lang", gold["language"])
        assert result.exit_code == 0, result.stderr
    rows = json.loads(run_cli("--db", db, "history", "ai_core_industry_size", "--format", "json").stdout)
    labelled = {(gold["url"], claim.period) for gold in load_gold(gold_dir) if gold["published"]
                for claim in gold_claims(gold) if claim.metric == "ai_core_industry_size" and claim.unit == "CNY"}
    assert labelled <= {(row["url"], row["period"]) for row in rows}
    with ClaimStore.memory() as store:
        for gold in load_gold(gold_dir):
            store.record_article(gold_article(gold), gold_claims(gold))
        expected_flags = [(o.url, o.flag) for o in store.history("ai_core_industry_size") if o.flag]
        expected = sorted((f["type"], f["metric"], f["period"]) for f in store.findings())
    assert [(row["url"], row["flag"]) for row in rows if row["flag"]] == expected_flags
    found = json.loads(run_cli("--db", db, "findings", "--format", "json").stdout)["findings"]
    assert sorted((f["type"], f["metric"], f["period"]) for f in found) == expected
    assert ("growth_mismatch", "ai_core_industry_size", "2025") in expected


# Findings -------------------------------------------------------------------------------------


def findings_db(path: Path) -> Path:
    """Three CAICT releases of the 2024 figure and an uncredited headline (a revision, an
    internal finding), and a forecast settled later."""
    with ClaimStore.open(path) as store:
        store.record_article(make_article("https://a.example/1", "x" * 40 + " first", published="2025-01-10",
                                          outlet="CAICT"), [make_claim(start=0, end=5)], source="manual")
        store.record_article(make_article("https://b.example/2", "y" * 40 + " second", published="2025-06-01",
                                          outlet="CAICT"),
                             [make_claim(start=0, end=5, text="RMB 990 billion", value=9.9e11)], source="manual")
        store.record_article(make_article("https://c.example/3", "z" * 40 + " third", published="2024-12-15",
                                          outlet="CAICT"),
                             [make_claim(start=0, end=5, text="RMB 1.2 trillion", value=1.2e12, period="2025",
                                         modality="forecast")], source="manual")
        store.record_article(make_article("https://d.example/4", "w" * 40 + " fourth", published="2026-03-08",
                                          outlet="Xinhua"),
                             [make_claim(start=0, end=5, text="1.18 trillion yuan", value=1.18e12, period="2025",
                                         attribution="MIIT")], source="manual")
    return path


def test_findings_in_every_format_newest_first(run_cli, tmp_path):
    db = findings_db(tmp_path / "f.db")
    table = run_cli("--db", db, "findings")
    assert table.exit_code == 0, table.stderr
    assert table.stdout.splitlines()[0].split() == ["id", "first_seen", "type", "status", "size", "explanation"]
    assert "CAICT revised 900 billion yuan (2025-01-10) to 990 billion yuan (2025-06-01)" in " ".join(table.stdout.split())
    document = json.loads(run_cli("--db", db, "findings", "--format", "json").stdout)
    assert list(document) == ["findings"]
    kinds = [f["type"] for f in document["findings"]]
    assert sorted(kinds) == ["forecast_outcome", "revision"]
    first_seen = [f["first_seen"] for f in document["findings"]]
    assert first_seen == sorted(first_seen, reverse=True)
    revision = next(f for f in document["findings"] if f["type"] == "revision")
    assert {"id", "type", "explanation", "metric", "geo", "period", "size", "first_seen", "status", "closed",
            "details", "claims"} <= set(revision)
    assert [(c["role"], c["url"], c["outlet"], c["published"]) for c in revision["claims"]] == [
        ("earlier", "https://a.example/1", "CAICT", "2025-01-10"), ("later", "https://b.example/2", "CAICT", "2025-06-01")]
    assert set(CLAIM_FIELDS) <= set(revision["claims"][0])
    lines = run_cli("--db", db, "findings", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["type"] for line in lines] == kinds
    rows = list(csv.DictReader(io.StringIO(run_cli("--db", db, "findings", "--format", "csv").stdout)))
    assert [row["type"] for row in rows] == kinds and json.loads(rows[0]["claims"])


def test_findings_filters_and_limit(run_cli, tmp_path):
    db = findings_db(tmp_path / "f.db")

    def kinds(*args):
        result = run_cli("--db", db, "findings", *args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return sorted(f["type"] for f in json.loads(result.stdout)["findings"])

    assert kinds("--type", "revision") == ["revision"]
    assert kinds("--metric", "ai_core_industry_size") == ["forecast_outcome", "revision"]
    assert kinds("--since", "2999-01-01") == []
    assert kinds("--until", "2000-01-01") == []
    assert kinds("--open") == ["forecast_outcome", "revision"]
    limited = run_cli("--db", db, "findings", "--limit", "1", "--format", "jsonl")
    assert len(limited.stdout.splitlines()) == 1 and "--limit 0 lists all" in limited.stderr
    one_line_error(run_cli("--db", db, "findings", "--type", "rumour"), "rumour")
    one_line_error(run_cli("--db", db, "findings", "--metric", "ai_core_industy_size"), "did you mean")


def test_findings_rebuild_shows_progress_and_changes_nothing(run_cli, tmp_path):
    db = findings_db(tmp_path / "f.db")
    before = run_cli("--db", db, "findings", "--format", "json").stdout
    rebuilt = run_cli("--db", db, "findings", "--rebuild", "--format", "json")
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert "recomputing findings: 2/2 series" in rebuilt.stderr and "2 open findings" in rebuilt.stderr
    assert rebuilt.stdout == before
    one_line_error(run_cli("--db", tmp_path / "none.db", "findings", "--rebuild"), "does not exist")
    assert not (tmp_path / "none.db").exists()


def test_history_shows_findings_and_draws_a_chart(run_cli, tmp_path):
    db = findings_db(tmp_path / "f.db")
    rows = json.loads(run_cli("--db", db, "history", "ai_core_industry_size", "--format", "json").stdout)
    assert [[f["type"] for f in row["findings"]] for row in rows] == [
        ["revision"], ["revision"], ["forecast_outcome"], ["forecast_outcome"]]
    table = run_cli("--db", db, "history", "ai_core_industry_size").stdout
    assert "findings" in table.splitlines()[0] and "revision #" in table
    for name in ("core.svg", "core.png"):
        result = run_cli("--db", db, "history", "ai_core_industry_size", "--chart", tmp_path / name)
        assert result.exit_code == 0, result.stderr
        assert f"chart of 4 observations written to {tmp_path / name}" in result.stderr
    assert (tmp_path / "core.png").read_bytes().startswith(b"\x89PNG")
    assert ET.parse(tmp_path / "core.svg").getroot().tag.endswith("svg")
    bad = run_cli("--db", db, "history", "ai_core_industry_size", "--chart", tmp_path / "core.pdf")
    one_line_error(bad, "must end in .svg or .png")
    assert bad.exit_code == 2 and not (tmp_path / "core.pdf").exists()


def test_evaluate_findings_reports_precision_and_recall_per_type(run_cli, tmp_path):
    result = run_cli("evaluate", "--findings", "--gold", REPO / "tests" / "gold", "--format", "json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert set(figures["types"]) == {"revision", "discrepancy", "internal", "growth_mismatch",
                                     "conversion_mismatch", "forecast_outcome"}
    assert figures["documents"] == len(list((REPO / "tests" / "gold").glob("*.json")))
    assert figures["all"]["gold"] > 0 and set(figures["all"]) >= {"precision", "recall"}
    assert all(set(wrong) == {"type", "explanation", "urls"} for wrong in figures["wrong"] + figures["missed"])
    table = run_cli("evaluate", "--findings", "--gold", REPO / "tests" / "gold").stdout
    assert "growth_mismatch" in table and "wrong (from extracted claims only)" in table
    one_line_error(run_cli("evaluate", "--findings", "--gold", tmp_path), "no gold files")
    one_line_error(run_cli("evaluate", "--findings", "--gold", REPO / "tests"), "eval_floors.json: not a gold file")


def test_help_stays_light():
    """`claimtrack --help` imports neither the store's libraries nor the charting one."""
    probe = ("import sys, claimtrack; from click.testing import CliRunner; "
             "CliRunner().invoke(claimtrack.cli, ['--help']); CliRunner().invoke(claimtrack.cli, ['findings', '--help']); "
             "print(' '.join(m for m in ('matplotlib', 'sqlite_utils', 'spacy', 'scrapy') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == ""


def test_queries_stay_light(tmp_path):
    """`claimtrack history` and `claims` read through a plain sqlite3 connection: sqlite-utils,
    which pulls in numpy and pandas (most of a query's start-up), is never imported, nor spaCy."""
    db = filled_db(tmp_path / "light.db")
    probe = ("import sys, claimtrack; from click.testing import CliRunner; "
             f"print(CliRunner().invoke(claimtrack.cli, ['--db', {str(db)!r}, 'history', 'ai_core_industry_size']).exit_code, "
             f"CliRunner().invoke(claimtrack.cli, ['--db', {str(db)!r}, 'claims', '--limit', '5']).exit_code, "
             "*sorted({m.split('.')[0] for m in sys.modules} & {'sqlite_utils', 'numpy', 'pandas', 'spacy'}))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == ["0", "0"]


# The installed script -------------------------------------------------------------------------


def installed_claimtrack() -> str:
    script = Path(sys.executable).parent / "claimtrack"
    found = str(script) if script.exists() else shutil.which("claimtrack")
    if not found:
        pytest.fail("the claimtrack console script is not installed")
    return found


def test_installed_script_in_a_subprocess(tmp_path):
    db = tmp_path / "c.db"
    env = {key: value for key, value in os.environ.items() if key != "CLAIMTRACK_CONFIG"}

    def run(*args):
        return subprocess.run([installed_claimtrack(), "--db", str(db), *map(str, args)], capture_output=True,
                              text=True, cwd=tmp_path, env=env, timeout=120)

    help_run = subprocess.run([installed_claimtrack(), "--help"], capture_output=True, text=True, timeout=60)
    assert help_run.returncode == 0 and "history" in help_run.stdout
    ingest = run("ingest", SAMPLE, "--url", "https://example.org/sample", "--published", "2025-12-26")
    assert ingest.returncode == 0, ingest.stderr
    query = run("sql", "SELECT url, published FROM articles", "--format", "json")
    assert json.loads(query.stdout) == [{"url": "https://example.org/sample", "published": "2025-12-26"}]
    missing = subprocess.run([installed_claimtrack(), "--db", str(tmp_path / "none.db"), "claims"],
                             capture_output=True, text=True, timeout=60, env=env)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "does not exist" in missing.stderr
