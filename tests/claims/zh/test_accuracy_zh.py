"""Issue 15 in Chinese: who said it, when it holds, what it measures, where, on sentences
with real published figures (the English cases are in tests/claims/en/test_accuracy.py)."""

from extractors.claims import extract_claims


def by_text(claims):
    return {c.text: c for c in claims}


def read(text, published="2025-10-20"):
    return by_text(extract_claims(text, lang="zh", published=published))


# -- 1. a report series names its publisher --------------------------------------------------------

def test_a_report_series_title_credits_its_publisher():
    claims = read("根据第55次《中国互联网络发展状况统计报告》，截至2024年12月，我国网民规模达11.08亿人。", published="2025-01-17")
    assert claims["11.08亿人"].attribution == "CNNIC"


def test_the_report_resolves_to_a_publisher_named_later():
    claims = read("会上发布的《2025年生成式人工智能应用报告》显示，截至2025年6月，我国生成式人工智能用户规模达5.15亿人。\n"
                  "该报告由中国互联网络信息中心编制。")
    assert claims["5.15亿人"].attribution == "CNNIC"


# -- 2. when a carried source stops ---------------------------------------------------------------

def test_an_unnamed_credit_stops_the_source_carried_from_before():
    claims = read("国际数据公司（IDC）数据显示，2024年中国智能手机市场出货量约2.86亿部。\n"
                  "国内方面，据统计，2024年我国集成电路产量达4514亿块，同比增长22.2%。", published="2025-04-01")
    assert claims["2.86亿部"].attribution == "IDC"
    assert claims["4514亿块"].attribution is None and claims["22.2%"].attribution is None


def test_a_bare_data_show_points_back_to_the_report_named_in_the_sentence_before():
    claims = read("国家数据局发布的《数字中国发展报告（2024年）》显示，2024年我国数据生产总量达41.06ZB。"
                  "数据显示，我国数据产业规模达5.86万亿元。", published="2025-08-15")
    assert claims["5.86万亿元"].attribution == "NDA"


def test_a_bare_data_show_with_nothing_named_before_is_uncredited():
    claims = read("数字经济快速发展。\n数据显示，2024年我国数据产业规模达5.86万亿元。", published="2025-08-15")
    assert claims["5.86万亿元"].attribution is None


def test_an_official_introducing_a_transcript_credits_the_answers_after_the_question():
    claims = read("1月20日，国务院新闻办公室举行新闻发布会，工业和信息化部有关负责人介绍2024年工业和信息化发展情况，并答记者问。\n"
                  "记者：2024年我国信息通信业运行情况如何？\n"
                  "答：2024年，电信业务收入累计完成1.74万亿元，同比增长3.2%。", published="2025-01-20")
    assert claims["1.74万亿元"].attribution == "MIIT"
