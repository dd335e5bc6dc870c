"""`claimtrack export` throughput and memory. Prints figures; asserts nothing.

    python benchmarks/bench_export.py            # stores of 100k and 1M claims
    python benchmarks/bench_export.py --quick    # 10k and 100k (a smoke run)

Each export runs as its own `claimtrack export` process writing to a file; the figure is
rows per second and the process's peak resident memory. Streaming shows as a peak that does
not grow with the store (the Python interpreter with claimtrack's imports is most of it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.records import Article  # noqa: E402
from store import ClaimStore  # noqa: E402

ROW = {
    "article_version": 1, "text": "1 trillion yuan", "start": 0, "end": 15, "value": 1e12, "low": None, "high": None,
    "unit": "CNY", "qualifier": "more_than", "kind": "level", "metric": "ai_core_industry_size",
    "metric_text": "core AI industry", "geo": "China", "period": "2025", "modality": "actual", "attribution": "MIIT",
    "extractor_version": "bench", "superseded": 0,
}
FORMATS = ("csv", "jsonl", "parquet")


def make_store(path: Path, claims: int) -> None:
    """One article and ``claims`` claims, inserted in bulk (recording speed is bench_store's job)."""
    with ClaimStore.open(path) as store:
        article = Article(url="https://english.news.cn/20251226/0123456789abcdef0123456789abcdef/c.html",
                          text="China's core AI industry exceeded 1 trillion yuan in 2025.", published="2025-12-26",
                          outlet="Xinhua", title="Benchmark")
        article_id = store.record_article(article, [], source="bench").article_id
        store.db["claims"].insert_all(
            ({**ROW, "article_id": article_id, "sentence": f"Sentence number {n} holds the figure."} for n in range(claims)),
            batch_size=10_000,
        )


def run_export(db: Path, fmt: str, output: Path) -> tuple[float, float]:
    """Seconds and peak resident MB of one `claimtrack export claims` process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", "from claimtrack import cli; cli()", "--db", str(db), "export",
                                "claims", "--format", fmt, "--output", str(output)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage, not the largest child's
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"claimtrack export failed with {process.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024  # ru_maxrss is in kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k claims instead of 100k and 1M")
    sizes = (10_000, 100_000) if parser.parse_args().quick else (100_000, 1_000_000)
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            db = Path(folder) / f"claims-{size}.db"
            started = time.perf_counter()
            make_store(db, size)
            print(f"{size:>9,} claims: store made in {time.perf_counter() - started:.1f} s ({db.stat().st_size / 2**20:.0f} MB)")
            for fmt in FORMATS:
                output = Path(folder) / f"claims.{fmt}"
                seconds, peak = run_export(db, fmt, output)
                print(f"  {fmt:8} {size / seconds:>10,.0f} rows/s  {seconds:6.1f} s  file {output.stat().st_size / 2**20:7.1f} MB  "
                      f"peak RSS {peak:6.0f} MB")
                output.unlink()


if __name__ == "__main__":
    main()
