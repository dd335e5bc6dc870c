"""Regressions found on held-out text (tests/gold/h*-*.json, zh-h*-*.json, and the lead's
held-out notes): each test is named after the case it pins."""


from conftest import PAGES
from extractors.claims import extract_claims
from extractors.claims.assembly.metric import gdp_share_key as _gdp_share_key
from extractors.claims.lang.zh import ChineseRules
from extractors.claims.linking import derive_key
from extractors.pages.article import extract_article


def by_text(claims):
    return {c.text: c for c in claims}


STATISTICS_THEN_GOAL = (
    "China had 1.08 billion internet users as of June 2024, according to a report released by the "
    "China Internet Network Information Center on Thursday.\n\n"
    "The country aims to raise the share of the digital economy's core industries in GDP to 10 percent "
    "by 2025, up from 7.8 percent in 2020.")


def test_a_goal_after_a_statistics_centres_figures_is_not_credited_to_it():
    claims = by_text(extract_claims(STATISTICS_THEN_GOAL, lang="en", published="2024-08-22"))
    assert claims["1.08 billion"].attribution == "CNNIC"
    assert claims["10 percent"].attribution is None
    assert claims["7.8 percent"].attribution is None


def test_a_past_baseline_in_a_goal_is_actual():
    claims = by_text(extract_claims(STATISTICS_THEN_GOAL, lang="en", published="2024-08-22"))
    assert (claims["10 percent"].modality, claims["10 percent"].period) == ("target", "2025")
    assert (claims["7.8 percent"].modality, claims["7.8 percent"].period) == ("actual", "2020")


def test_core_industries_of_the_digital_economy_are_not_the_core_ai_industry():
    claims = by_text(extract_claims(STATISTICS_THEN_GOAL, lang="en", published="2024-08-22"))
    assert claims["10 percent"].metric == "digital_economy_core_value_added_gdp_share"


def test_a_goal_after_a_ministrys_figures_stays_the_ministrys():
    text = ("China had 4.55 million 5G base stations by the end of June, the Ministry of Industry and "
            "Information Technology said Tuesday.\n\nThe country aims to have a 5G user penetration rate "
            "of over 85 percent by the end of 2027.")
    assert by_text(extract_claims(text, lang="en", published="2025-07-22"))["85 percent"].attribution == "MIIT"


def test_analysts_at_a_firm_who_expect_credit_the_firm():
    text = ("Revenue rose 11.9 percent, data from the Ministry of Industry and Information Technology showed.\n\n"
            "Analysts at IDC expect China's intelligent computing capacity to grow by about 40 percent next year.")
    assert by_text(extract_claims(text, lang="en", published="2024-08-20"))["40 percent"].attribution == "IDC"


ZH_GOAL = ("中国互联网络信息中心发布的报告显示，截至2024年6月，我国网民规模近11亿人。\n"
           "到2025年，数字经济核心产业增加值占GDP比重力争达到10%，较2020年的7.8%提高2.2个百分点。")


def test_zh_a_change_towards_a_deadline_takes_the_deadline_and_the_goal():
    claims = by_text(extract_claims(ZH_GOAL, lang="zh", published="2024-08-20"))
    change = claims["2.2个百分点"]
    assert (change.period, change.modality, change.unit) == ("2025", "target", "pp")


def test_zh_the_base_value_of_a_comparison_holds_at_the_base_year():
    claims = by_text(extract_claims(ZH_GOAL, lang="zh", published="2024-08-20"))
    assert (claims["7.8%"].period, claims["7.8%"].modality) == ("2020", "actual")


def test_zh_core_industries_value_added_share_is_its_own_metric_and_uncredited():
    claims = by_text(extract_claims(ZH_GOAL, lang="zh", published="2024-08-20"))
    assert claims["10%"].metric == "digital_economy_core_value_added_gdp_share"
    assert claims["10%"].attribution is None
    assert claims["11亿人"].attribution == "CNNIC"


def test_zh_a_share_of_gdp_is_named_by_what_it_is_a_share_of():
    text = "2023年，我国数字经济规模达到53.9万亿元，占GDP比重达到42.8%。"
    assert by_text(extract_claims(text, lang="zh", published="2024-08-28"))["42.8%"].metric == "digital_economy_gdp_share"


def test_gdp_is_never_a_share_of_itself():
    assert _gdp_share_key("gdp") == "digital_economy_gdp_share"
    assert _gdp_share_key("digital_economy_size") == "digital_economy_gdp_share"
    assert _gdp_share_key("digital_economy_core_value_added") == "digital_economy_core_value_added_gdp_share"


def test_chinese_metric_phrases_get_readable_stable_keys():
    chinese_key = lambda phrase: derive_key(ChineseRules().key_phrase(phrase))   # noqa: E731
    assert chinese_key("数据产业规模") == "data_industry_size"
    assert chinese_key("国家绿色数据中心") == "national_green_data_center"
    assert chinese_key("我国数据生产总量") == chinese_key("数据生产总量") == "data_production_total"
    assert chinese_key("鑫垚") == "xin_yao"                 # no gloss: pinyin of the name table
    assert chinese_key("AI unicorns") == derive_key("AI unicorns") == "ai_unicorns"


def test_zh_metrics_without_an_alias_are_not_all_unspecified():
    text = "新华社福州4月29日电 2024年，我国数据产业规模达5.86万亿元。目前，全国已建成国家绿色数据中心246家。"
    claims = by_text(extract_claims(text, lang="zh", published="2025-04-29"))
    assert claims["5.86万亿元"].metric == "data_industry_size"
    assert claims["246家"].metric == "national_green_data_center"


def test_zh_a_heading_without_spaces_ends_an_inherited_source():
    text = ("工业和信息化部数据显示，2024年我国软件业务收入137276亿元。\n\n"
            "行业展望\n\n"
            "数据中心耗电量将达到3000亿千瓦时。")
    claims = by_text(extract_claims(text, lang="zh", published="2025-01-27"))
    assert claims["137276亿元"].attribution == "MIIT"
    assert claims["3000亿千瓦时"].attribution is None


def test_zflops_and_per_capita_bases():
    text = ("Global computing power is expected to exceed 3 ZFLOPS by 2025, the institute said. "
            "The plan calls for 38 5G base stations for every 10,000 people by 2027.")
    claims = by_text(extract_claims(text, lang="en", published="2023-09-14"))
    assert claims["3 ZFLOPS"].unit == "ZFLOPS"
    assert "10,000" not in claims


# Real pages (shared/fixtures/real): collective and rhetorical amounts are not claims.

def test_zh_both_countries_is_a_pair_not_a_count():
    text = ("这是两国面临的抉择。作为全球最大的两个经济体，中美关系几乎会影响每一个国家。"
            "中美两个大国必须深化合作。我期待玻中两国未来开展更多合作。")
    assert extract_claims(text, lang="zh", published="2023-11-17") == []


def test_zh_two_countries_in_digits_stay_a_count():
    text = "截至2024年底，该平台已覆盖2国、56个城市。"
    assert {c.text for c in extract_claims(text, lang="zh", published="2025-01-10")} >= {"2国", "56个"}


def test_zh_the_length_of_a_slogan_is_not_a_count():
    text = "他作为年轻人牢牢地记住了八个字：勇于担当，守信践诺。"
    assert extract_claims(text, lang="zh", published="2012-06-04") == []


def test_for_a_thousand_years_is_a_duration():
    text = ("Nearly 10,000 golden nanmu trees can be found here, with eight of them being over a thousand "
            "years old. The clan has guarded them for two thousand years.")
    assert [c.text for c in extract_claims(text, lang="en", published="2024-05-20")] == ["10,000"]


def test_up_an_amount_from_a_year_earlier_is_a_change():
    text = ("The country had built 4.25 million 5G base stations by the end of 2024, up 874,000 from a year "
            "earlier. China's digital economy reached 53.9 trillion yuan in 2023, up 3.7 trillion yuan from the "
            "previous year, while exports of services were down 120 billion yuan.")
    claims = by_text(extract_claims(text, lang="en", published="2024-08-28"))
    assert claims["4.25 million"].kind == "level"
    assert claims["874,000"].kind == "change"
    assert claims["3.7 trillion yuan"].kind == "change"
    assert (claims["120 billion yuan"].kind, claims["120 billion yuan"].value) == ("change", -1.2e11)


def test_according_to_a_municipal_commission_credits_it_by_name():
    text = ("China's core AI industry has reached nearly 600 billion yuan, Jin Zhuanglong, Minister of Industry "
            "and Information Technology, said on Thursday.\n\n"
            "Shanghai's AI industry scale reached 380.3 billion yuan in 2023, according to the Shanghai Municipal "
            "Commission of Economy and Informatization.")
    claims = by_text(extract_claims(text, lang="en", published="2024-07-05"))
    assert claims["600 billion yuan"].attribution == "MIIT"
    assert claims["380.3 billion yuan"].attribution == "Shanghai Municipal Commission of Economy and Informatization"


def test_according_to_a_described_news_site_credits_the_site():
    text = ("Baidu said in November that its Ernie Bot had 430 million users.\n\n"
            "Zhipu AI raised 3 billion yuan (US$412 million) in its latest funding round, according to the Chinese "
            "business news site 36Kr.")
    claims = by_text(extract_claims(text, lang="en", published="2025-01-10"))
    assert claims["430 million"].attribution == "Baidu"
    assert claims["3 billion yuan"].attribution == "36Kr"
    assert claims["US$412 million"].attribution == "36Kr"


def test_zh_according_to_a_company_not_in_the_tables_credits_it_by_name():
    text = ("据IDC发布的报告，2024年中国智能算力规模达725.3 EFLOPS。\n"
            "据DeepSeek公布的技术报告，DeepSeek-V3的训练成本约为557.6万美元，使用了2048块H800 GPU。")
    claims = by_text(extract_claims(text, lang="zh", published="2025-02-20"))
    assert claims["725.3 EFLOPS"].attribution == "IDC"
    assert claims["557.6万美元"].attribution == "DeepSeek"
    assert claims["2048块"].attribution == "DeepSeek"


def test_zh_users_of_generative_ai_products_with_a_possessive_are_genai_users():
    text = "据中国互联网络信息中心统计，截至2024年12月，我国生成式人工智能产品的用户规模达2.49亿人，占整体人口的17.7%。"
    claims = by_text(extract_claims(text, lang="zh", published="2025-04-08"))
    assert claims["2.49亿人"].metric == "genai_users"
    assert claims["17.7%"].metric == "genai_users"


AI_PLUS_GUIDELINE = (
    "China unveils AI Plus plan, eyes 90 pct adoption by 2030\n\n"
    "BEIJING, Aug. 27 (Xinhua) -- China aims to have the application rate of new-generation intelligent terminals "
    "and AI agents exceed 70 percent by 2027, according to a guideline released by the State Council on Tuesday.\n\n"
    "The rate is set to surpass 90 percent by 2030, the guideline said.\n\n"
    "Analysts at IDC expect China's total AI investment to reach 100 billion U.S. dollars in 2028.")


def test_is_set_to_in_a_government_guideline_is_a_target():
    claims = by_text(extract_claims(AI_PLUS_GUIDELINE, lang="en", published="2025-08-27"))
    assert (claims["90 percent"].modality, claims["90 percent"].period) == ("target", "2030")
    assert claims["100 billion U.S. dollars"].modality == "forecast"


def test_a_headline_that_eyes_a_figure_by_a_year_states_a_target():
    claims = by_text(extract_claims(AI_PLUS_GUIDELINE, lang="en", published="2025-08-27"))
    assert (claims["90 pct"].modality, claims["90 pct"].period) == ("target", "2030")


def test_by_the_end_of_a_year_in_the_figures_phrase_beats_a_release_date():
    text = ("Under an upgraded action plan released by the ministry last November, the country aims to have 38 5G "
            "base stations for every 10,000 people and a 5G user penetration rate of over 85 percent by the end of 2027.")
    claims = by_text(extract_claims(text, lang="en", published="2025-07-22"))
    assert (claims["38"].period, claims["38"].modality) == ("2027", "target")
    assert claims["85 percent"].period == "2027"


def test_a_deadline_in_the_figures_phrase_beats_a_time_set_off_by_a_comma():
    text = ("Last November, the ministry said the country aims to have 38 5G base stations for every 10,000 people "
            "by the end of 2027.")
    assert by_text(extract_claims(text, lang="en", published="2025-07-22"))["38"].period == "2027"


ZH_PLAN_BY_TITLE = (
    "记者25日从工业和信息化部获悉，去年我国软件业务收入123258亿元，同比增长13.4%。\n"
    "根据《“十四五”数字经济发展规划》，到2025年，我国数字经济核心产业增加值占GDP比重将达到10%，比2020年提高2.2个百分点。")


def test_zh_a_five_year_plan_in_a_title_does_not_set_the_period():
    claims = by_text(extract_claims(ZH_PLAN_BY_TITLE, lang="zh", published="2024-01-25"))
    assert (claims["10%"].period, claims["10%"].modality) == ("2025", "target")
    assert claims["2.2个百分点"].period == "2025"


def test_zh_a_plan_cited_by_title_ends_the_source_before():
    claims = by_text(extract_claims(ZH_PLAN_BY_TITLE, lang="zh", published="2024-01-25"))
    assert claims["123258亿元"].attribution == "MIIT"
    assert claims["10%"].attribution is None
    assert claims["2.2个百分点"].attribution is None


def test_zh_a_reports_year_in_its_title_still_dates_its_figures():
    text = "《数字中国发展报告（2024年）》发布 我国数据生产总量同比增长25%\n国家数据局29日发布的报告显示，2024年我国数据生产总量达41.06ZB。"
    assert by_text(extract_claims(text, lang="zh", published="2025-04-29"))["25%"].period == "2024"


def test_zh_a_following_clause_that_names_nothing_carries_the_metric_before():
    text = ("据IDC发布的报告，2024年中国智能算力规模达725.3 EFLOPS，同比增长74.1%；"
            "预计2025年将达到1037.3 EFLOPS，2028年将达到2781.9 EFLOPS。")
    claims = by_text(extract_claims(text, lang="zh", published="2025-02-20"))
    assert {claims[t].metric for t in ("725.3 EFLOPS", "1037.3 EFLOPS", "2781.9 EFLOPS")} == {"computing_power_intelligent"}
    assert (claims["1037.3 EFLOPS"].period, claims["1037.3 EFLOPS"].modality) == ("2025", "forecast")


def test_zh_a_semicolon_starts_a_new_time_frame():
    text = "截至2022年底，我国算力总规模达到180 EFLOPS，位居全球第二；截至2024年底，累计建成5G基站425.1万个。"
    claims = by_text(extract_claims(text, lang="zh", published="2025-07-22"))
    assert (claims["180 EFLOPS"].period, claims["425.1万个"].period) == ("2022", "2024")


def test_a_semicolon_starts_a_new_time_frame():
    text = ("By the end of 2022, total computing power reached 180 EFLOPS; by the end of 2024, "
            "the country had built 4.25 million 5G base stations.")
    claims = by_text(extract_claims(text, lang="en", published="2025-07-22"))
    assert (claims["180 EFLOPS"].period, claims["4.25 million"].period) == ("2022", "2024")


def test_zh_a_table_caption_number_is_no_claim():
    text = "表1 人工智能产业主要指标\n全国人大代表2977名出席会议。"
    assert [c.text for c in extract_claims(text, lang="zh", published="2025-07-22")] == ["2977名"]


# -- the Xinhua English page of 2025-12-26 on the core AI industry (tests/fixtures/pages) --------

XINHUA_CORE_AI_URL = "https://english.news.cn/20251226/0123456789abcdef0123456789abcdef/c.html"
XINHUA_CORE_AI_ZH_URL = "https://www.news.cn/tech/20251226/0123456789abcdef0123456789abcdef/c.html"


def xinhua_core_ai(lang: str):
    name, url = {"en": ("xinhua-en-20251226-core-ai-industry.html", XINHUA_CORE_AI_URL),
                 "zh": ("xinhua-zh-20251226-core-ai-industry.html", XINHUA_CORE_AI_ZH_URL)}[lang]
    article = extract_article(url, (PAGES / name).read_bytes())
    return by_text(extract_claims(article.text, lang=lang, published=article.published))


def test_the_industry_and_it_take_the_metric_named_in_the_paragraph_before():
    claims = xinhua_core_ai("en")
    for text in ("1.2 trillion yuan", "900 billion yuan", "24 percent"):
        assert claims[text].metric == "ai_core_industry_size", text
    assert claims["24 percent"].kind == "growth"


def test_for_the_whole_year_is_the_year_in_frame():
    claims = xinhua_core_ai("en")
    assert (claims["1.2 trillion yuan"].period, claims["1.2 trillion yuan"].modality) == ("2025", "forecast")


def test_a_past_baseline_and_a_when_clause_about_a_past_year_stay_actual_in_a_forecast():
    claims = xinhua_core_ai("en")
    assert (claims["900 billion yuan"].period, claims["900 billion yuan"].modality) == ("2024", "actual")
    assert (claims["24 percent"].period, claims["24 percent"].modality) == ("2024", "actual")


def test_has_risen_by_is_growth_and_the_supply_of_a_metric_is_a_metric_of_its_own():
    claim = xinhua_core_ai("en")["50 percent"]
    assert claim.kind == "growth"
    assert claim.metric == "effective_computing_power_supply"


def test_zh_the_chinese_twin_stays_right():
    claims = xinhua_core_ai("zh")
    expected = {"1.2万亿元": ("2025", "forecast"), "9000亿元": ("2024", "actual"), "24%": ("2024", "actual")}
    for text, (period, modality) in expected.items():
        assert (claims[text].metric, claims[text].period, claims[text].modality) == \
            ("ai_core_industry_size", period, modality), text


def test_pronouns_and_generic_heads_derive_no_key():
    for phrase in ("it", "the industry", "this figure", "the sector", "its", "the scale", ""):
        assert derive_key(phrase) == "unspecified", phrase
    assert derive_key("AI unicorns") == "ai_unicorns"


def test_a_pronoun_without_an_antecedent_is_unspecified():
    claims = by_text(extract_claims("It grew 12 percent last year.", lang="en", published="2025-03-01"))
    assert claims["12 percent"].metric == "unspecified"


def test_it_after_a_share_of_gdp_is_the_thing_named_not_its_share():
    text = ("In 2023, the digital economy accounted for 42.8 percent of the country's GDP, "
            "and it grew 7.39 percent in nominal terms, the think tank said.")
    claims = by_text(extract_claims(text, lang="en", published="2024-08-28"))
    assert claims["42.8 percent"].metric == "digital_economy_gdp_share"
    assert claims["7.39 percent"].metric == "digital_economy_size"


def test_a_clause_that_names_nothing_continues_a_figure_of_the_same_dimension():
    text = ("Global computing power totalled 906 EFLOPS in 2022, up 47 percent, the white paper said, "
            "and is expected to exceed 3 ZFLOPS by 2025.")
    claims = by_text(extract_claims(text, lang="en", published="2023-09-14"))
    assert claims["3 ZFLOPS"].metric == "computing_power_total"
