"""The cluster's Redis client: one way to connect, for the daemon's roles, the nodes and
scrapy-redis alike.

A call that meets a dropped connection is retried, with backoff, for about
``CLUSTER_REDIS_RETRY_SECONDS``: a Redis restart (appendonly, so the frontier survives it)
then costs a pause, not a crawl. Every call the cluster makes is safe to repeat: the
scripts in ``frontier.py`` check the lease they act on, and acknowledgements and set
additions are idempotent.
"""

from __future__ import annotations

from typing import Any

import redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from config.defaults import CLUSTER_REDIS_RETRY_SECONDS
from config.loader import ClusterConfig

BACKOFF_CAP = 1.0            # seconds between two attempts at most
SOCKET_TIMEOUT = 30.0        # a command that gets no answer this long fails (and is retried)
CONNECT_TIMEOUT = 5.0


class ClusterUnavailable(Exception):
    """Redis cannot be reached or refuses us; the message is one line for the user."""


def redis_params(cluster: ClusterConfig, *, retry_seconds: float = CLUSTER_REDIS_RETRY_SECONDS) -> dict[str, Any]:
    """Keyword arguments of ``redis.Redis.from_url`` (scrapy-redis's ``REDIS_PARAMS``)."""
    retries = max(1, int(retry_seconds / BACKOFF_CAP) + 3)
    params: dict[str, Any] = {
        "retry": Retry(ExponentialBackoff(cap=BACKOFF_CAP, base=0.05), retries),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError, ConnectionError],
        "socket_timeout": SOCKET_TIMEOUT,
        "socket_connect_timeout": CONNECT_TIMEOUT,
        "health_check_interval": 30,
    }
    if cluster.password is not None:
        params["password"] = cluster.password
    return params


def connect(cluster: ClusterConfig, *, retry_seconds: float = CLUSTER_REDIS_RETRY_SECONDS,
            check: bool = True) -> redis.Redis:
    """A client for ``[cluster] redis_url``; with ``check``, a first PING that fails at
    once (no retries) with a ClusterUnavailable naming the address."""
    client = redis.Redis.from_url(cluster.redis_url, **redis_params(cluster, retry_seconds=retry_seconds))
    if check:
        probe = redis.Redis.from_url(cluster.redis_url, **{**redis_params(cluster), "retry": Retry(
            ExponentialBackoff(cap=BACKOFF_CAP, base=0.05), 2)})
        try:
            probe.ping()
        except RedisError as error:
            raise ClusterUnavailable(f"Redis at {_address(cluster.redis_url)}: {' '.join(str(error).split())}") from None
        finally:
            probe.close()
    return client


def _address(url: str) -> str:
    """The URL without a password in it, for messages."""
    if "@" in url:
        scheme, _, rest = url.partition("://")
        return f"{scheme}://{rest.rpartition('@')[2]}"
    return url
