"""Public API: every numeric claim of an article's text, as ``shared/CLAIMS.md`` defines it.

    >>> from extractors.claims import extract_claims
    >>> [c.text for c in extract_claims("China is home to more than 5,100 AI companies.", published="2025-10-28")]
    ['5,100']

The language is detected from the script when not given; the publication date resolves
"last year", "by year end" and present-tense figures. Batches go through ``nlp.pipe``.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Iterable, Iterator

from extractors.claim import Claim
from extractors.language import detect_language
from extractors.pipeline import get_pipeline

# Bump when the claims produced for the same text change.
EXTRACTOR_VERSION = "en-1"

DEFAULT_LANGUAGE = "en"


def extract_claims(text: str, *, lang: str | None = None, published: str | date | None = None) -> list[Claim]:
    """The claims of ``text`` in text order; an empty list for text with no figures."""
    return next(extract_claims_batch([(text, lang, published)]))


def extract_claims_batch(items: Iterable[tuple[str, str | None, str | date | None]]) -> Iterator[list[Claim]]:
    """Claims for each (text, lang, published) in order; texts of one language share ``nlp.pipe``."""
    prepared = ((_clean(text), _language(text, lang), published) for text, lang, published in items)
    for lang, group in groupby(prepared, key=lambda item: item[1]):
        nlp = get_pipeline(lang)
        docs = []
        for text, _, published in group:
            doc = nlp.make_doc(text)
            doc._.published = published
            docs.append(doc)
        for doc in nlp.pipe(docs):
            yield list(doc._.claims or [])


def _language(text: str, lang: str | None) -> str:
    return lang or detect_language(text) or DEFAULT_LANGUAGE


def _clean(text: str) -> str:
    """Lone surrogates (from badly decoded pages) cannot be tokenised; they become U+FFFD."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
