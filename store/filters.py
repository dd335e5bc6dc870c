"""WHERE clauses the listing queries share."""

from __future__ import annotations

from datetime import date, timedelta


def date_range(column: str, since: date | None, until: date | None) -> tuple[list[str], list[str]]:
    """Clauses and parameters keeping rows whose ``column`` (an ISO date or timestamp) falls on
    ``since`` or later and on ``until`` or earlier, both days whole: "until 2025-06-30" keeps
    "2025-06-30T23:59:59+08:00", so the bound is the next day, exclusive."""
    clauses, params = [], []
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append(f"{column} < ?")
        params.append((until + timedelta(days=1)).isoformat())
    return clauses, params
