"""Paragraphs, headings and sentences of article text, for any language.

A paragraph is a line of text (news pages put one paragraph per line), except that a line
which starts in lower case continues the previous one when that did not end a sentence
(PDF text wraps lines mid-sentence). A heading is a short paragraph without sentence
punctuation (titles, section heads, bylines). Sentences end at a terminator followed by
space and a capital, or at a CJK full stop; abbreviations ("Dec.", "U.S.") do not end them.
An overlong run of text without punctuation is cut into pieces of ``max_chars`` so that
everything after this step works on bounded sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SENTENCE_CHARS = 1500
HEADING_MAX_WORDS = 16
BULLETS = "•·▪●◦-–*>"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int      # paragraph index, from 0
    heading: bool       # a title, section heading or other line without sentence punctuation


def split_sentences(
    text: str,
    *,
    terminators: str = ".!?",
    spaceless_terminators: str = "。！？",
    abbreviations: frozenset[str] = frozenset(),
    max_chars: int = MAX_SENTENCE_CHARS,
) -> list[Sentence]:
    sentences: list[Sentence] = []
    closers = "\"'”’)）」』"
    boundary = re.compile(
        rf"[{re.escape(terminators)}][{re.escape(closers)}]*(?=\s+[\"“‘(\[A-Z0-9•]|\s*$)"
        rf"|(?<=[a-z]{{2}})\.(?=[A-Z][a-z])"
        rf"|[{re.escape(spaceless_terminators)}][{re.escape(closers)}]*"
    )
    for index, (start, end) in enumerate(_paragraphs(text, terminators + spaceless_terminators)):
        pieces = list(_split_paragraph(text, start, end, boundary, abbreviations))
        heading = len(pieces) == 1 and _looks_like_heading(text[start:end], terminators + spaceless_terminators)
        for piece_start, piece_end in pieces:
            for chunk_start, chunk_end in _bounded(text, piece_start, piece_end, max_chars):
                sentences.append(Sentence(chunk_start, chunk_end, index, heading))
    return sentences


def _paragraphs(text: str, terminators: str) -> list[tuple[int, int]]:
    paragraphs: list[list[int]] = []
    position = 0
    previous_open = False
    for line in text.split("\n"):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        stripped = line.strip()
        if not stripped:
            previous_open = False
            continue
        lead = line_start + (len(line) - len(line.lstrip()))
        trail = line_start + len(line.rstrip())
        if previous_open and paragraphs and (stripped[0].islower() or previous_open == "mid-phrase" and stripped[0].isdigit()):
            paragraphs[-1][1] = trail
        else:
            paragraphs.append([lead, trail])
        previous_open = _open_end(stripped, terminators)
    return [(s, e) for s, e in paragraphs]


# Words a line of prose can break after but a heading does not end with.
_FUNCTION_WORDS = frozenset({"and", "or", "of", "the", "than", "to", "in", "for", "with", "a", "an", "by", "at",
                             "from", "on", "as", "that", "which", "more", "less", "about", "nearly", "over"})


def _open_end(line: str, terminators: str) -> str | bool:
    """Whether a line stops mid-sentence (a wrapped PDF line): "mid-phrase" when it ends with
    a comma or a function word, so that even a line starting with a figure continues it."""
    if line[-1] in terminators + "\"'”’)" or _title_case(line):
        return False
    last = line.split()[-1].lower()
    if line[-1] == "," or last in _FUNCTION_WORDS:
        return "mid-phrase"
    return True


def _title_case(line: str) -> bool:
    """A headline: most words capitalised ("China AI Scale Hits Trillion-Yuan Milestone")."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _split_paragraph(text, start, end, boundary, abbreviations):
    cursor = start
    for match in boundary.finditer(text, start, end):
        stop = match.end()
        if match.group()[0] == "." and _is_abbreviation(text, match.start(), abbreviations):
            continue
        piece = _trim(text, cursor, stop)
        if piece:
            yield piece
        cursor = stop
    piece = _trim(text, cursor, end)
    if piece:
        yield piece


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot]
    if not word:
        return False
    if word.lower() in abbreviations:
        return True
    if len(word) == 1 and word.isupper():
        return True                      # an initial: "J. Smith"
    return "." in word and len(word) <= 5   # "U.S", "e.g"


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in BULLETS and start + 1 < end and text[start + 1].isspace()):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _looks_like_heading(paragraph: str, terminators: str) -> bool:
    stripped = paragraph.strip().rstrip("\"'”’)")
    if not stripped or stripped[-1] in terminators or stripped[-1] in ",;:":
        return False
    if stripped.split()[-1].lower() in _FUNCTION_WORDS:
        return False                     # a line cut mid-sentence, not a heading
    return len(stripped.split()) <= HEADING_MAX_WORDS or len(stripped) <= 40


def _bounded(text: str, start: int, end: int, max_chars: int):
    while end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        if cut <= start:
            cut = start + max_chars
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end
