"""Index arithmetic for finding republished copies by their SimHash fingerprint.

Two texts are near-duplicates when their 64-bit fingerprints differ in at most
``NEAR_DUPLICATE_BITS`` (12) bits. Split the fingerprint into four 16-bit bands: if two
fingerprints differ in at most 12 bits, one band differs in at most 3 (four bands of 4 or
more would make 16). So probing each band's index for every value within 3 bits of the
new article's band (697 values a band) finds every candidate without scanning the table
(multi-index hashing); the candidates are then checked on the whole fingerprint, and on
the texts' shingles (``RepublicationLinker``).
"""

from __future__ import annotations

import heapq
from functools import cache
from itertools import combinations
from typing import Any, NamedTuple

from extractors.pages.syndication import (
    FINGERPRINT_BITS,
    NEAR_DUPLICATE_BITS,
    NEAR_DUPLICATE_SIMILARITY,
    is_near_duplicate,
    shingle_similarity,
    shingles,
)
from store.schema import FINGERPRINT_BANDS

BAND_BITS = FINGERPRINT_BITS // FINGERPRINT_BANDS
BAND_RADIUS = NEAR_DUPLICATE_BITS // FINGERPRINT_BANDS
_BAND_MASK = (1 << BAND_BITS) - 1


def bands(fingerprint: int | None) -> list[int | None]:
    """The fingerprint's bands, low bits first, as the ``fp_band*`` columns store them."""
    if fingerprint is None:
        return [None] * FINGERPRINT_BANDS
    unsigned = fingerprint & ((1 << FINGERPRINT_BITS) - 1)
    return [(unsigned >> (BAND_BITS * i)) & _BAND_MASK for i in range(FINGERPRINT_BANDS)]


def band_neighbours(band: int) -> list[int]:
    """Every band value within ``BAND_RADIUS`` bits of ``band``, itself included."""
    return [band ^ flips for flips in _flip_masks()]


@cache
def _flip_masks() -> tuple[int, ...]:
    masks = []
    for count in range(BAND_RADIUS + 1):
        for positions in combinations(range(BAND_BITS), count):
            masks.append(sum(1 << p for p in positions))
    return tuple(masks)


class _Member(NamedTuple):
    id: int
    url: str
    published: str | None
    fingerprint: int | None
    original_id: int | None

    @property
    def order(self) -> tuple:
        """Publication order; undated articles last, ties by URL (not by id, which follows
        the order articles happened to arrive in). A copy on disk (a file:// URL) comes after
        every page on the web: it is never the original of the page it saves."""
        return (self.url.startswith("file:"), self.published is None, self.published or "", self.url)


_MEMBER_COLUMNS = "id, url, published, fingerprint, original_id"
# A bound on the re-linking one new article can set off (a new earliest copy of a story
# re-links its cluster once); reached only by a bug, it stops the loop instead of the writer.
_MAX_RELINKS = 1_000_000


class RepublicationLinker:
    """Brings the republication links up to date after one article was added or changed.

    The links are those of taking every article in publication order and linking each to the
    earliest earlier original that is near-identical to it, else making it an original (see
    ``ClaimStore._link_republications``). Only what the article can change is looked at: its
    own link, and, when it is (or stops being) an original, the later articles near it (or its
    copies), in publication order, so each change is final when made.
    """

    def __init__(self, db: Any, article_id: int, text_shingles: set[str] | None = None) -> None:
        self.db = db
        self.article_id = article_id
        self._shingles = {article_id: text_shingles} if text_shingles is not None else {}

    def settle(self) -> int | None:
        """Update the links; return the article's original (None when it is one)."""
        queue: list[tuple[tuple, int]] = []
        queued: set[int] = set()

        def push(member: _Member) -> None:
            if member.id not in queued:
                queued.add(member.id)
                heapq.heappush(queue, (member.order, member.id))

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
            if original is None and (member.original_id is not None or member.id == self.article_id):
                for later in self._later_near(member):
                    push(later)
            elif original is not None and member.original_id is None:
                for copy in self._copies_of(member.id):
                    push(copy)
        return self._member(self.article_id).original_id

    def _member(self, article_id: int) -> _Member:
        row = self.db.execute(f"SELECT {_MEMBER_COLUMNS} FROM articles WHERE id = ?", [article_id]).fetchone()
        return _Member(*row)

    def _copies_of(self, article_id: int) -> list[_Member]:
        rows = self.db.execute(f"SELECT {_MEMBER_COLUMNS} FROM articles WHERE original_id = ?", [article_id])
        return [_Member(*row) for row in rows]

    def _near_fingerprints(self, member: _Member, *, originals_only: bool) -> list[_Member]:
        """Articles whose fingerprints are within ``NEAR_DUPLICATE_BITS`` of the member's,
        found through the band indexes (the partial ones of originals, when asked)."""
        if member.fingerprint is None:
            return []
        # INDEXED BY: without statistics, SQLite would rather walk articles_original_id for
        # "original_id IS NULL", which is nearly every article.
        index, only = ("articles_original_fp_band", " AND original_id IS NULL") if originals_only else ("articles_fp_band", "")
        probes = " UNION ".join(
            f"SELECT {_MEMBER_COLUMNS} FROM articles INDEXED BY {index}{i} "
            f"WHERE fp_band{i} IN (SELECT value FROM json_each(?)){only}"
            for i in range(FINGERPRINT_BANDS)
        )
        rows = self.db.execute(probes, [_neighbours_json(band) for band in bands(member.fingerprint)])
        return [_Member(*row) for row in rows
                if row[0] != member.id and is_near_duplicate(member.fingerprint, row[3])]

    def _earliest_original(self, member: _Member) -> int | None:
        """The earliest original before ``member`` that it is near-identical to."""
        earlier = [other for other in self._near_fingerprints(member, originals_only=True) if other.order < member.order]
        for other in sorted(earlier, key=lambda other: other.order):
            if self._same_text(member.id, other.id):
                return other.id
        return None

    def _later_near(self, member: _Member) -> list[_Member]:
        return [other for other in self._near_fingerprints(member, originals_only=False)
                if other.order > member.order and self._same_text(member.id, other.id)]

    def _same_text(self, left: int, right: int) -> bool:
        return shingle_similarity(self._shingles_of(left), self._shingles_of(right)) >= NEAR_DUPLICATE_SIMILARITY

    def _shingles_of(self, article_id: int) -> set[str]:
        if article_id not in self._shingles:
            text = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
            self._shingles[article_id] = shingles(text)
        return self._shingles[article_id]


def _neighbours_json(band: int) -> str:
    return "[" + ",".join(map(str, band_neighbours(band))) + "]"
