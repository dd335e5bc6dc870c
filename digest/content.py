"""The content of one day's digest, as plain data: the JSON file, and what the Markdown and
HTML files are rendered from.

Most important first: the day's findings, then the new figures by metric (with the article
they came from), the charts of metrics that moved, new articles per source, and the health
of every source. Everything is read as the store stood at the end of the day, so that
writing a past day's digest again gives the same content.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from config.defaults import DIGEST_SILENT_DAYS
from digest.labels import metric_label
from digest.window import day_window
from store import ClaimStore
from store.activity import utc_text

# The order findings are listed in: what a reader most needs to know first.
FINDING_ORDER = ("revision", "discrepancy", "growth_mismatch", "conversion_mismatch", "internal",
                 "forecast_outcome", "new_high")
# Health values that need a reader's attention.
PROBLEM_HEALTH = ("blocked", "failing", "degraded")


# What a day's digest is about: what the store first recorded that day (the daemon's daily
# digest), or what was published that day (a history crawled at once, like the demo's).
BASES = ("recorded", "published")


def build_digest(store: ClaimStore, day: date, timezone: str, *, sources: Any = (), basis: str = "recorded",
                 silent_days: int = DIGEST_SILENT_DAYS) -> dict[str, Any]:
    """The digest of ``day`` in ``timezone`` (a JSON-ready dict); ``sources`` are the
    configured sources, so that one never crawled still shows in the health table."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    start, end = day_window(day, timezone)
    if basis == "recorded":
        recorded = store.recorded_articles(start, end)
        findings = _findings(store, start, end)
        health = _source_health(store, start, end, sources, silent_days)
    else:
        recorded = store.published_articles(day)
        findings = _findings_published_on(store, day)
        health = []
    claims = store.claims_of_versions([(row["id"], row["version"]) for row in recorded])
    articles_by_id = {row["id"]: row for row in recorded}
    metrics = _figures_by_metric(claims, articles_by_id)
    return {
        "date": day.isoformat(),
        "basis": basis,
        "timezone": timezone,
        "window": {"start": utc_text(start), "end": utc_text(end),
                   "hours": round((end - start).total_seconds() / 3600)},
        "summary": {
            "articles_new": sum(1 for row in recorded if row["version"] == 1),
            "articles_changed": sum(1 for row in recorded if row["version"] > 1),
            "figures": len(claims),
            "findings": len(findings),
            "metrics": len(metrics),
        },
        "findings": findings,
        "metrics": metrics,
        "articles": _articles_by_source(recorded, claims),
        "sources": health,
    }


def is_quiet(content: dict[str, Any]) -> bool:
    """A day on which the store recorded nothing new."""
    summary = content["summary"]
    return not (summary["articles_new"] or summary["articles_changed"] or summary["findings"])


def _findings(store: ClaimStore, start: datetime, end: datetime) -> list[dict[str, Any]]:
    # The store filters by UTC date; the day's window is narrower at both ends.
    low, high = utc_text(start), utc_text(end)
    found = store.findings(since=start.date(), until=end.date())
    return _ranked([finding for finding in found if low <= (finding["first_seen"] or "") < high])


def _findings_published_on(store: ClaimStore, day: date) -> list[dict[str, Any]]:
    """Findings that the publications of ``day`` completed: the latest publication among
    their claims is that day."""
    stamp = day.isoformat()
    found = [finding for finding in store.findings()
             if max((claim.get("published") or "")[:10] for claim in finding["claims"] or [{}]) == stamp]
    return _ranked(found)


def _ranked(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rank = {kind: index for index, kind in enumerate(FINDING_ORDER)}
    return sorted(found, key=lambda finding: (rank.get(finding["type"], len(rank)), -(finding.get("size") or 0),
                                              finding.get("metric") or "", finding.get("id") or 0))


def _figures_by_metric(claims: list[dict[str, Any]], articles: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """New figures grouped by metric, registry metrics and busier metrics first."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        article = articles[claim["article_id"]]
        grouped[claim["metric"]].append({
            "claim_id": claim["id"],
            "text": claim["text"],
            "value": claim["value"],
            "low": claim["low"],
            "high": claim["high"],
            "unit": claim["unit"],
            "qualifier": claim["qualifier"],
            "kind": claim["kind"],
            "metric_text": claim["metric_text"],
            "geo": claim["geo"],
            "period": claim["period"],
            "modality": claim["modality"],
            "attribution": claim["attribution"],
            "sentence": claim["sentence"],
            "article": _article_ref(article),
        })
    metrics = []
    for metric, figures in grouped.items():
        label, registered = metric_label(metric)
        metrics.append({"metric": metric, "name": label, "registered": registered, "figures": figures})
    metrics.sort(key=lambda entry: (not entry["registered"], -len(entry["figures"]), entry["metric"]))
    return metrics


def _article_ref(article: dict[str, Any]) -> dict[str, Any]:
    return {"id": article["id"], "url": article["url"], "title": article["title"], "outlet": article["outlet"],
            "source": article["source"], "published": article["published"]}


def _articles_by_source(recorded: list[dict[str, Any]], claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    claim_counts: dict[int, int] = defaultdict(int)
    for claim in claims:
        claim_counts[claim["article_id"]] += 1
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in recorded:
        by_source[row["source"] or "manual"].append({
            **_article_ref(row),
            "lang": row["lang"],
            "version": row["version"],
            "claims": claim_counts[row["id"]],
            "republication_of": row["original_url"],
        })
    return [{"source": source, "articles": rows} for source, rows in sorted(by_source.items())]


def _source_health(store: ClaimStore, start: datetime, end: datetime, configured: Any,
                   silent_days: int) -> list[dict[str, Any]]:
    """Each source's crawls of the day, its health at the end of the day, and how long it
    has been silent (no new article)."""
    runs_by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for run in store.crawl_runs_between(start, end):
        runs_by_source[run["source"]].append(run)
    last_new = store.last_article_times(before=end)
    rows = []
    for source in store.sources(configured):
        name = source["name"]
        runs = runs_by_source.get(name, [])
        last_run = runs[-1] if runs else None
        silent = _days_between(last_new.get(name), end)
        problems = []
        if last_run and last_run["status"] in ("blocked", "failed", "partial"):
            problems.append(f"last crawl {last_run['status']}" + (f": {last_run['error']}" if last_run.get("error") else ""))
        if any(_mentions_stale(run) for run in runs):
            problems.append("a feed is stale")
        if source.get("spider") and silent is not None and silent >= silent_days:
            problems.append(f"no new article for {silent} days")
        if source.get("spider") and not runs:
            problems.append("not crawled this day")
        rows.append({
            "name": name,
            "spider": source.get("spider"),
            "crawls": len(runs),
            "pages": sum(run["pages"] or 0 for run in runs),
            "articles_new": sum(run["articles_new"] or 0 for run in runs),
            "claims_new": sum(run["claims_new"] or 0 for run in runs),
            "errors": sum(run["errors"] or 0 for run in runs),
            "last_status": last_run["status"] if last_run else None,
            "last_error": last_run.get("error") if last_run else None,
            "last_new_article": last_new.get(name),
            "silent_days": silent,
            "problems": problems,
        })
    rows.sort(key=lambda row: (not row["problems"], row["name"]))
    return rows


def _mentions_stale(run: dict[str, Any]) -> bool:
    return "stale" in (run.get("error") or "").lower()


def _days_between(earlier: str | None, end: datetime) -> int | None:
    if not earlier:
        return None
    return max(0, (end - datetime.fromisoformat(earlier)).days)
