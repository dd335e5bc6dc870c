"""Real crawls of the test mirror on loopback, read back from the store: the right articles,
titles, dates, outlets and claims; nothing fetched twice; a changed page becomes version 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crawl_helpers import CRAWL_TIMEOUT, mirror_root, server, write_config  # noqa: F401 (fixtures)

from crawler.runner import run_crawls
from store import ClaimStore

REPO = Path(__file__).resolve().parents[2]
ARTICLE_SUFFIXES = (".html", ".htm", ".pdf", "/")
KEYWORDS_EN = ["artificial intelligence", "AI", "digital economy", "computing power", "5G", "internet"]

EN_ARTICLES = {  # every kind of href on the section page: absolute, ../, relative, root-relative
    "https://english.news.cn/20251226/c3e9f4a1b07d4e2a9c5b8f61d2e7a034/c.html":
        ("China's core AI industry tops 1 trillion yuan in 2025", "2025-12-26T16:38:12+08:00"),
    "https://english.news.cn/20250117/0c1f3e0a9b7d4c52a1e2f3b4c5d6e7f8/c.html":
        ("China's internet users exceed 1.1 billion", "2025-01-17T11:02:45+08:00"),
    "https://english.news.cn/business/20250827/5b1d1e6c3a2f4e0e9b8d7c6a5f4e3d2c/c.html":
        ("China unveils AI Plus plan, eyes 90 pct adoption by 2030", "2025-08-27T09:15:10+08:00"),
    "https://english.news.cn/20250722/9a8b7c6d5e4f4a3b2c1d0e9f8a7b6c5d/c.html":
        ("China's 5G base stations top 4.55 million", "2025-07-22T17:40:03+08:00"),
    "https://english.news.cn/20240828/1f0e2d3c4b5a49687766554433221100/c.html":
        ("China's digital economy tops 53.9 trln yuan in 2023", "2024-08-28T10:12:00+08:00"),
    "https://english.news.cn/asiapacific/20240912/2a3b4c5d6e7f48091a2b3c4d5e6f7081/c.html":
        ("China's computing power reaches 246 EFLOPS", "2024-09-12T16:20:00+08:00"),
}
EXCLUDED_EN = "https://english.news.cn/20251225/7d6c5b4a39284716a5b4c3d2e1f00f1e/c.html"
ZH_ARTICLES = {
    "https://www.news.cn/tech/20251226/7b41d09e5f2c4a83b6e1d57c90a4f2e8/c.html":
        ("2025年我国人工智能核心产业规模超万亿元", "2025-12-26T15:47:30+08:00"),
    "https://www.news.cn/tech/2025-01/21/c_1130265731.htm":       # GBK, old template, root-relative row
        ("我国5G基站总数达425.1万个", "2025-01-21T10:12:00+08:00"),
    "https://www.news.cn/tech/20250721/a1b2c3d4e5f6478899aabbccddeeff00/c.html":   # channel-relative row
        ("我国生成式人工智能用户规模达5.15亿人", "2025-07-21T18:05:12+08:00"),
}
CAICT_ARTICLES = {
    "https://www.caict.ac.cn/kxyj/qwfb/bps/202507/t20250722_458952.htm":
        ("中国信通院发布《数字经济与人工智能发展数据（2025年）》", "2025-07-22"),
    "https://www.caict.ac.cn/kxyj/qwfb/bps/202409/t20240912_490124.htm":
        ("中国信通院发布《中国算力发展指数白皮书（2024年）》", "2024-09-12"),
    "https://www.caict.ac.cn/kxyj/qwfb/bps/202309/t20230914_461234.htm":     # on the second list page
        ("中国信通院发布《中国算力发展指数白皮书（2023年）》", "2023-09-14"),
    "https://www.caict.ac.cn/kxyj/qwfb/bps/202507/P020250722389457208311.pdf":  # the white paper the first links
        ("Digital Economy and Artificial Intelligence Development Data (2025)", "2025-07-22"),
}
TECHNODE_ARTICLES = {
    "https://technode.com/2025/07/21/chinas-generative-ai-user-base-doubles-in-six-months/":
        ("China's generative AI user base doubles in six months", "2025-07-21T17:30:00+08:00"),
    "https://technode.com/2024/06/21/china-home-to-over-4500-ai-companies/":
        ("China is home to over 4,500 AI companies, vice minister says", "2024-06-21T11:05:00+08:00"),
    "https://technode.com/2025/01/09/generative-ai-services-filed-top-300/":       # only in the gzip sitemap
        ("China's generative AI services filed with regulator top 300", "2025-01-09T09:40:00+08:00"),
}
EXPECTED = {"xinhua-en": (EN_ARTICLES, "Xinhua"), "xinhua-zh": (ZH_ARTICLES, "Xinhua"),
            "caict": (CAICT_ARTICLES, "CAICT"), "technode": (TECHNODE_ARTICLES, "TechNode")}


def mirror_sources(server, **extra_en):
    return [
        {"name": "xinhua-en", "spider": "xinhua", "lang": "en", "keywords": KEYWORDS_EN,
         "start_urls": [server.url("english.news.cn/business/")], **extra_en},
        {"name": "xinhua-zh", "spider": "xinhua", "lang": "zh", "start_urls": [server.url("www.news.cn/tech/")]},
        {"name": "caict", "spider": "caict", "lang": "zh", "start_urls": [server.url("www.caict.ac.cn/kxyj/qwfb/bps/")]},
        {"name": "technode", "spider": "feeds", "lang": "en",
         "start_urls": [server.url("technode.com/feed/"), server.url("technode.com/sitemap_index.xml")]},
    ]


@pytest.fixture(scope="module")
def crawled(server, tmp_path_factory):
    """Two crawls of the unchanged mirror, with the server's log of each."""
    folder = tmp_path_factory.mktemp("crawl")
    db = folder / "claims.db"
    config = write_config(folder / "claimtrack.toml", db, mirror_sources(server))
    names = ["xinhua-en", "xinhua-zh", "caict", "technode"]
    server.clear()
    first = run_crawls(names, config_path=config, db_path=db, timeout=CRAWL_TIMEOUT, parallel=2)
    first_hits = list(server.hits)
    server.clear()
    second = run_crawls(names, config_path=config, db_path=db, timeout=CRAWL_TIMEOUT, parallel=2)
    second_hits = list(server.hits)
    return {"db": db, "config": config, "first": {o.source: o for o in first}, "second": {o.source: o for o in second},
            "first_hits": first_hits, "second_hits": second_hits}


def articles(db: Path, source: str) -> dict[str, dict]:
    with ClaimStore.open_readonly(db) as store:
        columns, rows = store.sql("SELECT url, title, published, outlet, lang, version FROM articles WHERE source = ?",
                                  [source])
    return {row[0]: dict(zip(columns, row)) for row in rows}


def test_every_source_is_crawled_to_its_end(crawled):
    for source, outcome in crawled["first"].items():
        assert (outcome.status, outcome.returncode, outcome.failed) == ("ok", 0, False), (source, outcome.run)
        assert outcome.run["errors"] == 0 and outcome.run["finished"]


@pytest.mark.parametrize("source", sorted(EXPECTED))
def test_the_right_articles_titles_dates_and_outlets(crawled, source):
    expected, outlet = EXPECTED[source]
    stored = articles(crawled["db"], source)
    assert set(stored) == set(expected)
    for url, (title, published) in expected.items():
        assert (stored[url]["title"], stored[url]["published"], stored[url]["outlet"]) == (title, published, outlet), url
    run = crawled["first"][source].run
    assert run["articles_new"] == len(expected)


def test_keywords_exclude_an_article_and_it_is_not_fetched_again(crawled):
    with ClaimStore.open_readonly(crawled["db"]) as store:
        assert store.fetch_states([EXCLUDED_EN])[EXCLUDED_EN]["outcome"] == "excluded"
    assert crawled["first"]["xinhua-en"].run["excluded"] == 1
    assert EXCLUDED_EN.split("news.cn", 1)[1] not in {hit.path.split("english.news.cn", 1)[-1]
                                                       for hit in crawled["second_hits"]}


def test_links_off_the_source_are_not_followed(crawled):
    paths = {hit.path for hit in crawled["first_hits"]}
    assert not any("gov.cn" in path or "weixin" in path or "xinhuanet" in path for path in paths)


def test_claims_are_read_and_recorded(crawled):
    with ClaimStore.open_readonly(crawled["db"]) as store:
        core = store.claims(metric="ai_core_industry_size")
        by_url = {(row["url"], row["value"]) for row in core}
        assert ("https://english.news.cn/20251226/c3e9f4a1b07d4e2a9c5b8f61d2e7a034/c.html", 1_000_000_000_000) in by_url
        assert ("https://www.news.cn/tech/20251226/7b41d09e5f2c4a83b6e1d57c90a4f2e8/c.html", 1_000_000_000_000) in by_url
        status = {row["name"]: row for row in store.status()["sources"]}
    for source in EXPECTED:
        assert crawled["first"][source].run["claims_new"] > 0
        assert status[source]["claims"] == crawled["first"][source].run["claims_new"]
        assert status[source]["health"] == "ok"


def test_a_second_crawl_fetches_only_listings_feeds_and_sitemaps(crawled):
    second_paths = [hit.path for hit in crawled["second_hits"]]
    article_paths = {path for path in (hit.path for hit in crawled["first_hits"])
                     if "/20" in path and path.endswith(ARTICLE_SUFFIXES) and "sitemap" not in path}
    assert article_paths and not article_paths & set(second_paths)
    # Each article was fetched exactly once over both crawls.
    first_paths = [hit.path for hit in crawled["first_hits"]]
    assert all(first_paths.count(path) == 1 for path in article_paths)
    # CAICT's pagination stops at its first page, which holds nothing new.
    assert "/www.caict.ac.cn/kxyj/qwfb/bps/index_1.htm" in first_paths
    assert "/www.caict.ac.cn/kxyj/qwfb/bps/index_1.htm" not in second_paths
    for source, outcome in crawled["second"].items():
        assert (outcome.status, outcome.run["articles_new"], outcome.run["claims_new"]) == ("ok", 0, 0), source
        assert outcome.run["skipped"] >= 1
    assert sum(o.run["requests"] for o in crawled["second"].values()) < sum(o.run["requests"] for o in crawled["first"].values()) / 2


def test_a_changed_page_becomes_version_2_with_a_conditional_recrawl(crawled, server, mirror_root):
    db = crawled["db"]
    config = write_config(db.parent / "recrawl.toml", db, mirror_sources(server, recrawl="1s"))
    page = mirror_root / "english.news.cn/20250722/9a8b7c6d5e4f4a3b2c1d0e9f8a7b6c5d/c.html"
    changed_url = "https://english.news.cn/20250722/9a8b7c6d5e4f4a3b2c1d0e9f8a7b6c5d/c.html"
    original = page.read_text(encoding="utf-8")
    page.write_text(original.replace("4.55 million 5G base stations", "4.6 million 5G base stations"), encoding="utf-8")
    time.sleep(1.2)  # past the recrawl interval
    server.clear()
    try:
        (outcome,) = run_crawls(["xinhua-en"], config_path=config, db_path=db, timeout=CRAWL_TIMEOUT, parallel=1)
    finally:
        page.write_text(original, encoding="utf-8")
    assert outcome.status == "ok"
    assert (outcome.run["articles_changed"], outcome.run["articles_new"]) == (1, 0)
    # 304 Not Modified for the five others and for the page the keywords excluded.
    assert outcome.run["articles_unchanged"] == len(EN_ARTICLES) - 1 + 1
    article_hits = [hit for hit in server.hits if hit.path.endswith("/c.html")]
    assert article_hits and all("If-None-Match" in hit.headers for hit in article_hits)
    assert articles(db, "xinhua-en")[changed_url]["version"] == 2
    with ClaimStore.open_readonly(db) as store:
        current = [c for c in store.claims(include_superseded=True) if c["url"] == changed_url]
        texts = {(claim["text"], claim.get("value")) for claim in current}
    assert any("4.6 million" in text for text, _ in texts) and any("4.55 million" in text for text, _ in texts)


def test_claimtrack_crawl_sources_and_status(server, tmp_path):
    db = tmp_path / "cli.db"
    config = write_config(tmp_path / "claimtrack.toml", db, mirror_sources(server))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    crawl = subprocess.run([sys.executable, "-m", "claimtrack", "--config", str(config), "crawl", "xinhua-zh", "caict"],
                           capture_output=True, text=True, timeout=CRAWL_TIMEOUT * 2, cwd=REPO, env=env)
    assert crawl.returncode == 0, crawl.stderr
    assert "[xinhua-zh] ok in" in crawl.stderr and "[caict] ok in" in crawl.stderr
    header, *rows = [line for line in crawl.stdout.splitlines() if line.strip() and not line.startswith("-")]
    assert header.split()[:6] == ["source", "status", "pages", "articles_new", "claims_new", "errors"]
    assert {row.split()[0]: row.split()[1] for row in rows} == {"xinhua-zh": "ok", "caict": "ok"}

    def cli_json(*command: str):
        result = subprocess.run([sys.executable, "-m", "claimtrack", "--config", str(config), *command,
                                 "--format", "json"], capture_output=True, text=True, timeout=60, cwd=REPO, env=env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    health = {row["name"]: row["health"] for row in cli_json("sources")}
    assert health == {"xinhua-zh": "ok", "caict": "ok", "xinhua-en": "never crawled", "technode": "never crawled"}
    status = {row["name"]: row for row in cli_json("status")["sources"]}
    assert status["caict"]["articles_new"] == len(CAICT_ARTICLES) and status["caict"]["last_status"] == "ok"


def test_claimtrack_crawl_refuses_an_unknown_source(server, tmp_path):
    config = write_config(tmp_path / "claimtrack.toml", tmp_path / "x.db", mirror_sources(server))
    result = subprocess.run([sys.executable, "-m", "claimtrack", "--config", str(config), "crawl", "nowhere"],
                            capture_output=True, text=True, timeout=60, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 2 and "no source named 'nowhere'" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_scrapy_list_and_scrapy_crawl_from_the_project_root(server, tmp_path):
    scrapy = [sys.executable, "-m", "scrapy"]
    listed = subprocess.run([*scrapy, "list"], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert listed.stdout.split() == ["caict", "feeds", "xinhua"], listed.stderr
    db = tmp_path / "scrapy.db"
    config = write_config(tmp_path / "claimtrack.toml", db, mirror_sources(server))
    crawl = subprocess.run([*scrapy, "crawl", "xinhua", "-a", "source=xinhua-zh", "-a", f"config={config}",
                            "-a", f"db={db}"], capture_output=True, text=True, timeout=CRAWL_TIMEOUT, cwd=REPO)
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    assert set(articles(db, "xinhua-zh")) == set(ZH_ARTICLES)
