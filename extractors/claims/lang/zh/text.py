"""Chinese text normalisation that keeps offsets, and mojibake checks.

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

Mojibake can only be repaired by changing the text, which moves every offset after it.
:func:`repair_mojibake` is therefore for the article stage, before a text's offsets are
fixed; a text-level extractor calls :func:`looks_like_mojibake` to know it is reading a
damaged text and works on the readable parts (see ``numbers_zh``: a number touching a
``?`` or U+FFFD is not read, since one of its digits may be lost).
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


# --- mojibake -------------------------------------------------------------------------

# Bytes 0x80-0x9F as Windows-1252 shows them; the five it leaves undefined come through
# latin-1 decoding as C1 controls and are taken back the same way.
_CP1252_HIGH = {
    char: byte
    for byte in range(0x80, 0xA0)
    for char in [bytes([byte]).decode("cp1252", errors="ignore")]
    if char
}
# A run of characters that could each be one byte of a mis-decoded page (U+FFFD where a
# decoder met a byte its code page leaves undefined).
_SINGLE_BYTE_RUN = re.compile("[\x00-\xff\ufffd" + "".join(_CP1252_HIGH) + "]+")
# Stands for a byte lost to U+FFFD: never valid in UTF-8 or GBK, so it decodes to U+FFFD.
_LOST_BYTE = 0xFF
_REPLACEMENT_RUN = re.compile("\ufffd{2,}")
# A run of non-ASCII characters, for UTF-8 bytes read as GBK (which shows them as Han
# characters mixed with Cyrillic, Greek and box-drawing letters).
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]{4,}")
# Fixed strings that only ever come from broken decoding (GBK "锟斤拷" for repeated
# U+FFFD bytes, MSVC's uninitialised-memory "烫烫烫" / "屯屯屯").
_MOJIBAKE_MARKERS = ("锟斤拷", "烫烫烫", "屯屯屯", "\ufffd")
# A "?" standing where a character was lost: between Han characters or doubled.
_LOST_CHARACTER = re.compile(r"(?<=[\u4e00-\u9fff])\?+(?=[\u4e00-\u9fff0-9])|\?\?")


def _single_byte_bytes(run: str) -> bytes | None:
    out = bytearray()
    for char in run:
        code = ord(char)
        if code < 0x100:
            out.append(code)
        elif char == "\ufffd":
            out.append(_LOST_BYTE)
        elif char in _CP1252_HIGH:
            out.append(_CP1252_HIGH[char])
        else:
            return None
    return bytes(out)


def _han_share(text: str) -> float:
    visible = [char for char in text if not char.isspace() and not char.isascii()]
    if not visible:
        return 0.0
    return sum(1 for char in visible if is_han(char) or "\u3000" <= char <= "\u303f") / len(visible)


def _repair_single_byte_run(run: str) -> str | None:
    """UTF-8 or GBK bytes that were shown as latin-1/cp1252 ("äººå·¥æºè½" -> "人工智能")."""
    high = sum(1 for char in run if ord(char) >= 0x80)
    if high < 4 or high * 2 < len(run.strip()):
        return None
    raw = _single_byte_bytes(run)
    if raw is None:
        return None
    lost = run.count("\ufffd")
    for codec in ("utf-8", "gb18030"):
        try:
            decoded = raw.decode(codec, errors="replace" if lost else "strict")
        except UnicodeDecodeError:
            continue
        # A lost byte costs the character it belonged to (one U+FFFD for the cut
        # sequence, one for the stand-in byte: merged), and no more.
        decoded = _REPLACEMENT_RUN.sub("\ufffd", decoded)
        if decoded.count("\ufffd") <= lost and _han_share(decoded) >= 0.6:
            return decoded
    return None


def _repair_gbk_run(run: str) -> str | None:
    """UTF-8 bytes that were shown as GBK ("浜哄伐鏅鸿兘" -> "人工智能")."""
    try:
        decoded = run.encode("gbk").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if len(decoded) < len(run) and _han_share(decoded) >= 0.6 and sum(map(is_han, decoded)) >= 2:
        return decoded
    return None


def _repairs(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in _SINGLE_BYTE_RUN.finditer(text):
        repaired = _repair_single_byte_run(match.group())
        if repaired is not None:
            found.append((match.start(), match.end(), repaired))
    for match in _NON_ASCII_RUN.finditer(text):
        repaired = _repair_gbk_run(match.group())
        if repaired is not None:
            found.append((match.start(), match.end(), repaired))
    return sorted(found)


def looks_like_mojibake(text: str) -> bool:
    """True when ``text`` shows signs of broken decoding.

    Signs: replacement characters and the fixed strings broken decoders leave; runs that
    are UTF-8 or GBK bytes shown in the wrong code page (see :func:`repair_mojibake`);
    three or more pinyin glosses; two or more lost characters ("?" between Han characters,
    or "??"). One question mark in a sentence is punctuation, not damage.
    """
    if any(marker in text for marker in _MOJIBAKE_MARKERS):
        return True
    if len(find_pinyin_glosses(text)) >= 3:
        return True
    if len(_LOST_CHARACTER.findall(text)) >= 2:
        return True
    return bool(_repairs(text))


def repair_mojibake(text: str) -> str | None:
    """The text with mis-decoded runs decoded again, or None when nothing round-trips.

    Repairs UTF-8 or GBK bytes shown as latin-1/cp1252, and UTF-8 bytes shown as GBK,
    run by run, so readable parts of a mixed page are left alone. Offsets after a repaired
    run move: call this before a text's claims are located, never on a text whose offsets
    are already in use. Characters that were lost ("?", U+FFFD) cannot be recovered.
    """
    repairs = _repairs(text)
    if not repairs:
        return None
    pieces = []
    position = 0
    for start, end, repaired in repairs:
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append(repaired)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
