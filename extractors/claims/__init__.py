"""The claims stage: article text to the numeric claims of ``shared/CLAIMS.md``.

``extract_claims(text, lang=..., published=...)`` reads one text, ``extract_claims_batch``
many through ``nlp.pipe``; ``EXTRACTOR_VERSION`` names the rules that produced a reading.
"""

from extractors.claims.extract import EXTRACTOR_VERSION, extract_claims, extract_claims_batch

__all__ = ["EXTRACTOR_VERSION", "extract_claims", "extract_claims_batch"]
