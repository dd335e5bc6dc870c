"""Cluster throughput on this machine: 1, 2 and 3 `claimtrack node` processes crawling a
loopback trade-press site with extraction on, and the writer's articles per second.

For each node count, a fresh redis-server, database and daemon (coordinator and writer),
then the nodes; the site (tests/cluster/link_site.py: a sitemap index, sitemaps, articles
with real published figures) answers at once, and ``download_delay`` is 0, so the figures are
the cluster's own cost. Printed per node count:
- pages per second while the nodes fetched (first to last hit on the site), and from the
  first hit to the run's close (the writer done too);
- CPU milliseconds per page in the node processes (their start-up not counted) and in the
  daemon (its start-up counted: it starts with the run).
Extraction (trafilatura and the claim reader) is CPU-bound: with two cores, two nodes is
what the machine can use, and a third adds processes, not cores.

Then the writer alone: a stream filled with ``--writer-pages`` page messages (articles
extracted beforehand), recorded into a fresh database by ``cluster.writer.Writer``.

Run: python benchmarks/bench_cluster.py [--articles 600] [--writer-pages 1000] [--nodes 1 2 3]
Needs redis-server (Debian's package) on the PATH.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "cluster")]

from cluster_helpers import PREFIX, closed_runs, running_cluster, wait_for, write_config  # noqa: E402
from link_site import LinkSite, article_html  # noqa: E402
from redis_server import REDIS_SERVER, RedisServer  # noqa: E402

PER_SITEMAP = 50
RUN_TIMEOUT = 1800.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a live process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def crawl(folder: Path, articles: int, nodes: int) -> dict[str, float]:
    with RedisServer(folder / "redis") as redis, LinkSite(sitemaps=max(1, articles // PER_SITEMAP),
                                                          per_sitemap=PER_SITEMAP) as site:
        config = write_config(folder, redis, site.start_url, delay=0.0, lease_timeout=60)
        with running_cluster(folder, config) as cluster:
            # The nodes first, so that their start-up (imports) is not counted: they wait
            # for a run, which the daemon opens as it starts.
            started = cluster.start_nodes(nodes)
            wait_for(lambda: all(" started (pid " in (folder / f"node{number}.log").read_text(errors="replace")
                                 for number in range(nodes)), RUN_TIMEOUT, "the nodes to start", cluster)
            time.sleep(1.0)
            node_cpu_before = sum(cpu_seconds(process.pid) for process in started)
            daemon = cluster.start_daemon()
            wait_for(lambda: closed_runs(cluster.db), RUN_TIMEOUT, "the run to close", cluster)
            closed = time.monotonic()
            node_cpu = sum(cpu_seconds(process.pid) for process in started) - node_cpu_before
            daemon_cpu = cpu_seconds(daemon.pid)
        times = site.hit_times()
        run = closed_runs(cluster.db)[0]
    if run[1] != "ok":
        raise SystemExit(f"{nodes} nodes: the run ended {run[1]}: {run[5]}\n{cluster.logs()}")
    pages = run[2]
    return {"pages": pages, "articles": run[3], "fetching": times[-1] - times[0], "to_close": closed - times[0],
            "node_cpu": node_cpu, "daemon_cpu": daemon_cpu}


def writer_throughput(folder: Path, pages: int) -> tuple[float, int, float]:
    """Seconds to record ``pages`` messages, articles recorded, seconds inside record_article."""
    from cluster.keys import OPEN, WRITER_GROUP, ClusterKeys, RunDescriptor
    from cluster.messages import encode_page
    from cluster.writer import Writer
    from extractors.claims import EXTRACTOR_VERSION, read_claims
    from extractors.pages import extract_article
    from store import ClaimStore

    with RedisServer(folder / "redis") as redis:
        client = redis.client()
        keys = ClusterKeys(PREFIX)
        run = RunDescriptor(1, "trade", "feeds", OPEN, time.time(), keys.run("trade", 1).base)
        client.xgroup_create(run.keys.stream, WRITER_GROUP, id="0", mkstream=True)
        for number in range(pages):
            url = f"https://technode.com/2025/bench/ai-industry-brief-{number}/"
            article = extract_article(url, article_html(number), {"Content-Type": "text/html; charset=utf-8"})
            claims = read_claims([article])[0]
            client.xadd(run.keys.stream, {"page": encode_page(
                source="trade", run_id=1, node="bench:1:00", url=url, fetch={"outcome": "stored", "http_status": 200},
                article=article, claims=claims, extractor_version=EXTRACTOR_VERSION)})
        client.hset(keys.runs, 1, run.to_json())
        db = folder / "writer.db"
        writer = Writer(db, client, keys)
        with ClaimStore.open(db) as store:
            # The store's own recording, timed apart from the writer's work around it.
            record_article = store.record_article
            in_store = [0.0]

            def timed_record_article(*args, **kwargs):
                begun = time.perf_counter()
                try:
                    return record_article(*args, **kwargs)
                finally:
                    in_store[0] += time.perf_counter() - begun

            store.record_article = timed_record_article
            started = time.perf_counter()
            recorded = 0
            while recorded < pages:
                handled = writer.step(store, block_ms=100)
                if not handled and recorded:
                    break
                recorded += handled
            seconds = time.perf_counter() - started
            articles = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    return seconds, articles, in_store[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--writer-pages", type=int, default=1000)
    parser.add_argument("--nodes", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    if REDIS_SERVER is None:
        raise SystemExit("redis-server is not installed (apt install redis-server)")
    print(f"machine: {os.cpu_count()} cores; site: {args.articles} articles in sitemaps of {PER_SITEMAP}, "
          f"download_delay 0, extraction on")
    results = {}
    for nodes in args.nodes:
        with tempfile.TemporaryDirectory(prefix=f"bench-cluster-{nodes}-") as folder:
            results[nodes] = run = crawl(Path(folder), args.articles, nodes)
        print(f"{nodes} node{'s' if nodes > 1 else ' '}: {run['pages']} pages ({run['articles']} articles) fetched in "
              f"{run['fetching']:.1f} s = {run['pages'] / run['fetching']:.1f} pages/s; to the run's close "
              f"{run['to_close']:.1f} s = {run['pages'] / run['to_close']:.1f} pages/s; CPU per page: nodes "
              f"{1000 * run['node_cpu'] / run['pages']:.0f} ms, daemon {1000 * run['daemon_cpu'] / run['pages']:.0f} ms")
    if 1 in results:
        base = results[1]["pages"] / results[1]["to_close"]
        print("scaling against 1 node (to the run's close): " + ", ".join(
            f"{nodes} nodes x{results[nodes]['pages'] / results[nodes]['to_close'] / base:.2f}"
            for nodes in results if nodes != 1))
    with tempfile.TemporaryDirectory(prefix="bench-writer-") as folder:
        seconds, articles, in_store = writer_throughput(Path(folder), args.writer_pages)
    print(f"writer: {articles} articles recorded from the stream into a new database in {seconds:.1f} s = "
          f"{articles / seconds:.0f} articles/s; {in_store:.1f} s of it in ClaimStore.record_article, "
          f"{1000 * (seconds - in_store) / articles:.1f} ms per article in the rest (reading, the stale check, "
          f"record_fetch, acknowledgement, publishing)")


if __name__ == "__main__":
    main()
