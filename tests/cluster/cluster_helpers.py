"""The cluster under test: a configuration with [cluster], the daemon and `claimtrack node`
processes (each in its own process group, so that a test can kill one as a machine dies),
and bounded waits. The test modules import from here (a conftest.py in this folder would
shadow tests/conftest.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from redis_server import PASSWORD, REDIS_SERVER, RedisServer

import loopback
from loopback import query

needs_redis = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed (apt install redis-server)")


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One redis-server for a module's tests that need no processes of their own."""
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def client(redis_server: RedisServer):
    """A client of the module's Redis, emptied for each test."""
    connection = redis_server.client()
    connection.flushdb()
    return connection

LEASE_TIMEOUT = 3.0     # seconds: a killed node's requests go back to the frontier this long after
RUN_DONE = 150.0        # seconds for a run of the test site to close, node start-up included
PREFIX = "ct"


def write_config(folder: Path, redis: RedisServer, start_urls: str | dict[str, str], *, delay: float = 0.0,
                 lease_timeout: float = LEASE_TIMEOUT, schedule: str = "every 1h", recrawl: str | None = None) -> Path:
    """A claimtrack.toml with [cluster]; ``start_urls`` is the start URL of the one source
    ``trade``, or a start URL per source name (all crawled by the feeds spider)."""
    sources = {"trade": start_urls} if isinstance(start_urls, str) else start_urls
    tables = "".join(f"""
[[sources]]
name = "{name}"
spider = "feeds"
lang = "en"
start_urls = ["{url}"]
schedule = "{schedule}"
""" + (f'recrawl = "{recrawl}"\n' if recrawl else "") for name, url in sources.items())
    config = folder / "claimtrack.toml"
    config.write_text(f"""[store]
path = "{folder / 'claims.db'}"

[digest]
dir = "{folder / 'digests'}"

[crawler]
download_delay = {delay}
request_timeout = 5
crawl_timeout = 300

[cluster]
redis_url = "{redis.url}"
password = "{PASSWORD}"
key_prefix = "{PREFIX}"
lease_timeout = {lease_timeout}
{tables}""", encoding="utf-8")
    return config


def claimtrack(config: Path, *arguments: str, log: Path) -> subprocess.Popen:
    """`claimtrack --config CONFIG ARGUMENTS...` in a new process group, its output in ``log``."""
    with open(log, "ab") as output:
        return subprocess.Popen([sys.executable, "-c", "from claimtrack import cli; cli()", "--config", str(config),
                                 *arguments], stdout=output, stderr=subprocess.STDOUT, start_new_session=True)


class Cluster:
    """The daemon and the nodes of one test, all stopped at the end."""

    def __init__(self, folder: Path, config: Path) -> None:
        self.folder = folder
        self.config = config
        self.db = folder / "claims.db"
        self.daemon: subprocess.Popen | None = None
        self.nodes: list[subprocess.Popen] = []

    def start_daemon(self) -> subprocess.Popen:
        self.daemon = claimtrack(self.config, "daemon", log=self.folder / "daemon.log")
        return self.daemon

    def start_nodes(self, count: int) -> list[subprocess.Popen]:
        started = [claimtrack(self.config, "node", "--name", f"node{len(self.nodes) + number}",
                              log=self.folder / f"node{len(self.nodes) + number}.log") for number in range(count)]
        self.nodes += started
        return started

    def logs(self) -> str:
        return "\n".join(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
                         for path in sorted(self.folder.glob("*.log")))

    def stop_all(self) -> None:
        for process in [*self.nodes, self.daemon]:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in [*self.nodes, self.daemon]:
            if process is None:
                continue
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                kill(process)


def kill(process: subprocess.Popen) -> None:
    """kill -9 of the process and everything it started, as when its machine dies."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(10)


@contextmanager
def running_cluster(folder: Path, config: Path) -> Iterator[Cluster]:
    cluster = Cluster(folder, config)
    try:
        yield cluster
    finally:
        cluster.stop_all()


def wait_for(condition: Callable[[], object], timeout: float, what: str, cluster: Cluster | None = None) -> object:
    """``loopback.wait_for``, with the cluster's logs when it times out."""
    return loopback.wait_for(condition, timeout, what, details=cluster.logs if cluster is not None else None)


def scalar(db: Path, sql: str, params: tuple = ()) -> object:
    rows = query(db, sql, params)
    return rows[0][0] if rows else None


def closed_runs(db: Path) -> list[tuple]:
    return query(db, "SELECT id, status, pages, articles_new, errors, error FROM crawl_runs WHERE status != 'running'")
