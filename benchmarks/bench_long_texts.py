"""Long texts through ingest's path: claim extraction time and peak memory, and how long
recording the article holds the write lock (it must stay under another writer's busy timeout).

    python benchmarks/bench_long_texts.py [MB ...]      (default: 1 2 5 10)

Each size runs in a fresh process so that its peak memory is its own. Prints figures; asserts nothing.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PARAGRAPHS = {
    "en": ("China's core artificial intelligence industry exceeded 1 trillion yuan in 2025, the Ministry of "
           "Industry and Information Technology said on Friday, and more than 5,300 AI companies were active.\n"),
    "zh": "2025年，我国人工智能核心产业规模超过1.2万亿元，企业数量超过5300家，同比增长24%。\n",
}


def measure(lang: str, megabytes: float) -> dict:
    sys.path.insert(0, str(REPO))
    from config.defaults import BUSY_TIMEOUT_MS
    from extractors.claims import EXTRACTOR_VERSION, read_claims
    from extractors.records import Article
    from store import ClaimStore

    unit = PARAGRAPHS[lang]
    size = int(megabytes * 1024 * 1024)
    text = unit * (size // len(unit.encode("utf-8")))
    article = Article(url=f"https://example.org/{lang}-{megabytes}", text=text, published="2025-12-26", lang=lang)
    started = time.perf_counter()
    [claims] = read_claims([article])
    extracted = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder, ClaimStore.open(Path(folder) / "bench.db") as store:
        held = _time_write_transactions(store)
        started = time.perf_counter()
        store.record_article(article, claims, source="bench", extractor_version=EXTRACTOR_VERSION)
        recorded = time.perf_counter() - started
    return {"lang": lang, "MB": megabytes, "chars": len(text), "claims": len(claims),
            "extract_s": round(extracted, 1), "record_s": round(recorded, 1), "lock_s": round(max(held), 1),
            "busy_timeout_s": BUSY_TIMEOUT_MS / 1000,
            "peak_rss_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def _time_write_transactions(store) -> list[float]:
    """Wrap the store's write transactions so that each one's duration (the write lock held) is
    appended to the returned list."""
    held: list[float] = []
    write = store._write

    @contextmanager
    def timed():
        started = time.perf_counter()
        with write():
            yield
        held.append(time.perf_counter() - started)

    store._write = timed
    return held


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(measure(sys.argv[2], float(sys.argv[3]))))
        return
    sizes = [float(value) for value in sys.argv[1:]] or [1, 2, 5, 10]
    print(f"{'lang':4} {'MB':>5} {'chars':>10} {'claims':>7} {'extract s':>9} {'record s':>8} {'lock s':>6} "
          f"{'peak RSS MB':>11}")
    for lang in PARAGRAPHS:
        for megabytes in sizes:
            run = subprocess.run([sys.executable, __file__, "--one", lang, str(megabytes)], capture_output=True,
                                 text=True, check=True)
            row = json.loads(run.stdout)
            print(f"{row['lang']:4} {row['MB']:>5g} {row['chars']:>10,} {row['claims']:>7,} {row['extract_s']:>9} "
                  f"{row['record_s']:>8} {row['lock_s']:>6} {row['peak_rss_MB']:>11}")
    print(f"('lock s': the write lock held; another writer waits up to {row['busy_timeout_s']:g} s for it)")


if __name__ == "__main__":
    main()
