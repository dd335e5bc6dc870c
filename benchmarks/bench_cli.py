"""Start-up cost of the command line. Prints figures; asserts nothing.

    python benchmarks/bench_cli.py [--runs 21]

Wall time of `claimtrack --help` against `python -c pass` (the interpreter alone), medians
over the runs, and the modules `--help` imports that it should not (spaCy, Scrapy,
trafilatura, sqlite-utils).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY = ("spacy", "scrapy", "trafilatura", "sqlite_utils", "twisted", "lxml")


def median_seconds(command: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    script = Path(sys.executable).parent / "claimtrack"
    claimtrack = str(script) if script.exists() else shutil.which("claimtrack")
    if claimtrack is None:
        sys.exit("the claimtrack script is not installed (pip install -e .)")
    baseline = median_seconds([sys.executable, "-c", "pass"], args.runs)
    help_time = median_seconds([claimtrack, "--help"], args.runs)
    print(f"python -c pass:    median {baseline * 1000:.0f} ms over {args.runs} runs")
    print(f"claimtrack --help: median {help_time * 1000:.0f} ms ({(help_time - baseline) * 1000:+.0f} ms, "
          f"{help_time / baseline:.1f}x the bare interpreter)")
    probe = ("import sys, claimtrack; from click.testing import CliRunner; "
             "CliRunner().invoke(claimtrack.cli, ['--help']); "
             f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout.strip()
    print(f"heavy modules imported by --help: {loaded or 'none'}")


if __name__ == "__main__":
    main()
