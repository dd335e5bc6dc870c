"""Store throughput and history latency. Prints figures; asserts nothing.

    python benchmarks/bench_store.py            # 100k claims recorded; history at 10k and 1M claims
    python benchmarks/bench_store.py --quick    # 10k recorded; history at 10k and 100k (a smoke run)

Recording goes through ClaimStore.record_article, one transaction per article, on a real
file in WAL mode, with the full-text triggers and the republication lookup. For history,
the tracked metric has the same 200 observations in both databases; everything else is
other metrics, so the ratio shows how latency grows with the database, not with the series.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.pages.syndication import fingerprint  # noqa: E402
from extractors.records import Article, Claim  # noqa: E402
from store import ClaimStore  # noqa: E402

CLAIMS_PER_ARTICLE = 100
TRACKED = "ai_core_industry_size"
TRACKED_OBSERVATIONS = 200
FILLER_METRICS = [f"metric_{n:03d}" for n in range(500)]
WORDS = ("industry core computing power yuan billion trillion growth enterprises model data centre "
         "ministry academy report province digital economy percent year quarter capacity services").split()
ORGANISATIONS = ("CAICT", "MIIT", "NBS", "IDC", None)


def article_text(rng: random.Random, number: int, words: int) -> str:
    return f"Article {number}. " + " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def claim(rng: random.Random, metric: str, text_length: int) -> Claim:
    value = Decimal(rng.randint(1, 2000)) * Decimal("1E+9")
    start = rng.randrange(0, text_length - 20)
    return Claim(
        text=f"{value / Decimal('1E+9')} billion yuan", start=start, end=start + 15, value=value, low=None,
        high=None, unit="CNY", qualifier=rng.choice(("exact", "more_than", "approx")), kind="level",
        metric=metric, metric_text=metric.replace("_", " "), geo="China", period=str(rng.randint(2018, 2026)),
        modality="actual", attribution=rng.choice(ORGANISATIONS), sentence="A sentence that holds the figure.",
    )


def fill(store: ClaimStore, articles: int, *, seed: int, words: int, tracked: int = 0) -> float:
    """Record ``articles`` articles of CLAIMS_PER_ARTICLE claims; return the seconds taken.
    The first ``tracked`` claims (spread over the articles) are of the tracked metric."""
    rng = random.Random(seed)
    tracked_every = max(1, articles * CLAIMS_PER_ARTICLE // tracked) if tracked else 0
    started = time.perf_counter()
    number = 0
    for index in range(articles):
        text = article_text(rng, index, words)
        claims = []
        for _ in range(CLAIMS_PER_ARTICLE):
            is_tracked = tracked_every and number % tracked_every == 0 and number // tracked_every < tracked
            claims.append(claim(rng, TRACKED if is_tracked else rng.choice(FILLER_METRICS), len(text)))
            number += 1
        published = f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        store.record_article(
            Article(url=f"https://bench.example/{seed}/{index}", text=text, published=published, outlet="Bench"),
            claims, source="bench", extractor_version="bench",
        )
    return time.perf_counter() - started


def history_ms(store: ClaimStore, runs: int) -> tuple[float, int]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        observations = store.history(TRACKED)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), len(observations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--words", type=int, default=300, help="words per synthetic article (default 300)")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)

        articles = 1000 // scale
        text = article_text(random.Random(0), 0, args.words)
        fp_started = time.perf_counter()
        for _ in range(50):
            fingerprint(text)
        fp_ms = (time.perf_counter() - fp_started) / 50 * 1000
        with ClaimStore.open(folder / "record.db") as store:
            seconds = fill(store, articles, seed=1, words=args.words)
        claims = articles * CLAIMS_PER_ARTICLE
        print(f"record: {claims:,} claims over {articles:,} articles ({len(text):,}-character texts) "
              f"in {seconds:.1f} s: {claims / seconds:,.0f} claims/s, {seconds / articles * 1000:.1f} ms/article "
              f"(of which SimHash fingerprint {fp_ms:.1f} ms)")

        results = {}
        for total in (10_000, 1_000_000 // scale):
            path = folder / f"history-{total}.db"
            with ClaimStore.open(path) as store:
                build = fill(store, total // CLAIMS_PER_ARTICLE, seed=2, words=40, tracked=TRACKED_OBSERVATIONS)
            with ClaimStore.open_readonly(path) as store:
                store.history(TRACKED)  # warm the page cache
                median, observations = history_ms(store, runs=21)
            results[total] = median
            print(f"history {TRACKED}: {observations} observations in a database of {total:,} claims "
                  f"({path.stat().st_size / 1e6:,.0f} MB, built in {build:.0f} s): median {median:.1f} ms")
        small, large = results.values()
        sizes = list(results)
        print(f"history ratio {sizes[1]:,} / {sizes[0]:,} claims: {large / small:.2f}x "
              f"for {sizes[1] / sizes[0]:.0f}x the data")


if __name__ == "__main__":
    main()
