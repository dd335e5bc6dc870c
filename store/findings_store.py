"""Keeping the ``findings`` and ``finding_claims`` tables current (the SQL of findings).

A scope is one metric, geo and period. Recording an article recomputes the scopes its
claims (current and superseded) fall in, and those of any article that became or stopped
being a republication meanwhile, plus the next year's scope where that one holds a growth
rate (which reads this year's levels); the detectors of store/findings.py run over each
scope's current claims and the result is reconciled with the stored findings: new ones are
inserted, changed ones updated, and open ones that no longer hold are closed, never
deleted. All of it runs inside the caller's write transaction. :func:`rebuild` recomputes
every scope the same way, so it gives what recording article by article gave.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from extractors.records import Claim
from store.filters import date_range

_CLAIM_FIELDS = tuple(Claim.__dataclass_fields__)   # CLAIMS.md's fields, in its order

if TYPE_CHECKING:
    from sqlite_utils import Database

    from store.findings import Finding, Statement

Scope = tuple[str, str, str]   # metric, geo, period
OPEN = "open"
CHUNK = 250                    # scopes per statement (three parameters each, far below SQLite's limit)

_STATEMENT_COLUMNS = (
    'claims.id, claims.article_id, claims.text, claims.start, claims."end", claims.value, claims.low, '
    "claims.high, claims.unit, claims.qualifier, claims.kind, claims.metric, claims.geo, claims.period, "
    "claims.modality, claims.attribution, articles.url, articles.outlet, articles.published, "
    "articles.fetched, articles.original_id IS NOT NULL"
)
_YEAR = re.compile(r"\d{4}")


def shift_period(period: str, years: int) -> str:
    """The same period ``years`` later: "2025" -> "2024" for -1, "2025-01/2025-11" ->
    "2024-01/2024-11", "2025-Q3" -> "2024-Q3"."""
    return _YEAR.sub(lambda match: str(int(match.group()) + years), period)


def watch_relinking(db: Database) -> None:
    """Note, for :func:`refresh_article`, every article that becomes a republication or stops
    being one while an article is recorded (a temporary trigger of this connection): only
    their claims change which figures count, however large their cluster."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS relinked_articles (id INTEGER PRIMARY KEY)")
    db.execute(
        "CREATE TEMP TRIGGER IF NOT EXISTS articles_relinked AFTER UPDATE OF original_id ON main.articles "
        "WHEN (old.original_id IS NULL) <> (new.original_id IS NULL) "
        "BEGIN INSERT OR IGNORE INTO relinked_articles (id) VALUES (new.id); END"
    )


def refresh_article(db: Database, article_id: int, now: str) -> None:
    """Bring up to date the findings an article's recording may have changed: those of the
    scopes its claims (current and superseded) fall in, and those of the articles that
    became or stopped being republications meanwhile (see :func:`watch_relinking`)."""
    articles = {article_id}
    if db.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'relinked_articles'").fetchone():
        articles.update(row[0] for row in db.execute("SELECT id FROM temp.relinked_articles"))
        db.execute("DELETE FROM temp.relinked_articles")
    rows = db.execute(
        "SELECT claims.metric, claims.geo, claims.period, max(claims.kind = 'level') FROM claims "
        f"WHERE claims.period IS NOT NULL AND claims.article_id IN ({', '.join('?' * len(articles))}) "
        "GROUP BY claims.metric, claims.geo, claims.period",
        sorted(articles),
    ).fetchall()
    refresh(db, {row[:3] for row in rows}, now, levels_in={row[:3] for row in rows if row[3]})


def refresh(db: Database, scopes: Iterable[Scope], now: str, *, levels_in: Iterable[Scope] = (),
            rewrite: bool = False) -> None:
    """Recompute the findings of ``scopes``, and of the following year's scopes that hold a
    growth rate for those of ``levels_in`` (a rate reads the year before's levels), and
    reconcile the stored ones; ``rewrite`` also rewrites the words of findings whose claims
    did not change (after a change of code)."""
    recompute = set(scopes)
    if not recompute:
        return
    following = {(metric, geo, shift_period(period, 1)) for metric, geo, period in levels_in}
    recompute |= following & _scopes_with_growth(db, following)
    growing = _scopes_with_growth(db, recompute)
    year_before = {scope: (scope[0], scope[1], shift_period(scope[2], -1)) for scope in growing}
    # The detectors load here, not with this module: history and the findings listing read the
    # findings table without them (a tenth of a query's start-up).
    from store.findings import detect_findings

    statements = _statements(db, recompute)
    statements.update(_statements(db, set(year_before.values()) - recompute, levels_only=True))
    computed = []
    for scope in recompute:
        before = statements.get(year_before[scope], ()) if scope in year_before else ()
        computed.extend(detect_findings(statements.get(scope, ()), before))
    _reconcile(db, recompute, computed, now, rewrite)


def rebuild(db: Database, now: str, progress: Callable[[int, int], None] | None = None,
            *, write: Callable[[], Any] | None = None) -> int:
    """Recompute every scope, ``CHUNK`` at a time (each in its own ``write()`` transaction
    when given); returns the number of open findings."""
    scopes = sorted(set(db.execute(
        "SELECT DISTINCT metric, geo, period FROM claims WHERE period IS NOT NULL "
        "UNION SELECT metric, geo, period FROM findings"
    ).fetchall()))
    for done in range(0, len(scopes), CHUNK):
        chunk = scopes[done: done + CHUNK]
        if write is None:
            refresh(db, chunk, now, rewrite=True)
        else:
            with write():
                refresh(db, chunk, now, rewrite=True)
        if progress:
            progress(min(done + CHUNK, len(scopes)), len(scopes))
    if progress and not scopes:
        progress(0, 0)
    return db.execute("SELECT count(*) FROM findings WHERE status = 'open'").fetchone()[0]


def _in_scopes(scopes: Sequence[Scope]) -> tuple[str, list[str]]:
    values = ", ".join("(?, ?, ?)" for _ in scopes)
    return f"WITH scope(metric, geo, period) AS (VALUES {values}) ", [part for scope in scopes for part in scope]


def _chunks(scopes: Iterable[Scope]) -> Iterator[list[Scope]]:
    scopes = sorted(scopes)
    for start in range(0, len(scopes), CHUNK):
        yield scopes[start: start + CHUNK]


def _scopes_with_growth(db: Database, scopes: Iterable[Scope]) -> set[Scope]:
    found: set[Scope] = set()
    for chunk in _chunks(scopes):
        prefix, params = _in_scopes(chunk)
        found.update(db.execute(
            prefix + "SELECT DISTINCT scope.metric, scope.geo, scope.period FROM scope JOIN claims "
            "ON claims.metric = scope.metric AND claims.geo = scope.geo AND claims.period = scope.period "
            "WHERE claims.kind = 'growth' AND claims.superseded = 0",
            params,
        ).fetchall())
    return found


def _statements(db: Database, scopes: Iterable[Scope], *, levels_only: bool = False) -> dict[Scope, list[Statement]]:
    from store.findings import Statement

    by_scope: dict[Scope, list[Statement]] = defaultdict(list)
    for chunk in _chunks(scopes):
        prefix, params = _in_scopes(chunk)
        rows = db.execute(
            prefix + f"SELECT {_STATEMENT_COLUMNS} FROM scope JOIN claims ON claims.metric = scope.metric "
            "AND claims.geo = scope.geo AND claims.period = scope.period "
            "JOIN articles ON articles.id = claims.article_id WHERE claims.superseded = 0"
            + (" AND claims.kind = 'level'" if levels_only else ""),
            params,
        )
        for row in rows:
            by_scope[(row[11], row[12], row[13])].append(Statement.from_row((*row, False)))
    if not levels_only:
        _mark_headlines(db, by_scope)
    return by_scope


def _mark_headlines(db: Database, by_scope: dict[Scope, list[Statement]]) -> None:
    """Set ``headline`` on the statements that stand in their article's title (as the title
    appears in the text). Only articles with two figures in one series can contradict their
    headline, so only their texts are searched."""
    counts: dict[tuple, int] = defaultdict(int)
    for statements in by_scope.values():
        for statement in statements:
            counts[(statement.article_id, statement.series)] += 1
    candidates = sorted({article_id for (article_id, _), count in counts.items() if count > 1})
    titles: dict[int, tuple[int, int]] = {}
    for start in range(0, len(candidates), 500):
        chunk = candidates[start: start + 500]
        for article_id, at, length in db.execute(
            "SELECT id, instr(text, title) - 1, length(title) FROM articles WHERE title IS NOT NULL AND title != '' "
            f"AND instr(text, title) > 0 AND id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            titles[article_id] = (at, at + length)
    if not titles:
        return
    for statements in by_scope.values():
        for index, statement in enumerate(statements):
            span = titles.get(statement.article_id)
            if span and span[0] <= statement.start and statement.end <= span[1]:
                statements[index] = statement._replace(headline=True)


def _reconcile(db: Database, scopes: set[Scope], computed: list[Finding], now: str, rewrite: bool) -> None:
    stored: dict[str, tuple] = {}
    for chunk in _chunks(scopes):
        prefix, params = _in_scopes(chunk)
        for row in db.execute(
            prefix + "SELECT findings.key, findings.id, findings.status, findings.first_seen, findings.evidence, "
            "findings.explanation, findings.size, findings.details FROM scope JOIN findings "
            "ON findings.metric = scope.metric AND findings.geo = scope.geo AND findings.period = scope.period",
            params,
        ):
            stored[row[0]] = row[1:]
    for finding in computed:
        evidence = _evidence(finding.claims)
        row = stored.pop(finding.key, None)
        if row is None:
            finding.resolve()
            finding_id = db.execute(
                "INSERT INTO findings (key, type, metric, geo, period, explanation, size, first_seen, status, "
                "closed, details, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, ?, ?)",
                [finding.key, finding.type, finding.metric, finding.geo, finding.period, finding.explanation,
                 finding.size, finding.first_seen, _json(finding.details), evidence],
            ).lastrowid
            _link(db, finding_id, finding.claims.items())
            continue
        finding_id, status, first_seen, old_evidence, *words = row
        # Words follow from the claims linked: unchanged claims, unchanged words.
        if (status, first_seen, old_evidence) == (OPEN, finding.first_seen, evidence) and not rewrite:
            continue
        finding.resolve()
        if (status, first_seen, old_evidence, *words) != (OPEN, finding.first_seen, evidence, finding.explanation,
                                                          finding.size, _json(finding.details)):
            db.execute(
                "UPDATE findings SET status = 'open', closed = NULL, explanation = ?, size = ?, first_seen = ?, "
                "details = ?, evidence = ? WHERE id = ?",
                [finding.explanation, finding.size, finding.first_seen, _json(finding.details), evidence, finding_id],
            )
        if old_evidence != evidence:
            old_links = _parse_evidence(old_evidence)
            db.conn.executemany("DELETE FROM finding_claims WHERE finding_id = ? AND claim_id = ?",
                                [(finding_id, claim_id) for claim_id in old_links if claim_id not in finding.claims])
            _link(db, finding_id, [(c, role) for c, role in finding.claims.items() if old_links.get(c) != role])
    closing = [row[0] for row in stored.values() if row[1] == OPEN]
    db.conn.executemany("UPDATE findings SET status = 'closed', closed = ? WHERE id = ?",
                        [(now, finding_id) for finding_id in closing])


def _evidence(claims: dict[int, str]) -> str:
    """The claims a finding rests on, as findings.evidence holds them: "12:earlier 15:later"."""
    return " ".join(f"{claim_id}:{role}" for claim_id, role in sorted(claims.items()))


def _parse_evidence(evidence: str | None) -> dict[int, str]:
    pairs = (item.split(":", 1) for item in (evidence or "").split())
    return {int(claim_id): role for claim_id, role in pairs}


def _json(details: dict[str, Any]) -> str:
    return json.dumps(details, ensure_ascii=False, sort_keys=True)


def _link(db: Database, finding_id: int, claims: Iterable[tuple[int, str]]) -> None:
    db.conn.executemany(
        "INSERT OR REPLACE INTO finding_claims (finding_id, claim_id, role) VALUES (?, ?, ?)",
        [(finding_id, claim_id, role) for claim_id, role in claims],
    )


# Reading -----------------------------------------------------------------------------------


def query_findings(
    db: Database,
    claim_columns: str,
    *,
    type: str | None = None,
    metric: str | None = None,
    since: date | None = None,
    until: date | None = None,
    open_only: bool = False,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Findings newest first (by ``first_seen``), each with its claims and their articles."""
    where, params = [], []
    for column, value in (("type", type), ("metric", metric)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    dates, date_params = date_range("first_seen", since, until)
    where += dates
    params += date_params
    if open_only:
        where.append("status = 'open'")
    rows = list(db.query(
        "SELECT id, type, status, metric, geo, period, explanation, size, first_seen, closed, details FROM findings"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY first_seen DESC, id DESC"
        + (f" LIMIT {int(limit)}" if limit is not None else ""),
        params,
    ))
    claims = _claims_of(db, claim_columns, [row["id"] for row in rows])
    return [{**row, "details": json.loads(row["details"] or "{}"), "claims": claims.get(row["id"], [])} for row in rows]


def _claims_of(db: Database, claim_columns: str, finding_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(finding_ids), 500):
        chunk = finding_ids[start: start + 500]
        for row in db.query(
            f"SELECT finding_claims.finding_id, finding_claims.role, claims.id AS claim_id, {claim_columns}, "
            "articles.url, articles.outlet, articles.published FROM finding_claims "
            "JOIN claims ON claims.id = finding_claims.claim_id JOIN articles ON articles.id = claims.article_id "
            f"WHERE finding_claims.finding_id IN ({', '.join('?' * len(chunk))}) "
            "ORDER BY articles.published IS NULL, articles.published, articles.url, claims.start",
            chunk,
        ):
            found[row["finding_id"]].append({
                "claim_id": row["claim_id"], "role": row["role"], **{name: row[name] for name in _CLAIM_FIELDS},
                **{name: _number(row[name]) for name in ("value", "low", "high")},
                "url": row["url"], "outlet": row["outlet"], "published": row["published"],
            })
    return found


def _number(stored: float | int | None) -> float | int | None:
    """A stored number as Claim.to_dict writes it: whole numbers as ints."""
    return int(stored) if isinstance(stored, float) and stored.is_integer() else stored


def open_findings_of_claims(db: Database, claim_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The open findings each claim takes part in: id, type, explanation."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start: start + 500]
        for claim_id, finding_id, kind, explanation in db.execute(
            "SELECT finding_claims.claim_id, findings.id, findings.type, findings.explanation FROM finding_claims "
            "JOIN findings ON findings.id = finding_claims.finding_id "
            f"WHERE findings.status = 'open' AND finding_claims.claim_id IN ({', '.join('?' * len(chunk))}) "
            "ORDER BY findings.id",
            chunk,
        ):
            found[claim_id].append({"id": finding_id, "type": kind, "explanation": explanation})
    return found
