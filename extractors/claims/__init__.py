"""The claims stage: article text to the numeric claims of ``shared/CLAIMS.md``.

``extract_claims(text, lang=..., published=...)`` reads one text, ``extract_claims_batch``
many through ``nlp.pipe``, ``read_claims(articles)`` the claims of Articles
(what ``ingest`` and the crawler call); ``EXTRACTOR_VERSION`` names the rules that produced a reading.
"""

from extractors.claims.extract import EXTRACTOR_VERSION, extract_claims, extract_claims_batch, read_claims

__all__ = ["EXTRACTOR_VERSION", "extract_claims", "extract_claims_batch", "read_claims"]
