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


def test_event_logistics_are_uncredited():
    claims = read("7月4日，2024世界人工智能大会在上海开幕。据工业和信息化部介绍，我国人工智能企业数量已超过4500家。\n"
                  "本届大会展览面积超过5.2万平方米，参展企业500余家。", published="2024-07-05")
    assert claims["4500家"].attribution == "MIIT"
    assert claims["5.2万平方米"].attribution is None and claims["500余家"].attribution is None


def test_the_writers_comparison_is_uncredited():
    claims = read("中国信通院数据显示，2023年我国数字经济规模达53.9万亿元。作为对比，2023年我国国内生产总值为126万亿元。",
                  published="2024-08-31")
    assert claims["53.9万亿元"].attribution == "CAICT"
    assert claims["126万亿元"].attribution is None


# -- 3. organisations outside the tables ----------------------------------------------------------

def test_a_local_body_is_credited_by_its_english_name_not_the_national_one():
    claims = read("北京市统计局数据显示，2023年全市数字经济增加值占地区生产总值的比重为42.9%。", published="2024-02-05")
    assert claims["42.9%"].attribution == "Beijing Municipal Bureau of Statistics"


def test_a_generic_credit_is_the_body_named_in_the_next_sentence():
    claims = read("记者从有关部门获悉，2023年，北京市数字经济实现增加值18766.7亿元。北京市统计局数据显示，"
                  "全市数字经济增加值占地区生产总值的比重为42.9%。", published="2024-02-05")
    assert claims["18766.7亿元"].attribution == "Beijing Municipal Bureau of Statistics"


def test_a_body_written_with_its_latin_acronym_is_credited_by_the_acronym():
    claims = read("据国际机器人联合会（IFR）统计，2023年中国工业机器人安装量达27.6万台，占全球的51%。", published="2024-09-25")
    assert claims["27.6万台"].attribution == "IFR"


def test_bodies_listed_before_one_cue_credit_the_lead_body():
    claims = read("工业和信息化部、中央网信办、教育部、中国人民银行、国务院国资委等六部门联合印发《行动计划》，"
                  "到2025年，算力规模超过300EFLOPS。", published="2023-10-09")
    assert claims["300EFLOPS"].attribution == "MIIT"


# -- 4. speakers -> organisations, 5. relays ------------------------------------------------------

def test_an_official_by_title_then_by_name_credits_the_ministry():
    claims = read("工业和信息化部总工程师赵志国介绍，截至2024年底，我国5G基站总数达425.1万个。\n"
                  "赵志国表示，我国5G移动电话用户达10.14亿户。", published="2025-01-20")
    assert claims["425.1万个"].attribution == "MIIT" and claims["10.14亿户"].attribution == "MIIT"


def test_a_relay_credits_the_originating_body():
    claims = read("据路透社报道，研究机构高德纳（Gartner）预测，2025年全球生成式人工智能支出将达6440亿美元。",
                  published="2025-04-01")
    assert claims["6440亿美元"].attribution == "Gartner"


# -- 7. elliptical metrics ------------------------------------------------------------------------

def test_a_share_of_regional_gdp_is_a_gdp_share():
    claims = read("北京市统计局数据显示，全市数字经济增加值占地区生产总值的比重为42.9%。", published="2024-02-05")
    assert claims["42.9%"].metric == "digital_economy_gdp_share"


# -- 10. readable Chinese keys ---------------------------------------------------------------------

def test_chinese_keys_are_english_glosses_else_full_pinyin_never_code_points():
    from extractors.claims.lang.zh import ChineseRules
    from extractors.claims.linking import derive_key

    key = lambda phrase: derive_key(ChineseRules().key_phrase(phrase))   # noqa: E731
    assert key("全国电子商务交易额") == "national_ecommerce_transactions"
    assert key("智能手机市场出货量") == "smartphone_market_shipments"
    assert key("鑫垚") == "xin_yao"
    claims = read("2024年，我国集成电路产量达4514亿块，参股关口数量达12个。", published="2025-02-28")
    assert all(not any(part.startswith("u") and part[1:].isalnum() and any(c.isdigit() for c in part)
                       for part in claim.metric.split("_")) for claim in claims.values())


# -- 11. kind ---------------------------------------------------------------------------------------

def test_value_added_is_a_level_and_new_additions_a_change():
    claims = read("2024年，全部工业增加值达40.5万亿元，同比增长5.7%。全年城镇新增就业1256万人。", published="2025-02-28")
    assert claims["40.5万亿元"].kind == "level"
    assert claims["5.7%"].kind == "growth"
    assert claims["1256万人"].kind == "change"


# -- 8. geo from the noun phrase ---------------------------------------------------------------------

def test_a_rank_and_the_whole_of_a_share_are_not_the_figures_place():
    claims = read("2022年我国数据产量达8.1ZB，同比增长22.7%，全球占比达10.5%，位居世界第二。", published="2023-04-28")
    assert {claims[t].geo for t in ("8.1ZB", "22.7%", "10.5%")} == {"China"}


def test_countries_counted_or_listed_together_are_the_figures_place():
    claims = read("2022年，全球51个主要国家数字经济增加值规模为41.4万亿美元，占GDP比重为46.1%。"
                  "2022年，美国、中国、德国、日本、韩国5个国家数字经济总量为31万亿美元。", published="2023-07-05")
    assert claims["41.4万亿美元"].geo == claims["46.1%"].geo == "51 countries"
    assert claims["31万亿美元"].geo == "US and China and Germany and Japan and South Korea"


def test_places_listed_with_respectively_pair_with_the_figures():
    claims = read("人工智能企业主要分布在京津冀、长三角和珠三角，占比分别为31.02%、30.23%和26.39%。", published="2024-03-01")
    assert [claims[t].geo for t in ("31.02%", "30.23%", "26.39%")] == ["Beijing-Tianjin-Hebei", "Yangtze River Delta", "Pearl River Delta"]


def test_the_city_refers_to_the_city_named_before_and_a_breakdown_keeps_the_place():
    claims = read("2023年，北京市数字经济实现增加值18766.7亿元。全市数字经济增加值占地区生产总值的比重为42.9%。\n"
                  "2025年全球生成式人工智能支出将达6440亿美元。其中近80%的支出将用于硬件。", published="2025-04-01")
    assert claims["42.9%"].geo == "Beijing"
    assert claims["80%"].geo == "global"


def test_a_dateline_and_a_count_of_provinces_are_not_a_place():
    claims = read("新华社北京4月8日电 截至2025年3月31日，累计有346款生成式人工智能服务完成备案。"
                  "中国算力平台完成山西/辽宁/上海/新疆10省区分平台接入。", published="2025-04-08")
    assert claims["346款"].geo == "China" and claims["10省区"].geo == "China"


# -- 6. undated texts; 9. spans of time ------------------------------------------------------------

def test_an_undated_text_takes_the_year_of_its_event_and_leaves_relative_times_null():
    claims = by_text(extract_claims("2024世界人工智能大会在上海开幕。工业和信息化部部长金壮龙介绍，我国人工智能企业数量超过4500家。\n"
                                    "国家统计局数据显示，今年上半年，我国规模以上工业增加值同比增长6.0%。", lang="zh", published=None))
    assert claims["4500家"].period == "2024"
    assert claims["6.0%"].period is None


def test_a_change_since_the_end_of_last_year_runs_from_the_next_month():
    claims = read("截至2024年底，我国5G基站总数达425.1万个，比上年末净增87.4万个。", published="2025-01-20")
    assert claims["87.4万个"].period == "2024-01/2024-12"
    # compared with the start of a year: a base time, the as-of time only (as shared gold 095)
    claims = read("截至2025年6月底，我国日均Token消耗量已突破30万亿，较2024年初的1000亿增长300多倍。", published="2025-08-15")
    assert claims["300多倍"].period == "2025-06"


def test_a_multiple_of_a_base_year_keeps_the_as_of_time():
    claims = read("2023年全球生成式人工智能领域投资达252亿美元，是2022年的近8倍。", published="2024-07-05")
    assert claims["8倍"].period == "2023"


def test_the_whole_year_is_the_year_in_frame():
    claims = read("国家统计局28日发布公报。公报显示，2024年我国国内生产总值1349084亿元。\n全年城镇新增就业1256万人。",
                  published="2025-02-28")
    assert claims["1256万人"].period == "2024"


def test_a_breakdown_opener_continues_the_figure_before():
    claims = read("2022年，全球51个主要国家数字经济规模为41.4万亿美元。\n从国别看，美国数字经济规模达17.2万亿美元。",
                  published="2023-07-05")
    assert claims["17.2万亿美元"].period == "2022"


def test_the_past_five_years_end_at_the_latest_data_year():
    claims = read("据统计，截至2023年6月底，算力总规模达到197EFLOPS。近5年，我国算力总规模年均增速近30%。", published="2023-10-09")
    assert claims["30%"].period == "2018/2023"


# -- found on batch B after its scoring (the batch's result is its first score) --------------------

def test_a_relay_before_a_body_with_its_acronym_credits_the_body():
    claims = read("据新华社援引国际机器人联合会（IFR）此前发布的报告，2023年中国工业机器人新增安装量达27.6万台。", published="2025-02-10")
    assert claims["27.6万台"].attribution == "IFR"


def test_places_paired_by_respectively_past_the_whole_they_share():
    claims = read("从国别看，美国、中国、欧洲、日本在全球算力规模中的份额分别为34%、33%、14%和5%。", published="2023-09-14")
    assert [claims[t].geo for t in ("34%", "33%", "14%", "5%")] == ["US", "China", "Europe", "Japan"]


def test_zflops_is_a_unit():
    claims = read("到2025年全球计算设备算力总规模将超过3ZFLOPS。", published="2023-09-14")
    assert (claims["3ZFLOPS"].unit, claims["3ZFLOPS"].geo) == ("ZFLOPS", "global")
