"""A Chinese text read once: its readable view, time expressions, numbers, and the tokens of
its sentences for alias matching (one per character; Latin words, digit runs and a few words
the assembly looks for kept whole; the particle 的 dropped)."""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from extractors.claims.lang.zh import numbers as numbers_zh
from extractors.claims.lang.zh.lexicon import flag_table, units
from extractors.claims.lang.zh.periods import parse_periods_zh
from extractors.claims.lang.zh.text import TextView, readable_view
from extractors.claims.linking import Token
from extractors.claims.periods import PeriodMention
from extractors.claims.quantity import Quantity
from extractors.claims.sentences import Sentence
from extractors.patterns import alternation

# Texts shorter than this (aliases, headlines) are tokenised without the per-text cache,
# so that looking up an alias never evicts the article being read.
CACHE_MIN_CHARS = 200


# Words the tokenizer keeps whole: the assembly looks for them as single tokens.
CORE = "核心"


GENERIC_SIZE_WORDS = frozenset({"规模", "收入", "营收", "总量", "产值", "营业收入"})


GDP_WORDS = frozenset({"gdp", "国内生产总值", "地区生产总值"})


WHOLE_WORDS = flag_table([CORE, *GENERIC_SIZE_WORDS, *GDP_WORDS - {"gdp"}])


POSSESSIVE = "的"


# Sentences whose tokens are kept: the assembly reads each sentence's tokens a few times in
# a row, and an article's tokens all at once would cost memory in proportion to its length.
TOKEN_CACHE_SENTENCES = 64


@dataclass
class TextReading:
    view: TextView
    periods: list[PeriodMention]
    period_starts: list[int]
    quantities: list[Quantity]
    quantity_starts: list[int]
    sentences: list[Sentence] | None = None
    sentence_starts: list[int] | None = None
    token_cache: OrderedDict = field(default_factory=OrderedDict)

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens of the original ``text[start:end]``."""
        key = (start, end)
        cached = self.token_cache.get(key)
        if cached is None:
            view_end = self.view.from_original(end) if end < len(self.view.original) else len(self.view.text)
            cached = tokenize(self.view, self.view.from_original(start), view_end)
            self.token_cache[key] = cached
            if len(self.token_cache) > TOKEN_CACHE_SENTENCES:
                self.token_cache.popitem(last=False)
        return cached


# A token: a run of Latin letters and digits, a word kept whole, or any other character.
_TOKEN = re.compile(rf"[A-Za-z0-9]+|{alternation(w for w, _ in WHOLE_WORDS.items())}|\S")


def tokenize(view: TextView, start: int, end: int) -> list[Token]:
    """Tokens of view.text[start:end] with offsets into the original text."""
    tokens: list[Token] = []
    to_original = view.to_original
    last = len(view.text)
    for match in _TOKEN.finditer(view.text, start, end):
        index, stop = match.span()
        word = match.group()
        if word == POSSESSIVE:
            continue                     # "产品的用户规模" names what "产品用户规模" names
        tokens.append(Token(word.lower() if word.isascii() else word, to_original(index),
                            to_original(stop) if stop < last else len(view.original)))
    return tokens


def _counted_thing(text: str, quantity: Quantity) -> Quantity:
    """The assembly's counted noun is the thing counted ("大模型" of "1509个大模型"); a measure
    word alone (家, 款, 个) names nothing: what is counted then stands before the number."""
    if not quantity.counted_noun:
        return quantity
    after_units, _ = units()
    measure = after_units.starting_at(quantity.counted_noun, 0)
    noun = quantity.counted_noun[len(measure[0]):] if measure else quantity.counted_noun
    if quantity.end + 1 < len(text) and text[quantity.end].isspace() and not text[quantity.end + 1].isascii():
        noun = ""                 # "1085万架 智能算力规模…": a space ends the phrase ("483.8 万座 5G 基站" goes on)
    return replace(quantity, counted_noun=noun or None)


@lru_cache(maxsize=2)
def read_text(text: str) -> TextReading:
    view = readable_view(text)
    periods = [p.mention() for p in parse_periods_zh(text)]
    quantities = [_counted_thing(text, quantity) for quantity in numbers_zh.find_quantities(text)]
    return TextReading(view, periods, [p.start for p in periods], quantities, [quantity.start for quantity in quantities])


def sentence_index(read: TextReading, sentences: list[Sentence], start: int) -> int:
    if read.sentence_starts is None:
        read.sentence_starts = [s.start for s in sentences]
    return bisect.bisect_left(read.sentence_starts, start)
