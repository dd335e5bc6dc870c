"""Look-ups from the data tables: metric aliases, organisations, places and units.

The tables in ``extractors/claims/data/`` hold every language in one file with a ``lang`` column.
Aliases are matched on word tokens that each language's rules produce (English: case-folded
words with plural "s" and possessive "'s" dropped; Chinese: one token per character), with
a trie, so matching costs time linear in the sentence whatever the size of the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Generic, Iterable, TypeVar

from extractors.datafiles import read_toml, read_tsv

T = TypeVar("T")


@dataclass(frozen=True)
class Token:
    norm: str     # normalised form used for matching
    start: int    # offsets in the text
    end: int


Tokenizer = Callable[[str, int, int], list[Token]]


@dataclass(frozen=True)
class AliasMatch(Generic[T]):
    payload: T
    start: int        # character offsets of the matched words
    end: int
    first_token: int  # token indices, end exclusive
    last_token: int


class AliasMatcher(Generic[T]):
    """Leftmost-longest matching of word sequences against a table of aliases."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], T]]):
        self._root: dict = {}
        for words, payload in entries:
            if not words:
                continue
            node = self._root
            for word in words:
                node = node.setdefault(word, {})
            node.setdefault(None, payload)   # first entry of a phrase wins

    def find(self, tokens: list[Token]) -> list[AliasMatch[T]]:
        matches: list[AliasMatch[T]] = []
        index = 0
        while index < len(tokens):
            node = self._root
            best = None
            probe = index
            while probe < len(tokens) and tokens[probe].norm in node:
                node = node[tokens[probe].norm]
                probe += 1
                if None in node:
                    best = (probe, node[None])
            if best:
                end_index, payload = best
                matches.append(AliasMatch(payload, tokens[index].start, tokens[end_index - 1].end, index, end_index))
                index = end_index
            else:
                index += 1
        return matches


def _rows(name: str) -> list[dict[str, str]]:
    return read_tsv(__package__, name)


@lru_cache(maxsize=None)
def load_units(lang: str) -> tuple[tuple[str, str, str], ...]:
    """(surface, unit, position) rows of ``units.tsv`` for ``lang``."""
    return tuple((r["surface"], r["unit"], r["position"]) for r in _rows("units.tsv") if r["lang"] == lang)


@lru_cache(maxsize=1)
def registry() -> dict[str, str]:
    """The CLAIMS.md metric registry: key -> family (money, count, %, computing)."""
    return {r["key"]: r["family"] for r in _rows("metric_registry.tsv")}


@dataclass(frozen=True)
class MetricAlias:
    key: str
    kinds: frozenset[str]   # empty: any kind
    clause: bool = False    # names the metric of every figure in its clause


@dataclass(frozen=True)
class Organisation:
    short: str
    kind: str
    report: bool = False    # matched by the title of one of its report series (report_series.tsv)


def _matcher(table: str, lang: str, tokenize: Tokenizer, alias_column: str, payload) -> AliasMatcher:
    entries = []
    for row in _rows(table):
        if row["lang"] == lang:
            alias = row[alias_column]
            entries.append((tuple(t.norm for t in tokenize(alias, 0, len(alias))), payload(row)))
    return AliasMatcher(entries)


@lru_cache(maxsize=None)
def metric_matcher(lang: str, tokenize: Tokenizer) -> AliasMatcher[MetricAlias]:
    def payload(row):
        kinds = frozenset(k.strip() for k in row.get("kinds", "").split(",") if k.strip())
        return MetricAlias(row["key"], kinds, row.get("scope") == "clause")
    return _matcher("metrics.tsv", lang, tokenize, "alias", payload)


@lru_cache(maxsize=None)
def organisation_matcher(lang: str, tokenize: Tokenizer) -> AliasMatcher[Organisation]:
    """Organisations by their names, and by the titles of their report series: a title names
    its publisher (``report_series.tsv``), as an organisation of the publisher's kind that
    mentions a report."""
    kinds = organisation_kinds()
    entries = []
    for table, column, payload in (
            ("organisations.tsv", "alias", lambda row: Organisation(row["short"], row["kind"])),
            ("report_series.tsv", "title", lambda row: Organisation(row["publisher"], kinds[row["publisher"]], report=True))):
        for row in _rows(table):
            if row["lang"] == lang:
                alias = row[column]
                entries.append((tuple(t.norm for t in tokenize(alias, 0, len(alias))), payload(row)))
    return AliasMatcher(entries)


@lru_cache(maxsize=None)
def organisation_kinds() -> dict[str, str]:
    return {r["short"]: r["kind"] for r in _rows("organisations.tsv")}


@lru_cache(maxsize=1)
def _sources_table() -> dict:
    return read_toml(__package__, "sources.toml")


@lru_cache(maxsize=1)
def aiming_cues() -> frozenset[str]:
    """Cue words of a sentence in which someone aims at a goal ("aims to", 力争)."""
    return frozenset(_sources_table()["aiming_cues"])


def sets_goals(source: str) -> bool:
    """Whether a source sets goals (a ministry, a regulator, the State Council), so that a goal
    stated after its figures may be its own (``sources.toml``)."""
    table = _sources_table()
    return source in table["goal_setting_sources"] or organisation_kinds().get(source) in table["goal_setting_kinds"]


@lru_cache(maxsize=1)
def _wider_places() -> frozenset[str]:
    table = read_toml(__package__, "places.toml")
    return frozenset(table["countries"] + table["regions"])


@lru_cache(maxsize=1)
def place_units() -> tuple[str, ...]:
    """Counted nouns of places ("省区", "cities"): a count of them keeps the country's geo."""
    return tuple(read_toml(__package__, "places.toml")["place_units"])


def is_local_place(geo: str) -> bool:
    """A city, province or region of a country (``places.toml`` lists the rest)."""
    return geo not in _wider_places() and " and " not in geo and not geo[:1].isdigit()


@lru_cache(maxsize=None)
def geo_matcher(lang: str, tokenize: Tokenizer) -> AliasMatcher[str]:
    return _matcher("geo.tsv", lang, tokenize, "alias", lambda row: row["geo"])


_NON_KEY = re.compile(r"[^0-9a-z]+")


UNSPECIFIED = "unspecified"


def derive_key(phrase: str, *, max_words: int = 5) -> str:
    """A stable snake_case key from a metric phrase in Latin letters ("AI unicorns" ->
    "ai_unicorns"; a language in another script glosses its phrase first, through its rules'
    ``key_phrase``). A phrase that only points back ("it", "the industry",
    ``metric_words.toml``) names nothing: ``UNSPECIFIED``."""
    words = [w for w in _NON_KEY.split(phrase.lower()) if w]
    if all(w in refer_back_words() for w in words):
        return UNSPECIFIED
    return "_".join(words[-max_words:])


def refers_back(phrase: str | None) -> bool:
    """Whether a metric phrase names nothing of its own (empty, "it", "the sector")."""
    return derive_key(phrase or "") == UNSPECIFIED


@lru_cache(maxsize=1)
def generic_counted_nouns() -> frozenset[str]:
    """Counted nouns that say nothing of what is measured ("people", "units")."""
    return frozenset(read_toml(__package__, "metric_words.toml")["generic_counted"])


@lru_cache(maxsize=1)
def refer_back_words() -> frozenset[str]:
    return frozenset(read_toml(__package__, "metric_words.toml")["refer_back"])
