"""The one path from a read article to the store, shared by ``claimtrack ingest`` and the
crawler's record pipeline, so that both record the same way."""

from __future__ import annotations

from collections.abc import Sequence

from extractors.records import Article, Claim
from store.claimstore import ClaimStore, RecordResult


def record_reading(store: ClaimStore, article: Article, claims: Sequence[Claim] | None, *,
                   source: str) -> RecordResult:
    """Record ``article`` with the claims ``read_claims`` found in it.

    ``claims`` is None when the extractor has no rules for the article's language: the
    article is recorded unread, with ``extractor_version`` NULL, so that a later run with
    rules for that language reads it.
    """
    from extractors.claims import EXTRACTOR_VERSION  # already loaded by whoever read the claims

    version = EXTRACTOR_VERSION if claims is not None else None
    return store.record_article(article, claims or [], source=source, extractor_version=version)
