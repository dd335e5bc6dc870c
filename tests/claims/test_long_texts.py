"""Long texts are read in pieces cut at paragraph breaks: the claims are those of the pieces at
their offsets, and the memory a reading holds does not grow with the text."""

from __future__ import annotations

import tracemalloc

import pytest

from extractors.claims import extract, extract_claims

PARAGRAPHS = [
    "China's core artificial intelligence industry exceeded 1 trillion yuan in 2025, the Ministry of "
    "Industry and Information Technology said on Friday.",
    "The China Academy of Information and Communications Technology said more than 5,300 AI companies "
    "were active, up from 4,500 a year earlier.",
    "2025年，我国人工智能核心产业规模超过1.2万亿元，企业数量超过5300家。",
    "Computing power reached 280 EFLOPS by the end of June, according to the academy.",
]


def long_text(chars: int) -> str:
    paragraphs = []
    while sum(len(p) + 1 for p in paragraphs) < chars:
        paragraphs.append(PARAGRAPHS[len(paragraphs) % len(PARAGRAPHS)])
    return "\n".join(paragraphs)


def fields(claims):
    return [(c.text, c.start, c.end, c.value, c.unit, c.metric, c.period, c.attribution, c.sentence) for c in claims]


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(extract, "CHUNK_CHARS", 2_000, raising=False)


def test_the_claims_of_a_long_text_are_those_of_its_pieces_at_their_offsets(small_pieces):
    text = long_text(9_000).replace("Computing power", "Computing \ud800power", 3)  # a lone surrogate late on
    expected = []
    for offset, piece in extract.pieces(text):
        for claim in extract_claims(piece, lang="en", published="2025-12-26"):
            expected.append((claim.text, claim.start + offset, claim.end + offset, claim.value, claim.unit,
                             claim.metric, claim.period, claim.attribution, claim.sentence))
    claims = extract_claims(text, lang="en", published="2025-12-26")
    assert len(expected) > 60 and fields(claims) == expected
    assert all(text[c.start:c.end] == c.text for c in claims)


def test_pieces_are_cut_at_paragraph_breaks_and_a_text_without_any_is_cut_anyway(small_pieces):
    text = long_text(9_000)
    pieces = list(extract.pieces(text))
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[start:start + len(piece)] == piece for start, piece in pieces)
    assert all(len(piece) <= 2_000 and (piece.endswith("\n") or start + len(piece) == len(text))
               for start, piece in pieces)
    unbroken = "x" * 5_001
    assert [len(piece) for _, piece in extract.pieces(unbroken)] == [2_000, 2_000, 1_001]


def peak_working_memory(text: str) -> int:
    """Bytes a reading of ``text`` held at its peak beyond the claims it returned."""
    tracemalloc.start()
    try:
        claims = extract_claims(text, lang="en", published="2025-12-26")
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert claims
    return peak - kept


def test_the_memory_a_reading_holds_does_not_grow_with_the_text(small_pieces):
    extract_claims(PARAGRAPHS[0], lang="en")            # pipeline built outside the measure
    short, long = peak_working_memory(long_text(8_000)), peak_working_memory(long_text(64_000))
    assert long < 2 * short, (short, long)               # eight times the text; whole, about eight times the memory
