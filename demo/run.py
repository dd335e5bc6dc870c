"""`claimtrack demo`: the whole product on the bundled mirror, on a machine with no network.

It serves the mirror on 127.0.0.1, writes a configuration pointing every source at it,
crawls every source with the real spiders and pipelines (each crawl its own process, as the
daemon runs them), lets the store compute the findings as it records, and writes a digest for
each day of the mirror's history (the days its pages were published). Everything lands in
one folder; running it again in the same folder reuses the database, so a second run
fetches only the listings and records nothing new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from config.loader import load_config
from demo.configuration import write_config
from demo.server import MirrorServer

CONFIG_NAME = "claimtrack.toml"
DATABASE_NAME = "claimtrack.db"
DIGESTS_NAME = "digests"
# The series the demo ends by showing: the one its mirror was written around.
SHOWCASE_METRIC = "ai_core_industry_size"


@dataclass
class DemoResult:
    folder: Path
    config_path: Path
    db_path: Path
    digest_dir: Path
    crawls: list[Any] = field(default_factory=list)       # crawler.runner.CrawlOutcome per source
    digests: list[Path] = field(default_factory=list)     # the HTML digest of each day written

    @property
    def failed(self) -> list[str]:
        return [outcome.source for outcome in self.crawls if outcome.failed]


def run_demo(folder: Path, progress: Callable[[str], None] = lambda line: None) -> DemoResult:
    """Crawl the mirror into ``folder`` and write its digests; ``progress`` gets one line per
    step (crawl counts as they change, each digest written)."""
    from crawler.runner import run_crawls
    from digest import write_digest
    from store import ClaimStore

    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    result = DemoResult(folder, folder / CONFIG_NAME, folder / DATABASE_NAME, folder / DIGESTS_NAME)
    with MirrorServer() as server:
        progress(f"serving the demo mirror at {server.base_url}")
        write_config(result.config_path, server, db=result.db_path, digest_dir=result.digest_dir)
        config = load_config(result.config_path)
        with ClaimStore.open(result.db_path) as store:
            store.register_sources(config.sources)
            store.close_interrupted_crawls()   # a demo stopped half-way last time

        def report(outcome: Any, finished: bool) -> None:
            run = outcome.run
            state = f"{outcome.status} in {outcome.seconds:.1f} s" if finished else "crawling"
            progress(f"[{outcome.source}] {state}: {run.get('pages', 0)} pages, {run.get('articles_new', 0)} new "
                     f"articles, {run.get('claims_new', 0)} new claims")

        result.crawls = run_crawls([source.name for source in config.sources], config_path=result.config_path,
                                   db_path=result.db_path, timeout=config.crawler.crawl_timeout,
                                   parallel=config.crawler.parallel_crawls, progress=report)
    with ClaimStore.open_readonly(result.db_path) as store:
        days = store.publication_days()
        for number, day in enumerate(days, 1):
            paths = write_digest(store, day, result.digest_dir, config.digest.timezone,
                                 sources=config.sources, basis="published")
            result.digests.append(paths["html"])
            progress(f"[digest {number}/{len(days)}] {paths['html'].name}")
    return result


def summary(store: Any) -> dict[str, Any]:
    """Articles by source, claims, and findings by type: the demo's closing figures."""
    status = store.status()
    findings: dict[str, int] = {}
    for finding in store.findings(open_only=True):
        findings[finding["type"]] = findings.get(finding["type"], 0) + 1
    return {
        "articles": status["articles"],
        "republications": status["republications"],
        "claims": status["claims"],
        "articles_by_source": {source["name"]: source["articles"] for source in status["sources"]},
        "findings": dict(sorted(findings.items())),
    }
