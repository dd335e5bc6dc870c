"""Chinese number mentions: values, units, qualifiers, ranges, and what is not a claim."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.claims.lang.zh.numbers import find_quantities


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def read(text: str) -> list[tuple[str, str, str]]:
    """(mention, value, unit) of every quantity, values as plain strings."""
    return [(q.text, str(q.value) if q.value is not None else f"{q.low}-{q.high}", q.unit) for q in find_quantities(text)]


# --- values in base units --------------------------------------------------------------

@pytest.mark.parametrize("text, mention, value, unit", [
    ("规模有望达1.2万亿元", "1.2万亿元", "1200000000000", "CNY"),
    ("中国数字经济规模达到45.5万亿元", "45.5万亿元", "45500000000000", "CNY"),
    ("5784亿元", "5784亿元", "578400000000", "CNY"),
    ("419万个", "419万个", "4190000", "count"),
    ("突破1万亿元", "1万亿元", "1000000000000", "CNY"),
    ("超过10000亿元", "10000亿元", "1000000000000", "CNY"),
    ("一千二百家", "一千二百家", "1200", "count"),
    ("两千台", "两千台", "2000", "count"),
    ("三百四十六项", "三百四十六项", "346", "count"),
    ("十二座", "十二座", "12", "count"),
    ("一千零五件", "一千零五件", "1005", "count"),
    ("一千二百万人", "一千二百万人", "12000000", "count"),
    ("一亿二千万人", "一亿二千万人", "120000000", "count"),
    ("一万二千家", "一万二千家", "12000", "count"),
    ("三千五百万元", "三千五百万元", "35000000", "CNY"),
    ("2亿3000万元", "2亿3000万元", "230000000", "CNY"),
    ("三点五万亿元", "三点五万亿元", "3500000000000", "CNY"),
    ("１２３４家", "１２３４家", "1234", "count"),
    ("１．２万亿元", "１．２万亿元", "1200000000000", "CNY"),
    ("1,234,567元", "1,234,567元", "1234567", "CNY"),
    ("483.8 萬座", "483.8 萬座", "4838000", "count"),
    ("6.02 億人", "6.02 億人", "602000000", "count"),
    ("3000余万元", "3000余万元", "30000000", "CNY"),
    ("2万多家", "2万多家", "20000", "count"),
])
def test_values_are_exact_in_base_units(text, mention, value, unit):
    quantity = only(text)
    assert (quantity.text, quantity.value, quantity.unit) == (mention, Decimal(value), unit)


def test_values_are_exact_decimals_without_float_noise():
    quantity = only("1.2万亿元")
    assert str(quantity.value) == "1200000000000"
    assert str(only("0.1亿元").value) == "10000000"


@pytest.mark.parametrize("text, precision", [
    ("1.2万亿元", "100000000000"),
    ("5784亿元", "100000000"),
    ("16.2%", "0.1"),
    ("一千二百家", "100"),
    ("一千二家", "100"),        # the tail digit is hundreds
    ("一万二千人", "1000"),
    ("三成", "10"),
    ("1万亿元", "1000000000000"),
])
def test_precision_is_the_size_of_the_last_stated_digit(text, precision):
    assert only(text).precision == Decimal(precision)


def chinese_numeral(number: int) -> str:
    """The standard written form: 10010 -> 一万零一十, 120000000 -> 一亿二千万."""
    digits = "零一二三四五六七八九"

    def section(value: int) -> str:
        out, zero = "", False
        for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = value // place % 10
            if digit == 0:
                zero = bool(out)
                continue
            out += ("零" if zero else "") + digits[digit] + name
            zero = False
        return out

    sections = []
    while number:
        sections.append(number % 10000)
        number //= 10000
    out, gap = "", False
    for index in reversed(range(len(sections))):
        value = sections[index]
        if value == 0:
            gap = bool(out)
            continue
        if out and (gap or value < 1000):
            out += "零"
        out += section(value) + ("", "万", "亿")[index]
        gap = False
    return out


@given(st.integers(min_value=2, max_value=999_999_999_999))
def test_every_chinese_numeral_reads_as_its_value(number):
    assert only(chinese_numeral(number) + "家").value == number


@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=3), st.sampled_from(["万", "亿", "万亿"]))
def test_arabic_digits_with_a_scale_word(digits, decimals, scale):
    literal = f"{digits / 10 ** decimals:.{decimals}f}"
    factor = {"万": 10**4, "亿": 10**8, "万亿": 10**12}[scale]
    quantity = only(literal + scale + "元")
    assert quantity.value == Decimal(literal) * factor
    assert quantity.precision == Decimal(10) ** -decimals * factor


def test_colloquial_tails():
    assert only("一千二家").value == 1200
    assert only("一万二人").value == 12000
    assert only("三万零五百二人").value == 30520
    assert only("一千零五件").value == 1005


# --- units -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, unit", [
    ("100亿元", "CNY"), ("100亿元人民币", "CNY"), ("人民币100亿元", "CNY"), ("1420亿美元", "USD"),
    ("100亿港元", "HKD"), ("5亿欧元", "EUR"), ("30亿新台币", "TWD"), ("20亿台币", "TWD"),
    ("16.2%", "%"), ("１６．２％", "%"), ("25.2个百分点", "pp"), ("0.5百分点", "pp"), ("300倍", "x"),
    ("788EFLOPS", "EFLOPS"), ("1590 EFLOPS", "EFLOPS"), ("300PFLOPS", "PFLOPS"), ("5000P", "PFLOPS"),
    ("1680EB", "EB"), ("10ZB", "ZB"), ("5GW", "GW"), ("1000亿千瓦时", "kWh"), ("100万千瓦", "kW"),
    ("20ms", "ms"), ("5毫秒", "ms"),
])
def test_units_follow_claims_md(text, unit):
    assert only(text).unit == unit


@pytest.mark.parametrize("text, noun", [
    ("已发布1509个大模型 数量位居全球首位", "个大模型"),
    ("共有346款生成式人工智能服务在国家网信办完成备案", "款生成式人工智能服务"),
    ("基于 4311 家人工智能企业的属性", "家人工智能企业"),
    ("24个省份发布了人工智能产业发展规划", "个省份"),
    ("483.8 萬座 5G 基站", "座5G 基站"),
    ("标准机架达1085万架", "架"),
    ("10省区分平台接入", "省区分平台"),
])
def test_counts_carry_the_measure_word_and_the_noun_after_it(text, noun):
    quantity = only(text)
    assert quantity.unit == "count"
    assert quantity.counted_noun == noun


@pytest.mark.parametrize("text, value, unit, kind_hint", [
    ("三成", "30", "%", "share"),
    ("八成", "80", "%", "share"),
    ("近四成", "40", "%", "share"),
    ("超过九成的用户", "90", "%", "share"),
    ("半数", "50", "%", "share"),
    ("超半数网民", "50", "%", "share"),
    ("三分之一", "33.3", "%", "share"),
    ("百分之三十", "30", "%", None),
    ("百分之十二点五", "12.5", "%", None),
    ("千分之五", "0.5", "%", None),
    ("翻番", "2", "x", "multiple"),
    ("翻一番", "2", "x", "multiple"),
    ("翻两番", "4", "x", "multiple"),
    ("需求相比去年翻倍", "2", "x", "multiple"),
    ("增长了300倍", "300", "x", "multiple"),
])
def test_fractions_and_multiples_in_words(text, value, unit, kind_hint):
    quantity = only(text)
    assert (quantity.value, quantity.unit, quantity.kind_hint) == (Decimal(value), unit, kind_hint)


def test_a_scaled_number_without_unit_is_a_count_or_money_by_its_words():
    users = only("个人用户注册总数已超过31亿,")
    assert (users.unit, users.unit_given, users.value) == ("count", False, Decimal("3100000000"))
    assert only("目前有6.02亿中国网民定期使用").counted_noun == "中国网民"
    money = only("人工智能核心产业规模已经达到 5000 亿,")
    assert (money.unit, money.unit_given) == ("CNY", False)
    # no cue either way: a figure this size in economic news is yuan
    assert only("剑指10万亿").unit == "CNY"
    assert only("有3000万").unit == "count"


def test_a_lone_negative_sign_makes_a_negative_value():
    assert only("增速为-2.8%").value == Decimal("-2.8")
    # a decline written in words stays positive: the sign is the assembly's (kinds_zh.tsv)
    assert only("同比下降2.8%").value == Decimal("2.8")


# --- qualifiers ------------------------------------------------------------------------

@pytest.mark.parametrize("text, qualifier", [
    ("490余款", "more_than"), ("200多家", "more_than"), ("10万亿元以上", "more_than"),
    ("逾百家", "more_than"), ("超过4400家", "more_than"), ("超1680EB", "more_than"),
    ("突破7000亿元", "more_than"), ("超过(guò)7萬(wàn)億元", "more_than"),
    ("近4000亿元", "nearly"), ("接近3000家", "nearly"), ("将近50%", "nearly"),
    ("约20%", "approx"), ("20%左右", "approx"), ("大约3万人", "approx"), ("二十来家", "approx"),
    ("约合1420亿美元", "approx"),
    ("不足20%", "less_than"), ("不到两成", "less_than"),
    ("至少5家", "at_least"), ("不少于10项", "at_least"),
    ("不超过20ms", "at_most"), ("最多3次", "at_most"),
    ("达1085万架", "exact"), ("高达300倍", "exact"), ("达到45.5万亿元", "exact"), ("9000亿元", "exact"),
])
def test_qualifiers_next_to_the_number(text, qualifier):
    assert only(text).qualifier == qualifier


def test_qualifier_words_stay_outside_the_mention_and_余_inside():
    assert only("超过10萬(wàn)億元以上").text == "10萬(wàn)億元"
    assert only("已有490余款大模型").text == "490余款"


def test_a_word_that_ends_in_a_qualifier_character_is_not_one():
    assert only("已通过5家").qualifier == "exact"
    assert only("签约3家企业").qualifier == "exact"


# --- ranges ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, low, high, unit", [
    ("18%至20%", "18", "20", "%"),
    ("18%-20%", "18", "20", "%"),
    ("18%～20%", "18", "20", "%"),
    ("18-20%", "18", "20", "%"),
    ("3到5家", "3", "5", "count"),
    ("两三个", "2", "3", "count"),
    ("三四十家", "30", "40", "count"),
    ("1.2-1.5万亿元", "1200000000000", "1500000000000", "CNY"),
])
def test_ranges(text, low, high, unit):
    quantity = only(text)
    assert (quantity.value, quantity.low, quantity.high, quantity.unit, quantity.qualifier) == (
        None, Decimal(low), Decimal(high), unit, "range")


# --- not claims ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # years, dates, times
    "2025年", "二〇二五年", "2025年1—11月", "1-11月", "12月26日", "2025-12-26 14:23", "2025 年 12 月",
    "2012-2018年", "2025年12月25-26日", "21日", "上周五", "14:23",
    # durations
    "三年", "过去五年", "近五年", "两到三年", "不足20天", "十二个月", "连续6年", "二十年前",
    # ordinals and ranks
    "第二", "第六届", "第 57 次", "首位", "全球第一", "十四届全国人大四次会议", "二十届三中全会", "前5家企业",
    # names with digits
    "5G基站", "14th", "“十四五”规划", "十五五", "GPT-4", "Qwen3", "360", "H20芯片", "1080P视频",
    "局部截取_20251226_142206.png",
    # furniture
    "[1]", "【2】", "(23页)", "电话010-12345678", "V2.0版",
    # indefinite amounts
    "数百家", "数十个", "上千家", "几十个", "十几家", "百亿级", "千亿级参数", "成千上万", "万亿元级",
    # numerals as articles, enumerations, demonstratives, slogans, idioms
    "一个是核心产业", "一家企业", "五个方面", "三个关键", "四大显著特点", "这18个省份", "每两个上网者",
    "哪六张", "“六张网”", "千家万户", "千行百业", "一成不变", "三个皮匠报告",
    # lost characters
    "?0%以上", "\ufffd5家",
    # a scale word alone, and bare figures without a unit
    "亿元", "单位:万元", "PUE降至1.42", "2025(第六届)",
])
def test_not_claims_are_not_returned(text):
    assert find_quantities(text) == []


# --- real sentences from the gold articles ---------------------------------------------

def test_miit_sentence_with_bare_trillion():
    text = "明确1-11月人工智能核心产业已超万亿元,全年规模将稳步巩固这一成果。此前中国信通院12月预测,2025年核心产业规模有望达1.2万亿元,2024年该规模为9000亿元、增速24%。"
    assert read(text) == [
        ("万亿元", "1000000000000", "CNY"),
        ("1.2万亿元", "1200000000000", "CNY"),
        ("9000亿元", "900000000000", "CNY"),
        ("24%", "24", "%"),
    ]
    assert [q.qualifier for q in find_quantities(text)] == ["more_than", "exact", "exact", "exact"]


def test_caict_sentence_in_traditional_script_with_spaces():
    text = "截至 2025 年 12 月，中國生成式人工智能用戶規模已達 6.02 億人，較 2024 年底大幅增長 141.7%。目前，生成式 AI 的普及率已達 42.8%，年率提高 25.2 個百分點。"
    assert read(text) == [
        ("6.02 億人", "602000000", "count"),
        ("141.7%", "141.7", "%"),
        ("42.8%", "42.8", "%"),
        ("25.2 個百分點", "25.2", "pp"),
    ]


def test_mojibake_page_with_pinyin_glosses():
    text = "到“十五五”末，人工智能相關(guān)產(chǎn)業(yè)規(guī)模將增長(zhǎng)到10萬(wàn)億元以上。“今年初步估算這些方面的投資將超過(guò)7萬(wàn)億元。”"
    found = find_quantities(text)
    assert [(q.text, q.value, q.qualifier) for q in found] == [
        ("10萬(wàn)億元", Decimal("10000000000000"), "more_than"),
        ("7萬(wàn)億元", Decimal("7000000000000"), "more_than"),
    ]


def test_list_of_shares_keeps_each_figure():
    text = "占比分别为29.73%、14.07%、13.99%、8.14%和7.56%。可以看出,中国?0%以上的人工智能企业都聚集在這五個城市"
    assert [q.text for q in find_quantities(text)] == ["29.73%", "14.07%", "13.99%", "8.14%", "7.56%"]


def test_computing_bullet_list_with_citation_markers():
    text = "国家枢纽间传输时延不超过20ms 集群到周边城市时延不超过5ms 区域内节点间时延达1ms [2] 七个关键标准中五个已发布 两个进入征求意见阶段 [6]"
    found = find_quantities(text)
    assert [(q.text, q.unit, q.qualifier) for q in found] == [
        ("20ms", "ms", "at_most"), ("5ms", "ms", "at_most"), ("1ms", "ms", "exact"),
        ("七个", "count", "exact"), ("五个", "count", "exact"), ("两个", "count", "exact"),
    ]
    assert all(q.spelled for q in found[3:])


def test_report_repository_page_furniture_is_skipped():
    text = "《中国新一代人工智能科技产业发展报告(2024)(23页).pdf》请在三个皮匠报告上搜索。1、目录执行摘要执行摘要.I一、中国的人工智能企业.1(一)创建时间.1十一、总结.17I执行摘要"
    assert find_quantities(text) == []


# --- bad input -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "9" * 10_000,
    "亿" * 10_000,
    "万亿" * 5_000,
    "一二三四五六七八九十百千万亿" * 700,
    "1,000," * 2_000,
    "1." * 5_000,
    "%" * 10_000,
    "?" * 10_000,
    "1-" * 5_000 + "2%",
    "１２３４５" * 2_000,
    "萬(wàn)" * 2_000,
    "三分之" * 2_000,
    "1余" * 5_000,
    "超过" * 5_000 + "3家",
    "\ufffd" * 5_000,
])
def test_pathological_input_gives_valid_spans(text):
    for quantity in find_quantities(text):
        assert 0 <= quantity.start <= quantity.end <= len(text)
        assert text[quantity.start:quantity.end] == quantity.text


def test_mixed_chinese_english_and_widths():
    text = "China's AI industry 规模达到１.２万亿元 (about USD 168 billion), 同比增长24％, with 5,300 家 firms."
    assert read(text) == [
        ("１.２万亿元", "1200000000000", "CNY"),
        ("24％", "24", "%"),
        ("5,300 家", "5300", "count"),
    ]


def test_a_long_article_is_read_whole():
    paragraph = "截至2025年6月底,我国已发布1509个大模型,智能算力规模达788EFLOPS,同比增长24%。\n"
    text = paragraph * 20_000  # about 1 MB
    found = find_quantities(text)
    assert len(found) == 3 * 20_000
    assert found[-1].text == "24%" and text[found[-1].start:found[-1].end] == "24%"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789１２.,，%％-至到~余多以上超过近约第年月日个家亿万千百十一二两三四五六七八九零〇点成倍(wàn)萬億 ?\ufffdGPT元美")), max_size=80))
def test_any_text_gives_spans_inside_it(text):
    for quantity in find_quantities(text):
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert text[quantity.start:quantity.end] == quantity.text
        assert quantity.value is not None or (quantity.low is not None and quantity.high is not None)
