"""Every Redis key the cluster uses, in one place.

All keys start with ``[cluster] key_prefix``. A run's keys are per source and run
(``<prefix>:run:<source>:<run id>:...``); the coordinator deletes the frontier and the
leases when it closes the run and lets the rest expire an hour later.

| key | type | what it holds |
|---|---|---|
| ``<prefix>:runs`` | hash | run id -> JSON descriptor (source, spider, state) of each open run |
| ``<prefix>:known`` | hash | page URL -> JSON of what the store knows (validators, content hash) |
| ``<prefix>:known:loaded`` | string | set once ``known`` was loaded from the store |
| ``<prefix>:node:<node id>`` | string | a node's heartbeat, expiring after the lease timeout |
| ``<prefix>:rate:<host>`` | string | the next moment (ms, Redis clock) a request may go to the host |
| run ``:requests`` | sorted set | the frontier: pickled requests (scrapy-redis's queue) |
| run ``:dupefilter`` | set | fingerprints of requests seen (scrapy-redis's dupefilter) |
| run ``:leases`` | hash | ``<node id>|<n>`` -> ``<score>|<request>`` for requests in flight |
| run ``:pages`` | stream | one entry per page a node fetched, read by the writer |
| run ``:counts`` | hash | the run's counts, from the nodes and the writer |
| run ``:notes`` | set | warnings for the run's notes |
| run ``:nodes`` | set | nodes that took part |
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

# The stream's consumer group and the writer's name in it: one writer, whose pending
# entries are its own after a restart.
WRITER_GROUP = "writer"
WRITER_CONSUMER = "writer"
# Run states in the registry.
OPEN = "open"            # nodes crawl it
STOPPING = "stopping"    # the frontier is gone; nodes finish what they hold, the writer drains


@dataclass(frozen=True)
class RunKeys:
    base: str

    @property
    def frontier(self) -> str:
        return self.base + ":requests"

    @property
    def dupefilter(self) -> str:
        return self.base + ":dupefilter"

    @property
    def leases(self) -> str:
        return self.base + ":leases"

    @property
    def stream(self) -> str:
        return self.base + ":pages"

    @property
    def counts(self) -> str:
        return self.base + ":counts"

    @property
    def notes(self) -> str:
        return self.base + ":notes"

    @property
    def nodes(self) -> str:
        return self.base + ":nodes"

    @property
    def kept(self) -> tuple[str, ...]:
        """Keys kept for a while after the run closes, for inspection and replay."""
        return (self.dupefilter, self.stream, self.counts, self.notes, self.nodes)

    @classmethod
    def of_frontier(cls, frontier_key: str) -> RunKeys:
        """The run's keys from its frontier key (what scrapy-redis's queue is given)."""
        return cls(frontier_key.removesuffix(":requests"))


@dataclass(frozen=True)
class RunDescriptor:
    """What the registry says of an open run; nodes read it to take part."""

    run_id: int
    source: str
    spider: str
    state: str
    opened: float          # Unix time the coordinator opened it
    base: str              # its RunKeys base

    @property
    def keys(self) -> RunKeys:
        return RunKeys(self.base)

    def to_json(self) -> str:
        return json.dumps({"run": self.run_id, "source": self.source, "spider": self.spider, "state": self.state,
                           "opened": self.opened, "base": self.base})

    @classmethod
    def from_json(cls, text: str | bytes) -> RunDescriptor:
        data: dict[str, Any] = json.loads(text)
        return cls(run_id=int(data["run"]), source=data["source"], spider=data["spider"], state=data["state"],
                   opened=float(data["opened"]), base=data["base"])


class ClusterKeys:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.runs = f"{prefix}:runs"
        self.known = f"{prefix}:known"
        self.known_loaded = f"{prefix}:known:loaded"

    def node(self, node_id: str) -> str:
        return f"{self.prefix}:node:{node_id}"

    def rate(self, host: str) -> str:
        return f"{self.prefix}:rate:{host}"

    def run(self, source: str, run_id: int) -> RunKeys:
        return RunKeys(f"{self.prefix}:run:{source}:{run_id}")


def lease_node(lease: str | bytes) -> str:
    """The node holding a lease (``<node id>|<n>``)."""
    text = lease.decode() if isinstance(lease, bytes) else lease
    return text.split("|", 1)[0]


def read_registry(client: Any, keys: ClusterKeys) -> dict[int, RunDescriptor]:
    """The open runs, by run id."""
    return {int(run_id): RunDescriptor.from_json(text) for run_id, text in client.hgetall(keys.runs).items()}
