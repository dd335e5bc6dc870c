"""English word tokens for alias matching (metrics, organisations, places)."""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.claims.linking import Token

_TOKEN = re.compile(r"\([A-Z][A-Za-z]{1,7}s?\)|[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*\.?|['’]s\b|[$¥€£%]")


@lru_cache(maxsize=65536)
def _normalise(word: str) -> str:
    word = word.lower().rstrip(".")
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def english_tokens(text: str, start: int, end: int, *, names: bool = False) -> list[Token]:
    """Word tokens for alias matching: case-folded, plural "s" and possessive "'s" dropped,
    bracketed acronyms skipped. With ``names``, acronyms keep their case ("MOST" is not "most")."""
    tokens = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        if word.startswith("(") or word[0] in "'’":
            continue                              # "(AI)" and "'s" are skipped in matching
        bare = word.rstrip(".")
        acronym = names and len(bare) > 1 and bare.isupper() and bare.isalpha()
        token = Token(bare if acronym else _normalise(word), m.start(), m.end())
        if token.norm == "intelligence" and tokens and tokens[-1].norm == "artificial":
            # "artificial intelligence" is "AI" in every alias ("used generative artificial
            # intelligence (AI) products" is "used generative AI")
            token = Token("ai", tokens.pop().start, token.end)
        tokens.append(token)
    return tokens


def english_name_tokens(text: str, start: int, end: int) -> list[Token]:
    return english_tokens(text, start, end, names=True)


def as_name_tokens(text: str, tokens: list[Token]) -> list[Token]:
    """The name tokens of a sentence from its word tokens: acronyms get their capitals back."""
    named = []
    for token in tokens:
        bare = text[token.start:token.end].rstrip(".")
        if len(bare) > 1 and bare.isupper() and bare.isalpha():
            token = Token(bare, token.start, token.end)
        named.append(token)
    return named
