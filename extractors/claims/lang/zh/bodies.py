"""Local government bodies: 北京市统计局, 广东省通信管理局, 上海市经信委.

A place (``geo.tsv``), its level (市, 省, 自治区) and a body of ``data/local_bodies.tsv`` make
one body, credited by the English name it uses ("Beijing Municipal Bureau of Statistics"); a
national body's short name written after a place is never the national body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.claims.lang.zh.lexicon import read_toml, read_tsv
from extractors.claims.linking import _rows as shared_rows
from extractors.patterns import alternation


@dataclass(frozen=True)
class LocalBody:
    start: int          # offsets in the folded text
    end: int
    name: str           # the English name


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], dict[str, str], dict[str, tuple[str, str]], frozenset[str], frozenset[str]]:
    places = {row["alias"]: row["geo"] for row in shared_rows("geo.tsv") if row["lang"] == "zh" and len(row["alias"]) >= 2}
    bodies = {row["body"]: (row["city"], row["province"]) for row in read_tsv("local_bodies.tsv")}
    table = read_toml("cues.toml")["local_bodies"]
    levels = table["city_levels"] + table["province_levels"]
    pattern = re.compile(rf"(?P<place>{alternation(places)})(?P<level>{alternation(levels)})?(?P<body>{alternation(bodies)})")
    return pattern, places, bodies, frozenset(table["province_levels"]), frozenset(table["cities"])


def local_bodies(folded: str, start: int, end: int) -> list[LocalBody]:
    pattern, places, bodies, province_levels, cities = _tables()
    found = []
    for match in pattern.finditer(folded, start, end):
        level, place = match.group("level"), match.group("place")
        city = level not in province_levels if level else place in cities
        template = bodies[match.group("body")][0 if city else 1]
        found.append(LocalBody(match.start(), match.end(), template.format(place=places[place])))
    return found
