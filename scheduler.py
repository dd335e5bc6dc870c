"""The claimtrack daemon: crawl every source on its schedule, write the digest once a day.

``claimtrack daemon`` runs ``Daemon(config).run()`` in the foreground (for systemd or a
terminal). Jobs are built from the configuration when it starts and again on SIGHUP; no
job store is pickled, so what runs is always what the configuration says:

- one crawl job per source, on its cron expression or ``every <n>`` interval; each crawl is
  the crawler's own subprocess (a Twisted reactor cannot restart, and a stuck or crashing
  crawl must not take the daemon down) with a timeout; at most one crawl per source at a
  time and ``[daemon] max_parallel_crawls`` at once; a job that comes due while the machine
  slept runs late rather than being skipped (no misfire limit, runs coalesced);
- one digest job at ``[digest] time`` in ``[digest] timezone``, writing the day before.

At start it closes crawl runs that a killed process left open (``failed``, ``interrupted``),
writes digests missing for past days, and crawls at once every source whose last crawl is
older than its schedule. One daemon per database: a lock file beside the database
(``<db>.daemon``) holds the pid, the start time and the next jobs, which ``claimtrack
status`` reads. SIGTERM and SIGINT stop it within ``[daemon] stop_grace`` plus a few
seconds: running crawls are asked to stop (their runs end ``partial``), then killed.
"""

from __future__ import annotations

import fcntl
import json
import logging
import logging.handlers
import os
import signal
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from config.defaults import DAEMON_LOG_BACKUPS, DAEMON_LOG_BYTES, DAEMON_LOG_NAME, DAEMON_STOP_GRACE
from config.loader import Config, ConfigError, SourceConfig, load_config

log = logging.getLogger("claimtrack.daemon")

LOCK_SUFFIX = ".daemon"


class DaemonRunning(Exception):
    """Another daemon holds the database; the message names its pid."""


# The lock ----------------------------------------------------------------------------


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


class DaemonLock:
    """An exclusive ``flock`` on ``<db>.daemon``, whose text is the daemon's state as JSON.

    The kernel drops the lock when its process dies, however it dies, so a lock file left by
    a killed daemon is simply taken over by the next one: the pid in it is only for people.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._file: Any = None

    def acquire(self) -> dict[str, Any] | None:
        """Take the lock; returns the state a dead daemon left (a stale lock taken over), or
        None. Raises DaemonRunning when a live daemon holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_state(self.path) or {}
            handle.close()
            raise DaemonRunning(
                f"another claimtrack daemon (pid {holder.get('pid', '?')}, running since "
                f"{holder.get('started', '?')}) holds {self.path}; stop it first"
            ) from None
        stale = _read_state(self.path)
        self._file = handle
        return stale if stale and stale.get("pid") != os.getpid() else None

    def write(self, state: dict[str, Any]) -> None:
        self._file.seek(0)
        self._file.truncate()
        self._file.write(json.dumps(state, indent=1, sort_keys=True))
        self._file.flush()

    def release(self) -> None:
        if self._file is not None:
            self._file.seek(0)
            self._file.truncate()
            self._file.flush()
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def _read_state(path: Path) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
        return json.loads(text) if text.strip() else None
    except (OSError, ValueError):
        return None


def daemon_state(db_path: Path) -> dict[str, Any] | None:
    """The running daemon's state (pid, started, next jobs), or None when none runs on this
    database. Used by ``claimtrack status``."""
    path = lock_path(db_path)
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_state(path)
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


# The daemon ------------------------------------------------------------------------------


class Daemon:
    def __init__(self, config: Config, *, db_path: Path | None = None, config_path: Path | None = None) -> None:
        self.config = config
        self.config_path = config_path or config.path
        self.db_path = Path(db_path or config.store_path)
        self.lock = DaemonLock(self.db_path)
        self.running: set[str] = set()          # sources being crawled now
        self._state_lock = threading.Lock()
        self._digest_lock = threading.Lock()     # crawl jobs and the daily job both write digests
        self.scheduler: Any = None
        self.cluster: Any = None                 # cluster.roles.ClusterRoles with [cluster] set
        self.started = datetime.now(UTC)
        self._stopping = threading.Event()

    # Life cycle

    def run(self) -> int:
        """Run until SIGTERM/SIGINT; returns the exit status (0 on a clean stop)."""
        from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_SUBMITTED
        from apscheduler.schedulers.blocking import BlockingScheduler

        stale = self.lock.acquire()
        try:
            self._configure_logging()
            if stale:
                log.info("took over the lock of a daemon that died (pid %s)", stale.get("pid"))
            log.info("daemon started (pid %d) on %s with %s", os.getpid(), self.db_path, self.config_path)
            self._prepare_store()
            self.scheduler = BlockingScheduler(
                executors=self._executors(),
                job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
                timezone=self.config.digest.timezone,
            )
            self._add_jobs(initial=True)
            # Next run times change whenever a job runs: keep the state `status` reads current.
            self.scheduler.add_listener(self._write_state, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_SUBMITTED)
            self._install_signal_handlers()
            try:
                self._catch_up_digests()
            except Exception:  # a digest that cannot be written must not keep the crawls from running
                log.exception("the missing digests could not be written")
            self._write_state()
            self.scheduler.start()  # blocks until shutdown
        finally:
            self._wait_for_crawls()
            if self.cluster is not None:
                self.cluster.stop()
            self.lock.release()
            log.info("daemon stopped")
        return 0

    def stop(self) -> None:
        """Ask the daemon to stop (from a signal handler or another thread)."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        log.info("stopping: asking running crawls to stop")
        # shutdown() takes the scheduler's locks: never call it from the signal handler itself.
        threading.Thread(target=self._shutdown_scheduler, name="claimtrack-stop", daemon=True).start()

    def reload(self) -> None:
        threading.Thread(target=self._reload, name="claimtrack-reload", daemon=True).start()

    def _shutdown_scheduler(self) -> None:
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _reload(self) -> None:
        try:
            config = load_config(self.config_path)
        except ConfigError as error:
            log.error("SIGHUP: configuration not reloaded, the old one stays: %s", error)
            return
        if Path(config.store_path) != self.db_path:
            log.warning("SIGHUP: [store] path changed to %s; a restart is needed to move databases", config.store_path)
        self.config = config
        if self.cluster is not None:
            self.cluster.reload(config)
        for job in self.scheduler.get_jobs():
            job.remove()
        self._add_jobs(initial=False)
        self._write_state()
        log.info("SIGHUP: configuration reloaded, %d jobs", len(self.scheduler.get_jobs()))

    def _install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, lambda *_: self.stop())
        signal.signal(signal.SIGINT, lambda *_: self.stop())
        signal.signal(signal.SIGHUP, lambda *_: self.reload())

    def _wait_for_crawls(self) -> None:
        """After a stop: the crawl jobs have asked their processes to stop (their runs end
        ``partial``) and kill them after the grace period; wait for the jobs to return."""
        deadline = time.monotonic() + DAEMON_STOP_GRACE + 3
        while self.running and time.monotonic() < deadline:
            time.sleep(0.1)

    def _configure_logging(self) -> None:
        root = logging.getLogger("claimtrack")
        root.setLevel(logging.INFO)
        formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
        log_file = self.db_path.parent / DAEMON_LOG_NAME
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=DAEMON_LOG_BYTES, backupCount=DAEMON_LOG_BACKUPS, encoding="utf-8")
        file_handler.setFormatter(formatter)
        stderr_handler = logging.StreamHandler(sys.stderr)
        stderr_handler.setFormatter(formatter)
        root.handlers = [file_handler, stderr_handler]
        logging.getLogger("apscheduler").setLevel(logging.WARNING)

    def _prepare_store(self) -> None:
        from store import ClaimStore

        with ClaimStore.open(self.db_path) as store:
            store.register_sources(self.config.sources)
            if self.config.cluster is not None:
                # Before close_interrupted_crawls: the runs a previous daemon left open in the
                # cluster are taken over, not closed.
                from cluster.roles import ClusterRoles

                self.cluster = ClusterRoles(self.config, self.db_path)
                self.cluster.start(store)
            closed = store.close_interrupted_crawls()
        if closed:
            log.info("closed %d crawl runs a killed process left open as failed (interrupted)", len(closed))

    # Jobs

    def _executors(self) -> dict[str, Any]:
        from apscheduler.executors.pool import ThreadPoolExecutor

        return {"default": ThreadPoolExecutor(self.config.crawler.parallel_crawls),
                "digest": ThreadPoolExecutor(1)}

    def _add_jobs(self, *, initial: bool) -> None:
        from apscheduler.triggers.cron import CronTrigger

        overdue = self._overdue_sources() if initial else set()
        for source in self.config.sources:
            options: dict[str, Any] = {"id": f"crawl:{source.name}", "name": f"crawl {source.name}",
                                       "args": [source.name], "replace_existing": True}
            if source.name in overdue:
                options["next_run_time"] = datetime.now(UTC)
            self.scheduler.add_job(self._crawl_job, trigger=source_trigger(source, self.config.digest.timezone),
                                   **options)
        hour, minute = (int(part) for part in self.config.digest.time.split(":"))
        self.scheduler.add_job(self._digest_job, CronTrigger(hour=hour, minute=minute,
                                                             timezone=self.config.digest.timezone),
                               id="digest", name="digest", executor="digest", replace_existing=True)
        if overdue:
            log.info("crawling at once (last crawl older than the schedule): %s", ", ".join(sorted(overdue)))

    def _overdue_sources(self) -> set[str]:
        from store import ClaimStore

        now = datetime.now(UTC)
        overdue = set()
        with ClaimStore.open(self.db_path) as store:
            last = store.last_successful_crawls()
        for source in self.config.sources:
            finished = last.get(source.name)
            if finished is None:
                overdue.add(source.name)
                continue
            next_due = source_trigger(source, self.config.digest.timezone).get_next_fire_time(
                None, datetime.fromisoformat(finished))
            if next_due is not None and next_due <= now:
                overdue.add(source.name)
        return overdue

    def _crawl_job(self, source_name: str) -> None:
        from crawler.runner import run_crawls

        if self._stopping.is_set() or self.config.source(source_name) is None:
            return
        with self._state_lock:
            self.running.add(source_name)
        self._write_state()
        log.info("crawl %s: start", source_name)
        try:
            if self.cluster is not None:
                outcome = self.cluster.crawl(source_name, stop=self._stopping, stop_grace=DAEMON_STOP_GRACE)
            else:
                [outcome] = run_crawls([source_name], config_path=self.config_path, db_path=self.db_path,
                                       timeout=self.config.crawler.crawl_timeout, parallel=1,
                                       stop=self._stopping, stop_grace=DAEMON_STOP_GRACE)
        finally:
            with self._state_lock:
                self.running.discard(source_name)
            self._write_state()
        run = outcome.run
        if (run.get("articles_new") or run.get("articles_changed")) and not self._stopping.is_set():
            self._write_today()
        counts = (f"{run.get('pages', 0)} pages, {run.get('articles_new', 0)} new articles, "
                  f"{run.get('claims_new', 0)} new claims, {run.get('errors', 0)} errors")
        if outcome.failed:
            log.error("crawl %s: end, %s after %.1f s (%s): %s", source_name, outcome.status, outcome.seconds,
                      run.get("error") or f"exit {outcome.returncode}", counts)
        else:
            log.info("crawl %s: end, %s after %.1f s: %s", source_name, outcome.status, outcome.seconds, counts)

    def _write_today(self) -> None:
        """Keep today's digest current after a crawl that found something: the folder always
        holds the day so far, and the daily job writes the finished day."""
        from digest import local_today

        try:
            self.write_digests([local_today(self.config.digest.timezone)])
        except Exception:  # a digest failure must not end the daemon; the daily job tries again
            log.exception("today's digest could not be written")

    def _digest_job(self) -> None:
        from digest import local_today

        self.write_digests([local_today(self.config.digest.timezone) - timedelta(days=1)])

    def _catch_up_digests(self) -> None:
        from digest import local_today, missing_days
        from store import ClaimStore

        with ClaimStore.open_readonly(self.db_path) as store:
            first = store.first_recorded()
        zone_first = first.astimezone(_zone(self.config.digest.timezone)).date() if first else None
        days = missing_days(self.config.digest.dir, local_today(self.config.digest.timezone), zone_first)
        if days:
            log.info("writing %d missing digests (%s to %s)", len(days), days[0], days[-1])
            self.write_digests(days)

    def write_digests(self, days: list[Any]) -> None:
        from digest import write_digest
        from store import ClaimStore

        with self._digest_lock, ClaimStore.open_readonly(self.db_path) as store:
            for day in days:
                paths = write_digest(store, day, self.config.digest.dir, self.config.digest.timezone,
                                     sources=self.config.sources)
                log.info("digest %s written: %s", day, paths["html"])

    def _write_state(self, event: Any = None) -> None:
        jobs = []
        if self.scheduler is not None:
            # A job added before the scheduler starts has no next run time yet.
            for job in self.scheduler.get_jobs():
                next_run = getattr(job, "next_run_time", None)
                jobs.append({"job": job.name, "next_run": next_run.isoformat() if next_run else None})
            jobs.sort(key=lambda job: (job["next_run"] is None, job["next_run"] or ""))
        with self._state_lock:
            self.lock.write({
                "pid": os.getpid(),
                "started": self.started.isoformat(timespec="seconds"),
                "config": str(self.config_path),
                "running": sorted(self.running),
                "jobs": jobs,
            })


def source_trigger(source: SourceConfig, timezone: str) -> Any:
    """The APScheduler trigger of a source's schedule."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    if source.schedule.every is not None:
        return IntervalTrigger(seconds=source.schedule.every.total_seconds(), timezone=timezone)
    return CronTrigger.from_crontab(source.schedule.cron, timezone=timezone)


def _zone(name: str) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
