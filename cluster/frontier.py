"""The shared frontier: scrapy-redis's scheduler and dupefilter, with requests leased while
a node works on them.

scrapy-redis pops a request out of Redis for good: a node killed with ``kill -9`` loses the
requests it had in flight. Here a pop moves the request, in one Lua script, from the
frontier (scrapy-redis's sorted set) into the run's ``leases`` hash under
``<node id>|<n>``. The lease ends in one of three ways, each one script:

- the page is done (``complete``): the lease is deleted and the page's message added to the
  stream, together, and only if the lease is still held;
- the request comes back (a retry, a redirect): it goes into the frontier and the lease is
  deleted, together (``enqueue``);
- the node dies: its heartbeat key expires and the coordinator puts every request leased
  under its id back into the frontier (``requeue``), so the same run fetches them again.

A node still alive whose lease was taken back (it stalled past the lease timeout) finds
its lease gone when it finishes: its message is dropped, and the requeued copy is recorded
instead, so a page never yields two messages from one run's fetches. New requests go
through the dupefilter and into the frontier in one script as well, so a kill between the
two cannot mark a URL seen without queueing it.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from cluster.keys import RunKeys, lease_node

logger = logging.getLogger(__name__)

# Where a leased request carries its lease; removed before the request is queued again.
LEASE_META = "claimtrack_lease"

# KEYS: frontier, leases. ARGV: the new lease. Returns the request, or nil.
_POP = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('HSET', KEYS[2], ARGV[1], item[2] .. '|' .. item[1])
return item[1]
"""

# KEYS: frontier, dupefilter, leases. ARGV: request, score, fingerprint ('' when not
# filtered), lease handed back ('' for none). Returns 1 queued, 0 seen before, -1 the lease
# was taken back (its requeued copy stands in for this request).
_ENQUEUE = """
if ARGV[4] ~= '' and redis.call('HDEL', KEYS[3], ARGV[4]) == 0 then return -1 end
if ARGV[3] ~= '' and redis.call('SADD', KEYS[2], ARGV[3]) == 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
"""

# KEYS: leases, stream, counts, notes. ARGV: lease ('' for a flush of counts only), facts as
# JSON ({"counts": {}, "latest": {}, "first": {}, "notes": []}), then the messages.
# Returns 1 when the messages were added, 0 when the lease was no longer held.
_COMPLETE = """
local held = 1
if ARGV[1] ~= '' then held = redis.call('HDEL', KEYS[1], ARGV[1]) end
if held == 1 then
  for i = 3, #ARGV do redis.call('XADD', KEYS[2], '*', 'page', ARGV[i]) end
end
local facts = cjson.decode(ARGV[2])
for name, value in pairs(facts.counts) do redis.call('HINCRBY', KEYS[3], name, value) end
for name, value in pairs(facts.latest) do redis.call('HSET', KEYS[3], name, value) end
for name, value in pairs(facts.first) do redis.call('HSETNX', KEYS[3], name, value) end
for _, note in ipairs(facts.notes) do redis.call('SADD', KEYS[4], note) end
return held
"""

# KEYS: leases, frontier. ARGV: leases to put back. Returns how many went back.
_REQUEUE = """
local moved = 0
for i = 1, #ARGV do
  local value = redis.call('HGET', KEYS[1], ARGV[i])
  if value then
    local cut = string.find(value, '|', 1, true)
    redis.call('ZADD', KEYS[2], string.sub(value, 1, cut - 1), string.sub(value, cut + 1))
    redis.call('HDEL', KEYS[1], ARGV[i])
    moved = moved + 1
  end
end
return moved
"""


class Scripts:
    """The frontier's Lua scripts, registered on one client."""

    def __init__(self, client: Any) -> None:
        self.pop = client.register_script(_POP)
        self.enqueue = client.register_script(_ENQUEUE)
        self.complete = client.register_script(_COMPLETE)
        self.requeue = client.register_script(_REQUEUE)


class LeasedQueue(PriorityQueue):
    """scrapy-redis's priority queue, whose pop leases the request to this node."""

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.run_keys = RunKeys.of_frontier(self.key)
        self.scripts = Scripts(server)

    def push(self, request: Any) -> None:
        self.push_unless_seen(request, None)

    def push_unless_seen(self, request: Any, fingerprint: str | None, lease: str | None = None) -> int:
        """Queue ``request`` unless its fingerprint was seen, handing back ``lease`` at the
        same time; see ``_ENQUEUE`` for the result."""
        return int(self.scripts.enqueue(
            keys=[self.key, self.run_keys.dupefilter, self.run_keys.leases],
            args=[self._encode_request(request), -request.priority, fingerprint or "", lease or ""],
        ))

    def pop(self, timeout: int = 0) -> Any:
        session = self.spider.session
        lease = session.new_lease()
        data = self.scripts.pop(keys=[self.key, self.run_keys.leases], args=[lease])
        if data is None:
            return None
        session.hold(lease)
        request = self._decode_request(data)
        request.meta[LEASE_META] = lease
        return request


class LeasedScheduler(Scheduler):
    """scrapy-redis's scheduler; a request that comes back while leased (a retry, a
    redirect) hands its lease back as it is queued. ``SCHEDULER_PERSIST`` must be on: a
    node that leaves must not clear the frontier the others still crawl."""

    def open(self, spider: Any) -> None:
        if not self.persist:
            raise ValueError("the cluster's frontier is shared: SCHEDULER_PERSIST must be on")
        super().open(spider)

    def enqueue_request(self, request: Any) -> bool:
        lease = request.meta.pop(LEASE_META, None)
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        queued = self.queue.push_unless_seen(request, fingerprint, lease)
        if lease is not None:
            self.spider.session.forget(lease)
        if queued == 0:
            self.df.log(request, self.spider)
            return False
        if queued == 1 and self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        # -1: the lease was taken back and its requeued copy stands in; not a dropped request.
        return True


def seed(client: Any, keys: RunKeys, spider: Any, requests: list[Any]) -> int:
    """Put a run's start requests into its frontier (the coordinator, before any node
    takes part); returns how many were queued."""
    queue = LeasedQueue(client, spider, keys.frontier)
    dupefilter = RFPDupeFilter(client, keys.dupefilter)
    queued = 0
    for request in requests:
        fingerprint = None if request.dont_filter else dupefilter.request_fingerprint(request)
        queued += queue.push_unless_seen(request, fingerprint) == 1
    return queued


def in_flight(client: Any, keys: RunKeys) -> tuple[int, int]:
    """(requests in the frontier, requests leased), read together."""
    with client.pipeline(transaction=True) as pipe:
        pipe.zcard(keys.frontier)
        pipe.hlen(keys.leases)
        queued, leased = pipe.execute()
    return int(queued), int(leased)


def requeue_dead(client: Any, cluster_keys: Any, keys: RunKeys, scripts: Scripts) -> int:
    """Put back into the frontier every request leased by a node whose heartbeat expired."""
    leases = client.hkeys(keys.leases)
    nodes = {lease_node(lease) for lease in leases}
    dead = {node for node in nodes if not client.exists(cluster_keys.node(node))}
    if not dead:
        return 0
    lost = [lease for lease in leases if lease_node(lease) in dead]
    moved = int(scripts.requeue(keys=[keys.leases, keys.frontier], args=lost))
    if moved:
        logger.info("requeued %d requests of %s (heartbeat lapsed)", moved, ", ".join(sorted(dead)))
    return moved
