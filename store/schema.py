"""The database schema, created and upgraded by migrations recorded in the database.

The schema is a public interface: users query it with SQL and open it in Datasette, so its
names are documented in the README and a migration only ever adds to it. Each migration
runs with its bookkeeping row in ``_sqlite_migrations`` (sqlite-utils' table), inside the
caller's ``BEGIN IMMEDIATE`` transaction; applying them twice is a no-op.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

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
def m003_articles_ingested_from(db: Database) -> None:
    """The local file an ingested article was read from (its provenance), beside its URL; an
    article ingested before under its file:// URL has that file."""
    db.execute("ALTER TABLE articles ADD COLUMN ingested_from TEXT")
    db.execute("UPDATE articles SET ingested_from = url WHERE url LIKE 'file:%'")
