"""The daemon's memory over many crawl cycles, and the cost of writing one day's digest.

    python benchmarks/bench_daemon.py                 # both parts, 1/50/200 cycles
    python benchmarks/bench_daemon.py --cycles 1 10   # fewer cycles, for a quick look
    python benchmarks/bench_daemon.py --digest-only

Part 1 starts `claimtrack daemon` on the demo mirror with one source crawled every second
(each crawl is its own process, so the daemon's memory is what its scheduler, store reads
and digests hold) and prints its resident memory (VmRSS) after the given numbers of
completed crawl cycles. The goal is flat: within 10% from the first to the last.

Part 2 records a day of 1,000 new claims over 50 articles, with series built to give about
50 findings, and times `write_digest` for that day (goal: under 2 s), charts included.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from demo.configuration import mirror_sources, write_config  # noqa: E402
from demo.server import MirrorServer  # noqa: E402
from extractors.records import Article, Claim  # noqa: E402

TIMEZONE = "Asia/Shanghai"
# Registry metrics, so that the digest draws a chart for each (the costly part).
METRICS = ("ai_core_industry_size", "ai_industry_size", "ai_enterprises", "genai_services_filed", "genai_users",
           "large_models", "computing_power_total", "computing_power_intelligent", "digital_economy_size",
           "5g_base_stations")


def resident_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def finished_runs(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
            return conn.execute("SELECT count(*) FROM crawl_runs WHERE status != 'running'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def daemon_memory(cycles: list[int]) -> None:
    source = next(s for s in mirror_sources() if s["name"] == "technode")   # the smallest source
    with tempfile.TemporaryDirectory() as folder, MirrorServer() as server:
        folder = Path(folder)
        config = write_config(folder / "claimtrack.toml", server, db=folder / "claims.db",
                              digest_dir=folder / "digests", schedule="every 1s")
        # Keep one source: cut the others out of the written file.
        text = config.read_text(encoding="utf-8")
        head, *blocks = text.split("\n[[sources]]\n")
        config.write_text(head + "".join("\n[[sources]]\n" + block for block in blocks
                                         if f'name = "{source["name"]}"' in block), encoding="utf-8")
        daemon = subprocess.Popen([sys.executable, "-c", "from claimtrack import cli; cli()", "--config",
                                   str(config), "daemon"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        try:
            readings = {}
            for target in sorted(cycles):
                while finished_runs(folder / "claims.db") < target:
                    if daemon.poll() is not None:
                        raise RuntimeError("the daemon stopped")
                    time.sleep(0.5)
                # The job that closed the run may still be writing today's digest (the first one
                # imports matplotlib): read once the daemon has settled.
                time.sleep(3)
                readings[target] = resident_kib(daemon.pid)
                print(f"after {target:4d} crawl cycles: daemon RSS {readings[target] / 1024:7.1f} MB", flush=True)
            first, last = readings[min(readings)], readings[max(readings)]
            print(f"growth from {min(readings)} to {max(readings)} cycles: {100 * (last - first) / first:+.1f}% "
                  "(goal: within 10%)")
        finally:
            daemon.send_signal(signal.SIGTERM)
            try:
                daemon.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(daemon.pid, signal.SIGKILL)


def digest_time(repeats: int = 5) -> None:
    from digest import write_digest
    from store import ClaimStore

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = folder / "claims.db"
        with ClaimStore.open(db) as store:
            for article_number in range(50):
                claims = []
                text = " ".join(f"w{article_number}x{word}" for word in range(400))
                for claim_number in range(20):
                    metric = METRICS[claim_number % 10]
                    # Articles come in pairs on one period, CAICT's and MIIT's; on one of the
                    # ten metrics MIIT's figures are 20% higher: 1 x 25 x 2 figures = 50 discrepancies.
                    differs = article_number % 2 == 1 and claim_number % 10 < 1
                    value = Decimal(1000 + claim_number) * (Decimal("1.2") if differs else 1)
                    claims.append(Claim(
                        text=f"{value} yuan", start=claim_number * 10, end=claim_number * 10 + 5, value=value,
                        low=None, high=None, unit="CNY", qualifier="exact", kind="level", metric=metric,
                        metric_text=metric.replace("_", " "), geo="China", period=str(2000 + article_number // 2),
                        modality="actual", attribution="MIIT" if article_number % 2 else "CAICT",
                        sentence=text[:200]))
                store.record_article(Article(url=f"https://bench.example/{article_number}", text=text,
                                             title=f"Article {article_number}", outlet="Bench",
                                             published=f"2025-{1 + article_number // 28:02d}-{1 + article_number % 28:02d}"), claims,
                                     source="bench", extractor_version="bench")
            findings = len(store.findings())
        day = datetime.now(ZoneInfo(TIMEZONE)).date()
        with ClaimStore.open_readonly(db) as store:
            times, cpu = [], []
            for _ in range(repeats):
                began, began_cpu = time.perf_counter(), time.process_time()
                paths = write_digest(store, day, folder / "digests", TIMEZONE)
                times.append(time.perf_counter() - began)
                cpu.append(time.process_time() - began_cpu)
        size = paths["html"].stat().st_size
        print(f"digest of a day with 1,000 new claims and {findings} findings: median {statistics.median(times):.2f} s "
              f"wall, {statistics.median(cpu):.2f} s CPU over {repeats} runs (goal: under 2 s); HTML {size / 1024:.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, nargs="+", default=[1, 50, 200])
    parser.add_argument("--digest-only", action="store_true")
    args = parser.parse_args()
    digest_time()
    if not args.digest_only:
        daemon_memory(args.cycles)


if __name__ == "__main__":
    main()
