"""[cluster] in the configuration, the node and daemon commands' errors, and the promise
that a configuration without [cluster] needs nothing of Redis."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from redis_server import free_port

from config import ConfigError, load_config
from config.defaults import CLUSTER_KEY_PREFIX, CLUSTER_LEASE_TIMEOUT

BASE = """
[store]
path = "claims.db"

[[sources]]
name = "trade"
spider = "feeds"
lang = "en"
start_urls = ["https://technode.com/feed/"]
schedule = "every 1h"
"""


def write(folder: Path, cluster: str) -> Path:
    path = folder / "claimtrack.toml"
    path.write_text(textwrap.dedent(BASE + cluster), encoding="utf-8")
    return path


def run_cli(config: Path, *arguments: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from claimtrack import cli; cli()", "--config", str(config),
                           *arguments], capture_output=True, text=True, timeout=timeout)


def test_without_a_cluster_table_there_is_no_cluster(tmp_path):
    assert load_config(write(tmp_path, "")).cluster is None


def test_a_cluster_table_with_its_defaults(tmp_path):
    cluster = load_config(write(tmp_path, '[cluster]\nredis_url = "redis://10.0.0.5:6379/0"\n')).cluster
    assert (cluster.redis_url, cluster.password) == ("redis://10.0.0.5:6379/0", None)
    assert (cluster.key_prefix, cluster.lease_timeout) == (CLUSTER_KEY_PREFIX, CLUSTER_LEASE_TIMEOUT)


def test_a_cluster_table_in_full(tmp_path):
    cluster = load_config(write(tmp_path, """
        [cluster]
        redis_url = "rediss://crawl-redis.internal:6380/2"
        password = "s3cret"
        key_prefix = "desk-a"
        lease_timeout = "2m"
        """)).cluster
    assert (cluster.password, cluster.key_prefix, cluster.lease_timeout) == ("s3cret", "desk-a", 120.0)


@pytest.mark.parametrize("table, message", [
    ("[cluster]\npassword = 'x'\n", "cluster.redis_url: is required"),
    ("[cluster]\nredis_url = 'http://10.0.0.5:6379'\n", "is not a redis://, rediss:// or unix:// URL"),
    ("[cluster]\nredis_url = 'redis://h'\nkey_prefix = 'a b'\n", "cluster.key_prefix: 'a b' may hold only"),
    ("[cluster]\nredis_url = 'redis://h'\nlease_timeout = 'soon'\n", "cluster.lease_timeout: 'soon' is not a duration"),
    ("[cluster]\nredis_url = 'redis://h'\nhost = 'h'\n", "cluster.host: unknown key"),
])
def test_a_bad_cluster_table_is_a_one_line_error(tmp_path, table, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("[", r"\[")):
        load_config(write(tmp_path, table))


def test_a_node_needs_a_cluster_table(tmp_path):
    result = run_cli(write(tmp_path, ""), "node")
    assert result.returncode == 1
    assert result.stderr.strip().endswith("no [cluster] table: a node needs [cluster] redis_url")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["node", "daemon"])
def test_a_redis_that_cannot_be_reached_is_a_one_line_error(tmp_path, command):
    port = free_port()   # nothing listens there
    config = write(tmp_path, f'[cluster]\nredis_url = "redis://127.0.0.1:{port}/0"\npassword = "not-shown"\n')
    result = run_cli(config, command)
    assert result.returncode == 1
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith(f"Error: Redis at redis://127.0.0.1:{port}/0: "), result.stderr
    assert "not-shown" not in result.stderr


def test_without_a_cluster_table_nothing_imports_redis(tmp_path):
    config = write(tmp_path, "")
    probe = f"""
import sys
import claimtrack, scheduler, crawler.pipelines, crawler.runner, crawler.spiders.base, crawler.__main__
from config import load_config
from scheduler import Daemon
Daemon(load_config({str(config)!r}))
assert not any(name == "redis" or name.startswith(("redis.", "scrapy_redis", "cluster")) for name in sys.modules), \\
    sorted(name for name in sys.modules if "redis" in name or name.startswith("cluster"))
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
