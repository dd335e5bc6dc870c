"""Every command against a database it cannot use as it is: another application's, damaged,
read-only, or locked by another process. Each says so in one line on stderr and exits non-zero
(or, where it can, does its job: queries read a read-only database), and never writes to a file
it refused.

Read-only files only stop a process without CAP_DAC_OVERRIDE: run as root, those cases run the
commands in a child process that has dropped it (util-linux ``setpriv``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from claimtrack import cli
from conftest import REPO

SAMPLE = REPO / "examples" / "core-ai-industry-2025.txt"
# Commands that never open the database: they read files and print.
# Commands that never open --db (extract, evaluate; demo makes its own database), or that run
# until stopped or reach out to sites and Redis (crawl, daemon, node: tested where they live).
WITHOUT_DATABASE = {"extract", "evaluate", "demo", "crawl", "daemon", "node"}
WRITERS = {"init", "ingest"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def arguments(command: str) -> list[str]:
    """How the test runs each command that opens the database; a new command must be added here."""
    known = {
        "init": ["init"],
        "ingest": ["ingest", str(SAMPLE), "--url", "https://example.org/core-ai", "--published", "2025-12-26"],
        "claims": ["claims"],
        "history": ["history", "ai_core_industry_size"],
        "search": ["search", "trillion"],
        "sql": ["sql", "SELECT count(*) AS n FROM claims"],
        "sources": ["sources"],
        "status": ["status"],
        "export": ["export", "claims"],
        "findings": ["findings"],
        "digest": ["digest", "--date", "2025-12-26", "--dir", str(Path(tempfile.mkdtemp()) / "digests")],
        "serve": ["serve", "--port", str(free_port())],
    }
    assert command in known, f"tests/test_faults.py does not know how to run `claimtrack {command}`: add it"
    return known[command]


DATABASE_COMMANDS = sorted(set(cli.commands) - WITHOUT_DATABASE)


def filled(path: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "claimtrack", "--db", str(path), *arguments("ingest")],
                            capture_output=True, text=True, timeout=120, cwd=REPO, env=clean_environment())
    assert result.returncode == 0, result.stderr
    assert not Path(f"{path}-wal").exists()     # checkpointed on close: the file holds everything
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return filled(tmp_path_factory.mktemp("template") / "claims.db")


@pytest.fixture
def database(template, tmp_path) -> Path:
    path = tmp_path / "db" / "claims.db"
    path.parent.mkdir()
    shutil.copy(template, path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_error(result, *fragments: str) -> str:
    assert result.exit_code not in (0, None), result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def clean_environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key != "CLAIMTRACK_CONFIG"}


def run_serve(*args: str) -> subprocess.CompletedProcess:
    """`serve` runs until stopped when it can: run it where a hang is a failed test, not a stuck suite."""
    return subprocess.run([sys.executable, "-m", "claimtrack", *args], capture_output=True, text=True, timeout=60,
                          cwd=REPO, env=clean_environment())


# Another application's database ------------------------------------------------------------------


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_write_command_leaves_another_applications_database_untouched(run_cli, tmp_path, command, journal):
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as connection:
        connection.execute(f"PRAGMA journal_mode = {journal}")
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
        connection.execute("INSERT INTO photos (path) VALUES ('a.jpg')")
    connection.close()
    before = digest(other)
    one_line_error(run_cli("--db", other, *arguments(command)), "is an SQLite database but not a claimtrack one")
    assert digest(other) == before     # header bytes 18-19 included: not switched to WAL
    assert not Path(f"{other}-wal").exists() or journal == "wal"


# A damaged database ------------------------------------------------------------------------------------


def damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    if how == "truncated":
        path.write_bytes(bytes(data[: page + page // 2]))
    elif how == "overwritten":          # every page but the first (the header and the schema) is garbage
        path.write_bytes(bytes(data[:page]) + bytes((i * 7 + 13) % 256 for i in range(len(data) - page)))
    else:                               # the header's page size is impossible
        data[16:18] = b"\x00\x03"
        path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncated", "overwritten", "header"])
@pytest.mark.parametrize("command", DATABASE_COMMANDS)
def test_every_command_says_in_one_line_that_a_damaged_database_is_damaged(run_cli, database, command, how):
    damage(database, how)
    if command == "serve":
        result = run_serve("--db", str(database), *arguments(command))
        assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
        assert "is damaged" in result.stderr
        return
    line = one_line_error(run_cli("--db", database, *arguments(command)), f"{database} is damaged")
    assert "backup" in line


# A locked database ---------------------------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "exclusive":
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
    else:
        connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE sources SET updated = updated")
    print("holding", flush=True)
    sys.stdin.read()
""")


@pytest.fixture
def short_busy_timeout(monkeypatch):
    import store.claimstore
    import store.readonly

    monkeypatch.setattr(store.claimstore, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(store.readonly, "BUSY_TIMEOUT_MS", 300, raising=False)


def hold(database: Path, how: str) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(database), how], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "holding\n"
    return holder


@pytest.mark.parametrize("command", DATABASE_COMMANDS)
def test_a_writer_holding_the_lock_stops_writes_in_one_line_naming_it_and_lets_queries_read(
        run_cli, database, short_busy_timeout, command):
    holder = hold(database, "write")
    try:
        if command == "serve":
            return  # serving reads; it would serve, and is covered under the exclusive lock
        result = run_cli("--db", database, *arguments(command))
        if command in WRITERS:
            line = one_line_error(result, f"{database} is locked", f"pid {holder.pid}", "try again")
            assert "python" in line   # what the holding process runs
        else:
            assert result.exit_code == 0, result.stderr
    finally:
        holder.communicate("", timeout=30)


@pytest.mark.parametrize("command", DATABASE_COMMANDS)
def test_an_exclusive_lock_stops_every_command_in_one_line(run_cli, database, short_busy_timeout, command):
    holder = hold(database, "exclusive")
    try:
        if command == "serve":
            result = run_serve("--db", str(database), *arguments(command))
            assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
            assert "is locked" in result.stderr
            return
        one_line_error(run_cli("--db", database, *arguments(command)), f"{database} is locked", f"pid {holder.pid}")
    finally:
        holder.communicate("", timeout=30)


# A read-only database --------------------------------------------------------------------------------------

DRIVER = textwrap.dedent("""
    import json, sys
    from click.testing import CliRunner
    from claimtrack import cli
    results = {}
    for name, args in json.loads(sys.argv[1]).items():
        result = CliRunner().invoke(cli, args, catch_exceptions=True)
        error = None if result.exception is None or isinstance(result.exception, SystemExit) else repr(result.exception)
        results[name] = {"exit": result.exit_code, "stdout": result.stdout, "stderr": result.stderr, "exception": error}
    print(json.dumps(results))
""")


def unprivileged() -> list[str]:
    """A command prefix that runs a child without the power to ignore file permissions."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root without setpriv: read-only files cannot stop this process")
    return [setpriv, "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def run_unprivileged(runs: dict[str, list[str]], cwd: Path) -> dict[str, dict]:
    env = clean_environment()
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    result = subprocess.run([*unprivileged(), sys.executable, "-c", DRIVER, json.dumps(runs)], capture_output=True,
                            text=True, timeout=600, cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def check_read_only(results: dict[str, dict], database: Path, refusal: str) -> None:
    """Queries answer; an ingest that has something to write is refused in one line. (``init`` on a
    database already up to date has nothing to write: it succeeds where SQLite can still take the
    write lock, and is refused in one line where it cannot.)"""
    for name, result in results.items():
        assert result["exception"] is None, (name, result["exception"], result["stderr"][-2000:])
        if name == "ingest" or (name == "init" and result["exit"] != 0):
            lines = result["stderr"].splitlines()
            assert result["exit"] == 1 and len(lines) == 1 and lines[0].startswith("Error: "), (name, result)
            assert refusal in lines[0] and str(database) in lines[0], (name, lines[0])
        else:
            assert result["exit"] == 0, (name, result["stderr"])


def query_runs(database: Path) -> dict[str, list[str]]:
    runs = {command: ["--db", str(database), *arguments(command)] for command in DATABASE_COMMANDS if command != "serve"}
    runs["ingest"] = [part.replace("example.org/core-ai", "example.org/another") for part in runs["ingest"]]  # new: to write
    return runs


def test_a_read_only_database_file_refuses_writes_in_one_line_and_answers_queries(database, tmp_path):
    before = digest(database)
    database.chmod(0o444)
    try:
        results = run_unprivileged(query_runs(database), tmp_path)
    finally:
        database.chmod(0o644)
    check_read_only(results, database, "read-only")
    assert "8" in results["sql"]["stdout"] and digest(database) == before


def test_a_database_in_a_read_only_folder_answers_queries_and_refuses_writes_in_one_line(database, tmp_path):
    folder = database.parent
    before = digest(database)
    folder.chmod(0o555)
    try:
        results = run_unprivileged(query_runs(database), tmp_path)
        fresh = folder / "new.db"
        created = run_unprivileged({"init:new": ["--db", str(fresh), "init"]}, tmp_path)
    finally:
        folder.chmod(0o755)
    check_read_only(results, database, "not writable")
    assert "8" in results["sql"]["stdout"] and digest(database) == before
    [(_, init)] = created.items()
    assert init["exit"] == 1 and init["stderr"].count("\n") == 1 and "not writable" in init["stderr"], init
    assert sorted(path.name for path in folder.iterdir()) == ["claims.db"]


def test_a_database_whose_wal_holds_changes_in_a_read_only_folder_is_refused_in_one_line(database, tmp_path):
    """Opening it immutable would miss what its -wal holds: the query commands say so instead."""
    writer = sqlite3.connect(database)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE articles SET title = 'changed since' WHERE id = 1")
    writer.commit()
    folder = tmp_path / "copy"
    folder.mkdir()
    for name in ("claims.db", "claims.db-wal"):    # as a crashed writer leaves them, without -shm
        shutil.copy(database.parent / name, folder / name)
    writer.close()
    copy = folder / "claims.db"
    folder.chmod(0o555)
    try:
        results = run_unprivileged({"claims": ["--db", str(copy), "claims"], "sql": ["--db", str(copy), "sql", "SELECT 1"]},
                                   tmp_path)
    finally:
        folder.chmod(0o755)
    for name, result in results.items():
        lines = result["stderr"].splitlines()
        assert result["exit"] == 1 and len(lines) == 1, (name, result)
        assert "claims.db-wal holds changes not yet written back" in lines[0], lines[0]
