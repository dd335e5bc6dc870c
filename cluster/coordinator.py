"""The coordinator: the daemon's side of a cluster run, from opening to closing.

- **Open**: a ``crawl_runs`` row as for a local crawl, the source's start requests (built by
  the source's own spider) seeded into the run's frontier, the writer's consumer group on
  the run's stream, then the run in the registry, where nodes find it.
- **Watch** (every ``CLUSTER_POLL_SECONDS``): requests leased by a node whose heartbeat
  expired go back to the frontier (so the same run fetches them again); the run's counts,
  gathered in Redis by the nodes and the writer, are written to its row for ``claimtrack
  status``; a run past ``[crawler] crawl_timeout`` is stopped.
- **Close**, once no request is queued or leased and the writer has read every page:
  the row gets its status (the rules of a local crawl: ok, partial, blocked, failed) and
  counts, the run leaves the registry (its nodes stop), the frontier and leases are deleted
  and the rest expires after ``CLUSTER_FINISHED_RUN_TTL``.
- **Stop** (the daemon stops, a run times out): the run is marked ``stopping`` and its
  frontier deleted; nodes finish what they hold, the writer drains the stream, then it
  closes. A run the daemon could not close before it exited stays in the registry and the
  next daemon adopts it (``adopt``), as it does the runs of a daemon that was killed.

The store is opened per operation: this runs in its own thread beside the writer's.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cluster.frontier import Scripts, in_flight, requeue_dead, seed
from cluster.keys import OPEN, STOPPING, WRITER_GROUP, ClusterKeys, RunDescriptor, read_registry
from config.defaults import CLUSTER_FINISHED_RUN_TTL
from config.loader import Config, SourceConfig
from crawler.session import RUN_COUNTS, CrawlSession
from store import ClaimStore

logger = logging.getLogger("claimtrack.cluster")

KNOWN_BATCH = 1000
STOPPED_NOTE = "stopped by a signal before the crawl ended"
# Counts of crawl_runs that the cluster gathers, beyond RUN_COUNTS.
_EXTRA_COUNTS = ("requests",)


@dataclass
class WatchedRun:
    descriptor: RunDescriptor
    deadline: float                          # Unix time it times out
    done: threading.Event = field(default_factory=threading.Event)
    stop_status: str | None = None           # set once stopping: the status it closes with
    stop_error: str | None = None
    reported: tuple[Any, ...] = ()
    row: dict[str, Any] = field(default_factory=dict)   # the crawl_runs row once closed

    @property
    def run_id(self) -> int:
        return self.descriptor.run_id


class Coordinator:
    def __init__(self, config: Config, db_path: Path, client: Any) -> None:
        assert config.cluster is not None
        self.config = config
        self.db_path = Path(db_path)
        self.client = client
        self.keys = ClusterKeys(config.cluster.key_prefix)
        self.scripts = Scripts(client)
        self.runs: dict[int, WatchedRun] = {}
        self._lock = threading.Lock()

    # Opening --------------------------------------------------------------------------

    def adopt(self, store: ClaimStore) -> list[int]:
        """Take over the runs the registry lists (a daemon killed or stopped before it could
        close them); a run the store no longer has running is dropped from Redis."""
        adopted = []
        for run_id, descriptor in read_registry(self.client, self.keys).items():
            row = store.crawl_run(run_id)
            if row is None or row["status"] != "running" or row["source"] != descriptor.source:
                self._expire(descriptor)
                continue
            store.crawl_progress(run_id, pid=os.getpid())   # so close_interrupted_crawls leaves it
            with self._lock:
                self.runs[run_id] = WatchedRun(descriptor, deadline=descriptor.opened + self.config.crawler.crawl_timeout)
            adopted.append(run_id)
        if adopted:
            logger.info("took over cluster runs %s", ", ".join(map(str, adopted)))
        return adopted

    def open_run(self, source: SourceConfig) -> WatchedRun:
        """Open a run of ``source``, or return the one already open."""
        with self._lock:
            for watched in self.runs.values():
                if watched.descriptor.source == source.name:
                    return watched
        with ClaimStore.open(self.db_path) as store:
            self._load_known(store)
            run_id = store.start_crawl(source.name, pid=os.getpid())
        keys = self.keys.run(source.name, run_id)
        try:
            # Keys a database whose run ids started over could have left behind.
            self.client.delete(keys.frontier, keys.leases, *keys.kept)
            spider, requests = start_requests(self.config, source, self.db_path)
            seed(self.client, keys, spider, requests)
            self.client.xgroup_create(keys.stream, WRITER_GROUP, id="0", mkstream=True)
            descriptor = RunDescriptor(run_id, source.name, source.spider, OPEN, time.time(), keys.base)
            self.client.hset(self.keys.runs, run_id, descriptor.to_json())
        except Exception as error:
            with ClaimStore.open(self.db_path) as store:
                store.close_crawl(run_id, "failed", f"the run could not be opened in the cluster: "
                                                    f"{type(error).__name__}: {' '.join(str(error).split())}"[:300])
            raise
        watched = WatchedRun(descriptor, deadline=descriptor.opened + self.config.crawler.crawl_timeout)
        with self._lock:
            self.runs[run_id] = watched
        logger.info("cluster run %d of %s open: %d start requests in the frontier", run_id, source.name, len(requests))
        return watched

    def _load_known(self, store: ClaimStore) -> None:
        """Publish what the store knows of every page, once (the writer keeps it current)."""
        if self.client.exists(self.keys.known_loaded):
            return
        loaded = 0
        batch: dict[str, str] = {}
        for url, state in store.known_pages():
            batch[url] = json.dumps(state, ensure_ascii=False)
            if len(batch) >= KNOWN_BATCH:
                loaded += self._publish_known(batch)
        loaded += self._publish_known(batch)
        self.client.set(self.keys.known_loaded, loaded)
        logger.info("published what the store knows of %d pages to the nodes", loaded)

    def _publish_known(self, batch: dict[str, str]) -> int:
        if batch:
            self.client.hset(self.keys.known, mapping=batch)
        count = len(batch)
        batch.clear()
        return count

    # Watching -------------------------------------------------------------------------

    def tick(self) -> None:
        with self._lock:
            watched_runs = list(self.runs.values())
        for watched in watched_runs:
            try:
                self._check(watched)
            except Exception:  # one run's trouble must not stop the others' watch
                logger.exception("cluster run %d: check failed", watched.run_id)

    def _check(self, watched: WatchedRun) -> None:
        keys = watched.descriptor.keys
        requeue_dead(self.client, self.keys, keys, self.scripts)
        queued, leased = in_flight(self.client, keys)
        if queued == 0 and leased == 0 and self._drained(keys.stream):
            self._close(watched)
            return
        counts, error, notes = self._counts(watched)
        if (counts, error) != watched.reported:
            watched.reported = (counts, error)
            with ClaimStore.open(self.db_path) as store:
                store.crawl_progress(watched.run_id, **counts, error=error, notes=notes)
        if watched.stop_status is None and time.time() >= watched.deadline:
            self.stop_run(watched, "failed", f"timed out after {self.config.crawler.crawl_timeout:g} s")

    def _drained(self, stream: str) -> bool:
        """Whether the writer has read and acknowledged every page of the stream."""
        if not self.client.exists(stream):
            return True
        last = self.client.xinfo_stream(stream)["last-generated-id"]
        for group in self.client.xinfo_groups(stream):
            if _text(group["name"]) == WRITER_GROUP:
                return int(group["pending"]) == 0 and _entry_order(group["last-delivered-id"]) >= _entry_order(last)
        return False

    def _counts(self, watched: WatchedRun) -> tuple[dict[str, int], str | None, str | None]:
        """The run's counts in crawl_runs' names, its last error and its notes."""
        raw = self._gathered(watched)
        counts = {name: int(raw.get(name, 0)) for name in RUN_COUNTS + _EXTRA_COUNTS}
        notes = sorted(_text(note) for note in self.client.smembers(watched.descriptor.keys.notes))
        if watched.stop_status == "partial":
            notes.append(STOPPED_NOTE)
        return counts, raw.get("error"), "\n".join(notes) or None

    def _gathered(self, watched: WatchedRun) -> dict[str, str]:
        """What the nodes and the writer gathered in the run's counts hash."""
        return {_text(name): _text(value) for name, value in self.client.hgetall(watched.descriptor.keys.counts).items()}

    # Stopping and closing -------------------------------------------------------------

    def stop_run(self, watched: WatchedRun, status: str, error: str | None = None) -> None:
        """Stop a run: nodes take nothing more, finish what they hold; it closes once the
        writer has read their pages, with ``status``."""
        if watched.stop_status is not None:
            return
        watched.stop_status, watched.stop_error = status, error
        descriptor = watched.descriptor
        stopping = RunDescriptor(descriptor.run_id, descriptor.source, descriptor.spider, STOPPING,
                                 descriptor.opened, descriptor.base)
        watched.descriptor = stopping
        self.client.hset(self.keys.runs, descriptor.run_id, stopping.to_json())
        self.client.delete(descriptor.keys.frontier)
        logger.info("cluster run %d of %s stopping (%s)", descriptor.run_id, descriptor.source, error or status)

    def _close(self, watched: WatchedRun) -> None:
        counts, error, notes = self._counts(watched)
        gathered = self._gathered(watched)
        status = watched.stop_status or self._final_status(watched, counts, gathered)
        if status == "blocked":
            error = gathered.get("block_reason") or error
        if watched.stop_error:
            error = watched.stop_error
        with ClaimStore.open(self.db_path) as store:
            store.finish_crawl(watched.run_id, status, error=error, notes=notes, **counts)
            watched.row = store.crawl_run(watched.run_id) or {}
        self._expire(watched.descriptor)
        with self._lock:
            self.runs.pop(watched.run_id, None)
        watched.done.set()
        logger.info("cluster run %d of %s closed: %s, %d pages, %d new articles", watched.run_id,
                    watched.descriptor.source, status, counts["pages"], counts["articles_new"])

    def _final_status(self, watched: WatchedRun, counts: dict[str, int], gathered: dict[str, str]) -> str:
        """The status a local crawl with these counts would have closed with."""
        source = self.config.source(watched.descriptor.source)
        if source is None:
            return "partial" if counts["errors"] else "ok"
        judge = CrawlSession(self.config, source, self.db_path)   # never opened: it only judges
        judge.tally.update(counts)
        judge.starts_answered = int(gathered.get("starts_answered", 0))
        judge.block_reason = gathered.get("block_reason")
        return judge.final_status("finished")

    def _expire(self, descriptor: RunDescriptor) -> None:
        keys = descriptor.keys
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hdel(self.keys.runs, descriptor.run_id)
            pipe.delete(keys.frontier, keys.leases)
            for key in keys.kept:
                pipe.expire(key, CLUSTER_FINISHED_RUN_TTL)
            pipe.execute()


def start_requests(config: Config, source: SourceConfig, db_path: Path) -> tuple[Any, list[Any]]:
    """The source's start requests, built by its own spider (so that a node's spider finds
    its callbacks by name), with the spider that encodes them."""
    from scrapy.settings import Settings
    from scrapy.spiderloader import SpiderLoader

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    spider = SpiderLoader.from_settings(settings).load(source.spider)()
    # Never opened: start() reads only the source and its addresses.
    spider.session = CrawlSession(config, source, db_path)

    async def collect() -> list[Any]:
        return [request async for request in spider.start()]

    return spider, asyncio.run(collect())


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _entry_order(entry_id: Any) -> tuple[int, int]:
    milliseconds, _, sequence = _text(entry_id).partition("-")
    return int(milliseconds), int(sequence or 0)
