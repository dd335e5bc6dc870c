"""The database schema, created and upgraded by migrations recorded in the database.

The schema is a public interface: users query it with SQL and open it in Datasette, so its
names are documented in the README and a migration only ever adds to it. Each migration
runs with its bookkeeping row in ``_sqlite_migrations`` (sqlite-utils' table), inside the
caller's ``BEGIN IMMEDIATE`` transaction; applying them twice is a no-op.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from sqlite_utils import Database


class Migration(NamedTuple):
    name: str
    fn: Callable[[Database], None]
    transactional: bool = True


class AppliedMigration(NamedTuple):
    name: str
    applied_at: str


class Migrations:
    """sqlite-utils' ``Migrations``, with the same decorator and bookkeeping table, except
    that sqlite-utils (which imports numpy and pandas when they are installed) is imported
    only to apply migrations: a query reads ``_sqlite_migrations`` with plain SQL, so that
    ``claimtrack history`` starts fast. ``db`` is a sqlite-utils Database or anything with
    ``execute``."""

    table = "_sqlite_migrations"

    def __init__(self, name: str) -> None:
        self.name = name
        self.migrations: list[Migration] = []

    def __call__(self, *, name: str | None = None, transactional: bool = True) -> Callable:
        def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            migration_name = name or fn.__name__
            if any(migration.name == migration_name for migration in self.migrations):
                raise ValueError(f"migration {migration_name!r} is already registered")
            self.migrations.append(Migration(migration_name, fn, transactional))
            return fn

        return register

    def applied(self, db: Any) -> list[AppliedMigration]:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [self.table]).fetchone():
            return []
        rows = db.execute(f"SELECT name, applied_at FROM {self.table} WHERE migration_set = ? ORDER BY rowid",
                          [self.name])
        return [AppliedMigration(*row) for row in rows]

    def pending(self, db: Any) -> list[Migration]:
        done = {migration.name for migration in self.applied(db)}
        return [migration for migration in self.migrations if migration.name not in done]

    def apply(self, db: Database, *, stop_before: str | None = None) -> None:
        """Apply the pending migrations in order, up to (not including) ``stop_before``."""
        from sqlite_utils import Migrations as SqliteUtilsMigrations

        runner = SqliteUtilsMigrations(self.name)
        for migration in self.migrations:
            runner(name=migration.name, transactional=migration.transactional)(migration.fn)
        runner.apply(db, stop_before=stop_before)


migrations = Migrations("claimtrack")

# Bands of the 64-bit SimHash fingerprint, indexed so that near-duplicate lookups probe
# the index instead of scanning articles (see store/republications.py).
FINGERPRINT_BANDS = 4


@migrations()
def m001_initial(db: Database) -> None:
    band_columns = "".join(f"    fp_band{i} INTEGER,\n" for i in range(FINGERPRINT_BANDS))
    band_indexes = "".join(
        f"CREATE INDEX articles_fp_band{i} ON articles(fp_band{i});\n" for i in range(FINGERPRINT_BANDS)
    )
    db.executescript(
        f"""
CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    spider TEXT,                 -- xinhua, caict, feeds; NULL for a source only used by ingest
    lang TEXT,
    start_urls TEXT,             -- JSON list
    schedule TEXT,
    encoding TEXT,
    keywords TEXT,               -- JSON list
    recrawl TEXT,
    configured INTEGER NOT NULL DEFAULT 1,  -- 1 while the configuration last registered lists it
    registered TEXT NOT NULL,
    updated TEXT NOT NULL
);

CREATE TABLE crawl_runs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL REFERENCES sources(name),
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,        -- running, ok, partial, blocked, failed
    pages INTEGER NOT NULL DEFAULT 0,
    articles_new INTEGER NOT NULL DEFAULT 0,
    articles_changed INTEGER NOT NULL DEFAULT 0,
    claims_new INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    error TEXT                   -- the last error, one line
);
CREATE INDEX crawl_runs_source_started ON crawl_runs(source, started);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    canonical_url TEXT,
    source TEXT,
    outlet TEXT,
    lang TEXT,
    title TEXT,
    published TEXT,              -- ISO date or datetime
    fetched TEXT NOT NULL,       -- when the current version was recorded (UTC)
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,  -- sha256 of text
    version INTEGER NOT NULL DEFAULT 1,
    extractor_version TEXT,      -- of the claims currently read from it
    fingerprint INTEGER,         -- 64-bit SimHash of text
{band_columns}    original_id INTEGER REFERENCES articles(id)  -- set on a republication
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_original_id ON articles(original_id);
{band_indexes}
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    version INTEGER NOT NULL,
    fetched TEXT NOT NULL,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    UNIQUE (article_id, version)
);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    article_version INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    kind TEXT NOT NULL,
    metric TEXT NOT NULL,
    metric_text TEXT,
    geo TEXT NOT NULL,
    period TEXT,
    modality TEXT NOT NULL,
    attribution TEXT,
    sentence TEXT,
    extractor_version TEXT,
    superseded INTEGER NOT NULL DEFAULT 0  -- 1 once a newer version or reading of the article replaced it
);
CREATE INDEX claims_metric_geo ON claims(metric, geo);
CREATE INDEX claims_article ON claims(article_id, superseded);

CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content=articles, tokenize='trigram');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE claims_fts USING fts5 (sentence, metric_text, content=claims, tokenize='trigram');
CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, sentence, metric_text) VALUES (new.id, new.sentence, new.metric_text);
END;
CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, sentence, metric_text)
        VALUES ('delete', old.id, old.sentence, old.metric_text);
END;
CREATE TRIGGER claims_au AFTER UPDATE OF sentence, metric_text ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, sentence, metric_text)
        VALUES ('delete', old.id, old.sentence, old.metric_text);
    INSERT INTO claims_fts (rowid, sentence, metric_text) VALUES (new.id, new.sentence, new.metric_text);
END;

-- Current claims with their article: what most queries want.
CREATE VIEW current_claims AS
SELECT claims.*, articles.url, articles.outlet, articles.published, articles.source,
       articles.original_id
FROM claims JOIN articles ON articles.id = claims.article_id
WHERE claims.superseded = 0;
"""
    )


@migrations()
def m002_current_figures_view(db: Database) -> None:
    """The current figure of each series, for SQL and Datasette users (store/views.py)."""
    from store.views import replace_view

    replace_view(db, "current_figures")


@migrations()
def m003_crawl_validators(db: Database) -> None:
    """What the crawler needs to stay incremental and honest about its runs.

    ``crawled_pages`` remembers every URL a crawl fetched and what became of it (stored,
    unchanged, excluded by the source's keywords, refused by the extractor), with the
    validators its server sent, so that the next crawl skips it or asks conditionally.
    ``crawl_runs`` gains the process that runs the crawl (so that a run left ``running``
    by a killed process can be told from a live one) and the counts a crawl reports.
    """
    db.executescript(
        """
CREATE TABLE crawled_pages (
    url TEXT PRIMARY KEY,        -- the page's address on its site
    source TEXT REFERENCES sources(name),
    first_fetched TEXT NOT NULL, -- UTC
    last_fetched TEXT NOT NULL,  -- UTC; a recrawl is due when this is older than the source's recrawl
    http_status INTEGER,
    outcome TEXT NOT NULL,       -- stored, unchanged, excluded, refused
    reason TEXT,                 -- why it was excluded or refused, one line
    etag TEXT,                   -- validators for the next conditional request
    last_modified TEXT,
    article_id INTEGER REFERENCES articles(id)
);
CREATE INDEX crawled_pages_source ON crawled_pages(source);

ALTER TABLE crawl_runs ADD COLUMN pid INTEGER;               -- the process that closes the run
ALTER TABLE crawl_runs ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
ALTER TABLE crawl_runs ADD COLUMN articles_unchanged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE crawl_runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;   -- known URLs not fetched again
ALTER TABLE crawl_runs ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;  -- articles without the source's keywords
ALTER TABLE crawl_runs ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;   -- pages the extractor refused
ALTER TABLE crawl_runs ADD COLUMN notes TEXT;                -- warnings (stale feeds, ...), one per line
"""
    )


@migrations()
def m004_original_fingerprint_bands(db: Database) -> None:
    """Indexes of the originals' fingerprint bands alone: a new copy of a story is checked
    against the originals near it, not against every copy of its story already recorded
    (store/republications.py)."""
    for i in range(FINGERPRINT_BANDS):
        db.execute(f"CREATE INDEX articles_original_fp_band{i} ON articles(fp_band{i}) WHERE original_id IS NULL")


@migrations()
def m005_findings(db: Database) -> None:
    """Findings (store/findings.py) and the claims each rests on; filled from the claims
    already recorded, so that an upgraded database lists them at once."""
    db.executescript(
        """
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,    -- what it is about (type, series, organisations, figures): stable across rebuilds
    type TEXT NOT NULL,          -- revision, discrepancy, internal, growth_mismatch, conversion_mismatch, forecast_outcome
    metric TEXT NOT NULL,
    geo TEXT NOT NULL,
    period TEXT NOT NULL,
    explanation TEXT NOT NULL,   -- one line, with the figures
    size REAL,                   -- relative gap
    first_seen TEXT,             -- when the store first held all the claims involved (UTC)
    status TEXT NOT NULL,        -- open, or closed once it no longer holds
    closed TEXT,                 -- when it stopped holding (UTC)
    details TEXT,                -- JSON: organisations, implied figures, outcome, ...
    evidence TEXT                -- the claims it rests on, as claim_id:role pairs ("12:earlier 15:later")
);
CREATE INDEX findings_scope ON findings(metric, geo, period);
CREATE INDEX findings_first_seen ON findings(first_seen);
CREATE INDEX findings_type_first_seen ON findings(type, first_seen);

CREATE TABLE finding_claims (
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    role TEXT NOT NULL,          -- earlier, later, stated, growth, base, level, amount, equivalent, forecast, target, actual
    PRIMARY KEY (finding_id, claim_id)
);
CREATE INDEX finding_claims_claim ON finding_claims(claim_id);

-- Findings are recomputed per metric, geo and period.
CREATE INDEX claims_metric_geo_period ON claims(metric, geo, period);
"""
    )
    from store import findings_store

    findings_store.rebuild(db, datetime.now(UTC).isoformat(timespec="seconds"))


@migrations()
def m006_articles_ingested_from(db: Database) -> None:
    """The local file an ingested article was read from (its provenance), beside its URL; an
    article ingested before under its file:// URL has that file."""
    db.execute("ALTER TABLE articles ADD COLUMN ingested_from TEXT")
    db.execute("UPDATE articles SET ingested_from = url WHERE url LIKE 'file:%'")


@migrations()
def m007_open_findings_view(db: Database) -> None:
    """The findings that still hold, with their claims' articles (store/views.py)."""
    from store.views import replace_view

    replace_view(db, "open_findings")


@migrations()
def m008_minhash_bands(db: Database) -> None:
    """The MinHash bands of every article's text, which find its near-duplicates at a cost
    that does not grow with the store (store/republications.py), computed here for the
    articles already stored. The index is built after the rows (a sort, not 64 random
    inserts an article). ``original`` follows ``articles.original_id`` through a trigger, so
    that a lookup of originals skips the copies of their stories; the fingerprint band
    indexes no longer serve any lookup and are dropped."""
    from store.republications import index_stored_articles

    db.execute(
        """
CREATE TABLE minhash_bands (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    band INTEGER NOT NULL,       -- 0 to 63
    hash INTEGER NOT NULL,       -- 32-bit, of the band's five MinHash minima
    original INTEGER NOT NULL,   -- 1 while the article is an original (articles.original_id IS NULL)
    PRIMARY KEY (article_id, band)
) WITHOUT ROWID"""
    )
    index_stored_articles(db.conn)
    db.executescript(
        """
CREATE INDEX minhash_bands_hash ON minhash_bands(band, hash, original);
CREATE TRIGGER minhash_bands_original AFTER UPDATE OF original_id ON articles
WHEN (old.original_id IS NULL) IS NOT (new.original_id IS NULL)
BEGIN
    UPDATE minhash_bands SET original = (new.original_id IS NULL) WHERE article_id = new.id;
END;
"""
    )
    for i in range(FINGERPRINT_BANDS):
        db.execute(f"DROP INDEX IF EXISTS articles_fp_band{i}")
        db.execute(f"DROP INDEX IF EXISTS articles_original_fp_band{i}")
