"""Every default of claimtrack in one place, each with the reason for its value."""

from __future__ import annotations

from pathlib import Path

from extractors.language import CLAIM_LANGUAGES

# Configuration lookup: --config, then $CLAIMTRACK_CONFIG, then ./claimtrack.toml, then
# the commented example shipped beside this module.
CONFIG_FILE_NAME = "claimtrack.toml"
CONFIG_ENV_VAR = "CLAIMTRACK_CONFIG"
EXAMPLE_CONFIG = Path(__file__).with_name("claimtrack.toml")

# Used when a configuration file leaves a key out; relative paths resolve against the
# configuration file's folder.
STORE_PATH = "claimtrack.db"
DIGEST_DIR = "digests"
DIGEST_TIME = "07:30"             # before the morning meeting, Beijing time
DIGEST_TIMEZONE = "Asia/Shanghai" # the sources publish on Beijing time

SPIDERS = ("xinhua", "caict", "feeds")
LANGS = CLAIM_LANGUAGES          # the languages with claim rules: extractors/claims/lang/<code>/
URL_SCHEMES = ("http", "https", "file")

# Store.
BUSY_TIMEOUT_MS = 10_000          # a reader or the daemon's writer may hold the lock briefly
WRITE_CACHE_KIB = 64 * 1024       # page cache of a writing connection: recording a 10 MB text's 100k claims
                                  # (their full-text index) held the lock twice as long with SQLite's 2 MB
SQL_TIME_LIMIT = 5.0              # seconds for user SQL, like Datasette's sql_time_limit
SQL_MAX_TIME_LIMIT = 86_400.0     # the most --time-limit may ask for: a day
SQL_MAX_LENGTH = 16 * 1024 * 1024 # bytes of one string or blob in user SQL (SQLITE_LIMIT_LENGTH): over
                                  # the largest article text (10 MB), far under what exhausts memory
SQL_MAX_QUERY_CHARS = 1_000_000   # characters of a user SQL statement (SQLITE_LIMIT_SQL_LENGTH)
SQL_MAX_ROWS = 100_000            # rows user SQL may return; `claimtrack export` streams whole tables
SQL_MAX_BYTES = 256 * 1024 * 1024 # bytes of text and blobs those rows may hold
SEARCH_LIMIT = 50                 # rows a full-text search returns unless asked for more
INGEST_SOURCE = "manual"          # articles.source of files ingested without --source

# Browsing (`claimtrack serve`).
DATASETTE_HOST = "127.0.0.1"      # loopback: the database is not shared on the network unless asked
DATASETTE_PORT = 8001             # Datasette's own default
# Crawler ([crawler] in the configuration; see crawler/settings.py for the rest).
CRAWL_CONTACT = None              # a URL (or mailto:) in the User-Agent where site owners reach you
CRAWL_REQUEST_TIMEOUT = 30.0      # seconds; with one retry a page that never answers costs about a minute
CRAWL_RETRY_AFTER_MAX = 120.0     # seconds; a longer Retry-After ends the request instead of retrying early
CRAWL_DOWNLOAD_DELAY = 1.0        # seconds between requests to one site, AutoThrottle's floor
CRAWL_CONCURRENCY_PER_DOMAIN = 2  # at most this many requests at once to one site
CRAWL_CONCURRENCY_LIMIT = 2       # politeness: a configuration may lower the per-site concurrency, not raise it
CRAWL_PARALLEL = 2                # source crawls (processes) at once: the machine has two cores
CRAWL_TIMEOUT = 3600.0            # seconds a source's crawl process may run before it is stopped

# Cluster ([cluster] in the configuration; see cluster/).
CLUSTER_KEY_PREFIX = "claimtrack"  # every Redis key starts with it, so one Redis can serve several deployments
CLUSTER_LEASE_TIMEOUT = 60.0      # seconds a node's heartbeat may lapse before its in-flight requests are requeued:
                                  # well over the longest pause a busy node's heartbeat thread should see
CLUSTER_HEARTBEAT_FRACTION = 4    # a node renews its heartbeat this many times per lease_timeout
CLUSTER_FINISHED_RUN_TTL = 3600   # seconds a closed run's stream and counts stay in Redis (inspection, replay)
CLUSTER_POLL_SECONDS = 0.5        # how often the coordinator checks its runs and nodes look for new ones
CLUSTER_WRITER_BATCH = 100        # stream entries the writer reads at once
CLUSTER_REDIS_RETRY_SECONDS = 30.0  # how long a Redis outage (a restart) is waited out before a call fails

# Daemon.
DAEMON_STOP_GRACE = 10.0          # seconds from SIGTERM to SIGKILL for crawls on shutdown: the daemon stops within 15 s
DAEMON_LOG_NAME = "claimtrack-daemon.log"   # beside the database
DAEMON_LOG_BYTES = 1_000_000      # rotate at about 1 MB, keeping five old files
DAEMON_LOG_BACKUPS = 5

# Digest.
DIGEST_SILENT_DAYS = 7            # a crawled source with no new article for this long is listed as silent
