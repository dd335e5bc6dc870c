"""Crawl throughput on a generated mirror of 2,000 articles served on loopback.

Prints, for two sources (a CAICT-style paginated list with 1,000 Chinese detail pages, and a
trade-press site with 1,000 English articles in a gzip sitemap index):
- pages per second and CPU seconds per page of the crawl processes, with the full pipeline
  (extraction, claims, store) and with extraction switched off (fetching only): the gap is
  the extractors' cost, not the crawler's;
- a second crawl of the unchanged mirror: requests made and wall time against the first
  (goal: listings only, under 5% of the first crawl's requests).

Run: python benchmarks/bench_crawl.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import gzip
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "crawler")]

from crawl_helpers import write_config  # noqa: E402
from mirror_server import MirrorServer  # noqa: E402

from crawler.runner import run_crawls  # noqa: E402

PER_LIST_PAGE = 20
PER_SITEMAP = 500


def caict_detail(number: int) -> str:
    year = 2015 + number % 10
    eflops = 100 + number % 180
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="ArticleTitle" content="中国信通院发布算力发展数据（第{number}期）" /><meta name="PubDate" content="{year}-09-14 10:00" />
<title>中国信通院发布算力发展数据（第{number}期）-中国信息通信研究院</title></head><body>
<div class="content"><div class="content_title"><h1>中国信通院发布算力发展数据（第{number}期）</h1></div>
<div class="content_date">时间：{year}-09-14</div><div class="content_text"><div class="TRS_Editor"><div class="Custom_UnionStyle">
<p>　　中国信息通信研究院发布的数据显示，截至{year}年底，我国算力总规模达到{eflops} EFLOPS，位居全球第二。</p>
<p>　　数据显示，{year}年我国数字经济规模达到{30 + number % 25}.9万亿元，占GDP比重达到{30 + number % 15}.8%。</p>
<p>　　报告指出，我国人工智能企业数量超过{4000 + number % 1500}家，算力核心产业规模达到1.8万亿元。</p>
</div></div></div></div></body></html>"""


def trade_article(number: int) -> str:
    year = 2016 + number % 10
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>China's AI industry update {number} · TechNode</title>
<meta property="og:site_name" content="TechNode"><meta property="article:published_time" content="{year}-06-21T11:05:00+08:00">
</head><body><header><nav><a href="https://technode.com/">TechNode</a></nav></header><main><article>
<h1>China's AI industry update {number}</h1><div class="entry-content">
<p>China now has more than {4000 + number % 1500:,} artificial intelligence companies, and the scale of its core AI
industry reached nearly {500 + number % 400} billion yuan in {year}, a vice minister of industry and information technology said.</p>
<p>The country's total computing power reached {150 + number % 150} EFLOPS by the end of {year}, ranking second in the
world, while generative AI services registered with the regulator passed {100 + number % 250}.</p>
<p>Analysts said spending on data centers would keep rising as large models move into factories and offices.</p>
</div></article></main></body></html>"""


def generate(root: Path, articles: int) -> None:
    half = articles // 2
    section = root / "www.caict.ac.cn" / "kxyj" / "qwfb" / "bps"
    pages = -(-half // PER_LIST_PAGE)
    for page in range(pages):
        rows = []
        for number in range(page * PER_LIST_PAGE, min(half, (page + 1) * PER_LIST_PAGE)):
            name = f"2025{number // 28 % 12 + 1:02d}/t2025{number // 28 % 12 + 1:02d}{number % 28 + 1:02d}_{500000 + number}.htm"
            (section / name).parent.mkdir(parents=True, exist_ok=True)
            (section / name).write_text(caict_detail(number), encoding="utf-8")
            rows.append(f'<tr><td><a class="kxyj_text" href="./{name}" title="算力发展数据（第{number}期）">算力</a></td>'
                        f'<td><span class="kxyj_text">2025-01-01</span></td></tr>')
        script = f'<script>createPageHTML({pages}, {page}, "index", "htm");</script>'
        (section / ("index.htm" if page == 0 else f"index_{page}.htm")).write_text(
            f"<html><head><meta charset='utf-8'><title>白皮书</title></head><body><table>{''.join(rows)}</table>"
            f"{script}</body></html>", encoding="utf-8")
    site = root / "technode.com"
    sitemaps = []
    for start in range(0, articles - half, PER_SITEMAP):
        urls = []
        for number in range(start, min(articles - half, start + PER_SITEMAP)):
            path = site / "2025" / f"ai-industry-update-{number}" / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(trade_article(number), encoding="utf-8")
            urls.append(f"<url><loc>https://technode.com/2025/ai-industry-update-{number}/</loc></url>")
        name = f"post-sitemap{len(sitemaps) + 1}.xml.gz"
        (site / name).write_bytes(gzip.compress(
            ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(urls) + "</urlset>").encode()))
        sitemaps.append(f"<sitemap><loc>https://technode.com/{name}</loc></sitemap>")
    (site / "sitemap_index.xml").write_text(
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(sitemaps) + "</sitemapindex>",
        encoding="utf-8")


def crawl(config: Path, db: Path, extra: list[str]) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    outcomes = run_crawls(["caict", "trade"], config_path=config, db_path=db, timeout=1800, parallel=1, extra_args=extra)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    for outcome in outcomes:
        if outcome.failed:
            raise SystemExit(f"{outcome.source}: {outcome.status}: {outcome.run.get('error')}\n{outcome.log_tail}")
    pages = sum(outcome.run["pages"] for outcome in outcomes)
    return {"seconds": seconds, "cpu": cpu, "pages": pages, "requests": sum(o.run["requests"] for o in outcomes),
            "articles": sum(o.run["articles_new"] for o in outcomes), "claims": sum(o.run["claims_new"] for o in outcomes),
            "crawl_seconds": sum(o.seconds for o in outcomes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as folder_name:
        folder = Path(folder_name)
        generate(folder / "mirror", args.articles)
        with MirrorServer(folder / "mirror") as server:
            sources = [
                {"name": "caict", "spider": "caict", "lang": "zh", "start_urls": [server.url("www.caict.ac.cn/kxyj/qwfb/bps/")]},
                {"name": "trade", "spider": "feeds", "lang": "en", "start_urls": [server.url("technode.com/sitemap_index.xml")]},
            ]
            full_db, off_db = folder / "full.db", folder / "off.db"
            full_config = write_config(folder / "full.toml", full_db, sources)
            off_config = write_config(folder / "off.toml", off_db, sources)
            first = crawl(full_config, full_db, [])
            second = crawl(full_config, full_db, [])
            off = crawl(off_config, off_db, ["--no-extract"])
    print(f"generated mirror: {args.articles:,} articles (CAICT-style list of {args.articles // 2:,} in pages of "
          f"{PER_LIST_PAGE}, trade-press gzip sitemaps of {PER_SITEMAP})")
    for label, run in (("full pipeline", first), ("extraction off", off)):
        print(f"{label:>15}: {run['pages']:,} pages in {run['seconds']:.1f} s = {run['pages'] / run['seconds']:.1f} pages/s "
              f"(wall, 2 crawl processes one after the other); CPU {1000 * run['cpu'] / run['pages']:.1f} ms/page "
              f"in the crawl processes ({run['cpu']:.1f} s)")
    print(f"   full pipeline: {first['articles']:,} articles and {first['claims']:,} claims recorded")
    print(f"    second crawl: {second['requests']:,} requests against {first['requests']:,} "
          f"({100 * second['requests'] / first['requests']:.2f}%), {second['seconds']:.1f} s against {first['seconds']:.1f} s; "
          f"{second['articles']} new articles")


if __name__ == "__main__":
    main()
