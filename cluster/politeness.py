"""Politeness across nodes: each site's request rate is the configured one for the whole
cluster, not per node.

Before a request leaves a node, it takes its host's turn in Redis: one Lua script reads the
host's next free moment (Redis's clock, so that the nodes' clocks do not matter); if it has
come, the script moves it ``download_delay`` ahead and the request goes at once, otherwise
the request sleeps until then and asks again. Two requests to one site, from any nodes, are
let go at least ``download_delay`` apart, each when it is ready to leave (a turn booked ahead
would let a node that is late, busy extracting, send close behind the next node's request).
A 429 or 503 with ``Retry-After`` moves the host's next free moment that far ahead for every
node.

A node's own downloader must not hold requests back after that (it would bunch them): on
nodes Scrapy's per-site delay and AutoThrottle are off, and this middleware caps the
requests in flight to one site at ``concurrency_per_domain`` per node, so that a request
that has its moment goes straight out. It sits last before the downloader (950).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured

from cluster.connection import connect
from cluster.keys import ClusterKeys
from crawler.middlewares import RETRY_AFTER_STATUSES, retry_after_seconds

logger = logging.getLogger(__name__)

# Where a request notes the host whose in-flight slot it holds.
SLOT_META = "claimtrack_site_slot"
# A host's key outlives its next free moment by this much (milliseconds), then goes.
_KEY_SLACK_MS = 60_000

# KEYS: the host's key. ARGV: delay (ms). Returns 0 when the turn is taken, else the
# milliseconds until the host is free.
_TAKE_TURN = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if free > now_ms then return free - now_ms end
redis.call('SET', KEYS[1], now_ms + tonumber(ARGV[1]), 'PX', tonumber(ARGV[1]) + %d)
return 0
""" % _KEY_SLACK_MS

# KEYS: the host's key. ARGV: milliseconds the site asked us to wait.
_PAUSE = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local until_ms = now_ms + tonumber(ARGV[1])
if until_ms > free then redis.call('SET', KEYS[1], until_ms, 'PX', tonumber(ARGV[1]) + %d) end
return 0
""" % _KEY_SLACK_MS


class SharedSiteRate:
    """Downloader middleware: a request takes its host's turn in Redis before it leaves."""

    def __init__(self, crawler: Any, client: Any, keys: ClusterKeys, delay: float, concurrency: int) -> None:
        self.crawler = crawler
        self.client = client
        self.keys = keys
        self.delay_ms = int(round(delay * 1000))
        self.concurrency = concurrency
        self.take_turn = client.register_script(_TAKE_TURN)
        self.pause = client.register_script(_PAUSE)
        self.slots: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(self.concurrency))

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedSiteRate:
        cluster = crawler.settings.get("CLAIMTRACK_CLUSTER")
        if cluster is None:
            raise NotConfigured("not a cluster node")
        middleware = cls(crawler, connect(cluster, check=False), ClusterKeys(cluster.key_prefix),
                         crawler.settings.getfloat("CLAIMTRACK_CLUSTER_SITE_DELAY"),
                         crawler.settings.getint("CLAIMTRACK_CLUSTER_SITE_CONCURRENCY"))
        crawler.signals.connect(middleware.request_left, signal=signals.request_left_downloader)
        return middleware

    async def process_request(self, request: Any) -> None:
        host = urlsplit(request.url).hostname or ""
        await self.slots[host].acquire()
        request.meta[SLOT_META] = host
        if self.delay_ms <= 0:
            return None
        while (wait_ms := int(self.take_turn(keys=[self.keys.rate(host)], args=[self.delay_ms]))) > 0:
            await asyncio.sleep(wait_ms / 1000)
        return None

    def process_response(self, request: Any, response: Any) -> Any:
        if response.status in RETRY_AFTER_STATUSES:
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait:
                host = urlsplit(request.url).hostname or ""
                self.pause(keys=[self.keys.rate(host)], args=[int(wait * 1000)])
                logger.info("%s asked to wait %.0f s: every node waits", host, wait)
        return response

    def request_left(self, request: Any, spider: Any) -> None:
        host = request.meta.pop(SLOT_META, None)
        if host is not None:
            self.slots[host].release()
