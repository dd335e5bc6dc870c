"""Cost of keeping findings current, and of listing them. Prints figures; asserts nothing.

    python benchmarks/bench_findings.py            # 100k claims recorded twice; `findings` over 1M claims
    python benchmarks/bench_findings.py --quick    # 10k recorded; `findings` over 100k claims

Recording: the same 100k claims go through ClaimStore.record_article on real files in WAL
mode, into one store keeping findings current and one with ``track_findings`` off, article
by article in turn; the ratio is the cost of findings. Recording an article recomputes every metric-and-period series it
touches, so the cost follows the number of series an article touches and their size. Three
loads: *reported* articles, 20 claims on two to four metrics as the sources write them
(a level, its growth rate, the year before's level, a dollar equivalent, a forecast); and
bench_store.py's shape, 1,000 articles of 100 claims each in another of 500 metrics x 9
years, with *restated* figures (each series has one true figure that releases restate at
various precisions, one claim in twenty 10-20% off) or *random* ones (every figure drawn
afresh, so nearly every pair of releases disagrees: the worst case).

Listing: a store of 1M restated claims, then ``claimtrack findings`` as a user runs it
(a fresh process, interpreter start-up included), with and without filters.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.records import Article, Claim  # noqa: E402
from store import ClaimStore  # noqa: E402

CLAIMS_PER_ARTICLE = 100
METRICS = [f"bench_metric_{n:03d}" for n in range(500)]
PERIODS = [str(year) for year in range(2018, 2027)]
ORGANISATIONS = ("CAICT", "MIIT", "NBS", "IDC", None)
VOCABULARY = [f"{a}{b}" for a in ("data", "chip", "model", "cloud", "port", "grid", "rail", "bank", "farm", "film")
              for b in ("s", "er", "ing", "ed", "ly", "ist", "ism", "ize", "ful", "less")]
WORDS = ("industry core computing power yuan billion trillion growth enterprises model data centre "
         "ministry academy report province digital economy percent year quarter capacity services").split()


class Restated:
    """Each metric has a true level for every year, growing by that year's true rate; a
    claim restates one of them as writers do ("1.23 trillion", "853 billion", "24.5
    percent", "more than 1.2 trillion" for 1.234), and one claim in twenty gives a figure
    10-20% off: a revision or a discrepancy."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.level, self.growth = {}, {}
        for metric in METRICS:
            level = Decimal(rng.randint(100, 3000)) * Decimal("1E+9")
            for period in PERIODS:
                growth = Decimal(rng.randint(-50, 400)) / 10
                level = level * (1 + growth / 100)
                self.level[(metric, period)], self.growth[(metric, period)] = level, growth

    def claim(self, metric: str, period: str, start: int) -> Claim:
        rng = self.rng
        kind = "growth" if rng.random() < 0.15 else "level"
        truth = self.level[(metric, period)] if kind == "level" else self.growth[(metric, period)]
        if rng.random() < 0.05:
            truth *= Decimal(rng.choice((-1, 1)) * rng.randint(10, 20) + 100) / 100
        qualifier = "more_than" if kind == "level" and rng.random() < 0.2 else "exact"
        if kind == "level":
            scale, name = (Decimal("1E+12"), "trillion") if truth >= Decimal("1E+12") else (Decimal("1E+9"), "billion")
            digits = rng.choice((2, 3, 4)) if name == "trillion" else rng.choice((3, 4))
            written = _round(truth / scale, 2 if qualifier == "more_than" else digits, ROUND_DOWN
                             if qualifier == "more_than" else ROUND_HALF_EVEN)
            text, unit, value = f"{written:f} {name} yuan", "CNY", written * scale
        else:
            written = _round(truth, rng.choice((2, 3)))
            text, unit, value = f"{written:f} percent", "%", written
        modality = "forecast" if rng.random() < 0.05 else "actual"
        return _claim(text, value, unit, qualifier, kind, metric, period, modality, rng.choice(ORGANISATIONS), start)


class Random:
    """bench_store.py's claims: every figure drawn afresh."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def claim(self, metric: str, period: str, start: int) -> Claim:
        rng = self.rng
        value = Decimal(rng.randint(1, 2000)) * Decimal("1E+9")
        return _claim(f"{value / Decimal('1E+9')} billion yuan", value, "CNY",
                      rng.choice(("exact", "more_than", "approx")), "level", metric, period, "actual",
                      rng.choice(ORGANISATIONS), start)


class Reported:
    """Articles as the sources write them: 20 claims about two to four metrics, each told
    as a headline or lead figure restated in the body, its growth rate, the year before's
    level, a dollar equivalent now and then, and a forecast for the next year; the figures
    are Restated's."""

    per_article = 20

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.figures = Restated(rng)

    def article(self, index: int, seed: int) -> tuple[Article, list[Claim]]:
        rng, figures = self.rng, self.figures
        parts: list[str] = []
        claims: list[Claim] = []

        def say(words: str, claim_text: str, value, unit, qualifier, kind, metric, period, modality, who) -> None:
            start = sum(len(part) for part in parts) + len(words)
            parts.append(f"{words}{claim_text}. ")
            claims.append(_claim(claim_text, value, unit, qualifier, kind, metric, period, modality, who, start))

        metrics = rng.sample(METRICS, rng.randint(2, 4))
        period = rng.choice(PERIODS[1:-1])
        while len(claims) < self.per_article:
            metric = metrics[len(claims) % len(metrics)]
            who = rng.choice(ORGANISATIONS[:-1])
            level, text = _yuan(figures.level[(metric, period)], 4)
            say(f"{metric} of {period} ", text, level, "CNY", "exact", "level", metric, period, "actual", who)
            growth = _round(figures.growth[(metric, period)], 3)
            say("up by ", f"{growth:f} percent", growth, "%", "exact", "growth", metric, period, "actual", who)
            before, text = _yuan(figures.level[(metric, str(int(period) - 1))], 4)
            say("from ", text, before, "CNY", "exact", "level", metric, str(int(period) - 1), "actual", who)
            if rng.random() < 0.3:
                dollars = _round(level / Decimal("7.1E+9"), 3)
                say("or about ", f"{dollars:f} billion dollars", dollars * Decimal("1E+9"), "USD", "approx",
                    "level", metric, period, "actual", who)
            ahead, text = _yuan(figures.level[(metric, str(int(period) + 1))], 3)
            say("expected next year ", text, ahead, "CNY", "exact", "level", metric, str(int(period) + 1),
                "forecast", who)
        claims = claims[: self.per_article]
        text = f"Article {seed}-{index}. " + "".join(parts)
        shift = len(f"Article {seed}-{index}. ")
        claims = [c.__class__(**{**c.__dict__, "start": c.start + shift, "end": c.start + shift + len(c.text)})
                  for c in claims]
        # Words of its own, so that two articles are not taken for copies of one story.
        text += " ".join(rng.choice(VOCABULARY) for _ in range(200)) + "."
        published = f"{int(period) + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        article = Article(url=f"https://bench.example/{seed}/{index}", text=text, published=published, outlet="Bench")
        return article, claims


def _yuan(amount: Decimal, digits: int) -> tuple[Decimal, str]:
    """An amount rounded to ``digits`` significant digits and written as writers do, with a
    scale word ("1.234 trillion yuan", "853.2 billion yuan"), never trailing zeros."""
    scale, name = (Decimal("1E+12"), "trillion") if amount >= Decimal("1E+12") else (Decimal("1E+9"), "billion")
    written = _round(amount / scale, digits)
    while written == written.to_integral_value() and written.as_tuple().exponent > 0:
        digits += 1
        written = _round(amount / scale, digits)
    return written * scale, f"{written.normalize():f} {name} yuan"


def _round(number: Decimal, digits: int, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    return number.quantize(Decimal(1).scaleb(number.adjusted() - digits + 1), rounding=rounding) if number else number


def _claim(text, value, unit, qualifier, kind, metric, period, modality, attribution, start) -> Claim:
    return Claim(text=text, start=start, end=start + 15, value=value, low=None, high=None, unit=unit,
                 qualifier=qualifier, kind=kind, metric=metric, metric_text=metric.replace("_", " "), geo="China",
                 period=period, modality=modality, attribution=attribution, sentence="A sentence that holds the figure.")


def articles_of(figures, count: int, *, seed: int, words: int = 300) -> Iterator[tuple[Article, list[Claim]]]:
    rng = random.Random(seed)
    for index in range(count):
        if isinstance(figures, Reported):
            yield figures.article(index, seed)
            continue
        text = f"Article {index}. " + " ".join(rng.choice(WORDS) for _ in range(words)) + "."
        claims = [figures.claim(rng.choice(METRICS), rng.choice(PERIODS), rng.randrange(0, len(text) - 20))
                  for _ in range(CLAIMS_PER_ARTICLE)]
        published = f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield Article(url=f"https://bench.example/{seed}/{index}", text=text, published=published, outlet="Bench"), claims


def fill(store: ClaimStore, articles: int, figures, *, seed: int, words: int = 300) -> float:
    """Record ``articles`` articles; return the seconds taken."""
    started = time.perf_counter()
    for article, claims in articles_of(figures, articles, seed=seed, words=words):
        store.record_article(article, claims, source="bench", extractor_version="bench")
    return time.perf_counter() - started


def recording(folder: Path, claims: int, kind: type) -> tuple[float, float, int, int]:
    """Record the same ``claims`` claims of ``kind`` into two stores, one keeping findings and
    one not, article by article in turn (so that other work on the machine weighs on both
    alike); returns the seconds of each, the open findings and the articles."""
    count = claims // getattr(kind, "per_article", CLAIMS_PER_ARTICLE)
    seconds = {False: 0.0, True: 0.0}
    with ClaimStore.open(folder / f"off-{kind.__name__}.db") as off, ClaimStore.open(folder / f"on-{kind.__name__}.db") as on:
        off.track_findings = False
        for article, article_claims in articles_of(kind(random.Random(7)), count, seed=1):
            for store in (off, on):
                started = time.perf_counter()
                store.record_article(article, article_claims, source="bench", extractor_version="bench")
                seconds[store.track_findings] += time.perf_counter() - started
        found = on.db.execute("SELECT count(*) FROM findings WHERE status = 'open'").fetchone()[0]
    return seconds[False], seconds[True], found, count


def cli_ms(claimtrack: str, db: Path, args: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([claimtrack, "--db", str(db), "findings", *args], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (median; default 7)")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    script = Path(sys.executable).parent / "claimtrack"
    claimtrack = str(script) if script.exists() else shutil.which("claimtrack")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        claims = 100_000 // scale
        for kind, shape in ((Reported, "articles of 20 claims on 2-4 metrics"),
                            (Restated, "bench_store's shape: 100 claims on 100 metrics an article, restated figures"),
                            (Random, "bench_store's shape and figures: every figure drawn afresh")):
            off, on, found, articles = recording(folder, claims, kind)
            print(f"record {claims:,} claims ({shape}): findings off {off:.1f} s "
                  f"({off / articles * 1000:.1f} ms/article), on {on:.1f} s ({on / articles * 1000:.1f} ms/article, "
                  f"{found:,} open findings): {on / off:.2f}x")

        total = 1_000_000 // scale
        path = folder / "listing.db"
        with ClaimStore.open(path) as store:
            store.track_findings = False
            build = fill(store, total // CLAIMS_PER_ARTICLE, Restated(random.Random(8)), seed=2, words=40)
            started = time.perf_counter()
            found = store.rebuild_findings()
            rebuilt = time.perf_counter() - started
        print(f"store of {total:,} restated claims ({path.stat().st_size / 1e6:,.0f} MB) built in {build:.0f} s; "
              f"rebuild_findings {rebuilt:.1f} s, {found:,} open findings")
        if claimtrack is None:
            print("the claimtrack script is not installed (pip install -e .): no command timings")
            return
        baseline = statistics.median(
            _seconds([sys.executable, "-c", "pass"]) for _ in range(args.runs)) * 1000
        print(f"python -c pass: median {baseline:.0f} ms")
        for label, options in (
            ("claimtrack findings", []),
            ("claimtrack findings --open", ["--open"]),
            ("claimtrack findings --type growth_mismatch", ["--type", "growth_mismatch"]),
            ("claimtrack findings --metric bench_metric_007", ["--metric", "bench_metric_007"]),
            ("claimtrack findings --since 2000-01-01 --format json", ["--since", "2000-01-01", "--format", "json"]),
        ):
            print(f"{label}: median {cli_ms(claimtrack, path, options, args.runs):,.0f} ms over {args.runs} runs")
        every = cli_ms(claimtrack, path, ["--limit", "0", "--format", "jsonl"], 1)
        print(f"claimtrack findings --limit 0 --format jsonl (all {found:,}, with their claims): {every / 1000:,.1f} s, "
              f"{found / every * 1000:,.0f} findings/s")


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
