"""Chinese text folding with offsets kept, and pinyin glosses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractors.claims.lang.zh.text import (
    find_pinyin_glosses,
    fold,
    readable_view,
    to_simplified,
)

# Characters that exercise every folding path: full-width forms, the ideographic space,
# traditional characters, Kangxi radicals, ASCII, an astral character, glosses' parts.
ALPHABET = "０１２３４５６７８９％，．：（）　萬億個兩點餘業發⼈⼯abc019%,.() 人工智能亿万(wàn)𠀋\u200b?"


def test_fold_maps_full_width_digits_and_punctuation_to_half_width():
    assert fold("２０２５年１－１１月，增长１６．２％") == "2025年1-11月,增长16.2%"


def test_fold_maps_traditional_to_simplified_character_by_character():
    assert fold("人工智能產業規模突破7000億元") == "人工智能产业规模突破7000亿元"
    assert fold("企業多達兩千家，占14.36%") == "企业多达两千家,占14.36%"


def test_fold_reads_kangxi_radicals_from_pdf_text_layers_as_ordinary_characters():
    assert fold("⼈⼯智能") == "人工智能"


def test_fold_leaves_circled_digits_and_superscripts_alone():
    # NFKC would turn these into digits and invent numbers ("①5家" -> "15家").
    assert fold("①5家 km²") == "①5家 km²"


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_fold_keeps_length_so_offsets_carry_over(text):
    assert len(fold(text)) == len(text)
    assert len(to_simplified(text)) == len(text)


def test_pinyin_glosses_need_a_tone_mark_and_a_han_character_before():
    text = "10萬(wàn)億元,中国互联网络信息中心(CNNIC)发布(2024)报告,AI(ai)"
    assert [text[a:b] for a, b in find_pinyin_glosses(text)] == ["(wàn)"]


def test_readable_view_drops_glosses_and_maps_back():
    text = "超過(guò)10萬(wàn)億元以上"
    view = readable_view(text)
    assert view.text == "超过10万亿元以上"
    start = view.text.index("10")
    end = view.text.index("以上")
    original_start, original_end = view.span_to_original(start, end)
    assert text[original_start:original_end] == "10萬(wàn)億元"


def test_readable_view_keeps_a_gloss_that_ends_a_span_inside_it():
    text = "突破3000萬(wàn),登頂"
    view = readable_view(text)
    start = view.text.index("3000")
    assert text[slice(*view.span_to_original(start, start + 5))] == "3000萬(wàn)"


@given(st.lists(st.sampled_from(["萬", "(wàn)", "億", "2", "\u200b", "元", "業", "(yè)", " "]), max_size=40))
def test_every_view_index_maps_to_the_same_character_in_the_original(pieces):
    text = "".join(pieces)
    view = readable_view(text)
    for index, char in enumerate(view.text):
        assert fold(text[view.to_original(index)]) == char
    for start in range(len(view.text) + 1):
        for end in range(start, len(view.text) + 1):
            a, b = view.span_to_original(start, end)
            assert 0 <= a <= b <= len(text)


def test_readable_view_of_plain_text_is_the_folded_text():
    view = readable_view("人工智能核心产业规模超万亿元")
    assert view.text == "人工智能核心产业规模超万亿元"
    assert view.span_to_original(3, 7) == (3, 7)
