"""Near-duplicate fingerprints, so a wire story republished on ten sites counts once.

A 64-bit SimHash over overlapping character shingles of the normalised text: character
shingles work the same for Chinese (no spaces) and English, and survive the small edits
republishers make (a different dateline, a dropped last paragraph, an added editor line).

A fingerprint only proposes candidates: texts whose fingerprints are close are confirmed
on the shingles themselves (``shingle_similarity``), since unrelated stories that share an
opening paragraph can land within a few bits of each other.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SHINGLE_CHARS = 8
FINGERPRINT_BITS = 64
# Two texts whose fingerprints differ in at most this many bits are the same story.
# Measured on the gold texts: copies with a new dateline, an editor line or 10% cut off
# differ by 0-11 bits (a 20% cut by up to 16); different articles on the same topics by 20+.
NEAR_DUPLICATE_BITS = 12
# Share of shingles two texts must have in common (Jaccard) to be the same story. A copy with
# a new dateline and an editor line shares 0.9 or more, one with its last fifth cut 0.8;
# distinct stories that open with the same paragraph share that paragraph's shingles only
# (under 0.35 for an opening of a quarter of the text).
NEAR_DUPLICATE_SIMILARITY = 0.6

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_DIGEST_BYTES = FINGERPRINT_BITS // 8
# For bit j of a byte: every byte value with that bit clear. Deleting them from a column of
# digest bytes leaves as many bytes as have the bit set, counted in C rather than bit by bit.
_CLEAR_BIT = tuple(bytes(value for value in range(256) if not (value >> bit) & 1) for bit in range(8))


def normalise_for_fingerprint(text: str) -> str:
    """Case-folded NFKC text with punctuation and whitespace removed."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[str]:
    """The distinct ``SHINGLE_CHARS``-character windows of the normalised text."""
    return _windows(normalise_for_fingerprint(text))


def fingerprint(text: str) -> int | None:
    """Signed 64-bit SimHash of ``text`` (fits an SQLite INTEGER); None for very short text."""
    return fingerprint_and_shingles(text)[0]


def fingerprint_and_shingles(text: str) -> tuple[int | None, set[str]]:
    """The fingerprint and the shingle set it was computed from, for a later
    ``shingle_similarity`` without normalising the text again."""
    normal = normalise_for_fingerprint(text)
    windows = _windows(normal)
    if len(normal) < SHINGLE_CHARS * 4:
        return None, windows
    return _simhash(windows), windows


def _windows(normal: str) -> set[str]:
    return {normal[i : i + SHINGLE_CHARS] for i in range(len(normal) - SHINGLE_CHARS + 1)}


def _simhash(windows: set[str]) -> int:
    """Bit b is set when more shingles' hashes have it set than not. Hashes are 8-byte
    BLAKE2b digests read big-endian; the bits are counted a byte column at a time."""
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(window.encode("utf-8"), digest_size=_DIGEST_BYTES).digest() for window in windows])
    unsigned = 0
    for byte in range(_DIGEST_BYTES):
        column = digests[byte::_DIGEST_BYTES]
        shift = 8 * (_DIGEST_BYTES - 1 - byte)
        for bit, clear in enumerate(_CLEAR_BIT):
            if 2 * len(column.translate(None, clear)) > len(windows):
                unsigned |= 1 << (shift + bit)
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def shingle_similarity(left: set[str], right: set[str]) -> float:
    """Jaccard similarity of two shingle sets: shared shingles over all of them."""
    if not left or not right:
        return 0.0
    shared = len(left & right)
    return shared / (len(left) + len(right) - shared)


def distance(left: int, right: int) -> int:
    """Number of differing bits between two fingerprints."""
    return ((left ^ right) & ((1 << 64) - 1)).bit_count()


def is_near_duplicate(left: int | None, right: int | None) -> bool:
    return left is not None and right is not None and distance(left, right) <= NEAR_DUPLICATE_BITS
