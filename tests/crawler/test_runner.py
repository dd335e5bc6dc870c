"""Crawl processes that do not end well: a timeout, a stop asked by the caller, a kill, a crash.
Each leaves its run closed with the reason (the daemon relies on this)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from crawl_helpers import mirror_root, server, write_config  # noqa: F401 (fixtures)
from mirror_server import MirrorServer

from crawler.runner import crawl_argv, run_crawls
from store import ClaimStore, StoreError

HANG = {"name": "slow", "spider": "feeds", "lang": "en"}


def _config(server, folder, request_timeout=30):
    db = folder / "runs.db"
    source = {**HANG, "start_urls": [server.url("technode.com/hostile/hang/feed.xml")]}
    return write_config(folder / "claimtrack.toml", db, [source], request_timeout=request_timeout), db


def _wait_for(predicate, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def slow_server(mirror_root):
    """The mirror with a hang longer than any timeout of the test below."""
    with MirrorServer(mirror_root, hang_seconds=60) as running:
        yield running


def test_a_crawl_past_its_timeout_is_stopped_and_failed(slow_server, tmp_path):
    config, db = _config(slow_server, tmp_path)
    # Long enough for a loaded machine to start Scrapy and read the feed; the article behind
    # it hangs past the request timeout (30 s), so the crawl is still waiting when time is up.
    (outcome,) = run_crawls(["slow"], config_path=config, db_path=db, timeout=12, parallel=1)
    assert outcome.timed_out and outcome.failed
    assert outcome.status == "failed" and outcome.run["error"] == "timed out after 12 s"
    assert outcome.run["finished"] and outcome.run["pages"] >= 1     # the feed was read before the hang


def test_a_stop_asked_by_the_caller_closes_the_run_partial(server, tmp_path):
    config, db = _config(server, tmp_path)
    stop = threading.Event()
    seen = []

    def progress(outcome, finished):
        seen.append((outcome.run.get("pages"), finished))
        if outcome.run.get("pages"):
            stop.set()   # the feed is read; the crawl now waits on the hanging page

    (outcome,) = run_crawls(["slow"], config_path=config, db_path=db, timeout=60, parallel=1, progress=progress,
                            stop=stop)
    assert not outcome.timed_out and outcome.returncode == 0
    assert outcome.status == "partial" and "stopped by a signal" in outcome.run["notes"]
    assert seen[-1][1] is True


def test_a_killed_crawl_is_closed_interrupted_by_the_store(server, tmp_path):
    config, db = _config(server, tmp_path)
    child = subprocess.Popen([*crawl_argv("slow", config_path=config, db_path=db)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        def running():
            try:
                with ClaimStore.open_readonly(db) as store:
                    rows = store.sql("SELECT pid, pages FROM crawl_runs WHERE status = 'running'")[1]
            except StoreError:   # not created, or its schema not written yet
                return False
            return bool(rows) and rows[0][0] == child.pid and rows[0][1] >= 1
        assert _wait_for(running), "the crawl never got going"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    with ClaimStore.open(db) as store:
        (closed,) = store.close_interrupted_crawls()
        run = store.crawl_run(closed)
    assert run["status"] == "failed" and run["error"].startswith("interrupted")
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_crawl_that_cannot_start_fails_with_one_line(server, tmp_path):
    config, db = _config(server, tmp_path)
    folder_as_db = tmp_path / "a-folder"
    folder_as_db.mkdir()
    crash = subprocess.run(crawl_argv("slow", config_path=config, db_path=folder_as_db), capture_output=True,
                           text=True, timeout=60)
    assert crash.returncode == 1
    assert crash.stderr.strip().splitlines()[-1].startswith("Error: the crawl crashed: StoreError")
    unknown = subprocess.run(crawl_argv("nowhere", config_path=config, db_path=db), capture_output=True, text=True,
                             timeout=60)
    assert unknown.returncode == 2 and "no source named 'nowhere'" in unknown.stderr


def test_a_crawl_that_cannot_start_leaves_its_run_failed_with_the_reason(tmp_path):
    """The caller opened the run; the child refuses to start (its configuration does not list
    the source) and closes that run as failed, saying why."""
    db = tmp_path / "runs.db"
    config = write_config(tmp_path / "other.toml", db, [])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    (outcome,) = run_crawls(["slow"], config_path=config, db_path=db, timeout=30, parallel=1, env=env)
    assert outcome.failed and outcome.status == "failed" and outcome.returncode == 2
    assert "no source named 'slow'" in outcome.run["error"]
