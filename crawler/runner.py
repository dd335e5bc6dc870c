"""Run source crawls as child processes: what ``claimtrack crawl`` and the daemon call.

Each source is crawled by its own process (``python -m crawler SOURCE --config PATH --db
PATH --run ID``): a Twisted reactor cannot be restarted in one process, and a crawl that
hangs or crashes must not take its caller down. The caller opens the ``crawl_runs`` row
before starting the child, so that a child that dies before it writes anything still
leaves a closed run behind; the child closes it itself (``partial`` on SIGTERM/SIGINT,
``failed`` on a crash), and whatever it could not close is closed here (``failed``, with
the reason: timed out, killed by a signal, exit code and the last line it logged).

``run_crawls`` runs several sources with a parallelism limit and a timeout per crawl and
returns one :class:`CrawlOutcome` per source, read from the store's ``crawl_runs`` row.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from store import ClaimStore

# Seconds a child has after SIGTERM to close its run before it is killed; Scrapy's graceful
# stop waits for the requests in flight, so this is a little over one request timeout's share.
STOP_GRACE_SECONDS = 15.0
POLL_SECONDS = 0.5
LOG_TAIL_BYTES = 4096


@dataclass
class CrawlOutcome:
    """How one source's crawl ended: its ``crawl_runs`` row and its process."""

    source: str
    run_id: int
    run: dict[str, Any]                # the crawl_runs row as the crawl left it
    returncode: int | None = None      # None while running; negative: killed by that signal
    timed_out: bool = False
    seconds: float = 0.0
    log_tail: str = ""                 # the end of the crawl's log (stderr), for a crash

    @property
    def status(self) -> str:
        return self.run["status"]

    @property
    def failed(self) -> bool:
        """The crawl did not run to its end: crashed, killed, timed out, or reached nothing.
        Blocked sources and refused pages are results, not failures."""
        return self.timed_out or self.status == "failed" or (self.returncode or 0) != 0


def crawl_argv(source: str, *, config_path: Path, db_path: Path, run_id: int | None = None,
               python: str | None = None) -> list[str]:
    """The command line of one source's crawl process."""
    argv = [python or sys.executable, "-m", "crawler", source, "--config", str(config_path), "--db", str(db_path)]
    if run_id is not None:
        argv += ["--run", str(run_id)]
    return argv


ProgressCallback = Callable[[CrawlOutcome, bool], None]


@dataclass
class _Child:
    outcome: CrawlOutcome
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    started: float
    deadline: float
    stopping_since: float | None = None
    last_counts: tuple[Any, ...] = field(default_factory=tuple)


def run_crawls(
    sources: Sequence[str],
    *,
    config_path: Path,
    db_path: Path,
    timeout: float,
    parallel: int,
    progress: ProgressCallback | None = None,
    stop: threading.Event | None = None,
    extra_args: Sequence[str] = (),
    env: dict[str, str] | None = None,
    stop_grace: float = STOP_GRACE_SECONDS,
) -> list[CrawlOutcome]:
    """Crawl ``sources`` (names in the configuration), at most ``parallel`` at once, each
    stopped after ``timeout`` seconds; return their outcomes in the order given.

    ``progress(outcome, finished)`` is called from this thread whenever a running crawl's
    counts change and once when it ends. Setting ``stop`` asks every running crawl to stop
    (SIGTERM: they close their runs as ``partial``) and starts no more; a crawl still running
    ``stop_grace`` seconds after its SIGTERM is killed.
    """
    config_path, db_path = Path(config_path).resolve(), Path(db_path).resolve()
    pending = list(dict.fromkeys(sources))
    outcomes: dict[str, CrawlOutcome] = {}
    running: list[_Child] = []
    with ClaimStore.open(db_path) as store:
        while pending or running:
            stopping = stop is not None and stop.is_set()
            while pending and len(running) < max(1, parallel) and not stopping:
                source = pending.pop(0)
                running.append(_start(store, source, config_path, db_path, timeout, extra_args, env))
            for child in list(running):
                if _watch(store, child, stopping, progress, stop_grace):
                    running.remove(child)
                    outcomes[child.outcome.source] = child.outcome
            if stopping:
                pending.clear()
            if running:
                time.sleep(POLL_SECONDS)
    return [outcomes[source] for source in dict.fromkeys(sources) if source in outcomes]


def _start(store: ClaimStore, source: str, config_path: Path, db_path: Path, timeout: float,
           extra_args: Sequence[str], env: dict[str, str] | None) -> _Child:
    # The row names this process until the child takes it over, so that a run whose child
    # never started is not left for close_interrupted_crawls while this process lives.
    run_id = store.start_crawl(source, pid=os.getpid())
    log = tempfile.TemporaryFile()
    argv = crawl_argv(source, config_path=config_path, db_path=db_path, run_id=run_id) + list(extra_args)
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env)
    now = time.monotonic()
    outcome = CrawlOutcome(source=source, run_id=run_id, run=store.crawl_run(run_id) or {})
    return _Child(outcome=outcome, process=process, log=log, started=now, deadline=now + timeout)


def _watch(store: ClaimStore, child: _Child, stopping: bool, progress: ProgressCallback | None,
           stop_grace: float) -> bool:
    """Check one child: stop it if its time is up or a stop was asked; True once it ended."""
    now = time.monotonic()
    outcome = child.outcome
    returncode = child.process.poll()
    if returncode is None:
        if child.stopping_since is None and (stopping or now >= child.deadline):
            outcome.timed_out = now >= child.deadline and not stopping
            child.stopping_since = now
            child.process.send_signal(signal.SIGTERM)
        elif child.stopping_since is not None and now - child.stopping_since >= stop_grace:
            child.process.kill()
        outcome.run = store.crawl_run(outcome.run_id) or outcome.run
        counts = tuple(outcome.run.get(name) for name in ("pages", "articles_new", "claims_new", "errors"))
        if progress is not None and counts != child.last_counts:
            child.last_counts = counts
            progress(outcome, False)
        return False
    outcome.returncode = returncode
    outcome.seconds = now - child.started
    outcome.log_tail = _tail(child.log)
    child.log.close()
    run = store.crawl_run(outcome.run_id) or {}
    if outcome.timed_out:
        store.close_crawl(outcome.run_id, "failed", f"timed out after {child.deadline - child.started:g} s")
    elif run.get("status") == "running":
        store.close_crawl(outcome.run_id, "failed", _death(returncode, outcome.log_tail))
    outcome.run = store.crawl_run(outcome.run_id) or run
    if progress is not None:
        progress(outcome, True)
    return True


def _death(returncode: int, log_tail: str) -> str:
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        how = f"crawl process killed by {name}"
    else:
        how = f"crawl process exited with code {returncode}"
    last = next((line.strip() for line in reversed(log_tail.splitlines()) if line.strip()), "")
    return f"{how}: {last}"[:300] if last else how


def _tail(log: IO[bytes]) -> str:
    log.seek(0, os.SEEK_END)
    size = log.tell()
    log.seek(max(0, size - LOG_TAIL_BYTES))
    return log.read().decode("utf-8", "replace")
