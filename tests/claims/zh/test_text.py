"""Chinese text folding with offsets kept, pinyin glosses, mojibake checks and repair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHARED
from extractors.claims.lang.zh.text import (
    find_pinyin_glosses,
    fold,
    looks_like_mojibake,
    readable_view,
    repair_mojibake,
    to_simplified,
)

GOLD = SHARED / "gold"

# Characters that exercise every folding path: full-width forms, the ideographic space,
# traditional characters, Kangxi radicals, ASCII, an astral character, glosses' parts.
ALPHABET = "０１２３４５６７８９％，．：（）　萬億個兩點餘業發⼈⼯abc019%,.() 人工智能亿万(wàn)𠀋\u200b?"


def gold_text(name: str) -> str:
    path = GOLD / f"{name}.json"
    if not path.exists():
        pytest.skip("../shared/gold is not available")
    return json.loads(path.read_text(encoding="utf-8"))["text"]


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


@pytest.mark.parametrize("name", ["028", "029", "093"])
def test_gold_pages_with_glosses_and_lost_characters_look_like_mojibake(name):
    assert looks_like_mojibake(gold_text(name))


@pytest.mark.parametrize("name", ["013", "023", "024", "044", "066", "067", "069", "082", "092", "108"])
def test_clean_gold_pages_do_not_look_like_mojibake(name):
    assert not looks_like_mojibake(gold_text(name))


def test_a_single_question_mark_is_punctuation():
    assert not looks_like_mojibake("未来展望?\n哪六张?水网、电网")


SENTENCE = "截至2025年6月,我国生成式人工智能用户规模达5.15亿人"


def test_utf8_shown_as_latin1_is_detected_and_repaired():
    broken = SENTENCE.encode("utf-8").decode("latin-1")
    assert looks_like_mojibake(broken)
    assert repair_mojibake(broken) == SENTENCE


def test_utf8_shown_as_cp1252_is_repaired_except_where_bytes_were_lost():
    # Python's cp1252 has no character for 0x81, 0x8D, 0x8F, 0x90, 0x9D: those bytes
    # became U+FFFD, and the characters they belonged to are lost with them
    # (成 = E6 88 90, 式 = E5 BC 8F; side by side, they leave one mark).
    broken = SENTENCE.encode("utf-8").decode("cp1252", errors="replace")
    assert "\ufffd" in broken
    assert repair_mojibake(broken) == SENTENCE.replace("成式", "\ufffd")


def test_gbk_shown_as_latin1_is_repaired():
    broken = SENTENCE.encode("gbk").decode("latin-1")
    assert repair_mojibake(broken) == SENTENCE


def test_utf8_shown_as_gbk_is_repaired_run_by_run():
    broken = "人工智能核心产业规模".encode("utf-8").decode("gbk")
    assert looks_like_mojibake(broken)
    assert repair_mojibake("标题: " + broken + " (2025)") == "标题: 人工智能核心产业规模 (2025)"


def test_clean_text_needs_no_repair():
    assert repair_mojibake(SENTENCE) is None
    assert repair_mojibake("Zürich café, naïve") is None
    assert not looks_like_mojibake("Zürich café, naïve")


def test_replacement_characters_are_mojibake_that_cannot_be_repaired():
    broken = "我国人工智能企业\ufffd\ufffd过4500家"
    assert looks_like_mojibake(broken)
    assert repair_mojibake(broken) is None
