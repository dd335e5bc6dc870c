"""Extraction: pure functions from fetched bytes to Articles, and from text to Claims.

Nothing in this package touches the network, Scrapy or the database. Two stages, a folder
each: ``extractors.pages`` (url, body, headers -> ``Article``) and ``extractors.claims``
(text -> list of ``Claim``, one folder per language under ``claims/lang/``). The records
both stages exchange with the store and the crawler are in ``extractors.records``.

Each module logs to ``logging.getLogger(__name__)``; the package adds a ``NullHandler`` so that
nothing is printed unless the application configures logging (a page whose extraction failed
is logged where its exception becomes the Article's status).
"""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
