"""Chinese: ``ChineseRules`` and its tokenizer, registered as the ``claimtrack_*`` factories of
spaCy's ``Chinese`` (the claim pipeline imports this package by the language's code)."""

from spacy.lang.zh import Chinese

from extractors.claims.components import register_language
from extractors.claims.lang.zh.rules import ChineseRules, make_tokenizer

register_language(Chinese, ChineseRules)

__all__ = ["ChineseRules", "make_tokenizer"]
