"""ClaimStore: the one API over the claims database; the CLI, pipelines and digest use it.

One writer, many readers: WAL mode, a busy timeout, and ``BEGIN IMMEDIATE`` for every write
transaction (a deferred transaction that later writes fails at once under WAL). Query
commands open the database read-only and never create it.

History is append-only in the git-history sense: ``articles`` holds each URL's current
version and ``article_versions`` every version recorded; recording an unchanged article
again changes nothing, and a changed one keeps its earlier claims, marked ``superseded``
and tagged with the ``article_version`` they were read from.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config.defaults import BUSY_TIMEOUT_MS, SEARCH_LIMIT, SQL_TIME_LIMIT, WRITE_CACHE_KIB
from extractors.records import KINDS, MODALITIES, QUALIFIERS, STATUS_OK, Article, Claim
from store import activity, findings_store
from store.connection import ReadConnection
from store.diagnosis import explain, quick_check
from store.errors import (
    DatabaseDamaged,
    DatabaseMissing,
    DatabaseNotWritable,
    InvalidRecord,
    NotClaimtrackDatabase,
    NotSQLite,
    StoreError,
    UnknownMetric,
    UnknownSource,
)
from store.filters import date_range
from store.history import Observation, mark_history, period_order
from store.names import nearest_names
from store.outlets import outlet_for_url
from store.readonly import connect_readonly, run_readonly_query
from store.schema import migrations

if TYPE_CHECKING:  # export loads with the export command, not with every query
    from store.export import Export

SQLITE_HEADER = b"SQLite format 3\x00"
CLAIM_FIELDS = tuple(field for field in Claim.__dataclass_fields__)
_CLAIM_COLUMNS = ", ".join(f'claims."{name}"' for name in CLAIM_FIELDS)
_ARTICLE_COLUMNS = "articles.url, articles.outlet, articles.published"

# Counts a crawl run reports beyond pages, new and changed articles, new claims and errors.
CRAWL_COUNTS = ("pages", "articles_new", "articles_changed", "claims_new", "errors", "requests",
                "articles_unchanged", "skipped", "excluded", "refused", "notes")
# What became of a page a crawl fetched (crawled_pages.outcome).
FETCH_OUTCOMES = ("stored", "unchanged", "excluded", "refused")

# Health of a source from the status of its last crawl run.
_HEALTH = {"running": "running", "ok": "ok", "partial": "degraded", "blocked": "blocked", "failed": "failing"}
CRAWL_STATUSES = tuple(_HEALTH)


@dataclass(frozen=True)
class RecordResult:
    article_id: int
    status: str                  # "new", "changed", "reextracted" or "unchanged"
    version: int
    claims_added: int
    original_id: int | None      # the article this one republishes, if any

# check_metric's suggestions read this many claims' wording, and count this many claims, a metric.
_METRIC_TEXTS_READ = 50
_METRIC_COUNT_CAP = 10_000


class ClaimStore:
    """Open with :meth:`open` (read-write, creates the file) or :meth:`open_readonly`."""

    # Recording keeps the findings of the series an article touches current. A bulk load
    # may switch this off and call rebuild_findings() once at the end.
    track_findings = True

    def __init__(self, db: Any, path: Path | None) -> None:
        """``db`` is a sqlite-utils ``Database`` (written to) or a ``ReadConnection``."""
        self.db = db
        self.path = path

    # Opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> ClaimStore:
        """Open ``path`` for writing, creating it and bringing its schema up to date."""
        from sqlite_utils import Database

        path = Path(path)
        _check_sqlite_file(path)
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as error:
            raise explain(error, path, busy_timeout_ms=BUSY_TIMEOUT_MS) from error
        store = cls(Database(connection), path)
        try:
            store._configure_connection()
            store.db.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
            # Another application's database is refused before anything is written to it
            # (switching to WAL rewrites the header).
            if store.db.table_names() and not store._is_claimtrack():
                raise NotClaimtrackDatabase(path)
            if store.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                store.db.enable_wal()
            # In WAL mode, NORMAL syncs the log at checkpoints, not at every commit: a crashed
            # process loses nothing committed, and a crashed machine or a power cut may roll back
            # the last few transactions but never corrupts the database (a crawl fetches those
            # pages again). An fsync a commit was most of the cost of recording an article
            # (1-10 ms on a shared disk).
            store.db.execute("PRAGMA synchronous = NORMAL")
            store._migrate()
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open_readonly(cls, path: str | Path) -> ClaimStore:
        """Open an existing claimtrack database for queries; never creates or changes it
        (except to apply a pending schema upgrade)."""
        path = Path(path)
        if not path.exists():
            raise DatabaseMissing(path)
        _check_sqlite_file(path)
        store = cls(ReadConnection(connect_readonly(path)), path)
        store._configure_connection()
        if not store._is_claimtrack():
            store.close()
            raise NotClaimtrackDatabase(path)
        if migrations.pending(store.db):
            try:
                cls.open(path).close()
            except DatabaseNotWritable:
                return store   # a read-only file or folder: read it with the schema it has
            store.close()
            return cls.open_readonly(path)
        return store

    @classmethod
    def memory(cls) -> ClaimStore:
        """An in-memory store, for tests and experiments."""
        from sqlite_utils import Database

        store = cls(Database(memory=True), None)
        store._configure_connection()
        store._migrate()
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _configure_connection(self) -> None:
        try:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as error:
            raise explain(error, self.path, busy_timeout_ms=BUSY_TIMEOUT_MS) from error

    def check_integrity(self) -> None:
        """Raise DatabaseDamaged when ``PRAGMA quick_check`` finds the file damaged (for a
        long-running reader such as ``serve``, which should not start on a damaged file)."""
        problem = quick_check(self.path) if self.path else None
        if problem:
            raise DatabaseDamaged(self.path, problem)

    def _is_claimtrack(self) -> bool:
        return bool(migrations.applied(self.db))

    def _migrate(self) -> None:
        if migrations.pending(self.db):
            if self.db.table_names() and not self._is_claimtrack():
                raise NotClaimtrackDatabase(self.path)
            with self._write():
                migrations.apply(self.db)

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One IMMEDIATE transaction: all of it is written, or none of it."""
        if isinstance(self.db, ReadConnection):
            raise sqlite3.OperationalError("attempt to write a readonly database (opened with open_readonly)")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.rollback()
            raise
        self.db.execute("COMMIT")

    # Writing ---------------------------------------------------------------------------

    def register_sources(self, sources: Iterable[Any]) -> None:
        """Record the configured sources (``config.SourceConfig``); sources the
        configuration no longer lists stay, with ``configured`` = 0."""
        now = _now()
        rows = {source.name: _source_row(source) for source in sources}
        with self._write():
            existing = {row["name"]: row for row in self.db["sources"].rows}
            for name, row in rows.items():
                old = existing.get(name)
                if old is None:
                    self.db["sources"].insert({**row, "configured": 1, "registered": now, "updated": now})
                elif any(old[key] != value for key, value in row.items()) or not old["configured"]:
                    self.db["sources"].update(name, {**row, "configured": 1, "updated": now})
            for name, old in existing.items():
                if name not in rows and old["configured"]:
                    self.db["sources"].update(name, {"configured": 0, "updated": now})

    def record_article(
        self,
        article: Article,
        claims: Sequence[Claim],
        *,
        source: str | None = None,
        extractor_version: str | None = None,
    ) -> RecordResult:
        """Record one article and the claims read from it, in one transaction.

        Same text as stored: nothing changes, unless ``extractor_version`` is a new one,
        whose claims then replace (supersede) the earlier reading. Changed text: a new
        version; the earlier claims stay, superseded. A new URL whose text nearly matches
        another article's is linked to the earliest published of them as a republication. A
        page recorded before under its file's file:// URL and now under its real one is the
        same article (see :meth:`_adopt_file_copy`).
        """
        _validate(article, claims)
        text_hash = article.content_hash
        from extractors.pages.syndication import text_prints

        prints = text_prints(article.text)  # before taking the write lock
        claim_rows = [claim.to_dict() for claim in claims]  # so is every claim's row
        with self._write():
            if self.track_findings:
                findings_store.watch_relinking(self.db)
            if source:
                self._ensure_source(source)
            adopted = self._adopt_file_copy(article)
            current = self.db.execute(
                "SELECT id, content_hash, version, extractor_version FROM articles WHERE url = ?",
                [article.url],
            ).fetchone()
            if current is None:
                article_id = self._insert_article(article, source, extractor_version, prints.fingerprint)
                version, status = 1, "new"
            else:
                article_id, stored_hash, version, stored_extractor = current
                if stored_hash == text_hash and not adopted:
                    if extractor_version is None or extractor_version == stored_extractor:
                        original = self._original_of(article_id)
                        return RecordResult(article_id, "unchanged", version, 0, original)
                    status = "reextracted"
                    self.db["articles"].update(article_id, {"extractor_version": extractor_version})
                else:
                    version += 1
                    status = "changed"
                    self._update_article(article_id, version, article, extractor_version, prints.fingerprint)
                self.db.execute(
                    "UPDATE claims SET superseded = 1 WHERE article_id = ? AND superseded = 0",
                    [article_id],
                )
            self._insert_claims(article_id, version, claim_rows, extractor_version)
            # Only a new text can make a new republication link.
            original = (self._original_of(article_id) if status == "reextracted"
                        else self._link_republications(article_id, prints.bands, prints.shingles))
            if self.track_findings:
                findings_store.refresh_article(self.db, article_id, _now())
        return RecordResult(article_id, status, version, len(claims), original)

    def _adopt_file_copy(self, article: Article) -> bool:
        """A page ingested earlier under its file's file:// URL (it named no address) and now
        recorded under its real URL is one article: the file:// article takes the real URL,
        keeping its versions and claims, instead of standing beside it as a copy. Its new
        reading (site rules, outlet, date) then becomes a new version even if the text is the
        same. True when an article was adopted."""
        origin = article.ingested_from
        if not origin or origin == article.url:
            return False
        if self.db.execute("SELECT 1 FROM articles WHERE url = ?", [article.url]).fetchone():
            return False
        return self.db.execute("UPDATE articles SET url = ? WHERE url = ?", [article.url, origin]).rowcount > 0

    def _ensure_source(self, name: str) -> None:
        if not self.db.execute("SELECT 1 FROM sources WHERE name = ?", [name]).fetchone():
            now = _now()
            self.db["sources"].insert({"name": name, "configured": 0, "registered": now, "updated": now})

    def _article_row(
        self, article: Article, version: int, extractor_version: str | None, text_print: int | None
    ) -> dict[str, Any]:
        from extractors.language import detect_language
        from store.republications import bands

        row = {
            "url": article.url,
            "canonical_url": article.canonical_url,
            "outlet": article.outlet or outlet_for_url(article.url),
            "lang": article.lang or detect_language(article.text),
            "title": article.title,
            "published": article.published,
            "fetched": _now(),
            "text": article.text,
            "content_hash": article.content_hash,
            "version": version,
            "extractor_version": extractor_version,
            "fingerprint": text_print,
            "ingested_from": article.ingested_from,
        }
        row.update({f"fp_band{i}": band for i, band in enumerate(bands(text_print))})
        return row

    def _insert_article(
        self, article: Article, source: str | None, extractor_version: str | None, text_print: int | None
    ) -> int:
        row = self._article_row(article, 1, extractor_version, text_print)
        article_id = self.db["articles"].insert({**row, "source": source}).last_pk
        self._insert_version(article_id, row)
        return article_id

    def _update_article(
        self, article_id: int, version: int, article: Article, extractor_version: str | None, text_print: int | None
    ) -> None:
        row = self._article_row(article, version, extractor_version, text_print)
        # A new version that lacks a date, title or canonical URL keeps the known one.
        known = self.db["articles"].get(article_id)
        for key in ("title", "published", "canonical_url"):
            if row[key] is None:
                row[key] = known[key]
        self.db["articles"].update(article_id, row)
        self._insert_version(article_id, row)

    def _insert_version(self, article_id: int, row: dict[str, Any]) -> None:
        self.db["article_versions"].insert(
            {"article_id": article_id, **{key: row.get(key) for key in ("version", "fetched", "title", "published", "text", "content_hash")}}
        )

    def _insert_claims(self, article_id: int, version: int, rows: Sequence[dict[str, Any]],
                       extractor_version: str | None) -> None:
        """Insert claim rows (``Claim.to_dict()``, built before the write lock was taken)."""
        self.db["claims"].insert_all(
            (
                {
                    "article_id": article_id,
                    "article_version": version,
                    **row,
                    "extractor_version": extractor_version,
                    "superseded": 0,
                }
                for row in rows
            ),
            batch_size=500,
        )

    def _original_of(self, article_id: int) -> int | None:
        return self.db.execute("SELECT original_id FROM articles WHERE id = ?", [article_id]).fetchone()[0]

    def _link_republications(self, article_id: int, text_bands: Sequence[int] | None,
                             text_shingles: set[str] | None = None) -> int | None:
        """Link ``article_id`` to the earliest published original it is near-identical to,
        or make it the original of the later articles near-identical to it; return its original.

        The links are those of taking every article in publication order and linking each to
        the earliest earlier original that is near-identical to it (a MinHash band in common,
        then shared shingles), else making it an original: the same clusters whatever order
        articles arrive in, and never a chain of neighbours joining unrelated stories. A new
        copy of a known story costs one probe of the originals' MinHash bands and one text
        comparison, whatever the size of its cluster or of the store. ``text_bands`` (the
        text's MinHash bands) replace the article's stored ones.
        """
        from store.republications import RepublicationLinker

        return RepublicationLinker(self.db, article_id, text_bands, text_shingles).settle()

    def start_crawl(self, source: str, *, pid: int | None = None) -> int:
        """Open a ``crawl_runs`` row for ``source``; close it with :meth:`finish_crawl`.
        ``pid`` is the process that will close it (see :meth:`close_interrupted_crawls`)."""
        with self._write():
            self._ensure_source(source)
            return self.db["crawl_runs"].insert(
                {"source": source, "started": _now(), "status": "running", "pid": pid}
            ).last_pk

    def finish_crawl(
        self,
        run_id: int,
        status: str,
        *,
        pages: int = 0,
        articles_new: int = 0,
        articles_changed: int = 0,
        claims_new: int = 0,
        errors: int = 0,
        error: str | None = None,
        **crawl_counts: Any,
    ) -> None:
        """Close a run with its status and counts; ``crawl_counts`` are the counts of
        :data:`CRAWL_COUNTS` beyond the original five, and ``notes``."""
        if status not in CRAWL_STATUSES:
            raise InvalidRecord(f"crawl status {status!r} is not one of {', '.join(CRAWL_STATUSES)}")
        extra = _crawl_counts(crawl_counts)
        with self._write():
            self.db["crawl_runs"].update(
                run_id,
                {"finished": _now(), "status": status, "pages": pages, "articles_new": articles_new,
                 "articles_changed": articles_changed, "claims_new": claims_new, "errors": errors,
                 "error": error, **extra},
            )

    # Crawls: the entry points of the crawler's pipelines, `claimtrack crawl` and the daemon.

    def crawl_progress(self, run_id: int, **counts: Any) -> None:
        """Write a running crawl's counts so far (the run stays ``running``), so that a
        watcher can show progress and a killed crawl leaves its last counts behind; ``pid``
        hands the run to the process that will close it."""
        values = _crawl_counts(counts, allow=CRAWL_COUNTS + ("error", "pid"))
        with self._write():
            self.db.execute(
                f"UPDATE crawl_runs SET {', '.join(f'{name} = ?' for name in values)} "
                "WHERE id = ? AND status = 'running'",
                [*values.values(), run_id],
            )

    def close_crawl(self, run_id: int, status: str, error: str) -> None:
        """Set a run's status and error, keeping the counts its crawl wrote: for a crawl
        that timed out, crashed or was killed before it could close its own run."""
        if status not in CRAWL_STATUSES or status == "running":
            raise InvalidRecord(f"crawl status {status!r} cannot close a run")
        with self._write():
            self.db.execute(
                "UPDATE crawl_runs SET status = ?, error = ?, finished = coalesce(finished, ?) WHERE id = ?",
                [status, error, _now(), run_id],
            )

    def crawl_run(self, run_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM crawl_runs WHERE id = ?", [run_id]))
        return rows[0] if rows else None

    def close_interrupted_crawls(self) -> list[int]:
        """Close as ``failed`` (error ``interrupted``) every run still ``running`` whose
        process is gone: a crawl killed (SIGKILL, power loss) before it could close its run.
        Runs of live processes on this machine are left alone. Returns the runs closed."""
        with self._write():
            running = self.db.execute("SELECT id, pid FROM crawl_runs WHERE status = 'running'").fetchall()
            dead = [run_id for run_id, pid in running if not _process_alive(pid)]
            for run_id in dead:
                self.db.execute(
                    "UPDATE crawl_runs SET status = 'failed', finished = ?, "
                    "error = 'interrupted: its crawl process ended without closing the run' WHERE id = ?",
                    [_now(), run_id],
                )
        return dead

    def fetch_states(self, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
        """What a crawl knows of each URL it has seen (``crawled_pages``, or an article
        recorded by ``ingest``): outcome, last_fetched, etag, last_modified. URLs never
        seen are absent."""
        wanted = list(dict.fromkeys(urls))
        states: dict[str, dict[str, Any]] = {}
        for start in range(0, len(wanted), 500):
            chunk = json.dumps(wanted[start:start + 500])
            for row in self.db.query(
                "SELECT url, 'stored' AS outcome, fetched AS last_fetched, NULL AS etag, NULL AS last_modified "
                "FROM articles WHERE url IN (SELECT value FROM json_each(?))",
                [chunk],
            ):
                states[row["url"]] = row
            for row in self.db.query(
                "SELECT url, outcome, last_fetched, etag, last_modified FROM crawled_pages "
                "WHERE url IN (SELECT value FROM json_each(?))",
                [chunk],
            ):
                states[row["url"]] = row
        return states

    def record_fetch(
        self,
        url: str,
        *,
        source: str | None,
        outcome: str,
        http_status: int | None = None,
        reason: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        article_id: int | None = None,
        fetched: str | None = None,
    ) -> None:
        """Remember that a crawl fetched ``url`` and what became of it (see
        :data:`FETCH_OUTCOMES`); validators and the article link are kept when a later
        fetch (a 304, say) does not bring new ones. ``fetched`` (ISO, UTC) is when the page
        was fetched, when that is not now (a cluster's writer records pages sent earlier)."""
        if outcome not in FETCH_OUTCOMES:
            raise InvalidRecord(f"fetch outcome {outcome!r} is not one of {', '.join(FETCH_OUTCOMES)}")
        now = fetched or _now()
        with self._write():
            if source:
                self._ensure_source(source)
            self.db.execute(
                "INSERT INTO crawled_pages (url, source, first_fetched, last_fetched, http_status, outcome, reason, "
                "etag, last_modified, article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET source = coalesce(excluded.source, source), "
                "last_fetched = excluded.last_fetched, http_status = excluded.http_status, "
                "outcome = excluded.outcome, reason = excluded.reason, "
                "etag = coalesce(excluded.etag, etag), last_modified = coalesce(excluded.last_modified, last_modified), "
                "article_id = coalesce(excluded.article_id, article_id)",
                [url, source, now, now, http_status, outcome, reason, etag, last_modified, article_id],
            )

    def known_pages(self, urls: Iterable[str] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """What a cluster's nodes need to know of pages (every page, or those of ``urls``):
        the :meth:`fetch_states` fields with the stored article's ``content_hash`` and
        ``extractor_version``, so that a node can tell an unchanged copy without the store."""
        wanted = [] if urls is None else [json.dumps(list(dict.fromkeys(urls)))]
        only = "" if urls is None else " AND {table}.url IN (SELECT value FROM json_each(?))"
        queries = (
            # Articles no crawl fetched (ingested), then every page a crawl fetched.
            "SELECT articles.url, 'stored' AS outcome, fetched AS last_fetched, NULL AS etag, NULL AS last_modified, "
            "content_hash, extractor_version FROM articles LEFT JOIN crawled_pages ON crawled_pages.url = articles.url "
            "WHERE crawled_pages.url IS NULL" + only.format(table="articles"),
            "SELECT crawled_pages.url, outcome, last_fetched, etag, last_modified, content_hash, extractor_version "
            "FROM crawled_pages LEFT JOIN articles ON articles.url = crawled_pages.url WHERE 1"
            + only.format(table="crawled_pages"),
        )
        for query in queries:
            for row in self.db.query(query, wanted):
                yield row.pop("url"), row

    def last_successful_crawls(self) -> dict[str, str]:
        """Per source, when its last crawl that ran to its end (ok or blocked) finished."""
        return dict(self.db.execute(
            "SELECT source, max(finished) FROM crawl_runs WHERE status IN ('ok', 'blocked') GROUP BY source"
        ).fetchall())

    def last_crawl(self, source: str) -> dict[str, Any] | None:
        return self._last_crawl(source)

    # Reading ---------------------------------------------------------------------------

    def article_state(self, url: str) -> dict[str, Any] | None:
        """What the crawler needs to decide on a refetch: id, version, content_hash, fetched."""
        rows = list(self.db.query(
            "SELECT id, version, content_hash, fetched, published FROM articles WHERE url = ?", [url]
        ))
        return rows[0] if rows else None

    def count_recorded(self, articles: Iterable[Article]) -> int:
        """How many of ``articles`` are stored as they are: same URL, same text."""
        return sum(
            1 for article in articles
            if self.db.execute("SELECT 1 FROM articles WHERE url = ? AND content_hash = ?",
                               [article.url, article.content_hash]).fetchone()
        )

    def metrics(self) -> list[str]:
        """The metrics of all claims, read by skipping through the (metric, geo) index from
        one metric to the next: a few index lookups per metric, not a scan of every claim."""
        return [row[0] for row in self.db.execute(
            "WITH RECURSIVE known(metric) AS ("
            " SELECT min(metric) FROM claims"
            " UNION ALL SELECT (SELECT min(metric) FROM claims WHERE metric > known.metric)"
            " FROM known WHERE known.metric IS NOT NULL)"
            " SELECT metric FROM known WHERE metric IS NOT NULL"
        )]

    def check_metric(self, metric: str) -> None:
        """Raise UnknownMetric when no claim has ``metric``, with the metrics nearest to it (by
        key, or by the words claims used for them), else the most frequent ones."""
        if self.db.execute("SELECT 1 FROM claims WHERE metric = ? LIMIT 1", [metric]).fetchone():
            return
        # Read metric by metric, each a bounded number of rows, so that a mistyped name costs
        # the same in a store of a thousand claims as of a million: the words of a metric's
        # first claims stand for all of them, and "most frequent" counts up to a cap.
        aliases: dict[str, set[str]] = {}
        counts: dict[str, int] = {}
        for key in self.metrics():
            aliases[key] = {row[0] for row in self.db.execute(
                "SELECT metric_text FROM claims WHERE metric = ? AND metric_text IS NOT NULL LIMIT ?",
                [key, _METRIC_TEXTS_READ])}
            counts[key] = self.db.execute(
                "SELECT count(*) FROM (SELECT 1 FROM claims WHERE metric = ? LIMIT ?)", [key, _METRIC_COUNT_CAP]
            ).fetchone()[0]
        frequent = sorted(counts, key=lambda key: (-counts[key], key))
        raise UnknownMetric(metric, nearest_names(metric, aliases), known=frequent)

    def check_source(self, source: str) -> None:
        """Raise UnknownSource, with the nearest or all known sources, when no source is named ``source``."""
        known = [row[0] for row in self.db.execute(
            "SELECT name FROM sources UNION SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1")]
        if source not in known:
            raise UnknownSource(source, nearest_names(source, {name: () for name in known}), known=known)

    def claims(self, **filters: Any) -> list[dict[str, Any]]:
        """``claim_records`` as a list (see there for the filters)."""
        return list(self.claim_records(**filters))

    def claim_records(
        self,
        *,
        metric: str | None = None,
        geo: str | None = None,
        source: str | None = None,
        since: date | None = None,
        until: date | None = None,
        modalities: Sequence[str] = (),
        include_superseded: bool = False,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Claims with CLAIMS.md's fields and their article's url, outlet and published,
        oldest publication first. ``since``/``until`` are inclusive publication dates."""
        where, params = [], []
        if metric is not None:
            self.check_metric(metric)
            where.append("claims.metric = ?")
            params.append(metric)
        if source is not None:
            self.check_source(source)
        for column, value in (("claims.geo", geo), ("articles.source", source)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        dates, date_params = date_range("articles.published", since, until)
        where += dates
        params += date_params
        if modalities:
            where.append(f"claims.modality IN ({', '.join('?' * len(modalities))})")
            params.extend(modalities)
        if not include_superseded:
            where.append("claims.superseded = 0")
        sql = (
            f"SELECT {_CLAIM_COLUMNS}, {_ARTICLE_COLUMNS} FROM claims "
            "JOIN articles ON articles.id = claims.article_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY articles.published IS NULL, articles.published, articles.id, claims.start"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
        )
        return (_claim_record(row) for row in self.db.query(sql, params))

    def history(self, metric: str, *, geo: str | None = None, include_superseded: bool = False) -> list[Observation]:
        """Every observation of ``metric`` by period then publication time, with revisions
        and discrepancies marked (see store/history.py)."""
        return [observation for period in self._history_by_period(metric, geo, include_superseded)
                for observation in period]

    def history_records(self, metric: str, *, geo: str | None = None,
                        include_superseded: bool = False) -> Iterator[dict[str, Any]]:
        """``history`` as ``Observation.to_dict`` records, streamed: one period's
        observations in memory at a time, however long the history."""
        for period in self._history_by_period(metric, geo, include_superseded):
            for observation in period:
                yield observation.to_dict()

    def _history_by_period(self, metric: str, geo: str | None, include_superseded: bool) -> Iterator[list[Observation]]:
        """The marked observations of each period in turn. A series never spans two periods,
        so marking a period's observations alone marks them as marking all would; SQLite
        sorts the rows by period (on disk if need be), not Python."""
        self.check_metric(metric)
        where, params = ["claims.metric = ?"], [metric]
        if geo is not None:
            where.append("claims.geo = ?")
            params.append(geo)
        if not include_superseded:
            where.append("claims.superseded = 0")
        self.db.conn.create_function("claimtrack_period_order", 1, _period_sort_key, deterministic=True)
        rows = self.db.query(
            f"SELECT claims.id AS claim_id, claims.article_id, claims.superseded, {_CLAIM_COLUMNS}, "
            f"{_ARTICLE_COLUMNS}, originals.url AS original_url FROM claims "
            "JOIN articles ON articles.id = claims.article_id "
            "LEFT JOIN articles AS originals ON originals.id = articles.original_id "
            f"WHERE {' AND '.join(where)} ORDER BY claimtrack_period_order(claims.period)",
            params,
        )
        found = False
        for _, period_rows in groupby(rows, key=lambda row: row["period"]):
            found = True
            observations = [
                Observation(
                    claim_id=row["claim_id"],
                    article_id=row["article_id"],
                    claim=Claim.from_dict(row),
                    url=row["url"],
                    outlet=row["outlet"],
                    published=row["published"],
                    republication_of=row["original_url"],
                    superseded=bool(row["superseded"]),
                )
                for row in period_rows
            ]
            findings = findings_store.open_findings_of_claims(self.db, [o.claim_id for o in observations])
            for observation in observations:
                observation.findings = findings.get(observation.claim_id, [])
            yield mark_history(observations)
        if geo is not None and not found:
            geos = [row[0] for row in self.db.execute("SELECT DISTINCT geo FROM claims WHERE metric = ?", [metric])]
            raise StoreError(f"no {metric} claims for geo {geo!r}; its claims are about {', '.join(geos)}")

    def findings(
        self,
        *,
        type: str | None = None,
        metric: str | None = None,
        since: date | None = None,
        until: date | None = None,
        open_only: bool = False,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Findings newest first (by ``first_seen``; ``since``/``until`` are inclusive UTC
        dates), each with every field and its claims (CLAIMS.md's fields, ``role``, and
        their article's url, outlet and published). See store/findings.py."""
        if metric is not None:
            self.check_metric(metric)
        return findings_store.query_findings(self.db, _CLAIM_COLUMNS, type=type, metric=metric, since=since,
                                             until=until, open_only=open_only, limit=limit)

    def rebuild_findings(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Recompute the findings of every series, a chunk of series per transaction, calling
        ``progress(done, total)`` after each; returns the number of open findings. Gives
        what recording the same articles one by one gave."""
        return findings_store.rebuild(self.db, _now(), progress, write=self._write)

    def search(self, text: str, *, target: str = "articles", limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
        """Full-text search of article titles and texts, or of claim sentences.

        The index uses SQLite's trigram tokenizer, so words match inside Chinese text
        (which has no spaces); terms shorter than three characters are matched with LIKE.
        """
        terms = text.split()
        if not terms:
            raise StoreError("nothing to search for")
        table, columns = {"articles": ("articles", ("title", "text")), "claims": ("claims", ("sentence", "metric_text"))}[target]
        fts = f"{table}_fts"
        long_terms = [term for term in terms if len(term) >= 3]
        # With no term the index can match, the table itself is read newest first, so that
        # the scan stops at the limit instead of collecting and sorting every match.
        source = fts if long_terms else table
        where, params = [], []
        if long_terms:
            where.append(f"{fts} MATCH ?")
            params.append(" ".join('"' + term.replace('"', '""') + '"' for term in long_terms))
        for term in terms:
            if len(term) < 3:
                like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                where.append("(" + " OR ".join(f"{source}.{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
                params.extend([like] * len(columns))
        order = "rank" if long_terms else f"{table}.id DESC"
        if target == "articles":
            select = f"SELECT {_ARTICLE_COLUMNS}, articles.title, articles.text"
            joins = "JOIN articles ON articles.id = articles_fts.rowid" if long_terms else ""
        else:
            select = f"SELECT {_CLAIM_COLUMNS}, {_ARTICLE_COLUMNS}"
            joins = ("JOIN claims ON claims.id = claims_fts.rowid JOIN articles ON articles.id = claims.article_id"
                     if long_terms else "CROSS JOIN articles ON articles.id = claims.article_id")
            where.append("claims.superseded = 0")
        sql = f"{select} FROM {source} {joins} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {int(limit)}"
        rows = self.db.query(sql, params)
        if target == "claims":
            return [_claim_record(row) for row in rows]
        return [
            {"url": row["url"], "outlet": row["outlet"], "published": row["published"],
             "title": row["title"], "snippet": _snippet(row["title"] or "", row["text"], terms)}
            for row in rows
        ]

    def sql(self, query: str, params: Sequence[Any] = (), *, time_limit: float = SQL_TIME_LIMIT,
            **caps: int) -> tuple[list[str], list[tuple]]:
        """Run user SQL on a separate read-only connection (see store/readonly.py); ``caps``
        (``max_rows``, ``max_bytes``) lower the defaults that bound what it returns."""
        if self.path is None:
            raise StoreError("user SQL needs a database file")
        return run_readonly_query(self.path, query, params, time_limit=time_limit, **caps)

    def export(self, name: str, *, include_superseded: bool = False) -> Export:
        """Claims (with their article's fields), articles or findings, as typed columns and
        streamed rows, for ``store.export.write_export`` (see store/export.py)."""
        from store.export import select_export

        return select_export(self.db.conn, name, include_superseded=include_superseded)

    def sources(self, configured: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Each source (registered, or in ``configured`` and not registered yet) with its
        settings, article count, last crawl and health."""
        rows = {row["name"]: row for row in self.db.query("SELECT * FROM sources ORDER BY name")}
        for source in configured:
            if source.name not in rows:
                rows[source.name] = {**_source_row(source), "name": source.name, "configured": 1}
        article_counts = dict(self.db.execute("SELECT source, count(*) FROM articles GROUP BY source").fetchall())
        listed = []
        for name, row in rows.items():
            last = self._last_crawl(name)
            listed.append({
                "name": name,
                "spider": row.get("spider"),
                "lang": row.get("lang"),
                "schedule": row.get("schedule"),
                "start_urls": json.loads(row["start_urls"]) if row.get("start_urls") else [],
                "configured": bool(row.get("configured")),
                "articles": article_counts.get(name, 0),
                "last_crawl": last and last["started"],
                "last_status": last and last["status"],
                "health": _health(last, row.get("spider")),
            })
        return listed

    def status(self, configured: Iterable[Any] = ()) -> dict[str, Any]:
        """Totals of the database and, per source, its last crawl's counts and health."""
        articles, republications, last_fetched = self.db.execute(
            "SELECT count(*), count(original_id), max(fetched) FROM articles"
        ).fetchone()
        claims, superseded = self.db.execute("SELECT count(*), coalesce(sum(superseded), 0) FROM claims").fetchone()
        claim_counts = dict(self.db.execute(
            "SELECT articles.source, count(*) FROM claims JOIN articles ON articles.id = claims.article_id "
            "WHERE claims.superseded = 0 GROUP BY articles.source"
        ).fetchall())
        per_source = []
        for source in self.sources(configured):
            last = self._last_crawl(source["name"]) or {}
            per_source.append({
                "name": source["name"],
                "health": source["health"],
                "last_started": last.get("started"),
                "last_finished": last.get("finished"),
                "last_status": last.get("status"),
                "pages": last.get("pages"),
                "articles_new": last.get("articles_new"),
                "articles_changed": last.get("articles_changed"),
                "claims_new": last.get("claims_new"),
                "errors": last.get("errors"),
                "error": last.get("error"),
                "requests": last.get("requests"),
                "skipped": last.get("skipped"),
                "excluded": last.get("excluded"),
                "refused": last.get("refused"),
                "notes": last.get("notes"),
                "articles": source["articles"],
                "claims": claim_counts.get(source["name"], 0),
            })
        return {
            "database": str(self.path) if self.path else ":memory:",
            "schema": migrations.applied(self.db)[-1].name,
            "articles": articles,
            "republications": republications,
            "last_fetched": last_fetched,
            "claims": claims,
            "superseded_claims": superseded,
            "sources": per_source,
        }

    # What a window of time added (the daily digest; see store/activity.py) -------------

    def recorded_articles(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        return activity.recorded_articles(self.db, start, end)

    def published_articles(self, day: date) -> list[dict[str, Any]]:
        return activity.published_articles(self.db, day.isoformat())

    def publication_days(self) -> list[date]:
        return [date.fromisoformat(day) for day in activity.publication_days(self.db) if _is_iso_day(day)]

    def claims_of_versions(self, versions: list[tuple[int, int]]) -> list[dict[str, Any]]:
        return activity.claims_of_versions(self.db, versions)

    def crawl_runs_between(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        return activity.crawl_runs(self.db, start, end)

    def last_article_times(self, *, before: datetime) -> dict[str, str]:
        return activity.last_article_times(self.db, before)

    def first_recorded(self) -> datetime | None:
        first = activity.first_recorded(self.db)
        return datetime.fromisoformat(first) if first else None

    def _last_crawl(self, source: str) -> dict[str, Any] | None:
        rows = list(self.db.query(
            "SELECT * FROM crawl_runs WHERE source = ? ORDER BY started DESC, id DESC LIMIT 1", [source]
        ))
        return rows[0] if rows else None


def _health(last_crawl: dict[str, Any] | None, spider: str | None) -> str:
    if last_crawl is None:
        return "never crawled" if spider else "manual"  # ingest-only sources are never crawled
    return _HEALTH[last_crawl["status"]]


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    if not path.exists():
        return
    if not path.is_file():  # reading a FIFO's header would wait for a writer
        raise StoreError(f"{path} is not a regular file, so not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror}") from error
    if header and header != SQLITE_HEADER:
        raise NotSQLite(path)


def _validate(article: Article, claims: Sequence[Claim]) -> None:
    if article.status != STATUS_OK:
        raise InvalidRecord(f"{article.url}: article status is {article.status!r} ({article.reason}), not recorded")
    if not article.url:
        raise InvalidRecord("an article needs a URL")
    for number, claim in enumerate(claims, 1):
        problem = _claim_problem(claim, len(article.text))
        if problem:
            raise InvalidRecord(f"{article.url}: claim {number} ({claim.text!r}): {problem}")


def _claim_problem(claim: Claim, text_length: int) -> str | None:
    if not (isinstance(claim.start, int) and isinstance(claim.end, int) and 0 <= claim.start <= claim.end <= text_length):
        return f"span {claim.start}-{claim.end} is outside the article text"
    for name, allowed in (("qualifier", QUALIFIERS), ("kind", KINDS), ("modality", MODALITIES)):
        if getattr(claim, name) not in allowed:
            return f"{name} {getattr(claim, name)!r} is not one of {', '.join(allowed)}"
    for name in ("text", "unit", "metric", "geo"):
        if not getattr(claim, name):
            return f"{name} is empty"
    if claim.value is None and (claim.low is None or claim.high is None):
        return "no value and no range"
    return None


def _claim_record(row: dict[str, Any]) -> dict[str, Any]:
    return {**Claim.from_dict(row).to_dict(), "url": row["url"], "outlet": row["outlet"], "published": row["published"]}


def _source_row(source: Any) -> dict[str, Any]:
    return {
        "name": source.name,
        "spider": source.spider,
        "lang": source.lang,
        "start_urls": json.dumps(list(source.start_urls), ensure_ascii=False),
        "schedule": source.schedule.text,
        "encoding": source.encoding,
        "keywords": json.dumps(list(source.keywords), ensure_ascii=False),
        "recrawl": source.recrawl_text,
    }


def _snippet(title: str, text: str, terms: list[str], width: int = 80) -> str:
    """The text around the first term found, on one line."""
    folded = text.casefold()
    positions = [folded.find(term.casefold()) for term in terms]
    found = [position for position in positions if position >= 0]
    if not found:
        return title
    at = min(found)
    start, end = max(0, at - width), min(len(text), at + width)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


def _crawl_counts(counts: dict[str, Any], allow: tuple[str, ...] = CRAWL_COUNTS) -> dict[str, Any]:
    unknown = set(counts) - set(allow)
    if unknown:
        raise InvalidRecord(f"unknown crawl count {', '.join(sorted(unknown))}")
    return dict(counts)


def _process_alive(pid: int | None) -> bool:
    """Whether ``pid`` names a live process on this machine (not a zombie awaiting its parent)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True  # no /proc (not Linux): os.kill's answer stands


def _is_iso_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _period_sort_key(period: str | None) -> str:
    """``store.history.period_order`` as one string, for SQLite to sort by."""
    is_null, first, last, text = period_order(period)
    return f"{int(is_null)}|{first}|{last}|{text}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
