"""The claims database: SQLite through sqlite-utils. All SQL of the project lives here."""

from store.claimstore import ClaimStore, RecordResult
from store.errors import (
    DatabaseMissing,
    InvalidRecord,
    NotClaimtrackDatabase,
    NotSQLite,
    QueryRejected,
    QueryTimeout,
    StoreError,
    UnknownMetric,
    UnknownSource,
)
from store.history import Observation

__all__ = [
    "ClaimStore",
    "DatabaseMissing",
    "InvalidRecord",
    "NotClaimtrackDatabase",
    "NotSQLite",
    "Observation",
    "QueryRejected",
    "QueryTimeout",
    "RecordResult",
    "StoreError",
    "UnknownMetric",
    "UnknownSource",
]
