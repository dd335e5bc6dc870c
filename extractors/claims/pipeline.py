"""Build the spaCy pipelines that turn article text into claims.

Every language gets the same pipeline shape on ``spacy.blank(lang)``::

    claimtrack_sentences  ->  claimtrack_quantities  ->  claimtrack_claims

The three components are generic (``extractors/claims/components.py``); what differs per language
is a ``LanguageRules`` object (``extractors/claims/assembly/contract.py``) that the components are
built with. Language-independent work lives in shared modules and is written once:

- ``extractors/claims/sentences.py``  paragraphs, headings and sentences (terminators and
  abbreviations come from the rules);
- ``extractors/claims/periods.py``    ``PeriodSpec`` values, their resolution against the
  publication date ("last year", "by year end", 去年), formatting (``2025-Q3``,
  ``2025-01/2025-11``) and paragraph carry-over;
- ``extractors/claims/linking.py``    metric, organisation, geo and unit look-ups from the data
  tables in ``extractors/claims/data/`` (one table for all languages, a ``lang`` column);
- ``extractors/claims/assembly/``     claim assembly: which period, source, metric and modality
  each number gets, brackets as currency equivalents, restatements, "respectively".

A language is a folder ``extractors/claims/lang/<code>/`` (English and Chinese so far), as in
spaCy's ``spacy/lang/<code>/``:

1. ``numbers.py``: ``find_quantities(text) -> list[Quantity]`` (``extractors/claims/quantity.py``),
   offsets into the text as given, values exact ``Decimal`` in base units, ``qualifier`` read
   from the words next to the number, ``unit_given`` False when the unit was not written (a
   bare "578.4 billion") so assembly may infer it.
2. ``rules.py``: a ``LanguageRules`` subclass that implements the language's readers (period
   mentions as ``PeriodMention``, source credits as ``Credit``, kind and modality cues, the
   word tokens used for alias matching, ``key_phrase`` for derived metric keys), with its
   period and credit readers in ``periods.py`` and ``credits.py``; optionally
   ``make_tokenizer(vocab)``: the pipeline then uses that tokenizer instead of spaCy's default
   for the language (the rules work on character offsets; tokens serve sentence starts and span
   groups, so a fast exact one is enough).
3. Data: ``<code>`` rows in ``extractors/claims/data/metrics.tsv``, ``organisations.tsv``,
   ``geo.tsv`` and ``units.tsv``; cue lists in ``lang/<code>/data/``.
4. ``__init__.py`` only wires: ``register_language(<spaCy Language class>, <Rules class>)``
   registers ``claimtrack_sentences``, ``claimtrack_quantities`` and ``claimtrack_claims`` as
   same-name factories of that language (``@Chinese.factory`` beside ``@English.factory``),
   and it exposes ``make_tokenizer``.
5. Nothing else: the language is found by its folder (``extractors.language.CLAIM_LANGUAGES``)
   and imported by its code, as spaCy's ``util.get_lang_class`` does.

``extract_claims`` (``extractors/claims/extract.py``) is the public entry point; this module only
builds and caches the pipelines.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from extractors.language import CLAIM_LANGUAGES

LANGUAGE_PACKAGES = "extractors.claims.lang"

# The longest text accepted (characters); the claim components run in time linear in it.
MAX_TEXT_CHARS = 100_000_000

COMPONENTS = ("claimtrack_sentences", "claimtrack_quantities", "claimtrack_claims")


class UnsupportedLanguage(ValueError):
    """No claim rules exist for the requested language."""


def build_pipeline(lang: str) -> Language:
    """A fresh ``spacy.blank(lang)`` pipeline with the three claimtrack components."""
    if lang not in CLAIM_LANGUAGES:
        raise UnsupportedLanguage(f"no claim rules for language {lang!r} (have: {', '.join(CLAIM_LANGUAGES)})")
    # importing the language's package registers its factories
    rules = importlib.import_module(f"{LANGUAGE_PACKAGES}.{lang}")
    nlp = spacy.blank(lang)
    nlp.max_length = MAX_TEXT_CHARS      # no parser or NER here: long texts are fine
    if hasattr(rules, "make_tokenizer"):
        nlp.tokenizer = rules.make_tokenizer(nlp.vocab)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=None)
def get_pipeline(lang: str) -> Language:
    """The cached pipeline for ``lang`` (building one costs tens of milliseconds)."""
    return build_pipeline(lang)
