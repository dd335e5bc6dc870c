"""The spaCy components of the claim pipeline, built from a language's ``LanguageRules``.

``register_language(English, EnglishRules)`` registers three same-name factories for that
language (``@English.factory("claimtrack_sentences")`` and so on), so ``spacy.blank("en")``
and ``spacy.blank("zh")`` pipelines have the same shape and differ only in their rules:

- ``claimtrack_sentences`` sets sentence starts on the tokens and keeps the paragraph
  and heading structure in ``doc._.claimtrack_sentences``;
- ``claimtrack_quantities`` keeps the number mentions in ``doc._.claimtrack_quantities`` and as the
  span group ``doc.spans["claimtrack_quantities"]``;
- ``claimtrack_claims`` assembles ``doc._.claimtrack_claims`` (and the span group
  ``doc.spans["claimtrack_claims"]``), reading the publication date from ``doc._.claimtrack_published``.

The work is done on the text with character offsets (a blank Chinese pipeline makes every
character a token); spans are mapped to tokens with ``alignment_mode="expand"``.
"""

from __future__ import annotations

from typing import Callable

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extractors.claims.assembly import LanguageRules, assemble_claims

# Prefixed, as the component names are: a Doc may carry other packages' extensions.
DOC_EXTENSIONS = ("claimtrack_published", "claimtrack_sentences", "claimtrack_quantities", "claimtrack_claims")
for extension in DOC_EXTENSIONS:
    if not Doc.has_extension(extension):
        Doc.set_extension(extension, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins the tokens again on every access."""
    text = doc.user_data.get("claimtrack_text")
    if text is None:
        text = doc.user_data["claimtrack_text"] = doc.text
    return text


class _RulesComponent:
    """A pipeline component built with one language's rules."""

    def __init__(self, rules: LanguageRules):
        self.rules = rules


class SentenceComponent(_RulesComponent):
    def __call__(self, doc: Doc) -> Doc:
        sentences = self.rules.split_sentences(doc_text(doc))
        doc._.claimtrack_sentences = sentences
        if not len(doc):
            return doc
        # one array write: setting token.is_sent_start one token at a time is quadratic
        values = numpy.full((len(doc), 1), -1, dtype="int64").astype("uint64")   # -1: not a start
        values[0, 0] = 1
        for sentence in sentences:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None and len(span):
                values[span.start, 0] = 1
        doc.from_array([SENT_START], values)
        return doc


class QuantityComponent(_RulesComponent):
    def __call__(self, doc: Doc) -> Doc:
        quantities = self.rules.find_quantities(doc_text(doc))
        doc._.claimtrack_quantities = quantities
        doc.spans["claimtrack_quantities"] = _spans(doc, ((q.start, q.end, q.unit) for q in quantities))
        return doc


class ClaimComponent(_RulesComponent):
    def __call__(self, doc: Doc) -> Doc:
        claims = assemble_claims(doc_text(doc), doc._.claimtrack_published, self.rules,
                                 sentences=doc._.claimtrack_sentences, quantities=doc._.claimtrack_quantities)
        doc._.claimtrack_claims = claims
        doc.spans["claimtrack_claims"] = _spans(doc, ((c.start, c.end, c.metric) for c in claims))
        return doc


class PlainTokenizer:
    """Base of the languages' own tokenizers (``make_tokenizer`` of ``lang/<code>/``):
    they have no settings, so there is nothing to save or load."""

    def __init__(self, vocab):
        self.vocab = vocab

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "PlainTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "PlainTokenizer":
        return self


def _spans(doc: Doc, items):
    spans = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def register_language(language_class: type[Language], rules_class: Callable[[], LanguageRules]) -> None:
    """Register the three claimtrack factories for ``language_class`` with its rules."""
    components = {
        "claimtrack_sentences": SentenceComponent,
        "claimtrack_quantities": QuantityComponent,
        "claimtrack_claims": ClaimComponent,
    }
    for name, component in components.items():
        def make(nlp: Language, name: str, component=component) -> object:
            return component(rules_class())
        language_class.factory(name, func=make)
