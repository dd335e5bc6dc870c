"""PDF -> Article with pypdfium2 (PDFium), lines rebuilt from character positions.

Why PDFium (``benchmarks/bench_articles.py --compare``, on two-language white papers written
like the tests' ones, both common CJK font set-ups): pypdf, pdfplumber and PDFium all read
the Chinese intact; only pdfplumber and pypdf's layout mode kept a table written column by
column as rows. Lines rebuilt here from PDFium's per-character boxes keep every row, at
about 1,250 dense pages a second (30% of PDFium's own text, which runs a table's columns one
after the other) against pypdf's 270-310 and pdfplumber's 40; with the predefined
UniGB-UCS2-H CMap and a font that is not embedded, PDFium itself reads only about 270 dense
pages a second, and this about 230. PDFium's text rectangles would be faster still, but
fonts that are not embedded (common in Chinese government PDFs) get empty glyph boxes, and
their lines fell apart.
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections import Counter, deque
from dataclasses import dataclass
from datetime import date
from itertools import groupby, repeat
from operator import itemgetter
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.language import choose_language
from extractors.pages.limits import MIN_TEXT_UNITS, text_units
from extractors.pages.metadata import date_from_url
from extractors.pages.sites import defaults, host_of, original_url, rule_for
from extractors.records import STATUS_EMPTY, STATUS_SCANNED_PDF, STATUS_UNREADABLE, Article

logger = logging.getLogger(__name__)

# Characters whose middles (half way up their loose boxes) differ by less than this share of
# the font size share a line. Middles rather than baselines: a box costs one PDFium call, a
# box and an origin two, and a glyph whose font lacks metrics gets its tight box, which sits
# on the baseline or above it but around the line's middle (a "一" among full-height glyphs).
LINE_TOLERANCE = 0.35
# Two characters on one line further apart than this many font sizes are in different table cells.
CELL_GAP = 1.2
# A gap wider than this (in font sizes) between two letters is a space; between two
# Chinese characters it takes more, since justified Chinese lines spread their characters.
WORD_GAP = 0.15
CJK_SPACE_GAP = 0.5
# A line reaching this close (in line heights) to the page's right text edge runs on into the next.
FULL_LINE_SLACK = 2.5
# Lines further apart than this (in line heights, top to top) are separate paragraphs.
PARAGRAPH_LEADING = 2.0
# A line this much taller than the page-1 median is a heading; the tallest ones are the title.
TITLE_HEIGHT_RATIO = 1.3

_PAGE_NUMBER = re.compile(r"^(?:[-–—]?\s*\d{1,4}\s*[-–—]?|第\s*\d+\s*页(?:\s*[/／共]\s*\d+\s*页?)?|\d+\s*/\s*\d+|(?i:page)\s+\d+(?:\s+of\s+\d+)?|[IVXLC]{1,6})$")
_JUNK_TITLES = re.compile(r"(?i)^(?:microsoft (?:word|powerpoint) - |untitled|无标题)|\.(?:docx?|pptx?|wps|indd|pdf)$")


@dataclass
class _Line:
    bottom: float  # the middle of the line's first characters
    top: float     # that plus the font size (relative heights are what count)
    left: float
    right: float
    text: str
    cells: int = 1

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


def extract_pdf(body: bytes, url: str = "") -> Article:
    """Text of a PDF, one paragraph or table row per line, with ``pages`` offsets.

    Corrupt and password-protected files come back ``unreadable``, files whose pages are
    only images ``scanned_pdf``, neither with any text.
    """
    article = Article(url=url, extraction="pdf")
    try:
        document = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as error:
        logger.info("PDF %s cannot be opened: %s", url, error)
        if "password" in str(error).lower():
            return article.withhold(STATUS_UNREADABLE, "encrypted PDF: it needs a password to open")
        return article.withhold(STATUS_UNREADABLE, f"corrupt PDF: {error}")
    try:
        pages_lines, image_only = [], 0
        for index in range(len(document)):
            page = document[index]
            try:
                lines = _page_lines(page)
                if not lines and _has_images(page):
                    image_only += 1
                pages_lines.append(lines)
            finally:
                page.close()
        metadata = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()

    _drop_running_furniture(pages_lines)
    texts = [_paragraphs(lines) for lines in pages_lines]
    offsets, position = [], 0
    for text in texts:
        offsets.append(position)
        position += len(text) + 1
    article.text = "\n".join(texts)
    article.pages = offsets
    article.title = _title(metadata.get("Title"), pages_lines[0] if pages_lines else [])
    article.published = _published(url, metadata)
    article.lang = choose_language(None, article.text)
    rule = rule_for(url)
    article.outlet = rule.outlet or (host_of(url).removeprefix("www.") or None)
    article.canonical_url = original_url(url) or None

    if text_units(article.text) < MIN_TEXT_UNITS:
        if image_only:
            return article.withhold(STATUS_SCANNED_PDF,
                         f"{image_only} of {len(pages_lines)} pages are images without a text layer (a scan)")
        return article.withhold(STATUS_EMPTY, f"PDF of {len(pages_lines)} pages has no text")
    return article


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    """Characters grouped into lines by height on the page, each line read left to right.

    Works from each character's loose box (font ascent to descent), never from glyph
    outlines: fonts that are not embedded, common in Chinese government PDFs, have empty
    glyph boxes wherever the reading machine lacks the font.
    """
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if not count:
            return []
        text = textpage.get_text_range(0, count)[:count]
        boxes = _loose_boxes(textpage, count)
    finally:
        textpage.close()
    chars = [
        ((top + bottom) / 2, left, right, top - bottom if top - bottom > 1.0 else 1.0, char, char >= _WIDE_FROM)
        for char, left, top, right, bottom in zip(text, boxes[0::4], boxes[1::4], boxes[2::4], boxes[3::4])
        if not char.isspace() and char.isprintable()
    ]
    chars.sort(key=itemgetter(0), reverse=True)
    by_left = itemgetter(1)
    return [_join_row(sorted(row, key=by_left)) for row in _rows(chars)]


def _rows(chars: list[tuple]) -> list[list[tuple]]:
    """Characters sorted by middle, top down, in rows: a character joins the row above when
    its middle is within ``LINE_TOLERANCE`` of the larger of its and the row's first
    character's size. Characters at one exact height (most of a line) are taken together."""
    rows: list[list[tuple]] = []
    row_middle = row_size = 0.0
    for middle, group in groupby(chars, key=itemgetter(0)):
        group = list(group)
        distance = abs(middle - row_middle)
        if rows and distance <= LINE_TOLERANCE * row_size:
            rows[-1].extend(group)
            continue
        for index, char in enumerate(group):
            if rows and distance <= LINE_TOLERANCE * (char[3] if char[3] > row_size else row_size):
                rows[-1].append(char)
            else:
                rows.append(group[index:])
                row_middle, row_size = middle, char[3]
                break
    return rows


def _loose_boxes(textpage: pdfium.PdfTextPage, count: int) -> list[float]:
    """Every character's loose box (left, top, right, bottom), flat.

    One PDFium call a character is most of the cost of a page, and most of a call's cost was
    Python's: the loop, and ctypes converting each argument through pypdfium2's declared
    pointer types. Here ``map`` drives the calls from C, with plain addresses into an array
    that is read back in one piece."""
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    boxes = (ctypes.c_float * (4 * count))()
    at = ctypes.addressof(boxes)
    deque(map(_GET_LOOSE_CHAR_BOX, repeat(handle, count), range(count), range(at, at + 16 * count, 16)), maxlen=0)
    return memoryview(boxes).cast("B").cast("f").tolist()


def _address_prototype(function: Any, pointers: int) -> Any:
    """``function`` (a pypdfium2.raw binding returning an int) taking addresses as plain
    ints: a handle, an index, then ``pointers`` out-parameters."""
    prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, *[ctypes.c_void_p] * pointers)
    return prototype(ctypes.cast(function, ctypes.c_void_p).value)


_GET_LOOSE_CHAR_BOX = _address_prototype(pdfium_c.FPDFText_GetLooseCharBox, 1)


def _join_row(row: list[tuple]) -> _Line:
    """One line of text from its characters (middle, left, right, size, glyph, wide), spaces
    and tabs put back from the gaps."""
    middle, left, right, size, first, _ = row[0]
    parts, cells = [first], 1
    _, previous_left, previous_right, previous_size, previous_glyph, previous_wide = row[0]
    for _, char_left, char_right, char_size, glyph, wide in row[1:]:
        if glyph == previous_glyph:
            width = previous_right - previous_left
            if abs(char_left - previous_left) < 0.3 * (width if width > 0.1 else 0.1):
                continue  # the same glyph drawn twice (fake bold, shadow)
        gap = (char_left - previous_right) / (char_size if char_size > previous_size else previous_size)
        if gap > CELL_GAP:
            parts.append("\t")
            cells += 1
        elif gap > (CJK_SPACE_GAP if wide and previous_wide else WORD_GAP):
            parts.append(" ")
        parts.append(glyph)
        previous_left, previous_right, previous_size, previous_glyph, previous_wide = (
            char_left, char_right, char_size, glyph, wide)
        if char_size > size:
            size = char_size
    return _Line(middle, middle + size, left, previous_right, "".join(parts), cells)


# Characters from here on (CJK radicals onwards) are full-width.
_WIDE_FROM = "\u2e80"


def _wide(char: str) -> bool:
    return char >= _WIDE_FROM


def _has_images(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3))


def _drop_running_furniture(pages_lines: list[list[_Line]]) -> None:
    """Remove page numbers and running headers/footers: first or last lines that are numbers,
    or that repeat (digits aside) at the top or bottom of at least half the pages."""
    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    edge_keys = []
    for lines in pages_lines:
        edge_keys += [key(line) for line in (lines[:1] + lines[1:][-1:])]
    edges = Counter(edge_keys)
    repeated = {text for text, count in edges.items() if len(pages_lines) >= 3 and count >= len(pages_lines) / 2}
    for lines in pages_lines:
        for position in (-1, 0):
            if lines and (_PAGE_NUMBER.match(lines[position].text.strip()) or key(lines[position]) in repeated):
                lines.pop(position)


def _paragraphs(lines: list[_Line]) -> str:
    """Join the lines of a paragraph: a full-width line runs on into the next one at the same
    size and normal spacing. Headings, short last lines and table rows stay lines of their own."""
    if not lines:
        return ""
    right_edge = max(line.right for line in lines)
    out = [lines[0].text]
    for before, line in zip(lines, lines[1:]):
        height = before.height
        runs_on = (
            before.cells == 1 and line.cells == 1
            and right_edge - before.right <= FULL_LINE_SLACK * height
            and abs(line.height - height) <= 0.25 * height
            and (before.top - line.top) <= PARAGRAPH_LEADING * height
        )
        if not runs_on:
            out.append(line.text)
        elif out[-1].endswith("-") or _wide(out[-1][-1]) or _wide(line.text[0]):
            out[-1] += line.text
        else:
            out[-1] += " " + line.text
    return "\n".join(out)


def _title(declared: str | None, first_page: list[_Line]) -> str | None:
    if declared and declared.strip() and not _JUNK_TITLES.search(declared.strip()):
        return " ".join(declared.split())
    if not first_page:
        return None
    heights = sorted(line.height for line in first_page)
    median, tallest = heights[len(heights) // 2], heights[-1]
    if tallest < TITLE_HEIGHT_RATIO * median:
        return first_page[0].text
    title_lines = [line.text for line in first_page if line.height >= 0.9 * tallest]
    joined = title_lines[0]
    for text in title_lines[1:]:
        joined += text if _wide(joined[-1]) or _wide(text[0]) else " " + text
    return joined


def _published(url: str, metadata: dict[str, str]) -> str | None:
    """The date in the file's URL (CAICT names files P0YYYYMMDD…), else the PDF's creation day."""
    moment = date_from_url(original_url(url), list(defaults().url_dates))
    if moment is not None:
        return moment.iso(None)
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", metadata.get("CreationDate", ""))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None
