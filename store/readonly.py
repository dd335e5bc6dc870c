"""User SQL, run the way Datasette runs it: read-only, one statement, within a time limit.

Three locks, each enough alone for some cases: the connection is opened ``?mode=ro``; the
statement must start with SELECT or WITH and be a single statement; an authorizer refuses
anything but reading (``WITH ... DELETE``, ATTACH, pragmas that write). A progress handler stops
a query that runs past the time limit.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from store.errors import QueryRejected, QueryTimeout, StoreError

_LEADING_NOISE = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.DOTALL)
_ALLOWED_ACTIONS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
}
# Pragmas that only read, whatever their argument: FTS5 asks for data_version, and users may
# inspect the schema through pragma_table_info() and friends.
_READ_PRAGMAS = {
    "data_version", "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
    "foreign_key_list", "function_list", "module_list", "pragma_list", "collation_list", "database_list",
}
# Steps of the SQLite virtual machine between two looks at the clock.
_PROGRESS_STEPS = 1000


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def run_readonly_query(
    path: str | Path, sql: str, params: Sequence[Any] = (), *, time_limit: float
) -> tuple[list[str], list[tuple]]:
    """Column names and rows of ``sql``; raises QueryRejected, QueryTimeout or StoreError."""
    check_read_only_sql(sql)
    conn = connect_readonly(path)
    try:
        conn.set_authorizer(_authorize)
        deadline = time.monotonic() + time_limit
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
        try:
            cursor = conn.execute(sql, params)
            rows = cursor.fetchall()
        except sqlite3.ProgrammingError as error:
            raise QueryRejected(f"only one SQL statement at a time ({error})") from error
        except sqlite3.DatabaseError as error:
            if time.monotonic() > deadline and "interrupt" in str(error):
                raise QueryTimeout(time_limit) from error
            if "not authorized" in str(error):
                raise QueryRejected("only read-only queries are allowed (SELECT or WITH)") from error
            raise StoreError(f"SQL error: {error}") from error
        return [column[0] for column in cursor.description or ()], rows
    finally:
        conn.close()


def check_read_only_sql(sql: str) -> None:
    body = _LEADING_NOISE.sub("", sql)
    keyword = re.match(r"[A-Za-z]*", body).group(0).upper()
    if keyword not in ("SELECT", "WITH"):
        shown = keyword or body[:20] or "nothing"
        raise QueryRejected(f"only SELECT or WITH queries are allowed, not {shown}")


def _authorize(action: int, name: str | None, *_args: object) -> int:
    if action in _ALLOWED_ACTIONS or (action == sqlite3.SQLITE_PRAGMA and name in _READ_PRAGMAS):
        return sqlite3.SQLITE_OK
    # FTS5 declares its virtual table through an internal UPDATE of sqlite_master when it
    # connects; nothing is written (the connection is read-only anyway).
    if action == sqlite3.SQLITE_UPDATE and name == "sqlite_master":
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY
