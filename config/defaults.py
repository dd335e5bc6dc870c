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
