"""`claimtrack ingest`'s marginal cost per page against trafilatura's own. Prints figures;
asserts nothing.

    python benchmarks/bench_ingest.py [--repeats 3]

Pages: the real saved pages of ../shared/fixtures/real (when present) and the demo mirror's
pages, each read as a local file (so trafilatura reads every one: no site rule matches a
file:// URL). The marginal cost is (ingest of every page - ingest of a base set) / (pages -
base pages), two runs of the real command into fresh databases, so start-up and imports
cancel out. The base set is one page of each language among the pages, so that it loads
every claim pipeline the full run loads (a one-page base left the Chinese pipeline's loading
in the marginal cost). It still leaves in the marginal cost what a process does once for
each kind of page (trafilatura's and htmldate's lazily compiled patterns, first calls), so
a second figure is warm: every page twice (the second time under another name, so a new
article, a republication of the first) against every page once. trafilatura's own time is
warm too (the best of the repeats). Wall time and the child's CPU time are both printed. The
stages (page extraction, claims, store) are timed alone in this process, warm.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REAL = ROOT.parent / "shared" / "fixtures" / "real"
MIRROR = ROOT / "demo" / "mirror"


def page_files() -> list[Path]:
    from extractors.pages.files import PageFileError, article_from_file

    candidates = sorted(REAL.glob("*/*.htm*")) + sorted(MIRROR.rglob("*.htm*"))
    usable = []
    for path in candidates:
        try:
            article_from_file(path)
        except PageFileError:
            continue
        usable.append(path)
    return usable


def per_page_ms(work, items: list, repeats: int) -> float:
    """Best of ``repeats`` passes over ``items``, in ms per item."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        for item in items:
            work(item)
        times.append(time.perf_counter() - started)
    return min(times) / len(items) * 1000


def ingest_seconds(claimtrack: str, paths: list[Path], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds (user and system, of the child) of ``claimtrack ingest``
    of ``paths`` into a fresh database. CPU time barely moves with what else the machine
    runs; wall time does."""
    walls, cpus = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([claimtrack, "--db", str(Path(folder) / "ingest.db"), "ingest", *map(str, paths)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def copies_of(paths: list[Path], folder: Path) -> list[Path]:
    """The pages again under other names (so other URLs): recorded as new articles, which
    are republications of the first ones."""
    copies = []
    for number, path in enumerate(paths):
        copy = folder / str(number) / path.name
        copy.parent.mkdir()
        shutil.copyfile(path, copy)
        copies.append(copy)
    return copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import trafilatura

    from extractors.claims import EXTRACTOR_VERSION, read_claims
    from extractors.pages.files import article_from_file
    from store import ClaimStore

    paths = page_files()
    bodies = [path.read_bytes() for path in paths]
    urls = [path.resolve().as_uri() for path in paths]
    pairs = list(zip(urls, bodies))
    trafilatura_ms = per_page_ms(lambda pair: trafilatura.extract(pair[1], url=pair[0], with_metadata=True),
                                 pairs, args.repeats)
    extract_ms = per_page_ms(article_from_file, paths, args.repeats)
    articles = [article_from_file(path) for path in paths]
    read_claims(articles)  # load the pipelines
    claims_ms = per_page_ms(lambda article: read_claims([article]), articles, args.repeats)
    readings = read_claims(articles)
    store_times = []
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory() as folder, ClaimStore.open(Path(folder) / "s.db") as store:
            started = time.perf_counter()
            for article, claims in zip(articles, readings):
                store.record_article(article, claims or [], source="bench", extractor_version=EXTRACTOR_VERSION)
            store_times.append(time.perf_counter() - started)
    store_ms = min(store_times) / len(articles) * 1000

    script = Path(sys.executable).parent / "claimtrack"
    claimtrack = str(script) if script.exists() else shutil.which("claimtrack")
    base = list({article.lang: path for path, article in reversed(list(zip(paths, articles)))}.values())
    runs = max(args.repeats, 5)
    every = ingest_seconds(claimtrack, paths, runs)
    some = ingest_seconds(claimtrack, base, runs)
    with tempfile.TemporaryDirectory() as folder:
        twice = ingest_seconds(claimtrack, paths + copies_of(paths, Path(folder)), runs)
    print(f"ingest  {len(paths)} pages (real: {REAL.is_dir()}): trafilatura.extract(with_metadata=True) "
          f"{trafilatura_ms:.1f} ms a page; claimtrack ingest marginal, wall (CPU):")
    for label, more, less, pages in (
        (f"every page against one a language ({len(base)})", every, some, len(paths) - len(base)),
        ("every page twice against once (warm)", twice, every, len(paths)),
    ):
        wall_ms, cpu_ms = ((more[k] - less[k]) / pages * 1000 for k in (0, 1))
        print(f"        {label}: {wall_ms:.1f} ms a page ({wall_ms / trafilatura_ms:.2f}x), "
              f"CPU {cpu_ms:.1f} ms ({cpu_ms / trafilatura_ms:.2f}x)")
    print(f"        stages alone: article_from_file {extract_ms:.1f} ms ({extract_ms / trafilatura_ms:.2f}x), "
          f"read_claims {claims_ms:.1f} ms ({claims_ms / trafilatura_ms:.2f}x), "
          f"record_article {store_ms:.1f} ms ({store_ms / trafilatura_ms:.2f}x)")


if __name__ == "__main__":
    main()
