"""The Chinese data tables: well-formed, consistent with CLAIMS.md, covering the gold."""

from __future__ import annotations

import re

import pytest

from conftest import GOLD, load_gold
from extractors.claims.lang.zh import lexicon as zh_lexicon
from extractors.claims.lang.zh.rules import ChineseRules
from extractors.claims.lang.zh.text import readable_view
from extractors.claims.linking import _rows as shared_rows
from extractors.claims.linking import geo_matcher, metric_matcher, organisation_matcher
from extractors.datafiles import parse_tsv
from extractors.records import KINDS, QUALIFIERS

RULES = ChineseRules()


def matches(matcher, text: str) -> list[tuple[int, int, object]]:
    """What the extractor's alias matching finds in ``text`` (Chinese tokens, shared tables)."""
    return [(m.start, m.end, m.payload) for m in matcher("zh", RULES.tokens).find(RULES.tokens(text, 0, len(text)))]

UNIT_TYPES = {"currency", "currency_prefix", "percent", "points", "multiple", "tenths", "count", "physical",
              "time", "ordinal", "furniture", "vague"}
ORGANISATION_KINDS = {"ministry", "regulator", "agency", "institute", "think_tank", "association", "academy",
                      "company", "outlet", "event"}


def test_word_table_finds_the_longest_word_at_a_position():
    table = zh_lexicon.WordTable({"超": "a", "超过": "b", "不超过": "c"})
    assert table.starting_at("超过100家", 0) == ("超过", "b")
    assert table.ending_at("不超过100家", 3) == ("不超过", "c")
    assert table.ending_at("超100家", 1) == ("超", "a")
    assert table.starting_at("100家", 0) is None
    assert table.find_all("超过不超过超") == [(0, 2, "b"), (2, 5, "c"), (5, 6, "a")]


def test_a_malformed_row_is_reported_with_its_line():
    text = "# note\nword\tqualifier\tposition\n超过\tmore_than\n近\n"
    with pytest.raises(ValueError, match=r"broken_zh.tsv:4: expected 3"):
        parse_tsv(text, "broken_zh.tsv")
    assert parse_tsv(text.rsplit("近", 1)[0], "broken_zh.tsv") == [
        {"word": "超过", "qualifier": "more_than", "position": ""}]


def test_units_are_claims_md_units_or_mark_a_non_claim():
    after, before = zh_lexicon.units()
    for table in (after, before):
        for surface, unit in table.items():
            assert unit.type in UNIT_TYPES, surface
            assert (unit.unit == "-") == (not unit.is_claim), surface
            if unit.type.startswith("currency"):
                assert re.fullmatch(r"[A-Z]{3}", unit.unit), surface
    assert after.get("成").factor == 10
    assert before.get("人民币").unit == "CNY"


def test_qualifier_kind_and_modality_values_are_claims_md_values():
    for position, table in zh_lexicon.qualifiers().items():
        assert position in ("before", "between", "after")
        assert {qualifier for _, qualifier in table.items()} <= set(QUALIFIERS)
    for _, cue in zh_lexicon.kind_cues().items():
        assert {cue.kind_percent, cue.kind_amount} - {None} <= set(KINDS)
        assert cue.sign in (1, -1)
    assert {cue.modality for _, cue in zh_lexicon.modality_cues().items()} == {"forecast", "target"}
    assert zh_lexicon.modality_cues().get("力争").modality == "target"
    assert zh_lexicon.modality_cues().get("预计").modality == "forecast"


def test_chinese_aliases_live_in_the_shared_tables():
    # One table for all languages: the Chinese rows are the "zh" rows of the shared tables.
    for name in ("metrics.tsv", "organisations.tsv", "geo.tsv"):
        rows = [row for row in shared_rows(name) if row["lang"] == "zh"]
        assert rows, name
        aliases = [row["alias"] for row in rows]
        targets = {(row["alias"], row.get("key") or row.get("short") or row.get("geo")) for row in rows}
        assert len(targets) == len(set(aliases)), name        # an alias names one thing
        assert all(readable_view(alias).text == alias for alias in aliases), name   # simplified, half-width
    assert {row["kind"] for row in shared_rows("organisations.tsv") if row["lang"] == "zh"} <= ORGANISATION_KINDS


def test_every_registry_metric_has_a_chinese_name():
    registry = {row["key"] for row in shared_rows("metric_registry.tsv")}
    named = {row["key"] for row in shared_rows("metrics.tsv") if row["lang"] == "zh"}
    assert registry - named == set()


@pytest.mark.parametrize("alias, key", [
    ("中国信通院", "CAICT"), ("中国信息通信研究院", "CAICT"), ("工信部", "MIIT"), ("工业和信息化部", "MIIT"),
    ("国家发展改革委", "NDRC"), ("国家发改委", "NDRC"), ("中国互联网络信息中心", "CNNIC"), ("国家网信办", "CAC"),
    ("国家互联网信息办公室", "CAC"), ("国家统计局", "NBS"), ("科技部", "MOST"), ("赛迪", "CCID"),
    ("中国电子信息产业发展研究院", "CCID"), ("艾媒咨询", "iiMedia"),
])
def test_organisation_aliases(alias, key):
    assert [(start, end, organisation.short) for start, end, organisation in matches(organisation_matcher, alias)] == \
        [(0, len(alias), key)]


@pytest.mark.parametrize("alias, key", [
    ("人工智能核心产业规模", "ai_core_industry_size"), ("人工智能企业", "ai_enterprises"),
    ("生成式人工智能服务备案", "genai_services_filed"), ("登记", "genai_services_registered"),
    ("生成式人工智能用户规模", "genai_users"), ("大模型", "large_models"), ("算力总规模", "computing_power_total"),
    ("智能算力", "computing_power_intelligent"), ("标准机架", "data_center_racks"),
    ("数字经济规模", "digital_economy_size"), ("数字经济占GDP比重", "digital_economy_gdp_share"),
    ("5G基站", "5g_base_stations"), ("软件业务收入", "software_revenue"),
])
def test_metric_aliases(alias, key):
    assert [(start, end, metric.key) for start, end, metric in matches(metric_matcher, alias)] == [(0, len(alias), key)]


def test_attribution_cues_and_places():
    cues = zh_lexicon.attribution_cues()
    assert cues["before_source"].get("据") and cues["after_source"].get("显示")
    sentence = "据工信部数据,北京占比最高"
    assert [(start, end, org.short) for start, end, org in matches(organisation_matcher, sentence)] == [(1, 4, "MIIT")]
    assert matches(geo_matcher, sentence) == [(7, 9, "Beijing")]


def test_period_and_number_context_files_have_their_sections():
    assert {"relative_years", "year_parts", "roles", "current", "five_year_plans"} <= set(zh_lexicon.period_words())
    assert {"words", "not_claims", "rhetorical_nouns", "unitless_scaled", "counted_noun"} <= set(zh_lexicon.number_context())


# Gold attributions that no alias can find in their article, and why.
UNNAMED_SOURCES = {
    ("044.json", "State Council"),   # "國家制定的…目標": the state, not named
    ("108.json", "Zhang Jinrui"),    # a person, credited by name by the assembly
}
# Registry metrics of gold claims whose article names them only through context.
UNNAMED_METRICS = {
    ("093.json", "ai_enterprises"),  # "企業超過6200家" right after the core AI industry figure
}


def chinese_gold():
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is not here")
    return [record for record in load_gold(GOLD) if record.get("language") == "zh"]


def test_gold_attributions_are_found_by_an_alias_in_their_article():
    sources: dict[str, list[str]] = {}
    for row in shared_rows("organisations.tsv"):
        if row["lang"] != "zh":
            continue
        sources.setdefault(row["short"], []).append(row["alias"])
    for row in shared_rows("report_series.tsv"):     # a report series names its publisher
        if row["lang"] == "zh":
            sources.setdefault(row["publisher"], []).append(row["title"])
    for record in chinese_gold():
        text = readable_view(record["text"]).text
        for attribution in {claim["attribution"] for claim in record["claims"] if claim["attribution"]}:
            if (record["file"], attribution) in UNNAMED_SOURCES:
                continue
            assert any(alias in text for alias in sources.get(attribution, [])), (record["file"], attribution)


def test_gold_registry_metrics_are_found_by_an_alias_in_their_article():
    registry = {row["key"] for row in shared_rows("metric_registry.tsv")}
    names: dict[str, list[str]] = {}
    for row in shared_rows("metrics.tsv"):
        if row["lang"] != "zh":
            continue
        names.setdefault(row["key"], []).append(row["alias"])
    for record in chinese_gold():
        text = readable_view(record["text"]).text
        for metric in {claim["metric"] for claim in record["claims"]} & registry:
            if (record["file"], metric) in UNNAMED_METRICS:
                continue
            aliases = names.get(metric, [])
            if metric.endswith("_gdp_share") and ("GDP" in text or "国内生产总值" in text):
                # a share of GDP is named by what it is a share of, then 占GDP比重
                aliases = aliases + names.get(metric.removesuffix("_gdp_share") + "_size", [])
            assert any(alias in text for alias in aliases), (record["file"], metric)


@pytest.mark.parametrize("name, english", [
    ("张金瑞", "Zhang Jinrui"), ("郑栅洁", "Zheng Shanjie"), ("李乐成", "Li Lecheng"), ("王志勤", "Wang Zhiqin"),
    ("欧阳明", "Ouyang Ming"), ("单成", "Shan Cheng"), ("吕伟", "Lyu Wei"), ("张", None), ("张𠀀", None),
])
def test_personal_names_as_english_writes_them(name, english):
    assert zh_lexicon.romanize_name(name) == english


def test_name_readings_are_toneless_latin():
    readings = zh_lexicon.name_readings()
    assert all(re.fullmatch(r"[a-z]+", reading) for reading in [*readings.surnames.values(), *readings.given.values()])
