"""Index arithmetic for finding republished copies by their SimHash fingerprint.

Two texts are near-duplicates when their 64-bit fingerprints differ in at most
``NEAR_DUPLICATE_BITS`` (12) bits. Split the fingerprint into four 16-bit bands: if two
fingerprints differ in at most 12 bits, one band differs in at most 3 (four bands of 4 or
more would make 16). So probing each band's index for every value within 3 bits of the
new article's band (697 values a band) finds every candidate without scanning the table
(multi-index hashing); the candidates are then checked on the whole fingerprint.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations

from extractors.pages.syndication import FINGERPRINT_BITS, NEAR_DUPLICATE_BITS
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
