"""Chinese claims through the shared pipeline: the same CLAIMS.md records as English.

Each test pins a case of the Chinese rules (``extractors/claims/lang/zh/rules.py``) on sentences with
real published figures: MIIT's 2025 core AI industry figure, CAICT's digital economy
figures, CNNIC's generative AI users, MIIT's 5G statistics.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
import spacy

from conftest import GOLD, PAGES, load_gold
from extractors.claims import extract_claims
from extractors.claims.pipeline import get_pipeline
from extractors.pages.article import extract_article
from store import ClaimStore

MIIT_2025 = ("新华社北京12月26日电 工业和信息化部在全国工业和信息化工作会议上披露，2025年我国人工智能核心产业规模"
             "超过1万亿元，人工智能企业超过5300家。")


def fields(claim, *names):
    return tuple(getattr(claim, name) for name in names)


def by_text(claims):
    return {claim.text: claim for claim in claims}


def test_a_chinese_release_gives_the_claims_md_record():
    claims = extract_claims(MIIT_2025, published="2025-12-26")
    assert [c.text for c in claims] == ["1万亿元", "5300家"]
    core, firms = claims
    assert fields(core, "value", "unit", "qualifier", "kind", "metric", "period", "modality", "attribution", "geo") == (
        Decimal("1E+12"), "CNY", "more_than", "level", "ai_core_industry_size", "2025", "actual", "MIIT", "China")
    assert core.metric_text == "人工智能核心产业规模"
    assert MIIT_2025[core.start:core.end] == "1万亿元"
    assert fields(firms, "value", "unit", "metric") == (5300, "count", "ai_enterprises")
    assert core.sentence == MIIT_2025[MIIT_2025.index("新华社"):]


def test_the_pipeline_is_a_blank_chinese_one_with_the_claimtrack_components():
    nlp = get_pipeline("zh")
    assert nlp.lang == "zh" and nlp.pipe_names == ["claimtrack_sentences", "claimtrack_quantities", "claimtrack_claims"]
    doc = nlp.make_doc(MIIT_2025)
    doc._.claimtrack_published = "2025-12-26"
    doc = nlp(doc)
    assert [span.text for span in doc.spans["claimtrack_claims"]] == ["1万亿元", "5300家"]
    assert [span.label_ for span in doc.spans["claimtrack_claims"]] == ["ai_core_industry_size", "ai_enterprises"]


def test_traditional_script_and_full_width_digits_read_like_simplified():
    simplified = extract_claims("据中国互联网络信息中心统计，截至2025年6月，我国生成式人工智能用户规模达5.15亿人。")
    traditional_text = "據中國互聯網絡信息中心統計，截至２０２５年６月，我國生成式人工智能用戶規模達５.１５億人。"
    traditional = extract_claims(traditional_text)
    assert len(simplified) == len(traditional) == 1
    for name in ("value", "unit", "qualifier", "kind", "metric", "period", "modality", "attribution"):
        assert getattr(traditional[0], name) == getattr(simplified[0], name), name
    assert traditional[0].attribution == "CNNIC" and traditional[0].metric == "genai_users"
    assert traditional_text[traditional[0].start:traditional[0].end] == "５.１５億人"


def test_glossed_mojibake_keeps_spans_in_the_text_as_given():
    text = "2025年,我國(guó)人工智能核心產(chǎn)業(yè)規(guī)模超過(guò)1.2萬(wàn)億元,企業(yè)超過(guò)6200家。"
    claims = extract_claims(text, published="2026-03-08")
    core = by_text(claims)["1.2萬(wàn)億元"]
    assert text[core.start:core.end] == "1.2萬(wàn)億元"
    assert fields(core, "value", "metric", "period", "qualifier") == (Decimal("1.2E+12"), "ai_core_industry_size", "2025", "more_than")


def test_no_year_date_rank_or_label_comes_out_as_a_claim():
    text = ("2025年12月26日，第六届中国互联网基础资源大会在北京举办，“十四五”以来我国5G基站位居全球第二。"
            "发布时间:2025-12-26 14:23 浏览次数:次。2012-2018年间创建的企业、1-11月、近五年、未来三年和第56次报告都不是数字。")
    assert extract_claims(text, published="2025-12-26") == []


@pytest.mark.parametrize("sentence, expected", [
    # a decline is a negative growth or change
    ("2024年，全国规模以上电子信息制造业增加值同比增长11.8%，出口交货值同比下降2.8%。",
     [("11.8%", Decimal("11.8"), "growth"), ("2.8%", Decimal("-2.8"), "growth")]),
    ("截至2024年底，5G移动电话用户达10.14亿户，比上年末减少2000万户。",
     [("10.14亿户", Decimal("1.014E+9"), "level"), ("2000万户", Decimal("-2E+7"), "change")]),
    # "rose to" is a level, "net increase" a change, percentage points a change
    ("到“十五五”末，人工智能相关产业规模将增长到10万亿元以上。", [("10万亿元", Decimal("1E+13"), "level")]),
    ("截至2024年底，我国累计建成5G基站425.1万个，比上年末净增87.4万个。",
     [("425.1万个", Decimal("4251000"), "level"), ("87.4万个", Decimal("874000"), "change")]),
    ("2024年数字经济核心产业增加值占GDP比重达到10%左右，较上年提高0.5个百分点。",
     [("10%", Decimal("10"), "share"), ("0.5个百分点", Decimal("0.5"), "change")]),
    # a growth word after the percentage; fractions in tenths; doublings
    ("2024年我国人工智能产业规模突破7000亿元，连续多年保持20%以上的增长率。",
     [("7000亿元", Decimal("7E+11"), "level"), ("20%", Decimal("20"), "growth")]),
    ("用户规模半年翻番，超过九成的用户首选国产大模型。", [("翻番", Decimal("2"), "multiple"), ("九成", Decimal("90"), "share")]),
])
def test_kind_and_sign(sentence, expected):
    claims = extract_claims(sentence, published="2025-06-30")
    assert [(c.text, c.value, c.kind) for c in claims] == expected


@pytest.mark.parametrize("sentence, published, expected", [
    ("预计到2030年，我国人工智能核心产业规模将达到1.73万亿元。", "2025-03-01", ("2030", "forecast")),
    ("力争到2027年，算力规模超过300EFLOPS。", "2023-10-09", ("2027", "target")),
    ("2025年核心产业规模有望达1.2万亿元。", "2025-12-01", ("2025", "forecast")),
    # 目标 as the object of 制定 names targets that were set: the count is actual
    ("截至2020年6月底，其中有18个省份制定了具体的产业规模发展目标。", None, ("2020-06", "actual")),
    # 将 in narration of a plan with no figure after it makes nothing a forecast
    ("截至2025年6月底，已有1509个大模型发布，未来将进一步部署算力。", "2025-08-01", ("2025-06", "actual")),
])
def test_period_and_modality(sentence, published, expected):
    claims = extract_claims(sentence, published=published)
    assert fields(claims[0], "period", "modality") == expected


def test_relative_times_resolve_against_the_publication_date_and_stay_open_without_one():
    text = "今年前三季度，软件业务收入98281亿元，同比增长11.0%。"
    dated = extract_claims(text, published="2025-10-30")
    assert [c.period for c in dated] == ["2025-01/2025-09"] * 2
    assert [c.metric for c in dated] == ["software_revenue"] * 2
    assert [c.period for c in extract_claims(text)] == [None, None]


def test_years_before_a_duration_and_the_current_state():
    text = "截至2023年底，中国算力总规模已达230 EFLOPS，近五年平均增幅超过30%。"
    claims = by_text(extract_claims(text))
    assert claims["230 EFLOPS"].period == "2023" and claims["230 EFLOPS"].metric == "computing_power_total"
    assert (claims["30%"].period, claims["30%"].kind) == ("2018/2023", "growth")   # (E-N)/E, CLAIMS.md
    report = ("根据近日发布的第 57 次《中国互联网络发展状况统计报告》显示，截至 2025 年 12 月，生成式人工智能用户规模已达 6.02 亿人。"
              "目前，生成式 AI 的普及率已达 42.8%。")
    claims = by_text(extract_claims(report, published="2026-02-09"))
    assert claims["6.02 亿人"].attribution == "CNNIC"          # the report's title names its publisher
    assert claims["42.8%"].period == "2025-12"                # 目前: the report's date named just before


def test_a_plan_name_is_no_period_and_built_stock_is_the_current_state():
    text = ("在政策面，“十四五”规划纲要对数字经济作出战略部署。与此同时，中国已建成 483.8 万座 5G 基站，"
            "以及智能算力规模超过 1590 EFLOPS 的算力设施。")
    claims = extract_claims(text, published="2026-02-09")
    assert [(c.text, c.metric, c.period) for c in claims] == [
        ("483.8 万座", "5g_base_stations", "2026-02"), ("1590 EFLOPS", "computing_power_intelligent", "2026-02")]


def test_inline_bullets_are_paragraphs_of_their_own():
    text = ("算力基础设施规模 - 截至2025年6月底在用算力中心标准机架达1085万架 智能算力规模达788EFLOPS [1] "
            "- 国家枢纽间传输时延不超过20ms [2]")
    claims = by_text(extract_claims(text))
    assert fields(claims["1085万架"], "metric", "period") == ("data_center_racks", "2025-06")
    assert fields(claims["788EFLOPS"], "metric", "period") == ("computing_power_intelligent", "2025-06")
    assert fields(claims["20ms"], "qualifier", "period") == ("at_most", None)


def test_credits():
    text = ("在7月30日举办的发布会上，国家网信办网络技术管理局副局长张光耀介绍了生成式人工智能发展情况。"
            "截至目前，已有490余款大模型完成国家网信办备案，240余款在省级网信办登记在册。"
            "据不完全统计，大模型应用的个人用户注册总数已超过31亿。")
    claims = by_text(extract_claims(text))
    # the official introduced without figures credits the figures right after; 据不完全统计
    # names no one (CLAIMS.md, relabelled shared gold 082)
    assert {text: c.attribution for text, c in claims.items()} == {"490余款": "CAC", "240余款": "CAC", "31亿": None}
    assert claims["490余款"].metric == "genai_services_filed"
    assert claims["240余款"].metric == "genai_services_registered"
    assert claims["490余款"].qualifier == "more_than"


def test_a_speaker_named_with_an_organisation_credits_a_quotation_later():
    text = ("3月6日，国家发展改革委主任郑栅洁在记者会上透露了一个关键信息。\n"
            "“今年初步估算这些方面的投资将超过7万亿元。”郑栅洁说。")
    claim, = extract_claims(text, published="2026-03-08")
    assert fields(claim, "value", "attribution", "modality", "period") == (Decimal("7E+12"), "NDRC", "forecast", "2026")


def test_a_quoted_opinion_credits_no_figure_before_it():
    text = ("目前有6.02亿中国网民定期使用生成式AI平台。\n"
            "“我们的算力不仅充足，”清华大学张博士指出，“还通过战略布局来滋养区域科技中心。”")
    claim, = extract_claims(text)
    assert (claim.metric, claim.attribution) == ("genai_users", None)


def test_a_labelled_list_item_is_not_credited_by_the_item_before():
    text = ("1. 权威来源:数据来自2025年12月25-26日召开的全国工业和信息化工作会议，明确1-11月人工智能核心产业已超万亿元。"
            "此前中国信通院12月预测，2025年核心产业规模有望达1.2万亿元。\n"
            "2. 产业协同:同期1-11月规模以上高技术制造业增加值同比增长9.2%。")
    claims = by_text(extract_claims(text, published="2025-12-26"))
    assert claims["万亿元"].attribution == "MIIT" and claims["万亿元"].period == "2025-01/2025-11"
    assert claims["1.2万亿元"].attribution == "CAICT" and claims["1.2万亿元"].modality == "forecast"
    assert claims["9.2%"].attribution is None and claims["9.2%"].period == "2025-01/2025-11"


def test_currency_equivalent_in_brackets_and_ranges():
    claims = extract_claims("2025年我国人工智能核心产业规模超过1万亿元（约合1420亿美元），年均增长18%至20%。",
                            published="2025-12-26")
    usd = by_text(claims)["1420亿美元"]
    assert fields(usd, "unit", "qualifier", "metric", "period") == ("USD", "approx", "ai_core_industry_size", "2025")
    growth = by_text(claims)["18%至20%"]
    assert fields(growth, "value", "low", "high", "qualifier", "kind") == (None, 18, 20, "range", "growth")


@pytest.mark.parametrize("text", [
    "1" * 10_000,
    "亿" * 10_000,
    "超过" + "万" * 5_000 + "元",
    "人工智能核心产业规模" * 2_000 + "超过1万亿元。",
    "é" * 3_000 + "äººå·¥æºè½" * 300 + "人工智能企业超过5000家。",
    "２０２５年ＡＩ核心产业规模达到１万亿元，GDP占比10%，mixed English and 中文 text with 5G and GPT-4." * 300,
    "\ufffd?\u200b" * 3_000 + "企業(yè)超過(guò)6200家" * 100,
    "。" * 5_000 + "，" * 5_000,
])
def test_bad_input_gives_claims_inside_the_text_and_no_exception(text):
    for claim in extract_claims(text, lang="zh", published="2025-12-26"):
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start:claim.end] == claim.text


def test_chinese_text_is_detected_without_being_told():
    assert [c.metric for c in extract_claims(MIIT_2025)] == ["ai_core_industry_size", "ai_enterprises"]


def test_cli_extract_prints_chinese_claims_without_lang(run_cli, tmp_path):
    path = tmp_path / "miit.txt"
    path.write_text(MIIT_2025 + "\n", encoding="utf-8")
    result = run_cli("extract", path, "--published", "2025-12-26")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["text"], row["metric"], row["period"], row["attribution"]) for row in rows] == [
        ("1万亿元", "ai_core_industry_size", "2025", "MIIT"), ("5300家", "ai_enterprises", "2025", "MIIT")]


def test_english_and_chinese_reports_of_one_figure_share_a_history(tmp_path):
    # Xinhua's English and Chinese stories of 26 December 2025 (saved pages), through
    # article extraction, claim extraction and the store.
    pages = [("xinhua-en-20251226-core-ai-industry.html", "https://english.news.cn/20251226/a1/c.html"),
             ("xinhua-zh-20251226-core-ai-industry.html", "https://www.news.cn/tech/20251226/b2/c.html")]
    with ClaimStore.open(tmp_path / "claims.db") as store:
        for name, url in pages:
            article = extract_article(url, (PAGES / name).read_bytes(), {"Content-Type": "text/html; charset=utf-8"})
            store.record_article(article, extract_claims(article.text, lang=article.lang, published=article.published),
                                 extractor_version="test")
        history = store.history("ai_core_industry_size")
    trillion = [o for o in history if o.claim.value == Decimal("1E+12") and o.claim.unit == "CNY"]
    assert sorted(o.claim.text for o in trillion) == ["1 trillion yuan", "1万亿元"]
    assert {o.claim.period for o in trillion} == {"2025-01/2025-11"}
    assert {o.claim.attribution for o in trillion} == {"MIIT"}
    assert len({o.series for o in trillion}) == 1


def test_the_two_languages_agree_on_the_headline_figure_through_the_store_api(store):
    from conftest import make_article
    english = make_article()
    chinese = make_article(url="https://www.news.cn/tech/20251226/c3/c.html", text=MIIT_2025, lang="zh")
    for article in (english, chinese):
        store.record_article(article, extract_claims(article.text, published=article.published), extractor_version="test")
    rows = [o for o in store.history("ai_core_industry_size") if o.claim.unit == "CNY"]
    assert sorted(o.claim.text for o in rows) == ["1 trillion yuan", "1万亿元"]
    assert {o.claim.period for o in rows} == {"2025"}


def test_no_chinese_gold_article_gives_a_year_or_date_as_a_claim():
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is not here")
    calendar = re.compile(r"^\s*(?:\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})")
    for record in load_gold(GOLD):
        if record.get("language") != "zh":
            continue
        for claim in extract_claims(record["text"], lang="zh", published=record["published"]):
            assert not calendar.match(claim.text), (record["file"], claim.text)
            assert claim.text not in record.get("not_claims", []), (record["file"], claim.text)


def test_the_linear_character_tokenizer_gives_spacys_chinese_tokens():
    import random

    from extractors.claims.lang.zh.rules import CharTokenizer

    spacy_tokenizer = spacy.blank("zh").tokenizer
    ours = CharTokenizer(spacy_tokenizer.vocab)
    rng = random.Random(4)
    samples = ["人工智能 2025年  超过\n\n1万亿元 ", "  a b\t\tc \n d  ", " ", "", "中 \u3000 文"]
    samples += ["".join(rng.choice(" \n\ta中b\u3000.５") for _ in range(rng.randint(0, 16))) for _ in range(2000)]
    for text in samples:
        assert [t.text_with_ws for t in ours(text)] == [t.text_with_ws for t in spacy_tokenizer(text)], repr(text)


@pytest.mark.parametrize("sentence, published, expected", [
    # a comparison point is not the figure's time; growth since it is an interval
    ("据中国信通院测算，2024年我国数字经济核心产业增加值占GDP比重为10.4%，比2023年提高0.5个百分点。", "2025-08-01",
     [("10.4%", "%", "2024"), ("0.5个百分点", "pp", "2024")]),
    ("截至2025年6月，我国生成式人工智能用户规模达5.15亿人，较2024年12月增长2.66亿人。", "2025-07-21",
     [("5.15亿人", "count", "2025-06"), ("2.66亿人", "count", "2025-01/2025-06")]),
    # 个百分点 written once for two figures; a measure word that is a noun (标准机架)
    ("2025年上半年，增速分别比同期工业、高技术制造业高4.7个和1.6个百分点。", "2025-07-25",
     [("4.7个", "pp", "2025-H1"), ("1.6个百分点", "pp", "2025-H1")]),
    ("我国在用算力中心机架总规模达1085万标准机架。", "2025-08-20", [("1085万标准机架", "count", "2025")]),
])
def test_comparison_points_and_units(sentence, published, expected):
    assert [(c.text, c.unit, c.period) for c in extract_claims(sentence, published=published)] == expected


def test_lines_wrapped_inside_a_sentence_are_one_sentence():
    text = ("中国信息通信研究院发布的《中国算力发展指数白皮书（2023年）》显示，\n截至2022年底，我国算力总规模达到180EFLOPS，\n"
            "存力总规模超过1000EB。\n2025年我国人工智能核心产业规模超万亿元\n工信部披露，人工智能企业超过5300家。")
    claims = by_text(extract_claims(text, published="2023-09-14"))
    assert [(c.period, c.attribution) for c in (claims["180EFLOPS"], claims["1000EB"])] == [("2022", "CAICT")] * 2
    assert claims["万亿元"].sentence == "2025年我国人工智能核心产业规模超万亿元"      # a headline stays a line of its own


def test_local_bodies_press_conferences_and_place_names():
    text = ("5月9日，国务院新闻办举行新闻发布会。河南省发展改革委数据显示，河南已建成8500多万亩高标准农田，"
            "粮食产量稳定在1300亿斤以上。李强来到新疆生产建设兵团第六师五家渠市。")
    claims = extract_claims(text, published="2024-05-10")
    # a local body is not the national one; it is credited by its own English name (issue 15)
    henan = "Henan Development and Reform Commission"
    assert [(c.text, c.unit, c.attribution) for c in claims] == [("8500多万亩", "mu", henan), ("1300亿斤", "jin", henan)]


@pytest.mark.parametrize("sentence, expected", [
    ("2025年，我国人工智能核心产业规模超过1.2万亿元，企业超过6200家。",
     [("1.2万亿元", "ai_core_industry_size"), ("6200家", "ai_enterprises")]),
    ("我国5G基站达到425万个，企业数量超过1000家。", [("425万个", "5g_base_stations"), ("1000家", "enterprises")]),
])
def test_a_bare_subject_before_a_count_names_what_is_counted(sentence, expected):
    assert [(c.text, c.metric) for c in extract_claims(sentence, published="2026-03-08")] == expected
