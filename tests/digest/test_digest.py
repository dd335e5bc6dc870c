"""The digest of a day, from a store filled by a real crawl of the demo mirror.

The HTML file is also rendered in a real headless Chromium (installed by .ci/run), and the
test reads what the browser built: the findings come first, the charts are drawn, and no
template markup is left.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html

from config.loader import load_config
from crawler.runner import run_crawls
from demo.configuration import write_config
from demo.server import MirrorServer
from digest import build_digest, write_digest
from store import ClaimStore

TIMEZONE = "Asia/Shanghai"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The demo mirror crawled once into a database: (database path, configuration)."""
    folder = tmp_path_factory.mktemp("crawled")
    with MirrorServer() as server:
        config_path = write_config(folder / "claimtrack.toml", server, db=folder / "claims.db",
                                   digest_dir=folder / "digests")
        config = load_config(config_path)
        outcomes = run_crawls([source.name for source in config.sources], config_path=config_path,
                              db_path=folder / "claims.db", timeout=120, parallel=2)
    assert all(outcome.status == "ok" for outcome in outcomes), [(o.source, o.status) for o in outcomes]
    return folder / "claims.db", config


def today() -> date:
    return datetime.now(ZoneInfo(TIMEZONE)).date()


def test_the_day_of_a_crawl_lists_findings_then_figures_articles_and_source_health(crawled):
    db, config = crawled
    with ClaimStore.open_readonly(db) as store:
        content = build_digest(store, today(), TIMEZONE, sources=config.sources)
    assert content["summary"]["articles_new"] == 22 and content["summary"]["articles_changed"] == 0
    types = [finding["type"] for finding in content["findings"]]
    assert types[0] == "revision" and {"discrepancy", "growth_mismatch"} <= set(types)
    assert types == sorted(types, key=["revision", "discrepancy", "growth_mismatch", "conversion_mismatch",
                                       "internal", "forecast_outcome", "new_high"].index)
    core = next(entry for entry in content["metrics"] if entry["metric"] == "ai_core_industry_size")
    assert core["registered"] and "core AI industry" in core["name"]
    written = {figure["text"] for figure in core["figures"]}
    assert "超过1万亿元" in written or any("万亿元" in text for text in written)   # Chinese as written
    assert all(figure["article"]["published"] for figure in core["figures"])
    assert {group["source"] for group in content["articles"]} == {source.name for source in config.sources}
    health = {row["name"]: row for row in content["sources"]}
    assert all(row["crawls"] == 1 and row["last_status"] == "ok" and not row["problems"] for row in health.values())


def test_a_day_written_twice_gives_the_same_files(crawled, tmp_path):
    db, config = crawled
    with ClaimStore.open_readonly(db) as store:
        first = write_digest(store, today(), tmp_path / "a", TIMEZONE, sources=config.sources)
        second = write_digest(store, today(), tmp_path / "b", TIMEZONE, sources=config.sources)
    assert sorted(path.name for path in first.values()) == [f"{today()}.{suffix}" for suffix in ("html", "json", "md")]
    for suffix in first:
        assert first[suffix].read_bytes() == second[suffix].read_bytes(), suffix
    assert not list((tmp_path / "a").glob(".*.tmp"))   # no temporary file left behind


def test_a_day_with_nothing_new_says_so_in_one_line(crawled, tmp_path):
    db, config = crawled
    with ClaimStore.open_readonly(db) as store:
        paths = write_digest(store, date(2001, 1, 1), tmp_path, TIMEZONE, sources=config.sources)
    markdown = paths["md"].read_text(encoding="utf-8")
    assert markdown.count("Nothing new was recorded on this day.") == 1
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["summary"]["articles_new"] == 0


def test_a_digest_by_publication_date_holds_that_days_releases_and_what_they_completed(crawled):
    db, config = crawled
    with ClaimStore.open_readonly(db) as store:
        days = store.publication_days()
        content = build_digest(store, date(2026, 3, 5), TIMEZONE, basis="published")
    assert date(2019, 1, 1) < days[0] < days[-1] and len(days) >= 10
    assert [article["title"] for group in content["articles"] for article in group["articles"]] \
        == ["China's core AI industry tops 1.2 trln yuan as AI firms exceed 6,200: minister"]
    # MIIT's 6,200 firms that day against CAICT's 5,300 of December
    assert "discrepancy" in [finding["type"] for finding in content["findings"]]
    assert content["sources"] == []


def test_a_day_across_a_daylight_saving_change_covers_23_hours(crawled, tmp_path):
    db = tmp_path / "dst.db"
    shutil.copy(crawled[0], db)
    # Record times moved onto the edges of 29 March 2026 in Berlin (clocks go forward at 02:00).
    edges = ["2026-03-28T22:59:59+00:00",   # 23:59:59 on the 28th, local: the day before
             "2026-03-28T23:00:00+00:00",   # local midnight: in
             "2026-03-29T21:59:59+00:00",   # 23:59:59 local (UTC+2): in
             "2026-03-29T22:00:00+00:00"]   # the next local midnight: out
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("SELECT article_id FROM article_versions ORDER BY id LIMIT 4")]
        for article_id, moment in zip(ids, edges):
            conn.execute("UPDATE article_versions SET fetched = ? WHERE article_id = ?", [moment, article_id])
    with ClaimStore.open_readonly(db) as store:
        content = build_digest(store, date(2026, 3, 29), "Europe/Berlin")
    assert content["window"]["hours"] == 23
    assert {article["id"] for group in content["articles"] for article in group["articles"]} == set(ids[1:3])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed (.ci/run installs it)")
def test_the_html_digest_renders_in_a_browser_with_findings_first_and_charts(crawled, tmp_path):
    db, config = crawled
    with ClaimStore.open_readonly(db) as store:
        paths = write_digest(store, today(), tmp_path, TIMEZONE, sources=config.sources)
    browser = ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*browser, "--dump-dom", paths["html"].as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    shot = subprocess.run([*browser, f"--screenshot={tmp_path / 'digest.png'}", "--window-size=1200,2400",
                           paths["html"].as_uri()], capture_output=True, text=True, timeout=120)
    page = lxml_html.fromstring(dom)
    sections = [section.get("id") for section in page.iter("section")]
    assert sections == ["findings", "figures", "articles", "sources"]
    findings = page.get_element_by_id("findings")
    assert len(findings.find_class("finding")) >= 3
    assert "revision" in findings.text_content()
    charts = page.get_element_by_id("figures").find_class("chart")
    assert charts and all(chart.xpath(".//*[local-name()='svg']") for chart in charts)
    text = page.text_content()
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert "万亿元" in text                                  # Chinese figures as written
    assert shot.returncode == 0 and (tmp_path / "digest.png").stat().st_size > 10_000


def test_page_text_in_a_digest_is_escaped(crawled, tmp_path):
    db, config = crawled
    with sqlite3.connect(tmp_path / "copy.db") as target, sqlite3.connect(db) as source:
        source.backup(target)
        target.execute("UPDATE articles SET title = '<script>alert(1)</script> & co' WHERE id = 1")
    with ClaimStore.open_readonly(tmp_path / "copy.db") as store:
        paths = write_digest(store, today(), tmp_path / "out", TIMEZONE, sources=config.sources)
    page = paths["html"].read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
