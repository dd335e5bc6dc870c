"""Beyond one machine: crawl nodes sharing a Scrapy frontier in Redis, one writer recording.

With ``[cluster] redis_url`` in the configuration, the daemon no longer starts local crawl
processes. Its roles (``cluster/roles.py``):

- the **coordinator** (``coordinator.py``) opens a run per source as before, seeds the run's
  shared frontier with the spider's start requests, requeues the requests of nodes whose
  heartbeat lapsed, and closes the run once the frontier is empty, no node holds a request
  and the writer has read every page; then it expires the run's keys;
- the **writer** (``writer.py``) reads the pages the nodes send, in a Redis Stream consumer
  group, records each through the store's one recording path and acknowledges it after the
  commit, and publishes what nodes need from the store (validators, content hashes).

``claimtrack node`` (``node.py``) runs on each crawl machine: it takes part in every open
run, crawls from the shared frontier with scrapy-redis's scheduler and dupefilter
(``frontier.py``, requests leased while in flight), extracts articles and claims locally
through the crawler's own pipelines (``node_crawl.py``) and sends one message per page
(``messages.py``). ``politeness.py`` keeps each site's request rate the configured one for
the whole cluster. Key names are in ``keys.py``, the Redis client in ``connection.py``.

Nothing here is imported unless the configuration has a ``[cluster]`` table.
"""
