"""The frontier's lease scripts against a real Redis: what a pop, a completion, a hand-back
and a requeue do to the frontier, the leases and the stream."""

from __future__ import annotations

import json

import pytest
from cluster_helpers import client, needs_redis, redis_server  # noqa: F401 (fixtures)

from cluster.frontier import LeasedScheduler, Scripts, in_flight, requeue_dead
from cluster.keys import ClusterKeys

pytestmark = needs_redis

NO_FACTS = json.dumps({"counts": {}, "latest": {}, "first": {}, "notes": []})


@pytest.fixture
def keys():
    return ClusterKeys("ct").run("trade", 7)


def test_a_pop_moves_the_first_request_into_a_lease(client, keys):
    scripts = Scripts(client)
    client.zadd(keys.frontier, {b"later": 0, b"first": -5})
    assert scripts.pop(keys=[keys.frontier, keys.leases], args=["nodeA|1"]) == b"first"
    assert client.hgetall(keys.leases) == {b"nodeA|1": b"-5|first"}
    assert in_flight(client, keys) == (1, 1)
    assert scripts.pop(keys=[keys.frontier, keys.leases], args=["nodeA|2"]) == b"later"
    assert scripts.pop(keys=[keys.frontier, keys.leases], args=["nodeA|3"]) is None
    assert in_flight(client, keys) == (0, 2)


def test_completing_a_lease_sends_its_pages_once(client, keys):
    scripts = Scripts(client)
    client.hset(keys.leases, "nodeA|1", "0|request")
    facts = json.dumps({"counts": {"pages": 2}, "latest": {"error": "x: HTTP 500"}, "first": {}, "notes": ["stale"]})
    complete_keys = [keys.leases, keys.stream, keys.counts, keys.notes]
    assert scripts.complete(keys=complete_keys, args=["nodeA|1", facts, "page one"]) == 1
    # The same lease again (a repeated call): no second message, the counts still add up.
    assert scripts.complete(keys=complete_keys, args=["nodeA|1", NO_FACTS, "page one"]) == 0
    assert [fields[b"page"] for _, fields in client.xrange(keys.stream)] == [b"page one"]
    assert client.hgetall(keys.counts) == {b"pages": b"2", b"error": b"x: HTTP 500"}
    assert client.smembers(keys.notes) == {b"stale"}
    assert client.hlen(keys.leases) == 0


def test_a_request_handed_back_is_queued_and_its_lease_ended_together(client, keys):
    scripts = Scripts(client)
    enqueue_keys = [keys.frontier, keys.dupefilter, keys.leases]
    client.hset(keys.leases, "nodeA|1", "0|request")
    assert scripts.enqueue(keys=enqueue_keys, args=[b"retry", 0, "", "nodeA|1"]) == 1
    assert client.hlen(keys.leases) == 0 and client.zcard(keys.frontier) == 1
    # A lease taken back meanwhile: its requeued copy stands in, nothing is queued twice.
    assert scripts.enqueue(keys=enqueue_keys, args=[b"retry again", 0, "", "nodeA|1"]) == -1
    assert client.zcard(keys.frontier) == 1


def test_the_dupefilter_and_the_frontier_are_written_together(client, keys):
    scripts = Scripts(client)
    enqueue_keys = [keys.frontier, keys.dupefilter, keys.leases]
    assert scripts.enqueue(keys=enqueue_keys, args=[b"page", 0, "fingerprint", ""]) == 1
    assert scripts.enqueue(keys=enqueue_keys, args=[b"page copy", 0, "fingerprint", ""]) == 0
    assert client.zcard(keys.frontier) == 1 and client.smembers(keys.dupefilter) == {b"fingerprint"}


def test_the_leases_of_a_node_whose_heartbeat_lapsed_go_back_to_the_frontier(client, keys):
    cluster = ClusterKeys("ct")
    client.hset(keys.leases, mapping={"dead|1": "-3|one", "dead|2": "0|two", "alive|1": "0|three"})
    client.set(cluster.node("alive"), 1, px=10_000)
    assert requeue_dead(client, cluster, keys, Scripts(client)) == 2
    assert client.zrange(keys.frontier, 0, -1, withscores=True) == [(b"one", -3.0), (b"two", 0.0)]
    assert list(client.hkeys(keys.leases)) == [b"alive|1"]


def test_the_scheduler_refuses_a_frontier_that_is_not_persistent(client):
    scheduler = LeasedScheduler(client, persist=False)
    with pytest.raises(ValueError, match="SCHEDULER_PERSIST"):
        scheduler.open(spider=None)
