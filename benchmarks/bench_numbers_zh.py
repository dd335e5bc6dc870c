"""Chinese number finder throughput, one core: characters per second of find_quantities.

    python benchmarks/bench_numbers_zh.py              # gold texts and a synthetic article
    python benchmarks/bench_numbers_zh.py --size 5     # a 5 MB synthetic article

Texts: the Chinese gold articles of ../shared/gold (when present), read together; a long
synthetic article in the style of a CAICT / MIIT release (figures with scale words,
percentages, counts, dates, ranks, traditional-script and full-width paragraphs, and a
paragraph with pinyin glosses); and, for scale, the English gold articles through the
English finder. The period parser's rate on the same synthetic article is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.claims.lang.en import numbers as numbers_en  # noqa: E402
from extractors.claims.lang.zh.numbers import find_quantities  # noqa: E402
from extractors.claims.lang.zh.periods import parse_periods_zh  # noqa: E402
from extractors.claims.lang.zh.text import fold  # noqa: E402

GOLD = ROOT.parent / "shared" / "gold"

PARAGRAPHS = [
    "{year}年{month}月{day}日,工信部在全国工业和信息化工作会议上披露,{year}年我国人工智能核心产业规模超过{trillion}万亿元,"
    "企业数量超过{firms}家,同比增长{pct}%。",
    "中国信通院发布的《中国数字经济发展研究报告({year})》显示,{prev}年我国数字经济规模达到{big}万亿元,"
    "占GDP比重达到{share}%,较上年提升{pp}个百分点。",
    "截至{year}年{month}月底,全国在用算力中心标准机架达{racks}万架,智能算力规模达{eflops}EFLOPS,"
    "存力总规模超{eb}EB [{cite}],近五年平均增幅超过{pct}%,算力规模排名全球第二。",
    "据不完全统计,已有{filed}余款大模型完成国家网信办备案,{registered}余款在省级网信办登记在册,"
    "大模型应用的个人用户注册总数已超过{users}亿,约{ratio}成用户首选国产大模型。",
    "到“十五五”末,人工智能相关产业规模将增长到{target}万亿元以上,预计{next}年投资将超过{invest}万亿元,"
    "其中{low}%至{high}%投向算力网、新型通信网等“六张网”。",
    "新华社北京{month}月{day}日电 记者从国家互联网信息办公室获悉,截至{year}年{month}月,"
    "生成式人工智能用户规模达{users_m}亿人,较{prev}年12月增长{growth}亿人,用户规模半年翻番,普及率为{share}%。",
]
TRADITIONAL = (
    "據中國互聯網絡信息中心統計,截至２０２５年６月,我國生成式人工智能用戶規模達５.１５億人,"
    "人工智能企業超過４５００家,占全球比重近三成。"
)
GLOSSES = "人工智能產(chǎn)業(yè)目標(biāo)劍指10萬(wàn)億,投資將超過(guò)7萬(wàn)億元。"


def synthetic_article(size: int, seed: int = 2025) -> str:
    """About ``size`` characters of release-style Chinese with varied figures."""
    rng = random.Random(seed)
    pieces = []
    length = 0
    while length < size:
        year = rng.randint(2019, 2026)
        template = rng.choice(PARAGRAPHS)
        paragraph = template.format(
            year=year, prev=year - 1, next=year + 1, month=rng.randint(1, 12), day=rng.randint(1, 28),
            trillion=f"{rng.randint(1, 19) / 10:.1f}", firms=rng.randint(3000, 7000), pct=f"{rng.uniform(1, 40):.1f}",
            big=f"{rng.uniform(30, 60):.1f}", share=f"{rng.uniform(10, 60):.1f}", pp=f"{rng.uniform(0.1, 3):.1f}",
            racks=rng.randint(500, 1200), eflops=rng.randint(100, 1600), eb=rng.randint(1000, 2000),
            cite=rng.randint(1, 9), filed=rng.randint(100, 600), registered=rng.randint(50, 300),
            users=rng.randint(5, 40), ratio=rng.choice("三四五六七八九"), target=rng.randint(5, 12),
            invest=rng.randint(3, 9), low=rng.randint(10, 20), high=rng.randint(21, 40),
            users_m=f"{rng.uniform(2, 7):.2f}", growth=f"{rng.uniform(0.5, 3):.2f}",
        )
        if rng.random() < 0.1:
            paragraph = TRADITIONAL
        elif rng.random() < 0.05:
            paragraph = GLOSSES
        pieces.append(paragraph + "\n")
        length += len(paragraph) + 1
    return "".join(pieces)


def gold_texts(language: str) -> list[str]:
    if not GOLD.is_dir():
        return []
    records = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(GOLD.glob("*.json"))]
    return [record["text"] for record in records if record.get("language") == language]


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def chars_per_second(work, texts: list[str], repeats: int) -> tuple[float, int]:
    """Best of ``repeats`` passes over ``texts``: characters per second, mentions found."""
    characters = sum(map(len, texts))
    found = sum(len(work(text)) for text in texts)  # also warms the caches
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            work(text)
        best = min(best, time.perf_counter() - start)
    return characters / best, found


def report(label: str, work, texts: list[str], repeats: int) -> None:
    if not texts:
        print(f"{label:42} (no texts: ../shared/gold is not here)")
        return
    rate, found = chars_per_second(work, texts, repeats)
    characters = sum(map(len, texts))
    print(f"{label:42} {rate:12,.0f} chars/s   ({len(texts)} texts, {characters:,} characters, {found:,} mentions)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1.0, help="synthetic article size in millions of characters")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    one_core()
    fold("萬")  # load the traditional-to-simplified table outside the timings

    article = [synthetic_article(int(args.size * 1_000_000))]
    chinese_gold = gold_texts("zh")
    report("find_quantities (zh), Chinese gold", find_quantities, chinese_gold * 20, args.repeats)
    report("find_quantities (zh), synthetic article", find_quantities, article, max(1, args.repeats // 2))
    report("parse_periods_zh, synthetic article", parse_periods_zh, article, max(1, args.repeats // 2))
    report("find_quantities (en), English gold", numbers_en.find_quantities, gold_texts("en") * 5, args.repeats)


if __name__ == "__main__":
    main()
