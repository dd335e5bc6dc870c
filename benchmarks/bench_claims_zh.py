"""Chinese claim extraction throughput, one core, beside the English figure.

    python benchmarks/bench_claims_zh.py               # gold texts and a 1M-character article
    python benchmarks/bench_claims_zh.py --size 0.2    # a 200,000-character synthetic article

Characters per second of the whole ``extract_claims`` (spaCy pipeline: sentences, number
finder, claim assembly) on: the Chinese gold articles of ../shared/gold and tests/gold; a long
synthetic article in the style of CAICT / MIIT releases (``bench_numbers_zh.synthetic_article``:
scale words, dates, ranks, traditional-script, full-width and glossed paragraphs); and the
English gold articles through the English rules; and hostile runs (a million digits or 亿).
The Chinese rules keep a reading of the last
texts they saw, so every pass clears it: each figure is a first reading of the text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_numbers_zh import one_core, synthetic_article  # noqa: E402

from extractors.claims import extract_claims  # noqa: E402
from extractors.claims.lang.zh import reading as reading_zh  # noqa: E402

GOLD_DIRECTORIES = (ROOT.parent / "shared" / "gold", ROOT / "tests" / "gold")


def gold(language: str) -> list[tuple[str, str | None]]:
    records = []
    for directory in GOLD_DIRECTORIES:
        if directory.is_dir():
            for path in sorted(directory.glob("*.json")):
                record = json.loads(path.read_text(encoding="utf-8"))
                if record.get("language") == language:
                    records.append((record["text"], record.get("published")))
    return records


def rate(items: list[tuple[str, str | None]], language: str, repeats: int) -> tuple[float, int, int]:
    """Best of ``repeats`` passes: characters per second, characters, claims."""
    characters = sum(len(text) for text, _ in items)
    claims = sum(len(extract_claims(text, lang=language, published=published)) for text, published in items)
    best = float("inf")
    for _ in range(repeats):
        elapsed = 0.0
        for text, published in items:
            reading_zh.read_text.cache_clear()
            start = time.perf_counter()
            extract_claims(text, lang=language, published=published)
            elapsed += time.perf_counter() - start
        best = min(best, elapsed)
    return characters / best, characters, claims


def report(label: str, items, language: str, repeats: int) -> None:
    if not items:
        print(f"{label:44} (no texts)")
        return
    chars_per_second, characters, claims = rate(items, language, repeats)
    print(f"{label:44} {chars_per_second:10,.0f} chars/s   ({len(items)} texts, {characters:,} characters, {claims:,} claims)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1.0, help="synthetic article size in millions of characters")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    one_core()
    extract_claims("人工智能企业超过5300家。", lang="zh")      # build both pipelines and load the tables
    extract_claims("China has more than 5,300 AI companies.", lang="en")
    report("extract_claims (zh), Chinese gold", gold("zh"), "zh", args.repeats)
    article = [(synthetic_article(int(args.size * 1_000_000)), "2025-12-26")]
    report(f"extract_claims (zh), synthetic {args.size:g}M chars", article, "zh", 1)
    report("extract_claims (en), English gold", gold("en"), "en", args.repeats)
    # hostile input: runs that a backtracking pattern or a per-character slice would make quadratic
    for label, text in (("1M digits", "1" * 1_000_000), ("1M 亿", "亿" * 1_000_000),
                        ("300k commas", "，" * 300_000), ("300k glossed mojibake", "企業(yè)超過(guò)6200家\ufffd?" * 20_000)):
        report(f"extract_claims (zh), {label}", [(text, None)], "zh", 1)


if __name__ == "__main__":
    main()
