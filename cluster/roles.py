"""The daemon's roles in a cluster: the coordinator and the writer, each in a thread.

``scheduler.Daemon`` builds ``ClusterRoles`` when the configuration has ``[cluster]``:
``start`` (before the daemon closes interrupted runs) takes over the runs a previous
daemon left open and starts the two threads; each crawl job calls ``crawl(source)``, which
opens the source's run (or joins the one open) and waits until the coordinator closes it,
returning the same ``CrawlOutcome`` a local crawl returns; ``stop`` ends the threads.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from pathlib import Path

from cluster.connection import connect
from cluster.coordinator import Coordinator
from cluster.keys import ClusterKeys
from cluster.writer import Writer
from config.defaults import CLUSTER_POLL_SECONDS, DAEMON_STOP_GRACE
from config.loader import Config
from crawler.runner import CrawlOutcome
from store import ClaimStore

logger = logging.getLogger("claimtrack.cluster")

WAIT_STEP = 0.2     # seconds between two looks at a run a crawl job waits for


class ClusterRoles:
    def __init__(self, config: Config, db_path: Path) -> None:
        assert config.cluster is not None
        self.config = config
        self.db_path = Path(db_path)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self, store: ClaimStore) -> None:
        """Connect (a ClusterUnavailable if Redis cannot be reached), take over the runs left
        open, and start the coordinator's and the writer's threads."""
        cluster = self.config.cluster
        self.coordinator = Coordinator(self.config, self.db_path, connect(cluster))
        self.coordinator.adopt(store)
        self.writer = Writer(self.db_path, connect(cluster, check=False), ClusterKeys(cluster.key_prefix))
        self._threads = [
            threading.Thread(target=self._watch, name="claimtrack-coordinator", daemon=True),
            threading.Thread(target=self.writer.run, args=(self._stop,), name="claimtrack-writer", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        logger.info("cluster roles started: coordinator and writer on %s", cluster.redis_url)

    def _watch(self) -> None:
        while not self._stop.wait(CLUSTER_POLL_SECONDS):
            self.coordinator.tick()

    def crawl(self, source_name: str, *, stop: threading.Event, stop_grace: float = DAEMON_STOP_GRACE) -> CrawlOutcome:
        """Run one crawl of ``source_name`` across the cluster and wait for its end. When
        ``stop`` is set the run is stopped (``partial``); a run still not closed
        ``stop_grace`` seconds later is left for the next daemon to close."""
        source = self.config.source(source_name)
        assert source is not None
        started = time.monotonic()
        watched = self.coordinator.open_run(source)
        stop_seen: float | None = None
        while not watched.done.wait(WAIT_STEP):
            if stop.is_set():
                if stop_seen is None:
                    stop_seen = time.monotonic()
                    self.coordinator.stop_run(watched, "partial")
                elif time.monotonic() - stop_seen > stop_grace:
                    logger.warning("cluster run %d is left open: the next daemon closes it", watched.run_id)
                    break
        row = watched.row
        if not row:
            with ClaimStore.open(self.db_path) as store:
                row = store.crawl_run(watched.run_id) or {}
        timed_out = bool(row.get("error") and str(row["error"]).startswith("timed out"))
        return CrawlOutcome(source=source_name, run_id=watched.run_id, run=row, returncode=0,
                            timed_out=timed_out, seconds=time.monotonic() - started)

    def reload(self, config: Config) -> None:
        """SIGHUP: new sources and crawler settings apply to the next runs; a changed
        [cluster] table needs a restart (the threads keep their connections)."""
        if config.cluster != self.config.cluster:
            logger.warning("SIGHUP: [cluster] changed; restart the daemon for it to apply")
            config = replace(config, cluster=self.config.cluster)
        self.config = config
        self.coordinator.config = config

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=10)

