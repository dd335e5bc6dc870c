"""Near-duplicate fingerprints, so a wire story republished on ten sites counts once.

A 64-bit SimHash over overlapping character shingles of the normalised text: character
shingles work the same for Chinese (no spaces) and English, and survive the small edits
republishers make (a different dateline, a dropped last paragraph, an added editor line).

The store finds a text's near-duplicates through its MinHash bands (``minhash_bands``),
not through the fingerprint: a band lookup costs the same however many articles are stored,
where every SimHash within 12 bits of 64 is ~4% of them. Bands only propose candidates:
texts whose bands meet are confirmed on the shingles themselves (``shingle_similarity``),
since unrelated stories that share an opening paragraph can meet in a band.
"""

from __future__ import annotations

import hashlib
import math
import re
import struct
import unicodedata
from functools import cache
from typing import NamedTuple

SHINGLE_CHARS = 8
FINGERPRINT_BITS = 64
# Fingerprints at most this many bits apart are near-duplicates (``is_near_duplicate``).
# Measured on the gold texts: copies with a new dateline, an editor line or 10% cut off
# differ by 0-11 bits (a 20% cut by up to 16); different articles on the same topics by 20+.
# The store links copies by bands and shingles instead, which also find the 20% cut.
NEAR_DUPLICATE_BITS = 12
# Share of shingles two texts must have in common (Jaccard) to be the same story. A copy with
# a new dateline and an editor line shares 0.9 or more, one with its last fifth cut 0.8;
# distinct stories that open with the same paragraph share that paragraph's shingles only
# (under 0.35 for an opening of a quarter of the text).
NEAR_DUPLICATE_SIMILARITY = 0.6

# MinHash LSH: a signature of MINHASH_BANDS x MINHASH_ROWS minima, hashed a band at a time;
# two texts are candidates when any band's hash is equal, which happens with probability
# 1 - (1 - J^5)^64 for shingle Jaccard J: 0.994 at 0.6, above 0.99999 at 0.7, 0.14 at 0.3
# (look-alikes that share an opening), 6e-4 at 0.1. Calibrated on the gold, demo-mirror and
# real saved texts (71, all on China's AI and digital economy): 99% of their pairs share
# under 0.084 of their shingles, and the mean chance of a pair meeting in a band is 1.8e-5,
# so a lookup in a store of 100,000 such articles proposes about two that are not copies.
# Four rows a band (32 bands) would propose 7.5, six rows would need 100 bands per article.
MINHASH_BANDS = 64
MINHASH_ROWS = 5
_MINHASH_BINS = MINHASH_BANDS * MINHASH_ROWS
# Four bytes a band hash: two unrelated texts' bands meet by accident once in 2**32, about
# once in 700 lookups of a store of 100,000 articles (a candidate the texts then turn down),
# and SQLite stores them in half the room of eight-byte ones.
_BAND_HASH_BYTES = 4
_BIN_BITS = _MINHASH_BINS.bit_length()
_BIN_MASK = (1 << _BIN_BITS) - 1

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
    prints = text_prints(text, bands=False)
    return prints.fingerprint, prints.shingles


def minhash_bands(text: str) -> list[int] | None:
    """The text's ``MINHASH_BANDS`` band hashes (signed 32-bit), band 0 first; None for very
    short text, as for ``fingerprint``."""
    return text_prints(text).bands


class TextPrints(NamedTuple):
    fingerprint: int | None
    shingles: set[str]
    bands: list[int] | None


def text_prints(text: str, *, bands: bool = True) -> TextPrints:
    """Fingerprint, shingles and MinHash bands in one pass: both hashes start from the same
    shingle digests."""
    normal = normalise_for_fingerprint(text)
    windows = _windows(normal)
    if len(normal) < SHINGLE_CHARS * 4:
        return TextPrints(None, windows, None)
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(window.encode("utf-8"), digest_size=_DIGEST_BYTES).digest() for window in windows])
    return TextPrints(_simhash(digests, len(windows)), windows, _minhash_bands(digests, len(windows)) if bands else None)


def _windows(normal: str) -> set[str]:
    return {normal[i : i + SHINGLE_CHARS] for i in range(len(normal) - SHINGLE_CHARS + 1)}


def _minhash_bands(digests: bytes, count: int) -> list[int]:
    """One-permutation MinHash: one hash a shingle makes the whole signature (k hash functions
    would cost k times as much). A digest's last four bytes pick its bin, its first 21 bits its
    rank there; each bin keeps its lowest-ranked shingle. Rank and bin are packed into one int
    under 2**30, which Python sorts at C speed. A bin no shingle fell in borrows the minimum of
    the first filled bin along its own fixed stride ("densification"), so that two texts' bins
    still agree with probability J."""
    words = struct.unpack(f">{2 * count}I", digests)
    keys = sorted([(rank >> 11) << _BIN_BITS | spread % _MINHASH_BINS for rank, spread in zip(words[0::2], words[1::2])])
    lowest = {key & _BIN_MASK: key for key in reversed(keys)}
    if len(lowest) < _MINHASH_BINS:
        signature = [lowest.get(bin_number) for bin_number in range(_MINHASH_BINS)]
        for bin_number, key in enumerate(signature):
            if key is None:
                signature[bin_number] = lowest[next(donor for donor in _donors(bin_number) if donor in lowest)]
    else:
        signature = [lowest[bin_number] for bin_number in range(_MINHASH_BINS)]
    blake2b, pack = hashlib.blake2b, struct.Struct(f">H{MINHASH_ROWS}I").pack
    hashes = []
    for band in range(MINHASH_BANDS):
        digest = blake2b(pack(band, *signature[band * MINHASH_ROWS:(band + 1) * MINHASH_ROWS]),
                         digest_size=_BAND_HASH_BYTES).digest()
        hashes.append(int.from_bytes(digest, "big", signed=True))
    return hashes


@cache
def _donors(bin_number: int) -> tuple[int, ...]:
    """Every other bin, along a stride chosen by the bin (coprime with the number of bins, so
    that the walk visits them all): bins next to each other borrow from different places."""
    strides = _coprime_strides()
    stride = strides[(bin_number * 40503) % len(strides)]
    return tuple((bin_number + step * stride) % _MINHASH_BINS for step in range(1, _MINHASH_BINS))


@cache
def _coprime_strides() -> tuple[int, ...]:
    return tuple(stride for stride in range(1, _MINHASH_BINS) if math.gcd(stride, _MINHASH_BINS) == 1)


def _simhash(digests: bytes, count: int) -> int:
    """Bit b is set when more shingles' hashes have it set than not. Hashes are 8-byte
    BLAKE2b digests read big-endian; the bits are counted a byte column at a time."""
    unsigned = 0
    for byte in range(_DIGEST_BYTES):
        column = digests[byte::_DIGEST_BYTES]
        shift = 8 * (_DIGEST_BYTES - 1 - byte)
        for bit, clear in enumerate(_CLEAR_BIT):
            if 2 * len(column.translate(None, clear)) > count:
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
