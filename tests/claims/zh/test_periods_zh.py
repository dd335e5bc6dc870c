"""Chinese time expressions: CLAIMS.md period strings, roles, and the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.claims import periods as claim_periods
from extractors.claims.lang.zh.periods import parse_periods_zh, small_number


def periods(text: str, published: str | None = None) -> list[tuple[str, str | None, str]]:
    return [(p.text, p.period, p.role) for p in parse_periods_zh(text, published)]


@pytest.mark.parametrize("text, expected", [
    ("2025年我国人工智能核心产业规模超万亿元", ("2025年", "2025", claim_periods.AT)),
    ("二〇二五年", ("二〇二五年", "2025", claim_periods.AT)),
    ("2025年度", ("2025年度", "2025", claim_periods.AT)),
    ("2025 年 12 月", ("2025 年 12 月", "2025-12", claim_periods.AT)),
    ("截至2025年6月底在用算力中心", ("2025年6月底", "2025-06", claim_periods.AT)),
    ("截至2025年3月31日,共有346款", ("2025年3月31日", "2025-03-31", claim_periods.AT)),
    ("截至2023年底,中国算力总规模", ("2023年底", "2023", claim_periods.AT)),
    ("2025年上半年", ("2025年上半年", "2025-H1", claim_periods.AT)),
    ("2020上半年中国人工智能", ("2020上半年", "2020-H1", claim_periods.AT)),
    ("2025年第三季度", ("2025年第三季度", "2025-Q3", claim_periods.AT)),
    ("2025年前三季度", ("2025年前三季度", "2025-01/2025-09", claim_periods.AT)),
    ("2025年1—11月", ("2025年1—11月", "2025-01/2025-11", claim_periods.SPAN)),
    ("2025年1月至11月", ("2025年1月至11月", "2025-01/2025-11", claim_periods.SPAN)),
    ("2012-2018年", ("2012-2018年", "2012/2018", claim_periods.SPAN)),
    ("到2030年,我国人工智能核心产业规模", ("2030年", "2030", claim_periods.BY)),
    ("力争到2027年", ("2027年", "2027", claim_periods.BY)),
    ("到“十五五”末", ("“十五五”末", "2030", claim_periods.BY)),
    ("“十四五”时期", ("“十四五”时期", "2021/2025", claim_periods.SPAN)),
    ("较2024年12月增长2.66亿人", ("2024年12月", "2024-12", claim_periods.BASE)),
    ("较 2024 年底大幅增长 141.7%", ("2024 年底", "2024", claim_periods.BASE)),
    ("自2020年以来", ("2020年", "2020", claim_periods.BASE)),
    ("2015年后,人工智能相关企业", ("2015年", "2015", claim_periods.BASE)),
    ("2025年12月26日,工信部在全国工业和信息化工作会议上披露", ("2025年12月26日", "2025-12-26", claim_periods.REPORT)),
    ("发布时间:2025-12-26 14:23", ("2025-12-26", "2025-12-26", claim_periods.REPORT)),
    ("2024年12月到2025年6月", ("2024年12月到2025年6月", "2024-12/2025-06", claim_periods.SPAN)),
])
def test_expressions_that_name_their_year(text, expected):
    assert periods(text) == [expected]
    assert not parse_periods_zh(text)[0].relative


@pytest.mark.parametrize("text, published, expected", [
    ("今年上半年,我国", "2025-08-01", ("今年上半年", "2025-H1", claim_periods.AT)),
    ("去年", "2025-08-01", ("去年", "2024", claim_periods.AT)),
    ("上年同期", "2025-08-01", ("上年", "2024", claim_periods.AT)),
    ("明年", "2025-08-01", ("明年", "2026", claim_periods.AT)),
    ("截至今年3月,共有346款", "2025-07-21", ("今年3月", "2025-03", claim_periods.AT)),
    ("今年初步估算", "2026-03-08", ("今年初", "2026", claim_periods.AT)),
    ("明确1-11月人工智能核心产业已超万亿元", "2025-12-26", ("1-11月", "2025-01/2025-11", claim_periods.SPAN)),
    ("前三季度", "2025-11-01", ("前三季度", "2025-01/2025-09", claim_periods.AT)),
    ("截至目前,已有490余款", "2025-07-30T10:00:00+08:00", ("截至目前", "2025-07", claim_periods.AT)),
    ("目前,生成式 AI 的普及率", "2026-02-09", ("目前", "2026-02", claim_periods.AT)),
    ("12月26日", "2025-12-27", ("12月26日", "2025-12-26", claim_periods.REPORT)),
    ("近五年平均增幅超过30%", "2024-03-01", ("近五年", "2019/2023", claim_periods.AT)),
    ("未来三年", "2025-01-01", ("未来三年", "2026/2028", claim_periods.BY)),
])
def test_relative_expressions_resolve_against_the_publication_date(text, published, expected):
    assert periods(text, published) == [expected]
    assert parse_periods_zh(text, published)[0].relative


def test_relative_expressions_without_a_publication_date_stay_unresolved():
    found = parse_periods_zh("截至今年6月,用户利用生成式人工智能产品回答问题的比例最高")
    assert [(p.text, p.period, p.relative) for p in found] == [("今年6月", None, True)]


def test_a_publication_date_object_works_like_its_iso_string():
    assert periods("去年", date(2025, 12, 26)) == periods("去年", "2025-12-26")


def test_traditional_script_and_full_width_digits():
    assert periods("截至２０２５年６月底，") == [("２０２５年６月底", "2025-06", claim_periods.AT)]
    assert periods("較 2024 年底大幅增長") == [("2024 年底", "2024", claim_periods.BASE)]


def test_spans_index_the_text_as_given():
    text = "到“十五五”末，人工智能相關(guān)產(chǎn)業(yè)規模將增長到10萬(wàn)億元以上。2025年"
    for found in parse_periods_zh(text):
        assert text[found.start:found.end] == found.text


def test_durations_and_anaphors():
    doubling = parse_periods_zh("用户规模半年翻番")[0]
    assert (doubling.text, doubling.role, doubling.spec.months_back, doubling.period) == ("半年", claim_periods.DURATION, 6, None)
    assert parse_periods_zh("上半年")[0].spec.half == 1  # 上半年 is not 半年
    same = parse_periods_zh("同期")[0]
    assert same.spec.anaphor and same.period is None
    # "同期1-11月", "去年同期": the explicit time beside the anaphor says it
    assert periods("同期1-11月", "2025-12-26") == [("1-11月", "2025-01/2025-11", claim_periods.SPAN)]
    assert periods("去年同期", "2025-12-26") == [("去年", "2024", claim_periods.AT)]


def test_mentions_feed_the_shared_assembly():
    found = parse_periods_zh("截至2025年6月底")[0]
    mention = found.mention()
    assert isinstance(mention, claim_periods.PeriodMention)
    assert (mention.start, mention.end, mention.role) == (found.start, found.end, claim_periods.AT)
    assert claim_periods.resolve(mention.spec, claim_periods.Reference(published=None)) == "2025-06"


@pytest.mark.parametrize("text", [
    "5000年历史", "2025(第六届)", "《国家信息化发展报告(2024)》", "上周五", "13:45", "90年代",
    "主要体现在", "数据来自", "12025年",
])
def test_not_periods(text):
    assert [p for p in parse_periods_zh(text) if p.spec.year is not None or p.spec.current] == []


def test_rose_to_is_not_a_deadline():
    assert periods("从2024年19.9%升至2025年25.9%") == [("2024年", "2024", claim_periods.AT), ("2025年", "2025", claim_periods.AT)]


def test_a_source_date_after_来自_is_not_a_base():
    assert periods("数据来自2025年12月25-26日召开的全国工业和信息化工作会议")[0][2] != claim_periods.BASE


@pytest.mark.parametrize("word, number", [
    ("7", 7), ("11", 11), ("七", 7), ("十", 10), ("十一", 11), ("二十", 20), ("二十六", 26), ("三十一", 31),
    ("十十", None), ("一二", None), ("", None), ("x", None),
])
def test_small_numbers(word, number):
    assert small_number(word) == number


@given(st.text(alphabet=st.sampled_from(list("0123456789年月日至到-—上下半季度前第今去截目到“”十五四末底较以来 同期")), max_size=60))
def test_any_text_gives_spans_inside_it(text):
    for found in parse_periods_zh(text, "2025-06-30"):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start:found.end] == found.text


@pytest.mark.parametrize("text", ["年" * 50_000, "2025年" * 10_000, "1" * 50_000, "到" * 50_000, "1-" * 25_000])
def test_pathological_input(text):
    for found in parse_periods_zh(text, "2025-06-30"):
        assert text[found.start:found.end] == found.text
