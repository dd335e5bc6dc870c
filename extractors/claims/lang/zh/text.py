"""Chinese text normalisation that keeps offsets.

Rules for Chinese text are written once, for simplified script with half-width digits and
punctuation. Articles come in traditional script, with full-width digits ("２０２５"), with
Kangxi radicals from PDF text layers, and from badly decoded pages. Claims must still point
into the article as it was given, so every step here is offset-safe:

* :func:`fold` maps each character to exactly one character (full-width to half-width by
  NFKC where NFKC gives a single character; traditional to simplified through OpenCC's
  character table, restricted to its first single-character reading). ``fold(t)[i]`` is
  the folded form of ``t[i]``.
* :func:`readable_view` folds and also drops pinyin glosses ("萬(wàn)" on some reposting
  sites) and zero-width characters. The :class:`TextView` it returns maps every index of
  the readable text back to the original.

Mojibake is not repaired here (a repair changes the text and moves every offset after it):
the pages stage decodes with the right charset (``extractors/pages/encoding.py``), and the
number reader works on the readable parts of a damaged text (``lang/zh/numbers.py``: a
number touching a ``?`` or U+FFFD is not read, since one of its digits may be lost).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from extractors.language import is_han

# Blocks whose NFKC forms are wanted: full-width ASCII and punctuation, the ideographic
# space, no-break and typographic spaces, compatibility ideographs, and the Kangxi and
# supplementary radicals that PDF text layers use in place of ordinary Han characters.
# Other compatibility characters stay as they are: NFKC would read "①" as "1" and "²" as
# "2", turning list markers and exponents into digits.
_FOLDED_BLOCKS = (
    (0xFF01, 0xFFEF),
    (0x3000, 0x3000),
    (0x00A0, 0x00A0),
    (0x2000, 0x200A),
    (0x202F, 0x202F),
    (0xF900, 0xFAFF),
    (0x2E80, 0x2EFF),
    (0x2F00, 0x2FDF),
)

# Characters a reader does not see; dropped from the readable view.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

# A pinyin gloss: a bracketed syllable with a tone mark right after a Han character, as
# some reposting sites print traditional text ("企業(yè)", "萬(wàn)億"). The tone mark is
# required, so "(AI)", "(CNNIC)" and "(2024)" are never taken for glosses.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)")

# OpenCC's tables ship with opencc-python-reimplemented (a declared dependency).
_OPENCC_TABLES = ("TWVariantsRev.txt", "HKVariantsRev.txt", "TSCharacters.txt")


@lru_cache(maxsize=1)
def _traditional_to_simplified() -> dict[str, str]:
    """Character table from OpenCC, keeping only one-character to one-character readings.

    Variant tables (Taiwan and Hong Kong forms to OpenCC's standard traditional form) are
    applied first, then traditional to simplified; where OpenCC lists several simplified
    readings the first (most common) is taken.
    """
    tables = []
    for name in _OPENCC_TABLES:
        source = resources.files("opencc").joinpath("dictionary", name)
        table = {}
        for line in source.read_text(encoding="utf-8").splitlines():
            key, _, readings = line.partition("\t")
            first = readings.split(" ")[0] if readings else ""
            if len(key) == 1 and len(first) == 1 and key != first:
                table[key] = first
        tables.append(table)
    *variants, to_simplified = tables
    merged = dict(to_simplified)
    for variant in variants:
        for key, standard in variant.items():
            merged.setdefault(key, to_simplified.get(standard, standard))
    return merged


def _fold_width(char: str) -> str:
    code = ord(char)
    for low, high in _FOLDED_BLOCKS:
        if low <= code <= high:
            folded = unicodedata.normalize("NFKC", char)
            return folded if len(folded) == 1 else char
    return char


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    char = _fold_width(char)
    return _traditional_to_simplified().get(char, char)


def fold(text: str) -> str:
    """Full-width to half-width and traditional to simplified, one character for one.

    ``len(fold(text)) == len(text)`` always, so an index into the result is an index into
    ``text``.
    """
    # ASCII never changes: skip the per-character work for it.
    if text.isascii():
        return text
    return "".join(char if char < "\x80" else _fold_char(char) for char in text)


def to_simplified(text: str) -> str:
    """Traditional to simplified only, one character for one (width left alone)."""
    table = _traditional_to_simplified()
    return "".join(table.get(char, char) for char in text)


def find_pinyin_glosses(text: str) -> list[tuple[int, int]]:
    """Spans of pinyin glosses ("(wàn)" after "萬") in ``text``."""
    return [
        (match.start(), match.end())
        for match in _GLOSS.finditer(text)
        if match.start() > 0 and is_han(text[match.start() - 1])
    ]


@dataclass(frozen=True)
class TextView:
    """A readable, folded copy of a text that knows where each of its characters came from.

    ``text`` is what rules read; ``original`` is the text as given. Characters were only
    dropped (glosses, invisible characters), never inserted, so the map is a sorted list
    of cut points: ``_cuts[k]`` is an index into ``text`` from which on ``_shifts[k]``
    original characters lie before it that are not in ``text``.
    """

    original: str
    text: str
    _cuts: tuple[int, ...] = field(default=(), repr=False)
    _shifts: tuple[int, ...] = field(default=(), repr=False)

    def to_original(self, index: int) -> int:
        """Index in ``original`` of the character at ``index`` in ``text``."""
        position = bisect_right(self._cuts, index)
        return index + (self._shifts[position - 1] if position else 0)

    def from_original(self, index: int) -> int:
        """Index in ``text`` of the character at ``index`` in ``original``.

        A dropped character (a gloss, an invisible one) maps to the character after it.
        """
        # The k-th cut lies in the original at _cuts[k] + _shifts[k]: the first character
        # kept after the k-th dropped run.
        low, high = 0, len(self._cuts)
        while low < high:
            middle = (low + high) // 2
            if self._cuts[middle] + self._shifts[middle] <= index:
                low = middle + 1
            else:
                high = middle
        shift = self._shifts[low - 1] if low else 0
        mapped = index - shift
        if low < len(self._cuts):
            mapped = min(mapped, self._cuts[low])
        return min(mapped, len(self.text))

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``text`` to ``original``.

        What was dropped right after the span's last character (a pinyin gloss belongs
        to the character before it) is kept inside the mapped span.
        """
        if end <= start:
            mapped = self.to_original(start) if start < len(self.text) else len(self.original)
            return mapped, mapped
        original_end = self.to_original(end) if end < len(self.text) else len(self.original)
        return self.to_original(start), original_end


def readable_view(text: str) -> TextView:
    """Fold ``text`` and drop pinyin glosses and invisible characters, keeping a map back."""
    folded = fold(text)
    dropped = find_pinyin_glosses(text)
    dropped += [(index, index + 1) for index, char in enumerate(text) if char in _INVISIBLE]
    if not dropped:
        return TextView(original=text, text=folded)
    dropped.sort()
    pieces = []
    cuts = []
    shifts = []
    kept_until = 0
    removed = 0
    length = 0
    for start, end in dropped:
        if start < kept_until:
            continue
        pieces.append(folded[kept_until:start])
        length += start - kept_until
        removed += end - start
        cuts.append(length)
        shifts.append(removed)
        kept_until = end
    pieces.append(folded[kept_until:])
    return TextView(original=text, text="".join(pieces), _cuts=tuple(cuts), _shifts=tuple(shifts))
