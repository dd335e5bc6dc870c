"""Views for people who read the database with SQL or Datasette rather than the CLI.

Each view is named here with its SELECT; a migration in ``store/schema.py`` creates it with
:func:`replace_view`. A view added later is one more entry in ``VIEWS`` and a migration that calls ``replace_view(db, name)``; a view
whose SELECT changes needs a new migration too, since applied migrations never run again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the query path runs without importing sqlite-utils (and numpy)
    from sqlite_utils import Database

# A series is what store/history.py compares within (metric, geo, period, kind, unit,
# modality); its current figure is the newest current claim of it, dated releases before
# undated ones. Republications are the same release as their original and never stand for it.
CURRENT_FIGURES = """
SELECT metric, geo, period, kind, unit, modality, text, value, low, high, qualifier,
       organisation, attribution, url, outlet, published, source, claim_id, article_id,
       observations, first_published
FROM (
    SELECT claims.metric, claims.geo, claims.period, claims.kind, claims.unit, claims.modality,
           claims.text, claims.value, claims.low, claims.high, claims.qualifier,
           coalesce(claims.attribution, articles.outlet) AS organisation, claims.attribution,
           articles.url, articles.outlet, articles.published, articles.source,
           claims.id AS claim_id, claims.article_id,
           row_number() OVER newest_first AS position,
           count(*) OVER series AS observations,
           min(articles.published) OVER series AS first_published
    FROM claims JOIN articles ON articles.id = claims.article_id
    WHERE claims.superseded = 0 AND articles.original_id IS NULL
    WINDOW series AS (PARTITION BY claims.metric, claims.geo, claims.period, claims.kind,
                                   claims.unit, claims.modality),
           newest_first AS (series ORDER BY articles.published IS NULL, articles.published DESC,
                                            claims.id DESC)
)
WHERE position = 1
"""

# The findings that still hold, with how many claims each rests on and the articles those
# come from (space-separated URLs, oldest publication first): what a reader checks first.
OPEN_FINDINGS = """
SELECT findings.id, findings.type, findings.metric, findings.geo, findings.period,
       findings.explanation, findings.size, findings.first_seen,
       (SELECT count(*) FROM finding_claims WHERE finding_claims.finding_id = findings.id) AS claims,
       (SELECT group_concat(url, ' ') FROM (
            SELECT DISTINCT articles.url FROM finding_claims
            JOIN claims ON claims.id = finding_claims.claim_id
            JOIN articles ON articles.id = claims.article_id
            WHERE finding_claims.finding_id = findings.id
            ORDER BY articles.published, articles.url)) AS urls
FROM findings
WHERE findings.status = 'open'
"""

VIEWS: dict[str, str] = {
    "current_figures": CURRENT_FIGURES,
    "open_findings": OPEN_FINDINGS,
}


def replace_view(db: Database, name: str) -> None:
    """(Re)create the view ``name`` from ``VIEWS``; run inside a migration."""
    db.execute(f'DROP VIEW IF EXISTS "{name}"')
    db.execute(f'CREATE VIEW "{name}" AS {VIEWS[name]}')
