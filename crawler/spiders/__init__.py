"""The source spiders: ``xinhua``, ``caict`` and ``feeds`` (the trade press), each crawling
one configured source (``-a source=NAME``). Shared navigation is in ``base.py``."""
