"""Extraction: pure functions from fetched bytes to Articles, and from text to Claims.

Nothing in this package touches the network, Scrapy or the database. Two stages, a folder
each: ``extractors.pages`` (url, body, headers -> ``Article``) and ``extractors.claims``
(text -> list of ``Claim``, one folder per language under ``claims/lang/``). The records
both stages exchange with the store and the crawler are in ``extractors.records``.
"""
