"""Republication links, found through the MinHash bands of each article's text.

``minhash_bands`` holds ``MINHASH_BANDS`` rows an article (its band number and the band's
hash; see ``extractors.pages.syndication``), indexed by (band, hash, original): the articles
that share a band with a text are a few index seeks away, and the originals among them
(``original`` = 1) are found without reading the copies of their stories, however many. A
lookup therefore costs the same in a store of a thousand articles as of a million; the
candidates it proposes are confirmed on the texts' shingles (``RepublicationLinker``).

The ``fp_band*`` columns of ``articles`` (the SimHash fingerprint's 16-bit bands) are still
filled, for SQL users, but no longer serve the links.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from extractors.pages.syndication import (
    FINGERPRINT_BITS,
    NEAR_DUPLICATE_SIMILARITY,
    minhash_bands,
    shingle_similarity,
    shingles,
)
from store.schema import FINGERPRINT_BANDS

BAND_BITS = FINGERPRINT_BITS // FINGERPRINT_BANDS
_BAND_MASK = (1 << BAND_BITS) - 1
# Articles whose bands the migration computes before writing them (bounds its memory).
_INDEX_BATCH = 500


def bands(fingerprint: int | None) -> list[int | None]:
    """The fingerprint's bands, low bits first, as the ``fp_band*`` columns store them."""
    if fingerprint is None:
        return [None] * FINGERPRINT_BANDS
    unsigned = fingerprint & ((1 << FINGERPRINT_BITS) - 1)
    return [(unsigned >> (BAND_BITS * i)) & _BAND_MASK for i in range(FINGERPRINT_BANDS)]


class _Member(NamedTuple):
    id: int
    url: str
    published: str | None
    original_id: int | None

    @property
    def order(self) -> tuple:
        """Publication order; undated articles last, ties by URL (not by id, which follows
        the order articles happened to arrive in). A copy on disk (a file:// URL) comes after
        every page on the web: it is never the original of the page it saves."""
        return _order(self.published, self.url)


def _order(published: str | None, url: str) -> tuple:
    return (url.startswith("file:"), published is None, published or "", url)


_MEMBER_COLUMNS = "articles.id, articles.url, articles.published, articles.original_id"
# A bound on the re-linking one new article can set off (a new earliest copy of a story
# re-links its cluster once); reached only by a bug, it stops the loop instead of the writer.
_MAX_RELINKS = 1_000_000


class RepublicationLinker:
    """Brings the republication links up to date after one article was added or changed.

    The links are those of taking every article in publication order and linking each to the
    earliest earlier original that is near-identical to it (a MinHash band in common, then
    ``NEAR_DUPLICATE_SIMILARITY`` of their shingles), else making it an original (see
    ``ClaimStore._link_republications``). Only what the article can change is looked at: its
    own link, and, when it is (or stops being) an original, the later articles near it (or its
    copies), in publication order, so each change is final when made.

    ``text_bands`` are the article's MinHash bands (None for a text too short to have them);
    they replace its rows in ``minhash_bands`` once its own link is known, so that they are
    written once with the right ``original`` flag.
    """

    def __init__(self, db: Any, article_id: int, text_bands: Sequence[int] | None,
                 text_shingles: set[str] | None = None) -> None:
        self.db = db
        self.article_id = article_id
        self._bands: dict[int, Sequence[int] | None] = {article_id: text_bands}
        self._shingles = {article_id: text_shingles} if text_shingles is not None else {}

    def settle(self) -> int | None:
        """Update the links; return the article's original (None when it is one)."""
        queue: list[tuple[tuple, int]] = []
        queued: set[int] = set()

        def push(member: _Member) -> None:
            if member.id not in queued:
                queued.add(member.id)
                heapq.heappush(queue, (member.order, member.id))

        self.db.execute("DELETE FROM minhash_bands WHERE article_id = ?", [self.article_id])  # a changed text's
        bands_written = False
        push(self._member(self.article_id))
        for copy in self._copies_of(self.article_id):  # a changed text may no longer match them
            push(copy)
        for _ in range(_MAX_RELINKS):
            if not queue:
                break
            _, member_id = heapq.heappop(queue)
            queued.discard(member_id)
            member = self._member(member_id)
            original = self._earliest_original(member)
            if original != member.original_id:
                self.db.execute("UPDATE articles SET original_id = ? WHERE id = ?", [original, member.id])
            if member.id == self.article_id and not bands_written:
                # The article comes out of the queue first (its copies are all later), and
                # before anything that would look for it through its bands.
                self._write_bands(original is None)
                bands_written = True
            if original is None and (member.original_id is not None or member.id == self.article_id):
                for later in self._later_near(member):
                    push(later)
            elif original is not None and member.original_id is None:
                for copy in self._copies_of(member.id):
                    push(copy)
        return self._member(self.article_id).original_id

    def _write_bands(self, is_original: bool) -> None:
        text_bands = self._bands[self.article_id]
        if text_bands:
            self.db.conn.executemany(
                "INSERT INTO minhash_bands (article_id, band, hash, original) VALUES (?, ?, ?, ?)",
                [(self.article_id, band, band_hash, int(is_original)) for band, band_hash in enumerate(text_bands)],
            )

    def _member(self, article_id: int) -> _Member:
        row = self.db.execute(f"SELECT {_MEMBER_COLUMNS} FROM articles WHERE id = ?", [article_id]).fetchone()
        return _Member(*row)

    def _copies_of(self, article_id: int) -> list[_Member]:
        rows = self.db.execute(f"SELECT {_MEMBER_COLUMNS} FROM articles WHERE original_id = ?", [article_id])
        return [_Member(*row) for row in rows]

    def _bands_of(self, article_id: int) -> Sequence[int] | None:
        if article_id not in self._bands:
            rows = self.db.execute("SELECT hash FROM minhash_bands WHERE article_id = ? ORDER BY band", [article_id])
            self._bands[article_id] = [row[0] for row in rows] or None
        return self._bands[article_id]

    def _sharing_a_band(self, member: _Member, *, originals_only: bool) -> list[tuple]:
        """Rows of the articles other than ``member`` that share one of its bands, with (for
        a copy) its original's publication date and URL: ``_MEMBER_COLUMNS`` and those two."""
        member_bands = self._bands_of(member.id)
        if not member_bands:
            return []
        rows = self.db.execute(sharing_a_band_sql(originals_only=originals_only), [json.dumps(list(member_bands))])
        return [row for row in rows if row[0] != member.id]

    def _earliest_original(self, member: _Member) -> int | None:
        """The earliest original before ``member`` that it is near-identical to."""
        earlier = [_Member(*row[:4]) for row in self._sharing_a_band(member, originals_only=True)]
        earlier = [other for other in earlier if other.original_id is None and other.order < member.order]
        for other in sorted(earlier, key=lambda other: other.order):
            if self._same_text(member.id, other.id):
                return other.id
        return None

    def _later_near(self, member: _Member) -> list[_Member]:
        """The later articles near ``member`` whose link it may change: originals, and copies
        of originals later than it (a copy of an earlier original keeps it)."""
        found = []
        for row in self._sharing_a_band(member, originals_only=False):
            other = _Member(*row[:4])
            if other.order <= member.order:
                continue
            if other.original_id is not None and _order(row[4], row[5]) <= member.order:
                continue
            if self._same_text(member.id, other.id):
                found.append(other)
        return found

    def _same_text(self, left: int, right: int) -> bool:
        return shingle_similarity(self._shingles_of(left), self._shingles_of(right)) >= NEAR_DUPLICATE_SIMILARITY

    def _shingles_of(self, article_id: int) -> set[str]:
        if article_id not in self._shingles:
            text = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
            self._shingles[article_id] = shingles(text)
        return self._shingles[article_id]


def sharing_a_band_sql(*, originals_only: bool) -> str:
    """The articles that share a band with the JSON array of band hashes bound to it. CROSS
    JOIN: the probes drive the search, one seek of ``minhash_bands_hash`` each; the copies of
    a story sit after its original in the index and an originals-only lookup never reads them."""
    only = " AND minhash_bands.original = 1" if originals_only else ""
    return (
        f"SELECT DISTINCT {_MEMBER_COLUMNS}, originals.published, originals.url "
        "FROM json_each(?) AS probe CROSS JOIN minhash_bands INDEXED BY minhash_bands_hash "
        f"ON minhash_bands.band = probe.key AND minhash_bands.hash = probe.value{only} "
        "JOIN articles ON articles.id = minhash_bands.article_id "
        "LEFT JOIN articles AS originals ON originals.id = articles.original_id"
    )


def index_stored_articles(conn: sqlite3.Connection) -> None:
    """Write every stored article's MinHash bands (the migration that adds ``minhash_bands``),
    in batches, with each article's ``original`` flag as its link stands."""
    last_id = 0
    while True:
        batch = conn.execute(
            "SELECT id, text, original_id FROM articles WHERE id > ? ORDER BY id LIMIT ?", [last_id, _INDEX_BATCH]
        ).fetchall()
        if not batch:
            return
        rows = []
        for article_id, text, original_id in batch:
            for band, band_hash in enumerate(minhash_bands(text) or ()):
                rows.append((article_id, band, band_hash, int(original_id is None)))
        conn.executemany("INSERT INTO minhash_bands (article_id, band, hash, original) VALUES (?, ?, ?, ?)", rows)
        last_id = batch[-1][0]
