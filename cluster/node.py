"""``claimtrack node``: a crawl machine's service in a cluster.

One process, one Twisted reactor for its whole life (a reactor cannot restart, but it runs
any number of crawls one after another). Every ``CLUSTER_POLL_SECONDS`` it reads the
registry of open runs and joins those it is not in yet, at most ``[crawler]
parallel_crawls`` at once: for each, a Scrapy crawler of the source's spider with the
cluster's settings (``node_settings``), whose spider stays open while the run is open and
closes once the coordinator closes it.

A thread renews the node's heartbeat key every ``lease_timeout / 4``; the coordinator
takes the node for dead, and puts its leased requests back into the frontier, once the key
has expired. The first SIGTERM or SIGINT stops the crawls gracefully (requests in flight
finish and are sent), then the node deletes its heartbeat, so that anything it still held
is requeued at once; a second one stops at once. Exit status 0 after a stop, 1 when Redis
cannot be reached at start.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import signal
import socket
import threading
import time
from typing import Any

from cluster.connection import connect, redis_params
from cluster.keys import OPEN, ClusterKeys, RunDescriptor, read_registry
from config.defaults import CLUSTER_HEARTBEAT_FRACTION, CLUSTER_POLL_SECONDS
from config.loader import Config

logger = logging.getLogger("claimtrack.node")

RESTART_PAUSE = 10.0        # seconds before joining again a run whose crawl ended on an error
_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def node_settings(base: Any, config: Config, run: RunDescriptor, node_id: str) -> Any:
    """The Scrapy settings of this node's crawl of ``run``: crawler/settings.py with the
    shared frontier (scrapy-redis's scheduler and dupefilter, persistent), the cluster's
    middlewares and the node's session."""
    cluster = config.cluster
    assert cluster is not None
    keys = run.keys
    settings = base.copy()
    settings.setdict({
        "SCHEDULER": "cluster.frontier.LeasedScheduler",
        "SCHEDULER_QUEUE_CLASS": "cluster.frontier.LeasedQueue",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        # A node that leaves (stopped, or done early) must not clear what the others crawl.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": keys.frontier,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "REDIS_URL": cluster.redis_url,
        "REDIS_PARAMS": redis_params(cluster),
        # The site's rate is kept across the cluster by SharedSiteRate; a node's own delay
        # and AutoThrottle would hold requests back after their reserved moment and bunch them.
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        # A node leases what its downloader takes in: keep that near what it may send at once,
        # so that nodes share the frontier instead of one hoarding it (and a dead node holds little).
        "CONCURRENT_REQUESTS": 2 * config.crawler.concurrency_per_domain,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 2 * config.crawler.concurrency_per_domain,
        "CLAIMTRACK_CLUSTER_SITE_DELAY": config.crawler.download_delay,
        "CLAIMTRACK_CLUSTER_SITE_CONCURRENCY": config.crawler.concurrency_per_domain,
        "DOWNLOADER_MIDDLEWARES": {**base.getdict("DOWNLOADER_MIDDLEWARES"), "cluster.politeness.SharedSiteRate": 950},
        "SPIDER_MIDDLEWARES": {**base.getdict("SPIDER_MIDDLEWARES"), "cluster.node_crawl.LeaseMiddleware": 10},
        "ITEM_PIPELINES": {**base.getdict("ITEM_PIPELINES"), "cluster.node_crawl.SkipUnchangedCopyPipeline": 250},
        "EXTENSIONS": {**base.getdict("EXTENSIONS"), "cluster.node_crawl.NodeCrawlExtension": 200},
        "CLAIMTRACK_CLUSTER": cluster,
        "CLAIMTRACK_CLUSTER_NODE": node_id,
        "CLAIMTRACK_CLUSTER_RUN_ID": run.run_id,
        "CLAIMTRACK_CLUSTER_RUN_KEYS": keys.base,
    }, priority="cmdline")
    return settings


def node_name(name: str | None) -> str:
    """A node's name for people (default: the host name), in letters, digits, '_', '.', '-'."""
    return _NAME.sub("-", name or socket.gethostname()).strip("-") or "node"


class Heartbeat(threading.Thread):
    """Renews the node's key, so that the coordinator knows it alive; a thread of its own
    so that a long extraction on the reactor does not make the node look dead."""

    def __init__(self, client: Any, key: str, lease_timeout: float) -> None:
        super().__init__(name="claimtrack-heartbeat", daemon=True)
        self.client = client
        self.key = key
        self.ttl_ms = int(lease_timeout * 1000)
        self.interval = lease_timeout / CLUSTER_HEARTBEAT_FRACTION
        self.stopped = threading.Event()

    def beat(self) -> None:
        self.client.set(self.key, os.getpid(), px=self.ttl_ms)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                self.beat()
            except Exception as error:  # a Redis outage: the next beat tries again
                logger.warning("heartbeat: %s", " ".join(str(error).split()))

    def stop(self) -> None:
        """Stop beating and delete the key: what the node still holds is requeued at once."""
        self.stopped.set()
        self.join(timeout=5)
        try:
            self.client.delete(self.key)
        except Exception:
            pass  # it expires anyway


class Node:
    def __init__(self, config: Config, *, name: str | None = None) -> None:
        if config.cluster is None:
            raise ValueError(f"{config.path}: no [cluster] table: a node needs [cluster] redis_url")
        self.config = config
        self.name = node_name(name)
        # Unique per process: a restarted node must not answer for the leases of its predecessor.
        self.node_id = f"{self.name}:{os.getpid()}:{secrets.token_hex(2)}"
        self.keys = ClusterKeys(config.cluster.key_prefix)
        self.crawlers: dict[int, Any] = {}
        self.ignored: set[int] = set()               # runs this node cannot take part in (said once)
        self.pause_until: dict[int, float] = {}
        self.stopping = False

    def run(self) -> int:
        from scrapy.crawler import CrawlerProcess
        from scrapy.settings import Settings
        from scrapy.utils.reactor import install_reactor
        from twisted.internet import task

        client = connect(self.config.cluster)
        self.client = client
        settings = Settings()
        settings.setmodule("crawler.settings", priority="project")
        install_reactor(settings["TWISTED_REACTOR"])
        from twisted.internet import reactor

        self.reactor = reactor
        self.base_settings = settings
        self.process = CrawlerProcess(settings)
        heartbeat = Heartbeat(connect(self.config.cluster, check=False), self.keys.node(self.node_id),
                              self.config.cluster.lease_timeout)
        heartbeat.beat()
        heartbeat.start()
        watch = task.LoopingCall(self._watch)
        self.watch = watch
        reactor.callWhenRunning(watch.start, CLUSTER_POLL_SECONDS)
        reactor.callWhenRunning(self._install_signal_handlers)
        logger.info("node %s started (pid %d) on %s", self.node_id, os.getpid(), self.config.cluster.redis_url)
        try:
            self.process.start(stop_after_crawl=False, install_signal_handlers=False)
        finally:
            heartbeat.stop()
        logger.info("node %s stopped", self.node_id)
        return 0

    # Runs ---------------------------------------------------------------------------

    def _watch(self) -> None:
        try:
            runs = read_registry(self.client, self.keys)
        except Exception as error:  # Redis away longer than the client's retries: try again next time
            logger.warning("cannot read the open runs: %s", " ".join(str(error).split()))
            return
        for run_id, run in sorted(runs.items()):
            if self.stopping or len(self.crawlers) >= self.config.crawler.parallel_crawls:
                break
            if run.state != OPEN or run_id in self.crawlers or run_id in self.ignored:
                continue
            if time.monotonic() < self.pause_until.get(run_id, 0):
                continue
            self._join(run)

    def _join(self, run: RunDescriptor) -> None:
        from scrapy.crawler import Crawler

        from cluster.node_crawl import node_spider

        source = self.config.source(run.source)
        if source is None or source.spider != run.spider:
            self.ignored.add(run.run_id)
            logger.error("run %d: this node's configuration (%s) has no %s source crawled by %s; not taking part",
                         run.run_id, self.config.path, run.source, run.spider)
            return
        spider_class = node_spider(self.process.spider_loader.load(run.spider))
        crawler = Crawler(spider_class, node_settings(self.base_settings, self.config, run, self.node_id))
        self.crawlers[run.run_id] = crawler
        logger.info("run %d of %s: taking part", run.run_id, run.source)
        done = self.process.crawl(crawler, source=run.source, config=str(self.config.path), run=run.run_id)
        done.addBoth(self._left, run.run_id)

    def _left(self, result: Any, run_id: int) -> None:
        self.crawlers.pop(run_id, None)
        if hasattr(result, "getErrorMessage"):
            self.pause_until[run_id] = time.monotonic() + RESTART_PAUSE
            logger.error("run %d: this node's crawl ended on an error: %s", run_id, result.getErrorMessage())
        else:
            logger.info("run %d: done here", run_id)

    # Stopping -----------------------------------------------------------------------

    def _install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)

    def _on_signal(self, signum: int, frame: Any) -> None:
        if not self.stopping:
            self.stopping = True
            self.reactor.callFromThread(self._stop_gracefully)
        else:
            self.reactor.callFromThread(self._stop_now)

    def _stop_gracefully(self) -> None:
        logger.info("stopping: the crawls finish the requests they hold")
        if self.watch.running:
            self.watch.stop()
        stopped = self.process.stop()
        stopped.addBoth(lambda _: self._stop_now())

    def _stop_now(self) -> None:
        try:
            self.reactor.stop()
        except Exception:  # already stopping
            pass
