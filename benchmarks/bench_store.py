"""How the store's costs grow with its size: issue 14's table. Prints figures; asserts nothing.

    python benchmarks/bench_store.py                     # every row; stores of 1k, 10k, 100k articles
    python benchmarks/bench_store.py --sizes 1000 10000  # smaller stores only (a smoke run)
    python benchmarks/bench_store.py --rows record search

Each store is built in bulk (rows written straight through sqlite-utils, not one
``record_article`` transaction each) with 10% of its articles copies of wire stories: one
cluster as large as 1,000 copies, the rest in clusters of ten. Then, on that store:

- record: one more copy of the largest cluster's story, and one new story, through
  ``ClaimStore.record_article``, wall and CPU time (median of 21 of each, after 3 of each
  to warm up, in turns across the store sizes once all are built);
- metrics: ``check_metric`` of an unknown metric (which lists the known ones to suggest);
- search: ``search`` of a two-character term (matched with LIKE), limit 50;
- output (largest store only): ``claimtrack history``/``claims`` of the tracked metric, one
  claim an article, as a table to /dev/null: wall time and peak memory of the process,
  against the store method's own time for the same rows;
- startup: ``claimtrack history`` of a metric with five observations, and ``--help``, against
  ``python -c pass`` (benchmarks/bench_cli.py);
- ingest: ``claimtrack ingest``'s marginal cost per page against trafilatura's
  (benchmarks/bench_ingest.py);
- pdf: dense PDF pages per second (benchmarks/bench_articles.py --pdf).
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
import zlib
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.pages.syndication import text_prints  # noqa: E402
from extractors.records import Article, Claim  # noqa: E402
from store import ClaimStore, UnknownMetric  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
COPY_SHARE = 0.10
LARGEST_CLUSTER = 1_000
SMALL_CLUSTER = 10
WORDS_PER_ARTICLE = 120
TRACKED = "ai_core_industry_size"     # one claim in every article
RARE = "registered_genai_services"    # five claims in the whole store: start-up, not output
FILLER_METRICS = [f"metric_{n:03d}" for n in range(300)]
ORGANISATIONS = ("CAICT", "MIIT", "NBS", "IDC", None)
PROVINCES = [f"Province {n:02d}" for n in range(34)]
PERIODS = [str(year) for year in range(2018, 2026)] + [f"{year}-{month:02d}" for year in range(2018, 2026)
                                                      for month in range(1, 13)]
DIFFERING_RELEASES = 0.05
SHORT_TERM = "ka"
RUNS = 7
# Recording is measured more often: a record's time swings with the disk other processes share.
RECORD_RUNS = 21
RECORD_WARM_UP = 3
_SYLLABLES = ("ka zu mi ro te shi na po le qu an ing ter val dex cor bin tra hu mo ge ly "
              "sen vo pri ax el ust om ne").split()


class Corpus:
    """Pseudo-word texts: a large vocabulary, so that distinct texts share few shingles and
    their SimHash fingerprints scatter as real articles' do."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = ["".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 4)))
                           for _ in range(20_000)]

    def story(self, number: int) -> str:
        words = " ".join(self.rng.choice(self.vocabulary) for _ in range(WORDS_PER_ARTICLE))
        return f"BEIJING, story {number} (Xinhua) -- {words}."

    def copy_of(self, story: str, number: int) -> str:
        """What a republisher does: an editor line, the dateline gone."""
        return f"Editor: Desk {number}. " + story.split(" -- ", 1)[1]

    def published(self, after: str | None = None) -> str:
        if after is None:
            return f"{self.rng.randint(2019, 2025)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        year, month, day = after.split("-")
        return f"{year}-{month}-{min(28, int(day) + self.rng.randint(1, 3)):02d}"

    def claims(self, text: str, rare: bool = False) -> list[Claim]:
        """Three claims, in series the size real ones reach: the tracked metric across the
        provinces and periods (a hundred thousand claims make series of about thirty), the
        fillers across periods; most releases of a figure agree, one in twenty differs.
        Series of thousands of disagreeing releases would measure findings on a series no
        source publishes, not the store's growth (benchmarks/bench_findings.py has those)."""
        claims = []
        for metric in [RARE if rare else TRACKED, *self.rng.sample(FILLER_METRICS, 2)]:
            geo = self.rng.choice(PROVINCES) if metric == TRACKED else "China"
            period = self.rng.choice(PERIODS)
            value = Decimal(zlib.crc32(f"{metric}|{geo}|{period}".encode()) % 2000 + 1)
            if self.rng.random() < DIFFERING_RELEASES:
                value += Decimal(self.rng.randint(100, 500))
            start = self.rng.randrange(0, len(text) - 20)
            claims.append(Claim(
                text=f"{value} billion yuan", start=start, end=start + 15, value=value * Decimal("1E+9"), low=None,
                high=None, unit="CNY", qualifier="exact", kind="level",
                metric=metric, metric_text=metric.replace("_", " "), geo=geo,
                period=period, modality="actual",
                attribution=self.rng.choice(ORGANISATIONS), sentence="A sentence that holds the figure.",
            ))
        return claims


def cluster_sizes(copies: int) -> list[int]:
    sizes = [min(LARGEST_CLUSTER, copies)]
    remaining = copies - sizes[0]
    while remaining > 0:
        sizes.append(min(SMALL_CLUSTER, remaining))
        remaining -= sizes[-1]
    return sizes


def build_store(path: Path, articles: int, corpus: Corpus) -> dict:
    """Write ``articles`` articles (three claims each) in bulk, in one transaction; return
    what the measurements need: the largest cluster's story and the next free number."""
    copies = int(articles * COPY_SHARE)
    sizes = cluster_sizes(copies)
    originals = articles - copies
    article_rows, claim_rows, band_rows = [], [], []
    stories: list[tuple[str, str]] = []
    with ClaimStore.open(path) as store, store._write():
        store._ensure_source("bench")
        # The band index is built after its rows, by a sort, as the migration does.
        band_index = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'minhash_bands_hash'").fetchone()[0]
        store.db.execute("DROP INDEX minhash_bands_hash")

        def flush() -> None:
            store.db["articles"].insert_all(article_rows, batch_size=1000)
            store.db["claims"].insert_all(claim_rows, batch_size=1000)
            store.db.conn.executemany("INSERT INTO minhash_bands VALUES (?, ?, ?, ?)", band_rows)
            for rows in (article_rows, claim_rows, band_rows):
                rows.clear()

        def add(number: int, text: str, published: str, original_id: int | None) -> None:
            article = Article(url=f"https://bench.example/{number}", text=text, published=published, outlet="Bench")
            prints = text_prints(text)
            row = store._article_row(article, 1, "bench", prints.fingerprint)
            article_rows.append({**row, "id": number, "source": "bench", "original_id": original_id})
            band_rows.extend((number, band, band_hash, int(original_id is None))
                             for band, band_hash in enumerate(prints.bands))
            for claim in corpus.claims(text, rare=number <= 5):
                claim_rows.append({"article_id": number, "article_version": 1, **claim.to_dict(),
                                   "extractor_version": "bench", "superseded": 0})
            if len(article_rows) == 5_000:
                flush()

        for number in range(1, originals + 1):
            text, published = corpus.story(number), corpus.published()
            add(number, text, published, None)
            if number <= len(sizes):
                stories.append((text, published))
        number = originals
        for cluster, size in enumerate(sizes):
            text, published = stories[cluster]
            for _ in range(size):
                number += 1
                add(number, corpus.copy_of(text, number), corpus.published(published), cluster + 1)
        flush()
        store.db.execute(band_index)
    return {"story": stories[0], "next": articles + 1, "largest": sizes[0]}


def median_ms(work, runs: int = RUNS) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure_record(stores: dict[int, tuple[Path, Corpus, dict]]) -> dict[tuple[int, str], tuple[float, float]]:
    """Median wall and CPU ms to record one more copy of the largest cluster's story, and a
    new story, in every store: ``RECORD_RUNS`` of each kind in each store, after
    ``RECORD_WARM_UP`` untimed, taken in turns across the stores so that whatever else the
    machine does falls on every size alike and the ratios between sizes hold."""
    opened = {size: ClaimStore.open(path) for size, (path, _, _) in stores.items()}
    times: dict[tuple[int, str], list[tuple[float, float]]] = {}
    try:
        for run in range(RECORD_WARM_UP + RECORD_RUNS):
            for kind in ("copy", "new"):
                for size, (_, corpus, built) in stores.items():
                    story, published = built["story"]
                    number = built["next"]
                    built["next"] += 1
                    text = corpus.copy_of(story, number) if kind == "copy" else corpus.story(number)
                    article = Article(url=f"https://bench.example/{number}", text=text, outlet="Bench",
                                      published=corpus.published(published) if kind == "copy" else corpus.published())
                    claims = corpus.claims(text)
                    wall, cpu = time.perf_counter(), time.process_time()
                    result = opened[size].record_article(article, claims, source="bench", extractor_version="bench")
                    if run >= RECORD_WARM_UP:
                        times.setdefault((size, kind), []).append(
                            ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
                    if kind == "copy" and not result.original_id:
                        print(f"  (warning: copy {number} was not linked to its story)")
    finally:
        for store in opened.values():
            store.close()
    return {key: (statistics.median(t[0] for t in values), statistics.median(t[1] for t in values))
            for key, values in times.items()}


def measure_metrics(path: Path) -> float:
    with ClaimStore.open_readonly(path) as store:
        def unknown() -> None:
            try:
                store.check_metric("ai_core_industry_sise")
            except UnknownMetric:
                pass
        unknown()
        return median_ms(unknown)


def measure_search(path: Path) -> tuple[float, int]:
    with ClaimStore.open_readonly(path) as store:
        found = len(store.search(SHORT_TERM, limit=50))
        return median_ms(lambda: store.search(SHORT_TERM, limit=50)), found


def claimtrack_script() -> str:
    script = Path(sys.executable).parent / "claimtrack"
    found = str(script) if script.exists() else shutil.which("claimtrack")
    if found is None:
        sys.exit("the claimtrack script is not installed (pip install -e .)")
    return found


def run_measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one child process, its output to /dev/null."""
    script = ("import resource, subprocess, sys, time; started = time.perf_counter(); "
              "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
              "print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", script, *command], check=True, capture_output=True, text=True).stdout
    seconds, kilobytes = out.split()
    return float(seconds), int(kilobytes) / 1024


def measure_output(path: Path) -> None:
    claimtrack = claimtrack_script()
    with ClaimStore.open_readonly(path) as store:
        for name, query in (("history", lambda: list(store.history(TRACKED))),
                            ("claims", lambda: list(store.claims(metric=TRACKED)))):
            started = time.perf_counter()
            rows = len(query())
            query_seconds = time.perf_counter() - started
            seconds, megabytes = run_measured([claimtrack, "--db", str(path), name, *(
                [TRACKED] if name == "history" else ["--metric", TRACKED])])
            print(f"output  {name:8} {rows:,} rows as a table: {seconds:.2f} s, peak {megabytes:,.0f} MB; "
                  f"the store method alone {query_seconds:.2f} s ({seconds / query_seconds:.2f}x)")


def measure_startup(path: Path) -> None:
    claimtrack = claimtrack_script()
    runs = 11
    baseline = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    history = median_ms(lambda: subprocess.run([claimtrack, "--db", str(path), "history", RARE], check=True,
                                               stdout=subprocess.DEVNULL), runs)
    help_ms = median_ms(lambda: subprocess.run([claimtrack, "--help"], check=True, stdout=subprocess.DEVNULL), runs)
    print(f"startup python -c pass {baseline:.0f} ms; claimtrack history (5 rows) {history:.0f} ms "
          f"({history / baseline:.1f}x); claimtrack --help {help_ms:.0f} ms ({help_ms / baseline:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="store sizes in articles")
    parser.add_argument("--rows", nargs="+", default=["record", "metrics", "search", "output", "startup", "ingest", "pdf"],
                        choices=["record", "metrics", "search", "output", "startup", "ingest", "pdf"])
    args = parser.parse_args()
    store_rows = {"record", "metrics", "search", "output", "startup"} & set(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        record, search, metrics, built_stores = {}, {}, {}, {}
        largest = None
        for size in sorted(args.sizes) if store_rows else []:
            path = Path(folder) / f"store-{size}.db"
            corpus = Corpus(seed=size)
            started = time.perf_counter()
            built = build_store(path, size, corpus)
            print(f"store of {size:,} articles ({built['largest']:,} copies in its largest cluster): "
                  f"built in {time.perf_counter() - started:.0f} s, {path.stat().st_size / 1e6:,.0f} MB", flush=True)
            if "metrics" in args.rows:
                metrics[size] = measure_metrics(path)
            if "search" in args.rows:
                search[size] = measure_search(path)
            if "record" in args.rows:
                built_stores[size] = (path, corpus, built)
            if size == min(args.sizes) and "startup" in args.rows:
                measure_startup(path)
            largest = path
        if built_stores:
            record = measure_record(built_stores)
        sizes = sorted(built_stores or search or metrics)
        if record:
            for kind, label in (("copy", "one more copy"), ("new", "a new story")):
                for measure, name in ((0, "wall"), (1, "CPU")):
                    figures = " / ".join(f"{record[size, kind][measure]:.1f}" for size in sizes)
                    ratio = record[sizes[-1], kind][measure] / record[sizes[0], kind][measure]
                    print(f"record  {label}, {' / '.join(f'{s:,}' for s in sizes)} articles, {name}: {figures} ms "
                          f"(largest / smallest {ratio:.2f}x)")
        if metrics:
            print(f"metrics check_metric of an unknown metric: {' / '.join(f'{metrics[s]:.1f}' for s in sizes)} ms")
        if search:
            print(f"search  {SHORT_TERM!r} (under 3 characters), limit 50: "
                  f"{' / '.join(f'{search[s][0]:.1f}' for s in sizes)} ms "
                  f"({' / '.join(str(search[s][1]) for s in sizes)} rows)")
        if "output" in args.rows and largest is not None:
            measure_output(largest)
    for row, script, extra in (("ingest", "bench_ingest.py", []), ("pdf", "bench_articles.py", ["--pdf"])):
        if row in args.rows:
            sys.stdout.flush()
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *extra], check=False)

if __name__ == "__main__":
    main()
