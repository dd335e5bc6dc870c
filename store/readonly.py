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

from config.defaults import BUSY_TIMEOUT_MS
from store.diagnosis import SQLITE_CANTOPEN, SQLITE_ERROR, SQLITE_READONLY, explain
from store.errors import QueryRejected, QueryTimeout, StoreError

# Result codes of errors in a query rather than in the database (see _is_query_error).
SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE = 18, 19, 20, 25

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
    """A read-only connection to ``path``, which must exist.

    A WAL database needs its ``-shm`` file even to be read; in a folder this process cannot
    write, SQLite cannot create it and refuses to read. The file is then opened
    ``immutable=1`` (no locks, no -shm) when that reads the same data: when no ``-wal`` file
    holds changes not yet written back to it. Otherwise reading it here would miss them, and
    the error says so.
    """
    uri = Path(path).resolve().as_uri()
    connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        connection.close()
        if not _needs_shared_memory(error):
            raise explain(error, Path(path), busy_timeout_ms=BUSY_TIMEOUT_MS) from error
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(
                f"cannot read {path} from here: its folder is not writable and {wal.name} holds changes not yet "
                "written back to it; open it once where it can be written (or copy the folder)") from error
        connection = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    return connection


def _needs_shared_memory(error: sqlite3.DatabaseError) -> bool:
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    return code in (SQLITE_READONLY, SQLITE_CANTOPEN) or "readonly" in str(error) or "unable to open" in str(error)


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
            if not _is_query_error(error):
                raise explain(error, Path(path)) from error   # the file, not the query: damaged, locked, ...
            raise StoreError(f"SQL error: {error}") from error
        return [column[0] for column in cursor.description or ()], rows
    finally:
        conn.close()


def _is_query_error(error: sqlite3.DatabaseError) -> bool:
    """An error in the query itself (syntax, no such table, a bad function call), as opposed to
    one about the database file."""
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    return code in (SQLITE_ERROR, SQLITE_RANGE, SQLITE_MISMATCH, SQLITE_TOOBIG, SQLITE_CONSTRAINT) and \
        "malformed" not in str(error)


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
