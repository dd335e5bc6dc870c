"""The writer: the one process that records what the nodes fetched.

It reads the streams of the open runs in the consumer group ``writer`` and records each
page through the store's recording path (``ClaimStore.record_article``, then
``record_fetch`` with the fetch's validators), then, in one Redis transaction, acknowledges
the entry, adds to the run's counts and publishes what the store now knows of the page
(``known``: validators, content hash, extractor version) for the nodes' next plans.

- **At least once, recorded once.** An entry is acknowledged only after its commit. After a
  restart the writer reads its own unacknowledged entries first; recording one again finds
  the page's fetch already stored at that time and skips it.
- **Never backwards.** The entry's id is the time the page was sent (Redis's clock). A copy
  no newer than the stored fetch of the page is skipped, so a redelivered or replayed old
  entry never creates a version (``record_message``).
- A malformed entry, or one the store refuses, is logged, counted as an error on its run
  and acknowledged: it must not block the stream. A database error (locked, disk full)
  leaves the entry pending; it is read again after a pause.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redis.exceptions import RedisError, ResponseError

from cluster.keys import WRITER_CONSUMER, WRITER_GROUP, ClusterKeys, RunDescriptor, read_registry
from cluster.messages import MessageError, PageMessage, decode_page
from config.defaults import CLUSTER_WRITER_BATCH
from store import ClaimStore, StoreError

logger = logging.getLogger("claimtrack.cluster")

RETRY_PAUSE = 1.0     # seconds after a database or Redis error before reading again
IDLE_BLOCK_MS = 500   # how long one read waits for new entries


@dataclass(frozen=True)
class Recorded:
    """What recording one message did: ``stale`` (skipped), or the store's status
    (``new``, ``changed``, ``unchanged``, ``reextracted``), or ``fetch`` (no article)."""

    status: str
    claims_added: int = 0
    article_id: int | None = None


def record_message(store: ClaimStore, message: PageMessage) -> Recorded:
    """Record one page message, unless the store already has this fetch or a newer one."""
    fetched = message.fetched
    state = store.fetch_states([message.url]).get(message.url)
    stored_at = _moment(state["last_fetched"]) if state else None
    if stored_at is not None and stored_at >= fetched:
        return Recorded("stale")
    recorded = Recorded("fetch")
    if message.article is not None:
        result = store.record_article(message.article, message.claims or [], source=message.source,
                                      extractor_version=message.extractor_version)
        recorded = Recorded(result.status, result.claims_added, result.article_id)
    fetch = message.fetch
    if fetch.get("outcome"):
        store.record_fetch(message.url, source=message.source, outcome=fetch["outcome"],
                           http_status=fetch.get("http_status"), reason=fetch.get("reason"),
                           etag=fetch.get("etag"), last_modified=fetch.get("last_modified"),
                           article_id=recorded.article_id, fetched=fetched.isoformat(timespec="milliseconds"))
    return recorded


def run_counts(message: PageMessage, recorded: Recorded) -> dict[str, int]:
    """What one recorded page adds to its run's counts (the node counted the rest)."""
    if recorded.status in ("new", "changed"):
        return {f"articles_{recorded.status}": 1, "claims_new": recorded.claims_added}
    if recorded.status in ("unchanged", "reextracted"):
        return {"articles_unchanged": 1}
    if recorded.status == "fetch" and message.fetch.get("outcome") in ("unchanged", "stored"):
        return {"articles_unchanged": 1}   # a 304, or a copy the node saw was the stored text
    return {}


class Writer:
    def __init__(self, db_path: Path, client: Any, keys: ClusterKeys, *, batch: int = CLUSTER_WRITER_BATCH) -> None:
        self.db_path = Path(db_path)
        self.client = client
        self.keys = keys
        self.batch = batch
        self._own_pending_read: set[str] = set()   # streams whose pending entries were taken first

    def run(self, stop: threading.Event) -> None:
        """Record until ``stop`` is set (the daemon's writer thread)."""
        with ClaimStore.open(self.db_path) as store:
            while not stop.is_set():
                try:
                    self.step(store)
                except (RedisError, sqlite3.Error, StoreError, OSError) as error:
                    logger.error("writer: %s: %s; reading again in %g s", type(error).__name__,
                                 " ".join(str(error).split()), RETRY_PAUSE)
                    self._own_pending_read.clear()
                    stop.wait(RETRY_PAUSE)
                except Exception:  # a bug must not end the writer: the runs would never close
                    logger.exception("writer: unexpected error; reading again in %g s", RETRY_PAUSE)
                    self._own_pending_read.clear()
                    stop.wait(RETRY_PAUSE)

    def step(self, store: ClaimStore, *, block_ms: int = IDLE_BLOCK_MS) -> int:
        """Record one batch: this writer's unacknowledged entries of a stream first, then new
        ones. Returns how many entries it handled."""
        runs = {descriptor.keys.stream: descriptor for descriptor in read_registry(self.client, self.keys).values()}
        if not runs:
            time.sleep(block_ms / 1000)
            return 0
        for stream in runs:
            if stream not in self._own_pending_read:
                handled = self._read(store, runs, {stream: "0"}, block_ms=None)
                if handled:
                    return handled
                self._own_pending_read.add(stream)
        return self._read(store, runs, dict.fromkeys(runs, ">"), block_ms=block_ms)

    def _read(self, store: ClaimStore, runs: dict[str, RunDescriptor], streams: dict[str, str],
              block_ms: int | None) -> int:
        try:
            answer = self.client.xreadgroup(WRITER_GROUP, WRITER_CONSUMER, streams, count=self.batch, block=block_ms)
        except ResponseError as error:
            if "NOGROUP" in str(error):
                return 0   # a run closed (its stream expired) since the registry was read
            raise
        handled = 0
        for stream, entries in answer or []:
            stream = stream.decode() if isinstance(stream, bytes) else stream
            for entry_id, fields in entries:
                if fields is None:
                    continue   # a pending entry deleted from the stream meanwhile
                self._handle(store, runs[stream], entry_id, fields)
                handled += 1
        return handled

    def _handle(self, store: ClaimStore, descriptor: RunDescriptor, entry_id: Any, fields: dict[Any, Any]) -> None:
        keys = descriptor.keys
        counts: dict[str, int] = {}
        known: dict[str, str] = {}
        error = None
        try:
            message = decode_page(entry_id, fields)
            recorded = record_message(store, message)
        except (MessageError, StoreError) as problem:
            error = " ".join(str(problem).split())[:300]
            logger.error("writer: run %d: %s", descriptor.run_id, error)
            counts = {"errors": 1}
        else:
            counts = run_counts(message, recorded)
            if recorded.status == "stale":
                logger.info("writer: %s: skipped a copy no newer than the stored one (%s)", message.url, entry_id)
            else:
                known = {url: json.dumps(state, ensure_ascii=False) for url, state in store.known_pages([message.url])}
        with self.client.pipeline(transaction=True) as pipe:
            pipe.xack(keys.stream, WRITER_GROUP, entry_id)
            for name, value in counts.items():
                if value:
                    pipe.hincrby(keys.counts, name, value)
            if error:
                pipe.hset(keys.counts, "error", error)
            if known:
                pipe.hset(self.keys.known, mapping=known)
            pipe.execute()


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
