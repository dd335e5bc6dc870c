"""The cluster for real: a redis-server, the daemon (coordinator and writer) and three
`claimtrack node` processes crawling a loopback site that counts hits per path.

Each test starts its own Redis, site and processes and stops them; every wait is bounded.
Processes are killed with SIGKILL by process group, as when a machine dies.
"""

from __future__ import annotations

import signal
from collections import Counter
from pathlib import Path

import pytest
from cluster_helpers import (
    PREFIX,
    RUN_DONE,
    closed_runs,
    kill,
    needs_redis,
    query,
    running_cluster,
    scalar,
    wait_for,
    write_config,
)
from link_site import LinkSite
from redis_server import RedisServer

from cluster.keys import WRITER_GROUP, ClusterKeys
from cluster.messages import decode_page
from cluster.writer import record_message
from store import ClaimStore

pytestmark = needs_redis

SITE_DELAY = 0.15        # [crawler] download_delay of the rate test: the least time between two hits


def stored(db: Path) -> int:
    return scalar(db, "SELECT count(*) FROM articles") or 0


def assert_every_article_stored_once(db: Path, site: LinkSite) -> None:
    urls = [row[0] for row in query(db, "SELECT url FROM articles")]
    assert sorted(urls) == sorted(site.article_urls())
    assert query(db, "SELECT max(version) FROM articles") == [(1,)], "a page became a second version"
    assert scalar(db, "SELECT count(*) FROM article_versions") == site.articles
    duplicated = query(db, "SELECT article_id, start, \"end\", count(*) FROM claims GROUP BY article_id, start, \"end\" "
                           "HAVING count(*) > 1")
    assert duplicated == [], "a claim was stored twice"
    assert scalar(db, "SELECT count(*) FROM claims WHERE superseded = 1") == 0


def page_hits(site: LinkSite) -> Counter[str]:
    counts = site.counts()
    counts.pop("/robots.txt", None)   # each node reads robots.txt for itself
    return counts


def the_run(db: Path) -> tuple:
    runs = closed_runs(db)
    assert len(runs) == 1, runs
    return runs[0]


# Three nodes, one run -----------------------------------------------------------------


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory: pytest.TempPathFactory):
    """One run of a 40-article site by three nodes, at SITE_DELAY between hits; what the
    tests below read of it."""
    folder = tmp_path_factory.mktemp("three-nodes")
    with RedisServer(folder / "redis") as redis, LinkSite(sitemaps=4, per_sitemap=10) as site:
        config = write_config(folder, redis, site.start_url, delay=SITE_DELAY)
        with running_cluster(folder, config) as cluster:
            cluster.start_daemon()
            cluster.start_nodes(3)
            wait_for(lambda: closed_runs(cluster.db), RUN_DONE, "the run to close", cluster)
        client = redis.client()
        keys = ClusterKeys(PREFIX).run("trade", the_run(cluster.db)[0])
        entries = client.xrange(keys.stream)
        leftovers = {key: client.exists(key) for key in (keys.frontier, keys.leases)}
        ttl = client.ttl(keys.stream)
        yield {"db": cluster.db, "site": site, "entries": entries, "leftovers": leftovers, "stream_ttl": ttl,
               "registry": client.hgetall(ClusterKeys(PREFIX).runs), "logs": cluster.logs()}


def test_three_nodes_fetch_every_url_exactly_once(finished_run):
    site = finished_run["site"]
    hits = page_hits(site)
    assert sorted(hits) == sorted(site.pages())
    assert [path for path, count in hits.items() if count != 1] == []
    assert site.counts()["/robots.txt"] <= 3


def test_the_run_records_every_page_once_and_closes_ok(finished_run):
    db, site = finished_run["db"], finished_run["site"]
    run_id, status, pages, articles_new, errors, error = the_run(db)
    assert (status, errors, error) == ("ok", 0, None), finished_run["logs"]
    assert pages == len(site.pages()) and articles_new == site.articles
    assert_every_article_stored_once(db, site)
    assert scalar(db, "SELECT count(*) FROM crawled_pages WHERE outcome = 'stored'") == site.articles


def test_the_pages_are_shared_between_nodes(finished_run):
    senders = Counter(decode_page(entry_id, fields).node.split(":")[0] for entry_id, fields in finished_run["entries"])
    assert sum(senders.values()) == finished_run["site"].articles   # one message per page
    assert len(senders) >= 2, senders


def test_the_site_rate_holds_across_three_nodes(finished_run):
    times = finished_run["site"].hit_times()
    # Each hit took its turn SITE_DELAY after the one before, whichever node sent it (three
    # nodes at their own pace would hit three times as often). A process the machine does not
    # run for a moment sends its request late, so a gap can be short now and then: the
    # assertions allow that, not a faster rate.
    assert times[-1] - times[0] >= (len(times) - 1) * SITE_DELAY - 0.25
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert sum(gap >= 0.8 * SITE_DELAY for gap in gaps) >= 0.9 * len(gaps), sorted(gaps)[:10]
    most_in_two_seconds = max(sum(1 for other in times if start <= other < start + 2.0) for start in times)
    assert most_in_two_seconds <= 2 / SITE_DELAY + 2


def test_a_closed_run_leaves_no_frontier_and_its_stream_expires(finished_run):
    assert finished_run["leftovers"] == {key: 0 for key in finished_run["leftovers"]}
    assert finished_run["registry"] == {}
    assert 0 < finished_run["stream_ttl"] <= 3600


def test_replaying_the_stream_changes_nothing(finished_run):
    db = finished_run["db"]
    tables = ("articles", "article_versions", "claims", "crawled_pages")

    def snapshot() -> dict[str, list[tuple]]:
        return {table: query(db, f"SELECT * FROM {table} ORDER BY 1") for table in tables}

    before = snapshot()
    with ClaimStore.open(db) as store:
        outcomes = Counter(record_message(store, decode_page(entry_id, fields)).status
                           for entry_id, fields in finished_run["entries"])
    assert outcomes == {"stale": len(finished_run["entries"])}
    assert snapshot() == before


# Failures -----------------------------------------------------------------------------


def test_kill_9_of_a_node_mid_run_loses_no_page_and_duplicates_none(tmp_path):
    with RedisServer(tmp_path / "redis") as redis, LinkSite(sitemaps=4, per_sitemap=10, slow=0.6) as site:
        config = write_config(tmp_path, redis, site.start_url)
        client = redis.client()
        with running_cluster(tmp_path, config) as cluster:
            cluster.start_daemon()
            victim, *_ = cluster.start_nodes(3)
            leases_key = ClusterKeys(PREFIX).run("trade", 1).leases

            def victim_leases() -> list[bytes]:
                return [lease for lease in client.hkeys(leases_key) if lease.startswith(b"node0:")]

            wait_for(lambda: stored(cluster.db) >= 8 and victim_leases(), RUN_DONE, "node0 in the middle of pages",
                     cluster)
            kill(victim)
            held = len(victim_leases())
            wait_for(lambda: closed_runs(cluster.db), RUN_DONE, "the run to close", cluster)
        _, status, *_ = the_run(cluster.db)
    assert status == "ok", cluster.logs()
    # Every page of the site was recorded by this one run: node0's leases came back to the
    # frontier when its heartbeat lapsed, and other nodes fetched them.
    assert_every_article_stored_once(cluster.db, site)
    hits = page_hits(site)
    assert sorted(hits) == sorted(site.pages())
    fetched_twice = [path for path, count in hits.items() if count > 1]
    assert len(fetched_twice) <= held and max(hits.values()) <= 2, (held, fetched_twice)


def test_kill_9_of_the_writer_loses_nothing_and_creates_no_second_version(tmp_path):
    with RedisServer(tmp_path / "redis") as redis, LinkSite(sitemaps=4, per_sitemap=10, slow=0.4) as site:
        config = write_config(tmp_path, redis, site.start_url)
        client = redis.client()
        stream = ClusterKeys(PREFIX).run("trade", 1).stream
        with running_cluster(tmp_path, config) as cluster:
            daemon = cluster.start_daemon()
            cluster.start_nodes(3)
            wait_for(lambda: 6 <= stored(cluster.db) < site.articles, RUN_DONE, "the writer in the middle of a run",
                     cluster)
            kill(daemon)   # the writer and the coordinator with it
            at_kill = stored(cluster.db)
            # The nodes go on crawling; their pages wait in the stream.
            wait_for(lambda: client.xlen(stream) > at_kill + 3, RUN_DONE, "pages sent while no writer runs", cluster)
            cluster.start_daemon()
            wait_for(lambda: closed_runs(cluster.db), RUN_DONE, "the run to close after the restart", cluster)
            info = {_text(group["name"]): group for group in client.xinfo_groups(stream)}[WRITER_GROUP]
        run_id, status, *_ = the_run(cluster.db)
    assert (run_id, status) == (1, "ok"), cluster.logs()
    assert_every_article_stored_once(cluster.db, site)
    assert info["pending"] == 0


def test_the_frontier_survives_a_redis_restart(tmp_path):
    with RedisServer(tmp_path / "redis") as redis, LinkSite(sitemaps=6, per_sitemap=10, slow=0.5) as site:
        # Leases outlive the restart with room to spare: nothing should be fetched twice.
        config = write_config(tmp_path, redis, site.start_url, lease_timeout=15)
        client = redis.client()
        frontier = ClusterKeys(PREFIX).run("trade", 1).frontier
        with running_cluster(tmp_path, config) as cluster:
            cluster.start_daemon()
            cluster.start_nodes(3)
            wait_for(lambda: stored(cluster.db) >= 3 and client.zcard(frontier) >= 5, RUN_DONE,
                     "a run with requests waiting in the frontier", cluster)
            queued = client.zcard(frontier)
            redis.restart(pause=1.0)
            client = redis.client()
            survived = client.zcard(frontier)
            wait_for(lambda: closed_runs(cluster.db), RUN_DONE, "the run to close after the restart", cluster)
        _, status, *_ = the_run(cluster.db)
    assert survived > 0 and queued > 0
    assert status == "ok", cluster.logs()
    assert_every_article_stored_once(cluster.db, site)
    hits = page_hits(site)
    assert sorted(hits) == sorted(site.pages()) and set(hits.values()) == {1}


def test_a_node_that_leaves_early_does_not_clear_the_others_work(tmp_path):
    with RedisServer(tmp_path / "redis") as redis, LinkSite(sitemaps=4, per_sitemap=10, slow=0.3) as site:
        config = write_config(tmp_path, redis, site.start_url)
        with running_cluster(tmp_path, config) as cluster:
            cluster.start_daemon()
            leaver, *_ = cluster.start_nodes(3)
            wait_for(lambda: stored(cluster.db) >= 4, RUN_DONE, "the first pages", cluster)
            leaver.send_signal(signal.SIGTERM)
            left_with = leaver.wait(30)
            wait_for(lambda: closed_runs(cluster.db), RUN_DONE, "the run to close", cluster)
        _, status, *_ = the_run(cluster.db)
    assert left_with == 0
    assert status == "ok", cluster.logs()
    assert_every_article_stored_once(cluster.db, site)
    hits = page_hits(site)
    assert sorted(hits) == sorted(site.pages()) and set(hits.values()) == {1}


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def test_a_daemon_stopped_mid_run_closes_it_partial_and_the_next_run_finishes_the_site(tmp_path):
    with RedisServer(tmp_path / "redis") as redis, LinkSite(sitemaps=4, per_sitemap=10, slow=0.5) as site:
        config = write_config(tmp_path, redis, site.start_url)
        with running_cluster(tmp_path, config) as cluster:
            daemon = cluster.start_daemon()
            nodes = cluster.start_nodes(2)
            wait_for(lambda: 5 <= stored(cluster.db) < site.articles - 10, RUN_DONE, "a run half done", cluster)
            daemon.send_signal(signal.SIGTERM)
            stopped_with = daemon.wait(30)
            first = query(cluster.db, "SELECT status, notes FROM crawl_runs")
            registry = redis.client().hgetall(ClusterKeys(PREFIX).runs)
            cluster.start_daemon()   # its first crawl finds the site's remaining pages
            wait_for(lambda: len(closed_runs(cluster.db)) == 2, RUN_DONE, "the second run to close", cluster)
            nodes_alive = [node.poll() for node in nodes]
    assert stopped_with == 0
    assert first == [("partial", "stopped by a signal before the crawl ended")]
    assert registry == {} and nodes_alive == [None, None]
    assert [row[1] for row in closed_runs(cluster.db)] == ["partial", "ok"]
    assert_every_article_stored_once(cluster.db, site)
    assert max(count for path, count in page_hits(site).items() if "/ai-industry-brief-" in path) == 1


def test_the_next_run_uses_what_the_writer_published_validators_and_content_hashes(tmp_path):
    with RedisServer(tmp_path / "redis") as redis, \
            LinkSite(sitemaps=1, per_sitemap=10) as with_etags, \
            LinkSite(sitemaps=1, per_sitemap=10, host="pandaily.com", validators=False) as without:
        config = write_config(tmp_path, redis, {"trade": with_etags.start_url, "press": without.start_url},
                              schedule="every 5s", recrawl="1s")
        client = redis.client()
        with running_cluster(tmp_path, config) as cluster:
            cluster.start_daemon()
            cluster.start_nodes(2)
            wait_for(lambda: len(closed_runs(cluster.db)) >= 4, RUN_DONE, "two runs of each source", cluster)
            runs = query(cluster.db, "SELECT id, source, status, articles_new, articles_unchanged FROM crawl_runs "
                                     "WHERE status != 'running' ORDER BY id")
            second = {source: run_id for run_id, source, *_ in runs}   # the latest of each
            pages = {source: [decode_page(entry_id, fields) for entry_id, fields in
                              client.xrange(ClusterKeys(PREFIX).run(source, second[source]).stream)]
                     for source in second}
    assert all(status == "ok" for _, _, status, *_ in runs), runs
    counts = {source: (new, unchanged) for run_id, source, _, new, unchanged in runs if run_id == second[source]}
    assert counts == {"trade": (0, 10), "press": (0, 10)}
    # The node asked with the ETag the writer had published, and the site said "not modified".
    assert {page.fetch["outcome"] for page in pages["trade"]} == {"unchanged"}
    assert max(with_etags.counts()[path] for path in with_etags.pages()[2:]) == 2
    # Without validators the page came whole; the node saw its text was the stored one and
    # sent no article (no claims read).
    assert {(page.fetch["outcome"], page.article) for page in pages["press"]} == {("stored", None)}
    assert query(cluster.db, "SELECT max(version), count(*) FROM articles") == [(1, 20)]
