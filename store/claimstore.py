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
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from config.defaults import BUSY_TIMEOUT_MS, SEARCH_LIMIT, SQL_TIME_LIMIT, WRITE_CACHE_KIB
from extractors.language import detect_language
from extractors.pages.syndication import fingerprint, is_near_duplicate
from extractors.records import KINDS, MODALITIES, QUALIFIERS, STATUS_OK, Article, Claim
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
from store.export import Export, select_export
from store.history import Observation, mark_history
from store.names import nearest_names
from store.outlets import outlet_for_url
from store.readonly import connect_readonly, run_readonly_query
from store.republications import band_neighbours, bands
from store.schema import FINGERPRINT_BANDS, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
CLAIM_FIELDS = tuple(field for field in Claim.__dataclass_fields__)
_CLAIM_COLUMNS = ", ".join(f'claims."{name}"' for name in CLAIM_FIELDS)
_ARTICLE_COLUMNS = "articles.url, articles.outlet, articles.published"

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


class ClaimStore:
    """Open with :meth:`open` (read-write, creates the file) or :meth:`open_readonly`."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path

    # Opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> ClaimStore:
        """Open ``path`` for writing, creating it and bringing its schema up to date."""
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
        store = cls(Database(connect_readonly(path)), path)
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
        text_print = fingerprint(article.text)  # computed before taking the write lock
        claim_rows = [claim.to_dict() for claim in claims]  # so is every claim's row
        with self._write():
            if source:
                self._ensure_source(source)
            adopted = self._adopt_file_copy(article)
            current = self.db.execute(
                "SELECT id, content_hash, version, extractor_version FROM articles WHERE url = ?",
                [article.url],
            ).fetchone()
            if current is None:
                article_id = self._insert_article(article, source, extractor_version, text_print)
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
                    self._update_article(article_id, version, article, extractor_version, text_print)
                self.db.execute(
                    "UPDATE claims SET superseded = 1 WHERE article_id = ? AND superseded = 0",
                    [article_id],
                )
            self._insert_claims(article_id, version, claim_rows, extractor_version)
            # Only a new text can make a new republication link.
            original = self._original_of(article_id) if status == "reextracted" else self._link_republications(article_id)
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

    def _link_republications(self, article_id: int) -> int | None:
        """Link ``article_id`` and its near-duplicates to the earliest published of them."""
        own_print, *own_bands = self.db.execute(
            "SELECT fingerprint, " + ", ".join(f"fp_band{i}" for i in range(FINGERPRINT_BANDS))
            + " FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if own_print is None:
            return None
        probes = " UNION ".join(
            f"SELECT id, fingerprint, original_id FROM articles WHERE fp_band{i} IN (SELECT value FROM json_each(?))"
            for i in range(FINGERPRINT_BANDS)
        )
        candidates = self.db.execute(probes, [json.dumps(band_neighbours(band)) for band in own_bands]).fetchall()
        roots = {original or other for other, other_print, original in candidates
                 if other != article_id and is_near_duplicate(own_print, other_print)}
        if not roots:
            return self._original_of(article_id)
        roots.add(article_id)
        marks = ", ".join("?" * len(roots))
        cluster = self.db.execute(
            f"SELECT id, published, url LIKE 'file:%' FROM articles WHERE id IN ({marks}) OR original_id IN ({marks})",
            [*roots, *roots],
        ).fetchall()
        # A copy on disk (a file:// URL) is never the original of the page on the web.
        original = min(cluster, key=lambda row: (row[2], row[1] is None, row[1] or "", row[0]))[0]
        members = [row[0] for row in cluster]
        self.db.execute(
            f"UPDATE articles SET original_id = CASE WHEN id = ? THEN NULL ELSE ? END "
            f"WHERE id IN ({', '.join('?' * len(members))})",
            [original, original, *members],
        )
        return None if original == article_id else original

    def start_crawl(self, source: str) -> int:
        """Open a ``crawl_runs`` row for ``source``; close it with :meth:`finish_crawl`."""
        with self._write():
            self._ensure_source(source)
            return self.db["crawl_runs"].insert({"source": source, "started": _now(), "status": "running"}).last_pk

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
    ) -> None:
        if status not in CRAWL_STATUSES:
            raise InvalidRecord(f"crawl status {status!r} is not one of {', '.join(CRAWL_STATUSES)}")
        with self._write():
            self.db["crawl_runs"].update(
                run_id,
                {"finished": _now(), "status": status, "pages": pages, "articles_new": articles_new,
                 "articles_changed": articles_changed, "claims_new": claims_new, "errors": errors,
                 "error": error},
            )

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
        return [row[0] for row in self.db.execute("SELECT DISTINCT metric FROM claims ORDER BY metric")]

    def check_metric(self, metric: str) -> None:
        """Raise UnknownMetric when no claim has ``metric``, with the metrics nearest to it (by
        key, or by the words claims used for them), else the most frequent ones."""
        if self.db.execute("SELECT 1 FROM claims WHERE metric = ? LIMIT 1", [metric]).fetchone():
            return
        aliases: dict[str, set[str]] = {}
        counts: dict[str, int] = {}
        for key, text, count in self.db.execute(
            "SELECT metric, metric_text, count(*) FROM claims GROUP BY metric, metric_text"
        ):
            aliases.setdefault(key, set()).update([text] if text else [])
            counts[key] = counts.get(key, 0) + count
        frequent = sorted(counts, key=lambda key: (-counts[key], key))
        raise UnknownMetric(metric, nearest_names(metric, aliases), known=frequent)

    def check_source(self, source: str) -> None:
        """Raise UnknownSource, with the nearest or all known sources, when no source is named ``source``."""
        known = [row[0] for row in self.db.execute(
            "SELECT name FROM sources UNION SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1")]
        if source not in known:
            raise UnknownSource(source, nearest_names(source, {name: () for name in known}), known=known)

    def claims(
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
    ) -> list[dict[str, Any]]:
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
        if since is not None:
            where.append("articles.published >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("articles.published < ?")
            params.append((until + timedelta(days=1)).isoformat())
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
        return [_claim_record(row) for row in self.db.query(sql, params)]

    def history(self, metric: str, *, geo: str | None = None, include_superseded: bool = False) -> list[Observation]:
        """Every observation of ``metric`` by period then publication time, with revisions
        and discrepancies marked (see store/history.py)."""
        self.check_metric(metric)
        where, params = ["claims.metric = ?"], [metric]
        if geo is not None:
            where.append("claims.geo = ?")
            params.append(geo)
        if not include_superseded:
            where.append("claims.superseded = 0")
        rows = self.db.query(
            f"SELECT claims.id AS claim_id, claims.article_id, claims.superseded, {_CLAIM_COLUMNS}, "
            f"{_ARTICLE_COLUMNS}, originals.url AS original_url FROM claims "
            "JOIN articles ON articles.id = claims.article_id "
            "LEFT JOIN articles AS originals ON originals.id = articles.original_id "
            f"WHERE {' AND '.join(where)}",
            params,
        )
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
            for row in rows
        ]
        if geo is not None and not observations:
            geos = [row[0] for row in self.db.execute("SELECT DISTINCT geo FROM claims WHERE metric = ?", [metric])]
            raise StoreError(f"no {metric} claims for geo {geo!r}; its claims are about {', '.join(geos)}")
        return mark_history(observations)

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
        where, params = [], []
        if long_terms:
            where.append(f"{fts} MATCH ?")
            params.append(" ".join('"' + term.replace('"', '""') + '"' for term in long_terms))
        for term in terms:
            if len(term) < 3:
                like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                where.append("(" + " OR ".join(f"{fts}.{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
                params.extend([like] * len(columns))
        order = "rank" if long_terms else f"{table}.id DESC"
        if target == "articles":
            select = f"SELECT {_ARTICLE_COLUMNS}, articles.title, articles.text"
            joins = "JOIN articles ON articles.id = articles_fts.rowid"
        else:
            select = f"SELECT {_CLAIM_COLUMNS}, {_ARTICLE_COLUMNS}"
            joins = "JOIN claims ON claims.id = claims_fts.rowid JOIN articles ON articles.id = claims.article_id"
            where.append("claims.superseded = 0")
        sql = f"{select} FROM {fts} {joins} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {int(limit)}"
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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
