"""What the store first recorded in a window of time: the queries behind the daily digest.

A window is a pair of UTC instants (the digest turns a calendar day in its time zone into
one; across a DST change the day has 23 or 25 hours). Times in the database are UTC ISO
strings of one format (``2026-12-05T07:30:00+00:00``), so they compare as text.

"First recorded" is read off ``article_versions``: version 1 fetched in the window is a new
article, a later version a changed one. A new reading of an unchanged text by newer claim
rules is not news and is left out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the query path runs without importing sqlite-utils (and numpy)
    from sqlite_utils import Database


def utc_text(moment: datetime) -> str:
    """The database's form of an instant."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


# What the digest shows of an article, and whether it republishes another.
_ARTICLE_FIELDS = """articles.id, articles.url, articles.title, articles.outlet, articles.source,
       articles.lang, articles.published, articles.original_id, originals.url AS original_url"""
_ORIGINALS = "LEFT JOIN articles AS originals ON originals.id = articles.original_id"


def recorded_articles(db: Database, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Articles with a version first recorded in [start, end), oldest first: the article's
    current fields, the version's number and fetch time, and whether it republishes another."""
    return list(db.query(
        f"""
        SELECT {_ARTICLE_FIELDS}, article_versions.version, article_versions.fetched
        FROM article_versions JOIN articles ON articles.id = article_versions.article_id {_ORIGINALS}
        WHERE article_versions.fetched >= ? AND article_versions.fetched < ?
        ORDER BY article_versions.fetched, articles.id
        """,
        [utc_text(start), utc_text(end)],
    ))


def published_articles(db: Database, day: str) -> list[dict[str, Any]]:
    """Current articles whose stated publication date is ``day`` (YYYY-MM-DD, as the page
    states it, in the site's own time zone), with the same fields as ``recorded_articles``."""
    return list(db.query(
        f"""
        SELECT {_ARTICLE_FIELDS}, articles.version, articles.fetched
        FROM articles {_ORIGINALS}
        WHERE substr(articles.published, 1, 10) = ?
        ORDER BY articles.published, articles.id
        """,
        [day],
    ))


def publication_days(db: Database) -> list[str]:
    """Every date (YYYY-MM-DD) on which a stored article says it was published, oldest first."""
    return [row[0] for row in db.execute(
        "SELECT DISTINCT substr(published, 1, 10) FROM articles WHERE published IS NOT NULL ORDER BY 1"
    )]


def claims_of_versions(db: Database, versions: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """The claims read from each (article id, version), in text order: the latest reading of
    that version (an unchanged text re-read by newer rules keeps one set of figures)."""
    claims: list[dict[str, Any]] = []
    for article_id, version in versions:
        claims.extend(db.query(
            """
            SELECT claims.id, claims.article_id, claims.text, claims.value, claims.low, claims.high,
                   claims.unit, claims.qualifier, claims.kind, claims.metric, claims.metric_text,
                   claims.geo, claims.period, claims.modality, claims.attribution, claims.sentence
            FROM claims
            WHERE claims.article_id = :article AND claims.article_version = :version
              AND claims.extractor_version IS (
                  SELECT latest.extractor_version FROM claims AS latest
                  WHERE latest.article_id = :article AND latest.article_version = :version
                  ORDER BY latest.id DESC LIMIT 1)
            ORDER BY claims.start, claims.id
            """,
            {"article": article_id, "version": version},
        ))
    return claims


def crawl_runs(db: Database, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Crawl runs started in [start, end), per source in start order."""
    return list(db.query(
        "SELECT * FROM crawl_runs WHERE started >= ? AND started < ? ORDER BY source, started, id",
        [utc_text(start), utc_text(end)],
    ))


def last_article_times(db: Database, before: datetime) -> dict[str, str]:
    """Per source, when it last gave a new article before ``before`` (the first version's
    fetch time)."""
    return dict(db.execute(
        """
        SELECT articles.source, max(article_versions.fetched)
        FROM article_versions JOIN articles ON articles.id = article_versions.article_id
        WHERE article_versions.version = 1 AND articles.source IS NOT NULL
          AND article_versions.fetched < ?
        GROUP BY articles.source
        """,
        [utc_text(before)],
    ).fetchall())


def first_recorded(db: Database) -> str | None:
    """When the store recorded its first article version, or None for an empty store."""
    return db.execute("SELECT min(fetched) FROM article_versions").fetchone()[0]
