"""What went wrong with the database file, in one line: damaged, locked (and by whom),
read-only, full. ``explain`` turns an error SQLite raised into the StoreError the CLI shows.

A damaged file is confirmed with ``PRAGMA quick_check`` (run only once an error was met, so a
healthy database never pays for it). The process holding a lock is found in ``/proc/locks``
(Linux), among the processes that hold locks on the database or its ``-shm`` file; the claimtrack
daemon, when it writes its pid beside the database (``<db>.daemon``), is named as such.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

from store.errors import DatabaseDamaged, DatabaseLocked, DatabaseNotWritable, StoreError

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_ERROR, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 1, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
_DAMAGE_CODES = {SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR}
# quick_check stops after this many problems: the first says enough for one line.
_QUICK_CHECK_ERRORS = 3
_LOCK_LINE = re.compile(r"^\d+:\s+(?P<kind>\S+)\s+\S+\s+(?P<mode>READ|WRITE)\s+(?P<pid>-?\d+)\s+"
                        r"(?P<major>[0-9a-f]+):(?P<minor>[0-9a-f]+):(?P<inode>\d+)\s")
DAEMON_PID_SUFFIX = ".daemon"


def explain(error: sqlite3.Error, path: Path | None, *, busy_timeout_ms: int | None = None) -> StoreError:
    """The one-line StoreError for ``error``, met while using the database at ``path``."""
    if path is None:
        return StoreError(f"SQLite error: {error}")
    code = _primary_code(error)
    message = str(error)
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in message:
        return DatabaseLocked(path, lock_holder(path), busy_timeout_ms)
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN) or "readonly database" in message or "unable to open" in message:
        return DatabaseNotWritable(path, why_not_writable(path) or message)
    if code == SQLITE_FULL:
        return StoreError(f"cannot write {path}: the disk is full ({message})")
    if code == SQLITE_NOMEM:
        return StoreError(f"out of memory while using {path}")
    if code in _DAMAGE_CODES or code == SQLITE_ERROR or "malformed" in message or "not a database" in message:
        problem = quick_check(path)
        if problem:
            return DatabaseDamaged(path, problem)
    return StoreError(f"SQLite error on {path}: {message}")


def quick_check(path: Path) -> str | None:
    """What ``PRAGMA quick_check`` finds wrong with ``path`` (its first problems, or the error
    that stopped it), or None when the file is sound (or cannot be checked for a lock)."""
    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error as error:
        return None if _primary_code(error) == SQLITE_CANTOPEN else str(error)
    try:
        rows = connection.execute(f"PRAGMA quick_check({_QUICK_CHECK_ERRORS})").fetchall()
    except sqlite3.Error as error:
        if _primary_code(error) in (SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_READONLY):
            return None
        return str(error)
    finally:
        connection.close()
    problems = [str(row[0]) for row in rows]
    return None if problems == ["ok"] else "; ".join(problems)


def lock_holder(path: Path) -> str | None:
    """"pid 1234 (python3 crawl.py …)" for the process that holds a lock on the database (a
    write lock preferred over read locks), or None when it cannot be told."""
    holders = lock_holders(path)
    if not holders:
        return None
    pid = holders[0]
    name = "the claimtrack daemon, " if pid == _daemon_pid(path) else ""
    command = _command_line(pid)
    return f"{name}pid {pid}" + (f" ({command})" if command else "")


def lock_holders(path: Path) -> list[int]:
    """Other processes holding POSIX locks on the database or its ``-shm`` file, writers first
    (from ``/proc/locks``; empty where there is none)."""
    files = set()
    for candidate in (Path(path), Path(f"{path}-shm")):
        try:
            status = os.stat(candidate)
        except OSError:
            continue
        files.add((os.major(status.st_dev), os.minor(status.st_dev), status.st_ino))
    try:
        lines = Path("/proc/locks").read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return []
    writers, readers = [], []
    for line in lines:
        match = _LOCK_LINE.match(line)       # a waiter's line ("1: -> POSIX ...") does not match
        if not match:
            continue
        pid = int(match["pid"])
        held = (int(match["major"], 16), int(match["minor"], 16), int(match["inode"]))
        if pid <= 0 or pid == os.getpid() or held not in files:
            continue
        (writers if match["mode"] == "WRITE" else readers).append(pid)
    return list(dict.fromkeys(writers + readers))


def why_not_writable(path: Path) -> str | None:
    """Why SQLite cannot write ``path``: the file, or the folder it keeps its -wal and -shm in."""
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        return "the file is read-only"
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        return (f"its folder {folder} is not writable (SQLite keeps {path.name}-wal and {path.name}-shm beside "
                "the database)")
    return None


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _daemon_pid(path: Path) -> int | None:
    """The pid in the daemon's state file beside the database (JSON with a "pid", or a bare
    number), if there is one; nothing else depends on that file existing."""
    try:
        text = Path(f"{path}{DAEMON_PID_SUFFIX}").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    try:
        state = json.loads(text)
    except ValueError:
        return None
    pid = state.get("pid") if isinstance(state, dict) else state
    return pid if isinstance(pid, int) else None


def _command_line(pid: int, width: int = 60) -> str | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    command = " ".join(part.decode("utf-8", "replace") for part in raw.split(b"\0") if part)
    command = " ".join("".join(char if char.isprintable() else " " for char in command).split())
    return command if len(command) <= width else command[: width - 1] + "…"
