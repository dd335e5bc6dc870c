"""One source's crawl: its configuration, its store connection, its run and its counts.

The spider builds the session from its arguments (``source``, ``config``, ``db``, ``run``);
the middlewares, pipelines and the run extension reach it as ``crawler.spider.session``.
All its store calls happen on the reactor thread, one at a time.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from config import Config, SourceConfig, load_config
from crawler.urls import SiteAddresses
from store import ClaimStore

logger = logging.getLogger(__name__)

# The counts a run reports, in crawl_runs' column names.
RUN_COUNTS = ("pages", "articles_new", "articles_changed", "articles_unchanged", "claims_new", "errors",
              "skipped", "excluded", "refused")
ERROR_WIDTH = 300


class SessionError(ValueError):
    """A crawl that cannot start (unknown source, wrong spider); one line for the user."""


@dataclass(frozen=True)
class Plan:
    """What to do about one article URL: fetch it (``new``), fetch it conditionally
    (``recrawl``, with ``headers``), or leave it (``known``)."""

    url: str
    kind: str
    headers: dict[str, str] = field(default_factory=dict)


class CrawlSession:
    def __init__(self, config: Config, source: SourceConfig, db_path: Path, *, run_id: int | None = None,
                 extract: bool = True) -> None:
        self.config = config
        self.source = source
        self.db_path = Path(db_path)
        self.run_id = run_id
        self.extract = extract
        self.addresses = SiteAddresses(source.start_urls)
        self.tally: Counter[str] = Counter()
        self.store: ClaimStore | None = None
        self.last_error: str | None = None
        self.block_reason: str | None = None
        self.notes: list[str] = []
        self.closed = False
        self.status: str | None = None     # the status the run was closed with
        self.starts_answered = 0    # start pages (listings, feeds) that answered

    @classmethod
    def from_arguments(cls, spider_name: str, *, source: str | None, config: str | None = None,
                       db: str | None = None, run: str | int | None = None, extract: Any = True) -> CrawlSession:
        """The session of ``scrapy crawl SPIDER -a source=NAME [-a config=PATH] [-a db=PATH]``
        or ``python -m crawler NAME``."""
        loaded = load_config(config)
        if not source:
            names = ", ".join(s.name for s in loaded.sources if s.spider == spider_name) or "none"
            raise SessionError(f"name the source to crawl (-a source=NAME); {spider_name} sources: {names}")
        chosen = find_source(loaded, source)
        if chosen.spider != spider_name:
            raise SessionError(f"source {source!r} is crawled by the {chosen.spider} spider, not {spider_name}")
        db_path = Path(db).expanduser() if db else loaded.store_path
        extract_flag = extract if isinstance(extract, bool) else str(extract).lower() not in ("0", "no", "false", "off")
        return cls(loaded, chosen, db_path, run_id=int(run) if run not in (None, "") else None, extract=extract_flag)

    # The run ------------------------------------------------------------------------

    def open(self) -> None:
        """Open the store and the run (or take over the run the caller opened)."""
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.store = ClaimStore.open(self.db_path)
        self.store.register_sources(self.config.sources)
        if self.run_id is None:
            self.run_id = self.store.start_crawl(self.source.name, pid=os.getpid())
        else:
            self.store.crawl_progress(self.run_id, pid=os.getpid())

    def progress(self, requests: int) -> None:
        if self.store is not None and self.run_id is not None and not self.closed:
            self.store.crawl_progress(self.run_id, **self.counts(requests), error=self.last_error)

    def close(self, reason: str, requests: int) -> str:
        """Close the run with the status the crawl earned; returns the status."""
        status = self.final_status(reason)
        self._finish(status, requests)
        return status

    def interrupt(self, requests: int) -> None:
        """SIGTERM/SIGINT: record the run as ``partial`` at once, in case the process is
        killed before Scrapy's graceful stop ends; the close that follows updates it."""
        self.note("stopped by a signal before the crawl ended")
        self.tally["interrupted"] = 1
        self._finish("partial", requests, final=False)

    def fail(self, message: str, requests: int = 0) -> None:
        """A crash: the run is ``failed`` with the exception in one line."""
        self.error(message)
        if self.store is not None and self.run_id is not None:
            self._finish("failed", requests)

    def final_status(self, reason: str) -> str:
        if reason != "finished" or self.tally["interrupted"]:
            return "partial"
        if self.block_reason:
            return "blocked"
        if not self.starts_answered:
            return "failed"   # not one start page could be had: the source was not crawled
        return "partial" if self.tally["errors"] else "ok"

    def _finish(self, status: str, requests: int, *, final: bool = True) -> None:
        if self.store is None or self.run_id is None or self.closed:
            return
        self.status = status
        error = self.block_reason if status == "blocked" else self.last_error
        counts = self.counts(requests)
        self.store.finish_crawl(self.run_id, status, error=error, notes="\n".join(self.notes) or None, **counts)
        if final:
            self.closed = True
            self.store.close()
            self.store = None

    def counts(self, requests: int) -> dict[str, int]:
        return {**{name: self.tally[name] for name in RUN_COUNTS}, "requests": requests}

    # What happened ------------------------------------------------------------------

    def error(self, message: str) -> None:
        self.tally["errors"] += 1
        self.last_error = _one_line(message)
        logger.warning("%s: %s", self.source.name, self.last_error)

    def blocked(self, reason: str) -> None:
        """The site refused us (persistent 401/403/412/429, a challenge, a login wall)."""
        self.tally["blocked"] += 1
        if self.block_reason is None:
            self.block_reason = _one_line(reason)
        logger.warning("%s: blocked: %s", self.source.name, _one_line(reason))

    def note(self, text: str) -> None:
        line = _one_line(text)
        if line not in self.notes:
            self.notes.append(line)
            logger.info("%s: %s", self.source.name, line)

    # Incremental crawling -------------------------------------------------------------

    def plan(self, site_urls: list[str]) -> dict[str, Plan]:
        """Decide for each article URL: new, due for a conditional recrawl, or known."""
        assert self.store is not None, "the session is not open"
        states = self.store.fetch_states(site_urls)
        now = datetime.now(UTC)
        plans = {}
        for url in dict.fromkeys(site_urls):
            state = states.get(url)
            if state is None:
                plans[url] = Plan(url, "new")
                continue
            recrawl = self.source.recrawl
            last = _parse_time(state["last_fetched"])
            if recrawl is None or (last is not None and now - last < recrawl):
                plans[url] = Plan(url, "known")
                continue
            headers = {}
            if state.get("etag"):
                headers["If-None-Match"] = state["etag"]
            if state.get("last_modified"):
                headers["If-Modified-Since"] = state["last_modified"]
            plans[url] = Plan(url, "recrawl", headers)
        return plans


def find_source(config: Config, name: str) -> SourceConfig:
    source = config.source(name)
    if source is None:
        raise SessionError(f"{config.path}: no source named {name!r} "
                           f"(configured: {', '.join(s.name for s in config.sources) or 'none'})")
    return source


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())[:ERROR_WIDTH]


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
