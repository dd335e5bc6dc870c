"""The daemon for real: `claimtrack daemon` processes crawling the demo mirror on loopback.

Each test starts the daemon as a subprocess in its own process group, with second-level
schedules, and reads the database and the digest folder; every wait is bounded.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from demo.configuration import write_config
from demo.server import MirrorServer
from loopback import query, wait_for

DAEMON_START = 20.0    # seconds for a daemon to start and open its first crawl runs
CRAWLS_DONE = 120.0    # seconds for every source of the mirror to be crawled once


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer() as server:
        yield server


@pytest.fixture
def folder(tmp_path: Path, mirror: MirrorServer) -> Path:
    write_config(tmp_path / "claimtrack.toml", mirror, db=tmp_path / "claims.db", digest_dir=tmp_path / "digests",
                 schedule="every 1h")
    return tmp_path


def start_daemon(folder: Path) -> subprocess.Popen:
    """`claimtrack daemon` in a new process group, so that a test can kill it with its crawls."""
    return subprocess.Popen(
        [sys.executable, "-c", "from claimtrack import cli; cli()", "--config", str(folder / "claimtrack.toml"),
         "daemon"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def count(db: Path, table: str) -> int:
    """Rows in ``table``, 0 while the database or its schema does not exist yet."""
    rows = query(db, f"SELECT count(*) FROM {table}")
    return rows[0][0] if rows else 0


def runs(db: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for source, status in query(db, "SELECT source, status FROM crawl_runs ORDER BY id"):
        found.setdefault(source, []).append(status)
    return found


def all_crawled_once(db: Path) -> bool:
    done = runs(db)
    return len(done) == 5 and all(statuses[-1] != "running" for statuses in done.values())


def stop(process: subprocess.Popen, number: int = signal.SIGTERM, timeout: float = 30) -> tuple[int, str]:
    process.send_signal(number)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        raise
    return process.returncode, stderr


def _digest_counting(folder: Path, articles: int) -> Path | None:
    for path in folder.glob("*.json"):
        try:
            if json.loads(path.read_text(encoding="utf-8"))["summary"]["articles_new"] == articles:
                return path
        except (ValueError, KeyError):   # read between the temporary file and the rename
            continue
    return None


def integrity(db: Path) -> str:
    return query(db, "PRAGMA integrity_check")[0][0]


def test_the_daemon_crawls_writes_todays_digest_and_stops_cleanly_on_sigterm(folder):
    db = folder / "claims.db"
    daemon = start_daemon(folder)
    try:
        wait_for(lambda: all_crawled_once(db), CRAWLS_DONE, "the first crawl of every source")
        # Today's digest is written again after each crawl that found something: wait for the
        # one written after the last crawl.
        today_json = wait_for(lambda: _digest_counting(folder / "digests", count(db, "articles")), 30,
                              "today's digest with every article")
        state = json.loads((folder / "claims.db.daemon").read_text(encoding="utf-8"))
        status = subprocess.run([sys.executable, "-c", "from claimtrack import cli; cli()",
                                 "--config", str(folder / "claimtrack.toml"), "status"],
                                capture_output=True, text=True, timeout=60)
        started = time.monotonic()
        code, stderr = stop(daemon)
        stopped_in = time.monotonic() - started
    finally:
        if daemon.poll() is None:
            os.killpg(daemon.pid, signal.SIGKILL)
    assert code == 0, stderr
    assert stopped_in < 15
    assert state["pid"] == daemon.pid and {job["job"] for job in state["jobs"]} >= {"digest", "crawl caict"}
    assert f"daemon: pid {daemon.pid}" in status.stdout
    assert all(statuses == ["ok"] for statuses in runs(db).values()), runs(db)
    assert integrity(db) == "ok"
    content = json.loads(today_json.read_text(encoding="utf-8"))
    assert content["summary"]["articles_new"] == count(db, "articles") == 22
    assert {entry["metric"] for entry in content["metrics"]} >= {"ai_core_industry_size", "ai_enterprises"}
    assert {"revision", "discrepancy", "growth_mismatch"} <= {finding["type"] for finding in content["findings"]}
    assert "crawl xinhua-en: end, ok" in stderr and "daemon stopped" in stderr
    assert (folder / "claimtrack-daemon.log").read_text(encoding="utf-8").count("crawl caict: start") == 1


def test_a_second_daemon_on_the_same_database_is_refused(folder):
    first = start_daemon(folder)
    try:
        wait_for(lambda: (folder / "claims.db.daemon").exists() and query(folder / "claims.db", "SELECT 1 FROM crawl_runs"),
                 DAEMON_START, "the first daemon to start crawling")
        second = subprocess.run([sys.executable, "-c", "from claimtrack import cli; cli()",
                                 "--config", str(folder / "claimtrack.toml"), "daemon"],
                                capture_output=True, text=True, timeout=60)
    finally:
        code, _ = stop(first)
    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and f"pid {first.pid}" in lines[0], second.stderr
    assert code == 0


def test_after_sigkill_mid_crawl_a_restart_finds_the_database_sound_and_finishes_the_crawl(folder, mirror):
    db = folder / "claims.db"
    daemon = start_daemon(folder)
    try:
        # Killed as a machine would die: the daemon and its crawl processes at once, once the
        # first articles are in and some crawl is still running.
        wait_for(lambda: count(db, "articles") >= 3
                 and "running" in {s[-1] for s in runs(db).values()}, CRAWLS_DONE, "a crawl half done")
        os.killpg(daemon.pid, signal.SIGKILL)
        daemon.wait(timeout=10)
    finally:
        if daemon.poll() is None:
            os.killpg(daemon.pid, signal.SIGKILL)
    killed_runs = [source for source, statuses in runs(db).items() if statuses[-1] == "running"]
    articles_before = count(db, "articles")
    assert killed_runs and integrity(db) == "ok"

    restarted = start_daemon(folder)
    try:
        wait_for(lambda: all(len(runs(db).get(source, [])) >= 2 and runs(db)[source][-1] != "running"
                             for source in killed_runs) and all_crawled_once(db),
                 CRAWLS_DONE, "the restarted daemon to crawl the interrupted sources again")
    finally:
        code, stderr = stop(restarted)
    assert code == 0, stderr
    assert integrity(db) == "ok"
    for source in killed_runs:
        statuses = runs(db)[source]
        assert statuses[0] == "failed" and statuses[-1] == "ok", statuses
    errors = dict(query(db, "SELECT source, error FROM crawl_runs WHERE status = 'failed'"))
    assert all(error.startswith("interrupted") for error in errors.values()), errors
    assert count(db, "articles") >= articles_before
    assert query(db, "SELECT count(*) FROM (SELECT url FROM articles GROUP BY url HAVING count(*) > 1)")[0][0] == 0
    assert query(db, "SELECT count(*) FROM article_versions WHERE version > 1")[0][0] == 0
    assert query(db, """SELECT count(*) FROM (SELECT article_id, start, "end" FROM claims WHERE superseded = 0
                        GROUP BY article_id, start, "end" HAVING count(*) > 1)""")[0][0] == 0
    assert count(db, "articles") == 22


def test_missed_digests_are_written_at_start(folder):
    digests = folder / "digests"
    digests.mkdir()
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()   # the configuration's time zone
    three_days_ago = today - timedelta(days=3)
    (digests / f"{three_days_ago.isoformat()}.json").write_text("{}", encoding="utf-8")
    daemon = start_daemon(folder)
    try:
        wanted = [digests / f"{(today - timedelta(days=n)).isoformat()}.html" for n in (2, 1)]
        wait_for(lambda: all(path.exists() for path in wanted), DAEMON_START, "the missed digests")
    finally:
        code, stderr = stop(daemon)
    assert code == 0, stderr
    assert "writing 2 missing digests" in stderr
    for path in wanted:
        assert "Nothing new was recorded on this day." in path.read_text(encoding="utf-8")
