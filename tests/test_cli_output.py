"""What the commands print: `sql` within its time limit (output included) and with every column;
JSON that is JSON (blobs encoded, no NaN or Infinity); tables that cannot drive the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, make_article, make_claim
from store import ClaimStore

ROWS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {}) SELECT i, '{}' AS padding FROM n"


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "c.db"
    with ClaimStore.open(path) as store:
        store.record_article(make_article(title="Core \x1b[2J\x1b]0;pwned\x07AI \x9b31m industry"), [make_claim()],
                             source="manual")
    return path


def one_line_usage_error(result, *fragments: str) -> None:
    assert result.exit_code == 2 and result.stdout == "", result.stdout
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


# sql: the time limit -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-1", "1e400", "soon"])
def test_a_time_limit_that_is_not_a_positive_number_of_seconds_is_refused(run_cli, db, value):
    one_line_usage_error(run_cli("--db", db, "sql", "SELECT 1", "--time-limit", value), "--time-limit")


def test_a_small_positive_time_limit_is_taken(run_cli, db):
    result = run_cli("--db", db, "sql", "SELECT 1 AS one", "--time-limit", "0.5", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"one": 1}]


def test_the_time_limit_counts_the_time_spent_writing_the_output(tmp_path, db):
    """A fast query whose output nobody reads: without the output in the limit, the command would
    wait on the full pipe for ever."""
    env = {key: value for key, value in os.environ.items() if key != "CLAIMTRACK_CONFIG"}
    command = [sys.executable, "-m", "claimtrack", "--db", str(db), "sql", ROWS.format(50_000, "x" * 40),
               "--format", "csv", "--time-limit", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=env)
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)            # stdout is not read: the pipe fills and writing blocks
        assert process.poll() is not None, "the command kept waiting on its output past the time limit"
    finally:
        if process.poll() is None:
            process.kill()
        stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 1
    assert stderr.decode().splitlines() == ["Error: query interrupted after the 2 s time limit (its output included)"]


def test_sql_keeps_every_column_of_duplicate_names(run_cli, db):
    result = run_cli("--db", db, "sql", "SELECT 1 AS a, 2 AS a", "--format", "json")
    assert json.loads(result.stdout) == [{"a": 1, "a_2": 2}]


def test_sql_refuses_fts3_tokenizer_in_one_line(run_cli, db):
    result = run_cli("--db", db, "sql", "SELECT fts3_tokenizer('simple')")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "fts3_tokenizer" in result.stderr and "not allowed" in result.stderr


# Output formats ---------------------------------------------------------------------------------------


def no_constants(name: str):
    raise AssertionError(f"JSON output holds {name}")


def test_json_encodes_blobs_and_holds_no_infinity(run_cli, db):
    query = "SELECT x'00ff10' AS b, 1e999 AS big, -1e999 AS small, 0.5 AS half"
    blob = {"$base64": True, "encoded": "AP8Q"}
    expected = {"b": blob, "big": None, "small": None, "half": 0.5}
    as_json = run_cli("--db", db, "sql", query, "--format", "json")
    assert as_json.exit_code == 0, as_json.stderr
    assert json.loads(as_json.stdout, parse_constant=no_constants) == [expected]
    as_lines = run_cli("--db", db, "sql", query, "--format", "jsonl")
    assert [json.loads(line, parse_constant=no_constants) for line in as_lines.stdout.splitlines()] == [expected]
    as_csv = run_cli("--db", db, "sql", query, "--format", "csv")
    assert as_csv.stdout.splitlines() == ["b,big,small,half", "AP8Q,inf,-inf,0.5"]
    table = run_cli("--db", db, "sql", query)
    assert "<blob of 3 bytes>" in table.stdout and "b'" not in table.stdout


def test_table_output_cannot_drive_the_terminal(run_cli, db):
    for args in (["search", "industry"], ["sql", "SELECT title FROM articles"]):
        result = run_cli("--db", db, *args)
        assert result.exit_code == 0, result.stderr
        assert not any(char in result.stdout for char in "\x1b\x07\x9b"), repr(result.stdout)
        assert "\\x1b[2J" in result.stdout


def test_error_lines_cannot_drive_the_terminal(run_cli, tmp_path):
    path = tmp_path / "evil\x1b]0;pwned\x07name.txt"
    result = run_cli("--db", tmp_path / "c.db", "ingest", path)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "evil\\x1b]0;pwned\\x07name.txt" in result.stderr
