"""Extraction: pure functions from fetched bytes to Articles, and from text to Claims.

Nothing in this package touches the network, Scrapy or the database. The two entry
points are :func:`extractors.article.extract_article` (url, body, headers -> Article) and
:func:`extractors.claims.extract_claims` (text -> list of Claim).
"""
