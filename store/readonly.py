"""User SQL, run the way Datasette runs it: read-only, one statement, within a time limit.

Three locks, each enough alone for some cases: the connection is opened ``?mode=ro``; the
statement must start with SELECT or WITH and be a single statement; an authorizer refuses
anything but reading (``WITH ... DELETE``, ATTACH, pragmas that write) and every function not
on the allow-list of ``store/data/sql_functions.toml``. A progress handler stops a query that
runs past the time limit, and :func:`time_limit` extends the limit over writing the output.

Bounded memory whatever the query: SQLite's own limits (``Connection.setlimit``) refuse a
string or blob over ``SQL_MAX_LENGTH`` before making it, and the rows returned are capped in
number and in bytes.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from config.defaults import BUSY_TIMEOUT_MS, SQL_MAX_BYTES, SQL_MAX_LENGTH, SQL_MAX_QUERY_CHARS, SQL_MAX_ROWS
from store.diagnosis import SQLITE_CANTOPEN, SQLITE_ERROR, SQLITE_READONLY, explain
from store.errors import QueryRejected, QueryTimeout, QueryTooLarge, StoreError

# Result codes of errors in a query rather than in the database (see _is_query_error).
SQLITE_INTERRUPT, SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE = 9, 18, 19, 20, 25
FUNCTIONS_FILE = Path(__file__).resolve().parent / "data" / "sql_functions.toml"
# Rows fetched at a time while counting rows and bytes against the caps.
_FETCH_ROWS = 500

_LEADING_NOISE = re.compile(r"^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.DOTALL)
_ALLOWED_ACTIONS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
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
    code = _code(error)
    return code in (SQLITE_READONLY, SQLITE_CANTOPEN) or "readonly" in str(error) or "unable to open" in str(error)


def run_readonly_query(
    path: str | Path, sql: str, params: Sequence[Any] = (), *, time_limit: float,
    max_rows: int = SQL_MAX_ROWS, max_bytes: int = SQL_MAX_BYTES,
) -> tuple[list[str], list[tuple]]:
    """Column names (made unique: a second ``a`` is ``a_2``) and rows of ``sql``; raises
    QueryRejected, QueryTimeout, QueryTooLarge or StoreError."""
    check_read_only_sql(sql)
    if len(sql) > SQL_MAX_QUERY_CHARS:
        raise QueryTooLarge(f"the query is too long ({len(sql):,} characters; at most {SQL_MAX_QUERY_CHARS:,})")
    conn = connect_readonly(path)
    try:
        _limit(conn)
        refused: list[str] = []
        conn.set_authorizer(lambda action, first, second, *_: _authorize(action, first, second, refused))
        deadline = time.monotonic() + time_limit
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
        try:
            cursor = conn.execute(sql, params)
            rows = _fetch_capped(cursor, max_rows, max_bytes)
        except sqlite3.ProgrammingError as error:
            raise QueryRejected(f"only one SQL statement at a time ({error})") from error
        except sqlite3.DataError as error:          # the query string over SQLite's length limit
            raise QueryTooLarge(f"the query is too long ({error})") from error
        except sqlite3.DatabaseError as error:
            if _code(error) == SQLITE_INTERRUPT or (time.monotonic() > deadline and "interrupt" in str(error)):
                raise QueryTimeout(time_limit) from error   # only the deadline interrupts
            if "not authorized" in str(error):
                if refused:
                    raise QueryRejected(f"function {refused[0]}() is not allowed in a read-only query") from error
                raise QueryRejected("only read-only queries are allowed (SELECT or WITH)") from error
            if not _is_query_error(error):
                raise explain(error, Path(path)) from error   # the file, not the query: damaged, locked, ...
            raise StoreError(f"SQL error: {error}") from error
        return unique_names([column[0] for column in cursor.description or ()]), rows
    finally:
        conn.close()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise QueryTimeout in this thread once ``seconds`` have passed, wherever it is: running the
    query (the progress handler stops SQLite), formatting rows, or blocked writing them to a pipe
    nobody reads. A no-op outside the main thread or where there is no SIGALRM."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise QueryTimeout(seconds, output=True)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def unique_names(names: list[str]) -> list[str]:
    """``names`` with each repeat renamed ``<name>_2``, ``<name>_3``, ... (skipping names in use),
    so that rows made into dicts keep every column."""
    taken = set(names)
    seen: set[str] = set()
    unique = []
    for name in names:
        if name in seen:
            number = 2
            while f"{name}_{number}" in taken:
                number += 1
            name = f"{name}_{number}"
            taken.add(name)
        seen.add(name)
        unique.append(name)
    return unique


def _limit(conn: sqlite3.Connection) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, SQL_MAX_LENGTH)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, SQL_MAX_QUERY_CHARS)
    conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)


def _fetch_capped(cursor: sqlite3.Cursor, max_rows: int, max_bytes: int) -> list[tuple]:
    rows: list[tuple] = []
    size = 0
    while batch := cursor.fetchmany(_FETCH_ROWS):
        rows.extend(batch)
        if len(rows) > max_rows:
            raise QueryTooLarge(f"the query returns more than {max_rows:,} rows; add a LIMIT (or use "
                                "`claimtrack export` for whole tables)")
        size += sum(len(value) if isinstance(value, (str, bytes)) else 8 for row in batch for value in row)
        if size > max_bytes:
            raise QueryTooLarge(f"the query returns more than {max_bytes:,} bytes; select fewer or shorter "
                                "columns, or add a LIMIT")
    return rows


def _code(error: sqlite3.Error) -> int:
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def _is_query_error(error: sqlite3.DatabaseError) -> bool:
    """An error in the query itself (syntax, no such table, a bad function call, a value over
    the length limit), as opposed to one about the database file."""
    code = _code(error)
    return code in (SQLITE_ERROR, SQLITE_RANGE, SQLITE_MISMATCH, SQLITE_TOOBIG, SQLITE_CONSTRAINT) and \
        "malformed" not in str(error)


def check_read_only_sql(sql: str) -> None:
    body = _LEADING_NOISE.sub("", sql)
    keyword = re.match(r"[A-Za-z]*", body).group(0).upper()
    if keyword not in ("SELECT", "WITH"):
        shown = keyword or body[:20] or "nothing"
        raise QueryRejected(f"only SELECT or WITH queries are allowed, not {shown}")


def _authorize(action: int, first: str | None, second: str | None, refused: list[str]) -> int:
    """SQLite's authorizer: ``first`` is a pragma's or a table's name, ``second`` a function's."""
    if action in _ALLOWED_ACTIONS or (action == sqlite3.SQLITE_PRAGMA and first in _READ_PRAGMAS):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION:
        if (second or "").lower() in allowed_functions():
            return sqlite3.SQLITE_OK
        refused.append(second or "?")
        return sqlite3.SQLITE_DENY
    # FTS5 declares its virtual table through an internal UPDATE of sqlite_master when it
    # connects; nothing is written (the connection is read-only anyway).
    if action == sqlite3.SQLITE_UPDATE and first == "sqlite_master":
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


@cache
def allowed_functions() -> frozenset[str]:
    """The functions of ``store/data/sql_functions.toml``, lower case."""
    import tomllib

    groups = tomllib.loads(FUNCTIONS_FILE.read_text(encoding="utf-8"))
    return frozenset(name.lower() for names in groups.values() for name in names)
