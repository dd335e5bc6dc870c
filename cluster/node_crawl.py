"""A node's part in one run: the crawler's own spiders and pipelines, with the store
replaced by the cluster.

The spiders and pipelines of ``crawler/`` run unchanged; what differs:

- the session (``NodeSession``) never opens the SQLite file: its ``store`` is a
  ``RemoteStore`` that answers "what is known of these URLs" from the writer's ``known``
  hash and keeps what the pipelines record of a page (fetch outcome, article, claims) for
  the page's message;
- the spider (``node_spider(cls)``) yields no start requests (the coordinator seeded the
  frontier) and ends a failed request's lease in its error handler;
- ``LeaseMiddleware`` follows each leased response until its callback's output is spent
  and every item it yielded has left the pipelines; then ``NodeSession.complete`` sends the
  page's message and ends the lease in one script, with the counts this node gathered
  since its last report;
- ``NodeCrawlExtension`` keeps the spider open while the run is open (the frontier may be
  empty while other nodes still work), wakes the engine when it is idle so that it looks
  at the shared frontier again, and ends its leases' messages from the item signals.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import count
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, DropItem, NotConfigured
from scrapy.http import Request
from twisted.internet import task

from cluster.connection import connect
from cluster.frontier import LEASE_META, Scripts
from cluster.keys import OPEN, ClusterKeys, RunDescriptor, RunKeys, lease_node
from cluster.messages import encode_page
from crawler.pipelines import _SessionPipeline
from crawler.session import CrawlSession
from store.claimstore import RecordResult

logger = logging.getLogger(__name__)

# Counts a node reports to its run (crawl_runs' names); the article and claim counts come
# from the writer, which knows what the store made of each page.
NODE_COUNTS = ("pages", "errors", "skipped", "excluded", "refused", "requests", "starts_answered")
REQUEST_COUNT_STAT = "downloader/request_count"
WAKE_SECONDS = 0.25       # how often an idle node looks at the shared frontier again


@dataclass
class _Lease:
    items: int = 0                    # items of the response still in the pipelines
    response_done: bool = False       # the callback's output is spent (or the errback ran)
    messages: list[str] = field(default_factory=list)


class RemoteStore:
    """What a crawl session asks of its store, answered without the database: known pages
    from the writer's ``known`` hash, and what the pipelines record of a page kept for the
    page's message."""

    def __init__(self, client: Any, keys: ClusterKeys) -> None:
        self.client = client
        self.keys = keys
        self.pending: dict[str, dict[str, Any]] = {}   # page URL -> what its message will say
        self._known: dict[str, dict[str, Any]] = {}

    def fetch_states(self, urls: Any) -> dict[str, dict[str, Any]]:
        wanted = list(dict.fromkeys(urls))
        states = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            for url, text in zip(chunk, self.client.hmget(self.keys.known, chunk)):
                if text is not None:
                    states[url] = self._known[url] = json.loads(text)
        return states

    def known(self, url: str) -> dict[str, Any] | None:
        if url not in self._known:
            self.fetch_states([url])
        return self._known.get(url)

    def record_fetch(self, url: str, *, source: str | None, outcome: str, http_status: int | None = None,
                     reason: str | None = None, etag: str | None = None, last_modified: str | None = None,
                     article_id: int | None = None) -> None:
        self.pending.setdefault(url, {})["fetch"] = {
            "outcome": outcome, "http_status": http_status, "reason": reason, "etag": etag,
            "last_modified": last_modified}

    def record_article(self, article: Any, claims: Any, *, source: str | None = None,
                       extractor_version: str | None = None) -> RecordResult:
        # record_reading passes [] for "no rules" and says so with a None version.
        self.pending.setdefault(article.url, {}).update(
            article=article, claims=list(claims) if extractor_version is not None else None,
            extractor_version=extractor_version)
        return RecordResult(article_id=0, status="sent", version=0, claims_added=len(claims), original_id=None)

    def take(self, url: str) -> dict[str, Any] | None:
        return self.pending.pop(url, None)

    def register_sources(self, sources: Any) -> None:
        pass   # the coordinator registers them

    def close(self) -> None:
        self.pending.clear()


class NodeSession(CrawlSession):
    """A crawl session that takes part in a run the coordinator owns: it never opens or
    closes the run, and reports counts with each page instead."""

    def open(self) -> None:
        """Nothing to open here: ``attach`` connects to the cluster once the crawler exists."""

    def attach(self, crawler: Any) -> None:
        settings = crawler.settings
        cluster = settings.get("CLAIMTRACK_CLUSTER")
        if cluster is None:
            raise NotConfigured("a node crawl needs CLAIMTRACK_CLUSTER")
        self.crawler = crawler
        self.cluster_keys = ClusterKeys(cluster.key_prefix)
        self.run_keys = RunKeys(settings.get("CLAIMTRACK_CLUSTER_RUN_KEYS"))
        self.node_id = settings.get("CLAIMTRACK_CLUSTER_NODE")
        self.client = connect(cluster, check=False)
        self.scripts = Scripts(self.client)
        self.store = RemoteStore(self.client, self.cluster_keys)
        self.leases: dict[str, _Lease] = {}
        self._numbers = count(1)
        self._reported: Counter[str] = Counter()
        self._reported_text: dict[str, str | None] = {}
        self._reported_notes: set[str] = set()
        self.client.sadd(self.run_keys.nodes, self.node_id)

    # Leases -------------------------------------------------------------------------

    def new_lease(self) -> str:
        return f"{self.node_id}|{next(self._numbers)}"

    def hold(self, lease: str) -> None:
        self.leases[lease] = _Lease()

    def forget(self, lease: str) -> None:
        """The request came back to the frontier with its lease (a retry, a redirect)."""
        self.leases.pop(lease, None)

    def item_started(self, lease: str) -> None:
        if lease in self.leases:
            self.leases[lease].items += 1

    def item_done(self, lease: str, item: Any) -> None:
        held = self.leases.get(lease)
        if held is None:
            return
        message = self._message(item)
        if message is not None:
            held.messages.append(message)
        held.items -= 1
        self._maybe_complete(lease)

    def response_done(self, lease: str) -> None:
        held = self.leases.get(lease)
        if held is not None and not held.response_done:
            held.response_done = True
            self._maybe_complete(lease)

    def _maybe_complete(self, lease: str) -> None:
        held = self.leases[lease]
        if held.response_done and held.items <= 0:
            del self.leases[lease]
            self._send(lease, held.messages)

    def _message(self, item: Any) -> str | None:
        taken = self.store.take(item.url)
        if taken is None or "fetch" not in taken:
            return None   # a block or a start page without links: the run's counts say it
        return encode_page(source=self.source.name, run_id=self.run_id, node=self.node_id, url=item.url,
                           fetch=taken["fetch"], article=taken.get("article"), claims=taken.get("claims"),
                           extractor_version=taken.get("extractor_version"))

    def _send(self, lease: str, messages: list[str]) -> None:
        keys = self.run_keys
        sent = self.scripts.complete(keys=[keys.leases, keys.stream, keys.counts, keys.notes],
                                     args=[lease, json.dumps(self._facts()), *messages])
        if lease and not int(sent):
            logger.info("lease %s was taken back while this node worked on it; its page is left to the copy", lease)

    def audit(self) -> None:
        """Put back leases this node holds in Redis but not here: a pop whose answer a
        dropped connection lost (the pop script ran, its reply never came)."""
        mine = [lease.decode() for lease in self.client.hkeys(self.run_keys.leases)
                if lease_node(lease) == self.node_id]
        orphans = [lease for lease in mine if lease not in self.leases]
        if orphans:
            self.scripts.requeue(keys=[self.run_keys.leases, self.run_keys.frontier], args=orphans)
            logger.warning("put back %d leased requests this node had lost track of", len(orphans))

    # Counts ---------------------------------------------------------------------------

    def _facts(self) -> dict[str, Any]:
        """What this node learned since its last report: count increments, the last error,
        the first block reason, new notes."""
        now = Counter({name: self.tally[name] for name in NODE_COUNTS})
        now["starts_answered"] = self.starts_answered
        now["requests"] = int(self.crawler.stats.get_value(REQUEST_COUNT_STAT, 0))
        increments = {name: now[name] - self._reported[name] for name in NODE_COUNTS if now[name] != self._reported[name]}
        self._reported = now
        latest, first = {}, {}
        if self.last_error and self.last_error != self._reported_text.get("error"):
            latest["error"] = self._reported_text["error"] = self.last_error
        if self.block_reason and not self._reported_text.get("block_reason"):
            first["block_reason"] = self._reported_text["block_reason"] = self.block_reason
        notes = [note for note in self.notes if note not in self._reported_notes]
        self._reported_notes.update(notes)
        return {"counts": increments or {}, "latest": latest or {}, "first": first or {}, "notes": notes}

    def flush(self) -> None:
        if getattr(self, "client", None) is not None:
            self._send("", [])

    # The run is the coordinator's: a node only reports.

    def progress(self, requests: int) -> None:
        self.flush()

    def close(self, reason: str, requests: int) -> str:
        self.flush()
        self.closed = True
        return "left"

    def interrupt(self, requests: int) -> None:
        self.flush()

    def fail(self, message: str, requests: int = 0) -> None:
        self.error(message)
        self.flush()


class NodeSpiderMixin:
    """Mixed into a source spider on a node (see ``node_spider``)."""

    session_class = NodeSession
    session: NodeSession

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.session.attach(crawler)
        return spider

    async def start(self):
        """The coordinator seeded the frontier with the start requests."""
        return
        yield  # an asynchronous generator that yields nothing

    def on_error(self, failure: Any) -> None:
        super().on_error(failure)
        lease = failure.request.meta.get(LEASE_META)
        if lease is not None:
            self.session.response_done(lease)


@cache
def node_spider(spider_class: type) -> type:
    """The node's version of a source spider class (same name, same callbacks)."""
    return type(f"Node{spider_class.__name__}", (NodeSpiderMixin, spider_class), {"name": spider_class.name})


class LeaseMiddleware:
    """Spider middleware, first after the engine: a leased response's page is done when its
    callback's output is spent and its items have left the pipelines."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> LeaseMiddleware:
        return cls(crawler)

    async def process_spider_output(self, response: Any, result: Any):
        lease = response.meta.get(LEASE_META)
        session = self.crawler.spider.session
        try:
            async for output in result:
                if lease is not None and not isinstance(output, Request):
                    session.item_started(lease)
                yield output
        finally:
            if lease is not None:
                session.response_done(lease)


class SkipUnchangedCopyPipeline(_SessionPipeline):
    """A page whose text is the stored one, read by this extractor version, needs no claim
    reading: its message says "stored, unchanged" and the writer only notes the fetch.
    Runs after the keyword filter, before the claims (250)."""

    def process_item(self, item: Any) -> Any:
        from extractors.claims import EXTRACTOR_VERSION

        known = self.session.store.known(item.url)
        if (known and known.get("content_hash") == item.article.content_hash
                and known.get("extractor_version") == EXTRACTOR_VERSION):
            self._record_fetch(item, "stored")
            raise DropItem(f"{item.url}: same text as stored")
        return item


class NodeCrawlExtension:
    """Keeps a node's spider open while its run is open, wakes the engine when idle, and
    ends the leases of items as they leave the pipelines."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        cluster = crawler.settings.get("CLAIMTRACK_CLUSTER")
        self.keys = ClusterKeys(cluster.key_prefix)
        self.run_id = crawler.settings.getint("CLAIMTRACK_CLUSTER_RUN_ID")
        self.client = connect(cluster, check=False)
        self.audit_seconds = max(1.0, cluster.lease_timeout / 2)
        self._loops: list[task.LoopingCall] = []

    @classmethod
    def from_crawler(cls, crawler: Any) -> NodeCrawlExtension:
        if crawler.settings.get("CLAIMTRACK_CLUSTER") is None:
            raise NotConfigured("not a cluster node")
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(extension.item_left, signal=signal)
        return extension

    def run_is_open(self) -> bool:
        text = self.client.hget(self.keys.runs, self.run_id)
        return text is not None and RunDescriptor.from_json(text).state == OPEN

    def spider_opened(self, spider: Any) -> None:
        for function, interval in ((self._wake, WAKE_SECONDS), (spider.session.audit, self.audit_seconds)):
            loop = task.LoopingCall(function)
            loop.start(interval, now=False)
            self._loops.append(loop)

    def spider_closed(self, spider: Any, reason: str) -> None:
        for loop in self._loops:
            if loop.running:
                loop.stop()

    def spider_idle(self, spider: Any) -> None:
        if self.run_is_open():
            raise DontCloseSpider

    def item_left(self, item: Any, response: Any = None, spider: Any = None, **signal_arguments: Any) -> None:
        lease = response.meta.get(LEASE_META) if response is not None else None
        if lease is not None:
            self.crawler.spider.session.item_done(lease, item)

    def _wake(self) -> None:
        # Scrapy's engine looks at its scheduler again every 5 s when idle (or when a download
        # ends); other nodes fill the shared frontier meanwhile, so look sooner. There is no
        # public call for this: the engine slot's nextcall is what a finished download calls.
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()
