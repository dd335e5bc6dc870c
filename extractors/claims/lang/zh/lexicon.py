"""Chinese word lists, read from ``extractors/claims/lang/zh/data/``.

The lists are data a reviewer reads and edits without touching code: units and measure
words, qualifiers, number context, period words, modality, attribution and kind cues and
readings of personal names in ``*_zh.*`` files. (Metric, organisation and place aliases are
the ``zh`` rows of the shared tables ``metrics.tsv``, ``organisations.tsv``, ``geo.tsv``,
matched by ``extractors.claims.linking``.) Each loader reads its file once. Words are
stored as the readable view writes them (simplified script, half-width; see
``extractors.claims.lang.zh.text``), so rules look them up in folded text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Generic, TypeVar

from extractors import datafiles
from extractors.patterns import alternation

Value = TypeVar("Value")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of ``lang/zh/data/<name>`` (``extractors.datafiles.read_tsv``)."""
    return datafiles.read_tsv(__package__, name)


def read_toml(name: str) -> dict[str, Any]:
    return datafiles.read_toml(__package__, name)


class WordTable(Generic[Value]):
    """Words with a value each, looked up at a position of a text, longest word first.

    Lookups slice the text at each word length the table has, so a match costs a few
    dictionary probes however many words there are.
    """

    def __init__(self, words: Mapping[str, Value] | Iterable[tuple[str, Value]]):
        items = words.items() if isinstance(words, Mapping) else words
        self._words: dict[str, Value] = {}
        for word, value in items:
            self._words.setdefault(word, value)
        self._lengths = sorted({len(word) for word in self._words}, reverse=True)
        self._pattern: re.Pattern[str] | None = None

    def items(self) -> list[tuple[str, Value]]:
        return list(self._words.items())

    def get(self, word: str) -> Value | None:
        return self._words.get(word)

    def starting_at(self, text: str, index: int) -> tuple[str, Value] | None:
        """The longest word that ``text`` has at ``index``."""
        for length in self._lengths:
            word = text[index:index + length]
            if len(word) == length and word in self._words:
                return word, self._words[word]
        return None

    def ending_at(self, text: str, index: int) -> tuple[str, Value] | None:
        """The longest word that ends right before ``index``."""
        for length in self._lengths:
            if length > index:
                continue
            word = text[index - length:index]
            if word in self._words:
                return word, self._words[word]
        return None

    def find_all(self, text: str) -> list[tuple[int, int, Value]]:
        """Every non-overlapping occurrence, scanning left to right, longest first."""
        if not self._words:
            return []
        if self._pattern is None:
            # one regular expression, longest words first: the same matches as probing
            # every position, found by the regex engine
            self._pattern = re.compile(alternation(self._words))
        return [(m.start(), m.end(), self._words[m.group()]) for m in self._pattern.finditer(text)]


def flag_table(words: Iterable[str]) -> WordTable[bool]:
    """A WordTable that only says whether a word is there."""
    return WordTable((word, True) for word in words)


# --- numbers -------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitWord:
    surface: str
    unit: str            # CLAIMS.md unit; "-" for words that make the number no claim
    type: str            # currency, currency_prefix, percent, points, multiple, tenths,
                         # count, physical, time, ordinal, furniture, vague
    kind_hint: str | None
    factor: Decimal

    @property
    def is_claim(self) -> bool:
        return self.type not in NOT_CLAIM_UNIT_TYPES


NOT_CLAIM_UNIT_TYPES = frozenset({"time", "ordinal", "furniture", "vague"})


@lru_cache(maxsize=1)
def units() -> tuple[WordTable[UnitWord], WordTable[UnitWord]]:
    """(words after a number, currency words before a number)."""
    after = []
    before = []
    for row in read_tsv("units.tsv"):
        word = UnitWord(
            surface=row["surface"],
            unit=row["unit"],
            type=row["type"],
            kind_hint=None if row["kind_hint"] == "-" else row["kind_hint"],
            factor=Decimal(row["factor"]),
        )
        (before if word.type == "currency_prefix" else after).append((word.surface, word))
    return WordTable(after), WordTable(before)


@lru_cache(maxsize=1)
def qualifiers() -> dict[str, WordTable[str]]:
    """Qualifier words by position: "before", "between", "after"."""
    return _tables_by_position("qualifiers.tsv", ("before", "between", "after"), "word", "qualifier")


@lru_cache(maxsize=1)
def number_context() -> dict[str, Any]:
    """The sections of ``data/numbers.toml``."""
    return read_toml("numbers.toml")


# --- claim assembly cues --------------------------------------------------------------

@dataclass(frozen=True)
class KindCue:
    cue: str
    kind_percent: str | None
    kind_amount: str | None
    sign: int


@lru_cache(maxsize=1)
def kind_cues() -> WordTable[KindCue]:
    def kind(value: str) -> str | None:
        return None if value == "-" else value

    return WordTable(
        (row["cue"], KindCue(row["cue"], kind(row["kind_percent"]), kind(row["kind_amount"]), int(row["sign"])))
        for row in read_tsv("kinds.tsv")
    )


@dataclass(frozen=True)
class ModalityWord:
    """A row of ``modality.tsv``: a word that makes a figure a forecast or a target (the
    assembly's ``ModalityCue`` is where such a word stands in a sentence)."""
    cue: str
    modality: str        # "forecast" or "target"
    strong: bool


@lru_cache(maxsize=1)
def modality_cues() -> WordTable[ModalityWord]:
    return WordTable(
        (row["cue"], ModalityWord(row["cue"], row["modality"], row["strength"] == "strong"))
        for row in read_tsv("modality.tsv")
    )


@lru_cache(maxsize=1)
def attribution_cues() -> dict[str, WordTable[str]]:
    """Attribution cue words by position: "before_source", "after_source"."""
    return _tables_by_position("attribution.tsv", ("before_source", "after_source"), "cue", "cue")


def _tables_by_position(name: str, positions: tuple[str, ...], word_column: str,
                        value_column: str) -> dict[str, WordTable[str]]:
    """One word table per value of a TSV's ``position`` column."""
    grouped: dict[str, list[tuple[str, str]]] = {position: [] for position in positions}
    for row in read_tsv(name):
        grouped[row["position"]].append((row[word_column], row[value_column]))
    return {position: WordTable(words) for position, words in grouped.items()}


@lru_cache(maxsize=1)
def period_words() -> dict[str, Any]:
    """The sections of ``data/periods.toml``."""
    return read_toml("periods.toml")


@dataclass(frozen=True)
class NameReadings:
    surnames: dict[str, str]     # family names (one or two characters) -> reading
    given: dict[str, str]        # character -> reading


@lru_cache(maxsize=1)
def name_readings() -> NameReadings:
    """Readings of characters in personal names (``data/pinyin.tsv``)."""
    surnames: dict[str, str] = {}
    given: dict[str, str] = {}
    for row in read_tsv("pinyin.tsv"):
        if row["use"] == "surname" and len(row["characters"]) == 2:
            surnames[row["characters"]] = row["reading"]
            continue
        table = surnames if row["use"] == "surname" else given
        for char in row["characters"]:
            table.setdefault(char, row["reading"])
    return NameReadings(surnames, given)


def romanize_name(name: str) -> str | None:
    """A Chinese personal name as English writes it ("张金瑞" -> "Zhang Jinrui"); None when a
    character's reading is not known."""
    readings = name_readings()
    family_length = 2 if name[:2] in readings.surnames and len(name) > 2 else 1
    family = readings.surnames.get(name[:family_length]) or readings.given.get(name[:family_length])
    given = [readings.given.get(char) for char in name[family_length:]]
    if family is None or not given or None in given:
        return None
    return f"{family.capitalize()} {''.join(given).capitalize()}"
