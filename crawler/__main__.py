"""``python -m crawler SOURCE [--config PATH] [--db PATH] [--run ID] [--no-extract]``: crawl one
configured source in this process and close its ``crawl_runs`` row.

This is the process ``claimtrack crawl`` and the daemon start for each source (see
``crawler/runner.py``). The first SIGTERM or SIGINT records the run as ``partial`` at once
and stops the crawl gracefully (requests in flight finish); a second one stops it at once.
A crash records the run as ``failed`` with the error in one line. Exit status: 0 when the
crawl ran to its end (blocked sources and refused pages included), 1 when it failed, 2 for
a usage or configuration error.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Any

USAGE_EXIT = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler", description="Crawl one configured source.")
    parser.add_argument("source", help="the source's name in the configuration")
    parser.add_argument("--config", help="configuration file (default: as claimtrack finds it)")
    parser.add_argument("--db", help="database (default: [store] path of the configuration)")
    parser.add_argument("--run", type=int, help="the crawl_runs row the caller opened for this crawl")
    parser.add_argument("--no-extract", action="store_true",
                        help="fetch pages but do not extract or record them (for benchmarks)")
    args = parser.parse_args(argv)

    from config import ConfigError, load_config
    from crawler.session import SessionError, find_source

    try:
        source = find_source(load_config(args.config), args.source)
    except (ConfigError, SessionError) as error:
        message = " ".join(str(error).split())
        _close_callers_run(args, message)
        print(f"Error: {message}", file=sys.stderr)
        return USAGE_EXIT
    return _crawl(args, source.spider)


def _crawl(args: argparse.Namespace, spider_name: str) -> int:
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings
    from scrapy.utils.reactor import install_reactor

    from crawler.extensions import CrawlRunRecorder

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    # Installed first, so that the signal handlers below can use it before the crawl starts.
    install_reactor(settings["TWISTED_REACTOR"])
    from twisted.internet import reactor

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(process.spider_loader.load(spider_name))
    failures: list[Any] = []
    done = process.crawl(crawler, source=args.source, config=args.config, db=args.db, run=args.run,
                         extract=not args.no_extract)
    done.addErrback(failures.append)

    signals_seen = []

    def on_signal(signum: int, frame: Any) -> None:
        signals_seen.append(signum)
        if len(signals_seen) == 1:
            reactor.callFromThread(stop_gracefully)
        else:
            reactor.callFromThread(_stop_reactor, reactor)

    def stop_gracefully() -> None:
        recorder = crawler.get_extension(CrawlRunRecorder) if crawler._extensions is not None else None
        if recorder is not None:
            recorder.interrupt()
        process.stop()

    def install_handlers() -> None:
        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)

    reactor.callWhenRunning(install_handlers)
    process.start(install_signal_handlers=False)

    session = getattr(crawler.spider, "session", None)
    if failures:
        failure = failures[0]
        message = f"the crawl crashed: {failure.type.__name__}: {failure.getErrorMessage()}"
        if session is not None and session.store is not None:
            session.fail(message)
        else:
            _close_callers_run(args, message)
        print(f"Error: {' '.join(message.split())}", file=sys.stderr)
        return 1
    if session is not None and session.status == "failed":
        return 1
    return 0


def _stop_reactor(reactor: Any) -> None:
    try:
        reactor.stop()
    except RuntimeError:  # already stopping
        pass


def _close_callers_run(args: argparse.Namespace, message: str) -> None:
    """Close the run the caller opened when the crawl could not even start."""
    if args.run is None:
        return
    from config import ConfigError, load_config
    from store import ClaimStore, StoreError

    try:
        db = Path(args.db) if args.db else load_config(args.config).store_path
        with ClaimStore.open(db) as store:
            store.close_crawl(args.run, "failed", message[:300])
    except (ConfigError, StoreError, OSError):
        pass  # the caller closes it


if __name__ == "__main__":
    sys.exit(main())
