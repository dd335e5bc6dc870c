"""English glosses of Chinese metric words, so that a metric the tables do not know still gets
a readable derived key (数据产业规模 -> ``data_industry_size``; 鑫垚 -> ``xin_yao``): English
from ``data/gloss.tsv``, else full pinyin (pypinyin), never code points.

``ChineseRules.key_phrase`` hands this to the shared key derivation (``linking.derive_key``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, pinyin

from extractors.claims.lang.zh.lexicon import name_readings, read_tsv

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _glosses() -> tuple[dict[str, str], int]:
    table = {r["word"]: r["gloss"] for r in read_tsv("gloss.tsv")}
    return table, max(map(len, table))


@lru_cache(maxsize=1)
def _character_readings() -> dict[str, str]:
    # the name table knows the common characters' readings
    readings = name_readings()
    return {**readings.given, **{k: v for k, v in readings.surnames.items() if len(k) == 1}}


def gloss_phrase(phrase: str) -> str:
    """A phrase with Chinese words in the Latin letters a metric key is made of ("数据企业" ->
    " data  enterprises "): Chinese words in English (``data/gloss.tsv``), longest known word
    first; other Han characters in pinyin, each a word of its own ("鑫垚" -> "xin yao"); Latin
    letters and digits as written."""
    glosses, longest = _glosses()
    readings = _character_readings()
    words: list[str] = []
    index = 0
    while index < len(phrase):
        char = phrase[index]
        if not HAN.match(char):
            words.append(char)
            index += 1
            continue
        for size in range(min(longest, len(phrase) - index), 0, -1):
            gloss = glosses.get(phrase[index:index + size])
            if gloss is not None:
                break
        else:
            size, gloss = 1, _pinyin(char, readings)
        words.append(f" {gloss} " if gloss != "-" else " ")
        index += size
    return "".join(words)


def _pinyin(characters: str, readings: dict[str, str]) -> str:
    """Full pinyin of a run of characters, tones dropped (the name table's reading of a single
    character where pypinyin has none)."""
    spelled = []
    for char, (reading,) in zip(characters, pinyin(characters, style=Style.NORMAL, errors=lambda c: [[c]])):
        if reading == char:
            reading = readings.get(char, "")
        spelled.append(reading)
    return "".join(spelled) or "-"
