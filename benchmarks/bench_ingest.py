"""`claimtrack ingest`'s marginal cost per page against trafilatura's own. Prints figures;
asserts nothing.

    python benchmarks/bench_ingest.py [--repeats 3]

Pages: the real saved pages of ../shared/fixtures/real (when present) and the demo mirror's
pages, each read as a local file (so trafilatura reads every one: no site rule matches a
file:// URL). The marginal cost is (ingest of every page - ingest of a base set) / (pages -
base pages), two runs of the real command into fresh databases, so start-up and imports
cancel out. The base set is one page of each language among the pages, so that it loads
every claim pipeline the full run loads (a one-page base left the Chinese pipeline's loading
in the marginal cost). The stages (page extraction, claims, store) are timed alone in this
process, warm.
"""

from __future__ import annotations

import argparse
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


def ingest_seconds(claimtrack: str, paths: list[Path], runs: int) -> float:
    timings = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            subprocess.run([claimtrack, "--db", str(Path(folder) / "ingest.db"), "ingest", *map(str, paths)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            timings.append(time.perf_counter() - started)
    return statistics.median(timings)


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
    every = ingest_seconds(claimtrack, paths, args.repeats)
    warm = ingest_seconds(claimtrack, base, args.repeats)
    marginal_ms = (every - warm) / (len(paths) - len(base)) * 1000
    print(f"ingest  {len(paths)} pages (real: {REAL.is_dir()}; base: {len(base)}, one a language): "
          "trafilatura.extract(with_metadata=True) "
          f"{trafilatura_ms:.1f} ms a page; claimtrack ingest marginal {marginal_ms:.1f} ms a page "
          f"({marginal_ms / trafilatura_ms:.2f}x)")
    print(f"        stages alone: article_from_file {extract_ms:.1f} ms ({extract_ms / trafilatura_ms:.2f}x), "
          f"read_claims {claims_ms:.1f} ms ({claims_ms / trafilatura_ms:.2f}x), "
          f"record_article {store_ms:.1f} ms ({store_ms / trafilatura_ms:.2f}x)")


if __name__ == "__main__":
    main()
