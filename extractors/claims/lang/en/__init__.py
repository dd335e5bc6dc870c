"""English: ``EnglishRules`` and its tokenizer, registered as the ``claimtrack_*`` factories of
spaCy's ``English`` (the claim pipeline imports this package by the language's code)."""

from spacy.lang.en import English

from extractors.claims.components import register_language
from extractors.claims.lang.en.rules import EnglishRules, make_tokenizer

register_language(English, EnglishRules)

__all__ = ["EnglishRules", "make_tokenizer"]
