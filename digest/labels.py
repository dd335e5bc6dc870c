"""English names of metrics for readers: the registry's description, else the key in words."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _registry() -> dict[str, str]:
    text = resources.files("extractors.claims").joinpath("data", "metric_registry.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["key"]: row["what"] for row in csv.DictReader(lines, delimiter="\t")}


def metric_label(metric: str) -> tuple[str, bool]:
    """(name, registered): "ai_core_industry_size" -> the registry's "size (revenue/value/scale)
    of China's core AI industry", True; a derived key -> its words, False."""
    described = _registry().get(metric)
    if described:
        return described, True
    return metric.replace("_", " "), False
