"""What can go wrong opening or querying the store, each with a message fit for one line."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: the message is shown to the user as it is."""


class DatabaseMissing(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"database {path} does not exist (record articles with `claimtrack ingest` first, or pass --db)")


class NotSQLite(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"{path} is not an SQLite database")


class NotClaimtrackDatabase(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"{path} is an SQLite database but not a claimtrack one (no claimtrack schema)")


class UnknownMetric(StoreError):
    def __init__(self, metric: str, suggestions: list[str], known: list[str] = ()) -> None:
        super().__init__(f"unknown metric {metric!r}{_hint(suggestions, known, 'metrics', 'no claims are recorded yet')}")
        self.suggestions = suggestions


class UnknownSource(StoreError):
    def __init__(self, source: str, suggestions: list[str], known: list[str] = ()) -> None:
        super().__init__(f"unknown source {source!r}{_hint(suggestions, known, 'sources', 'no sources are recorded yet')}")
        self.suggestions = suggestions


def _hint(suggestions: list[str], known: list[str], what: str, none: str, shown: int = 8) -> str:
    """"; did you mean a, b?", else "; known <what>: a, b, c (and 5 more)", else "; <none>"."""
    if suggestions:
        return f"; did you mean {', '.join(suggestions)}?"
    if not known:
        return f"; {none}"
    more = f" (and {len(known) - shown} more)" if len(known) > shown else ""
    return f"; known {what}: {', '.join(known[:shown])}{more}"


class InvalidRecord(StoreError):
    """An article or claim that cannot be stored as given; nothing of it is written."""


class QueryRejected(StoreError):
    """User SQL that is not a single read-only statement."""


class QueryTimeout(StoreError):
    def __init__(self, seconds: float, *, output: bool = False) -> None:
        included = " (its output included)" if output else ""
        super().__init__(f"query interrupted after the {seconds:g} s time limit{included}")


class QueryTooLarge(StoreError):
    """User SQL whose text or result is over the caps that bound memory."""


class DatabaseDamaged(StoreError):
    def __init__(self, path: object, problem: str) -> None:
        problem = " ".join(problem.split())
        problem = problem if len(problem) <= 160 else problem[:159] + "…"
        super().__init__(f"{path} is damaged (quick_check: {problem}); restore it from a backup, or save what is "
                         f"readable with: sqlite3 {path} .recover")


class DatabaseLocked(StoreError):
    def __init__(self, path: object, holder: str | None, waited_ms: int | None = None) -> None:
        waited = f" (waited {waited_ms / 1000:g} s)" if waited_ms else ""
        super().__init__(f"{path} is locked by {holder or 'another process'}{waited}; try again when it has finished")


class DatabaseNotWritable(StoreError):
    def __init__(self, path: object, why: str) -> None:
        super().__init__(f"cannot write {path}: {why}")
