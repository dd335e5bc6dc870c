"""One daemon per database: the lock file beside it, refused second daemons, stale locks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from scheduler import DaemonLock, DaemonRunning, daemon_state, lock_path


def test_a_second_lock_on_the_same_database_is_refused_and_names_the_holder(tmp_path):
    db = tmp_path / "claims.db"
    first = DaemonLock(db)
    first.acquire()
    first.write({"pid": os.getpid(), "started": "2026-12-05T08:00:00+00:00", "jobs": []})
    try:
        with pytest.raises(DaemonRunning, match=rf"pid {os.getpid()}.*2026-12-05T08:00:00"):
            DaemonLock(db).acquire()
        assert daemon_state(db)["pid"] == os.getpid()
    finally:
        first.release()
    assert daemon_state(db) is None
    DaemonLock(db).acquire()  # free again once released


def test_the_lock_of_a_killed_daemon_is_taken_over(tmp_path):
    db = tmp_path / "claims.db"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(os.getcwd())!r})
        from pathlib import Path
        from scheduler import DaemonLock
        lock = DaemonLock(Path({str(db)!r}))
        lock.acquire()
        lock.write({{"pid": os.getpid(), "started": "then", "jobs": []}})
        print("locked", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert daemon_state(db)["pid"] == holder.pid
        with pytest.raises(DaemonRunning):
            DaemonLock(db).acquire()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert json.loads(lock_path(db).read_text())["pid"] == holder.pid  # the file is still there
    assert daemon_state(db) is None                                   # but nobody holds it
    stale = DaemonLock(db).acquire()
    assert stale["pid"] == holder.pid
