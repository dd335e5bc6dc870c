"""extract_claims: every figure of an English article as a CLAIMS.md claim."""

import json
from datetime import date
from decimal import Decimal

import pytest
import spacy

from extractors.claims import EXTRACTOR_VERSION, extract_claims, extract_claims_batch
from extractors.claims.pipeline import UnsupportedLanguage, build_pipeline, get_pipeline
from extractors.records import Claim


def claim(text, needle, published="2025-12-27", occurrence=1):
    """The claim whose mention is the ``occurrence``-th ``needle`` of ``text``."""
    claims = extract_claims(text, lang="en", published=published)
    position = -1
    for _ in range(occurrence):
        position = text.index(needle, position + 1)
    matches = [c for c in claims if c.start < position + len(needle) and position < c.end]
    assert matches, f"no claim at {needle!r}: {[c.text for c in claims]}"
    return matches[0]


def texts(text, published="2025-12-27"):
    return [c.text for c in extract_claims(text, lang="en", published=published)]


# -- the record --------------------------------------------------------------------------

def test_a_claim_carries_every_field_of_claims_md():
    text = "China is home to more than 5,100 AI companies, according to the China Academy of Information and Communications Technology."
    (found,) = extract_claims(text, published="2025-10-28")
    assert found == Claim(
        text="5,100", start=27, end=32, value=Decimal(5100), low=None, high=None, unit="count",
        qualifier="more_than", kind="level", metric="ai_enterprises", metric_text="AI companies", geo="China",
        period="2025-10", modality="actual", attribution="CAICT", sentence=text,
    )
    record = found.to_dict()
    assert record["value"] == 5100 and json.dumps(record)


def test_values_are_exact_decimals_in_base_units():
    found = claim("The core AI industry will reach RMB 1.2 trillion.", "RMB 1.2 trillion")
    assert found.value == Decimal("1.2e12") and found.to_dict()["value"] == 1200000000000


def test_text_without_figures_has_no_claims():
    assert extract_claims("") == []
    assert extract_claims("No figures here, only words.") == []


# -- what is a claim ---------------------------------------------------------------------

def test_years_dates_ranks_durations_and_names_are_not_claims():
    text = ("On 26 December 2025, Xinhua reported that Alibaba's Qwen3-Max, ranked second in the world, "
            "was trained within two years on the 14th Five-Year Plan's 5G networks.")
    assert texts(text) == []


def test_small_spelled_numbers_count_only_known_things():
    assert texts("CAICT separates the core stack into three layers.") == []
    assert texts("In 2020, Chinese organisations released two LLMs.") == ["two"]


def test_a_bare_number_is_a_claim_when_its_sentence_counts_something():
    text = "US organisations released 37 LLMs the following year, while China released 28."
    assert texts(text) == ["37", "28"]
    assert texts("See chapter 12 and section 3.") == []


def test_a_group_named_again_and_again_is_not_a_figure():
    text = ("The report covers 47 countries. The digital economy in 47 countries reached "
            "US$32.6 trillion in 2020, while GDP in those 47 countries fell.")
    assert texts(text) == ["US$32.6 trillion"]


def test_a_currency_equivalent_in_brackets_is_its_own_approx_claim():
    text = "China's core AI industry reached 578 billion yuan (about 81 billion U.S. dollars) in 2023."
    yuan, dollars = extract_claims(text, published="2024-06-21")
    assert (yuan.unit, dollars.unit, dollars.qualifier) == ("CNY", "USD", "approx")
    assert dollars.metric == yuan.metric == "ai_core_industry_size" and dollars.period == "2023"


def test_a_restatement_in_another_unit_is_one_claim():
    text = "Total computing power reached 246 EFLOPS, or 246 quintillion calculations per second, by June."
    assert texts(text, "2024-09-12") == ["246 EFLOPS"]


# -- kind and sign -------------------------------------------------------------------------

@pytest.mark.parametrize("text, needle, kind, value", [
    ("Revenue grew 24 percent year-on-year.", "24 percent", "growth", 24),
    ("It accounted for 41.5 percent of GDP.", "41.5 percent", "share", Decimal("41.5")),
    ("Its share in the country's GDP rose to 41.5 percent.", "41.5 percent", "share", Decimal("41.5")),
    ("GDP fell 2.8 percent in 2020.", "2.8 percent", "growth", Decimal("-2.8")),
    ("Fixed-asset investment fell 0.5 percent from a year earlier.", "0.5 percent", "growth", Decimal("-0.5")),
    ("The share was up 1.7 percentage points.", "1.7 percentage points", "change", Decimal("1.7")),
    ("The rate was down 0.3 percentage points.", "0.3 percentage points", "change", Decimal("-0.3")),
    ("Annual revenues could add another half-trillion yuan.", "half-trillion yuan", "change", Decimal("5e11")),
    ("A net increase of 507,000 base stations was recorded.", "507,000", "change", 507000),
    ("Nvidia lost nearly US$600 billion in market value.", "US$600 billion", "change", Decimal("-6e11")),
    ("China has three times the number of AI firms it had.", "three times", "multiple", 3),
    ("The number of users more than doubled.", "doubled", "multiple", 2),
    ("Half of the world's humanoid robot makers are Chinese.", "Half", "share", 50),
])
def test_kind_and_sign(text, needle, kind, value):
    found = claim(text, needle)
    assert (found.kind, found.value) == (kind, value)


# -- period --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, needle, published, period", [
    ("China's digital economy grew by 9.7 per cent last year.", "9.7 per cent", "2021-04-27", "2020"),
    ("The institute estimated that revenues would near RMB 1.2 trillion by year end.", "RMB 1.2 trillion", "2025-12-27", "2025"),
    ("Telecom revenue rose 0.9 percent in January-November.", "0.9 percent", "2025-12-20", "2025-01/2025-11"),
    ("Revenue rose 0.9 percent in the first 10 months.", "0.9 percent", "2025-12-04", "2025-01/2025-10"),
    ("GDP grew 4.8 percent in the third quarter.", "4.8 percent", "2025-10-20", "2025-Q3"),
    ("Output grew 5.3 percent in the first half of 2025.", "5.3 percent", "2025-07-15", "2025-H1"),
    ("As of the end of October, there were 4.76 million base stations.", "4.76 million", "2025-12-04", "2025-10"),
    ("The country had 1.1 billion internet users as of December.", "1.1 billion", "2023-05-23", "2022-12"),
    ("China is now home to more than 5,100 AI enterprises.", "5,100", "2025-10-28", "2025-10"),
    ("Digital consumption exceeded 6 trillion yuan.", "6 trillion yuan", "2025-01-21", "2025"),
    ("The count passed 700 by December 2025.", "700", "2025-12-27", "2025-12"),
    ("Active AI companies: over 5,300 by 25 December.", "5,300", "2025-12-27", "2025-12-25"),
    ("From 2016 to 2022, the digital economy expanded by $4.1 trillion.", "$4.1 trillion", "2023-07-05", "2016/2022"),
    ("A net increase of 507,000 from the end of last year, as of the end of October.", "507,000", "2025-12-04", "2025-01/2025-10"),
    # the past N years end at the latest data year named, else the publication year (CLAIMS.md)
    ("Data centres grew at an average annual rate of 30 percent in the past five years.", "30 percent", "2023-05-23", "2018/2023"),
    ("Token use soared 300-fold in just 18 months to the end of June 2025.", "300-fold", "2025-10-28", "2024-01/2025-06"),
    ("China is home to more than 6,000 AI companies.", "6,000", None, None),
    ("There were 4.25 million base stations at end-2024.", "4.25 million", "2025-04-20", "2024"),
    ("Sales rose 9 percent in the March quarter.", "9 percent", "2025-04-20", "2025-Q1"),
    ("The company sold 1.2 million vehicles in the first half, up 30% from a year ago.", "30%", "2025-08-10", "2025-H1"),
])
def test_period(text, needle, published, period):
    assert claim(text, needle, published).period == period


def test_a_period_carries_over_within_a_paragraph_but_not_beyond():
    text = ("In 2022, China's digital economy reached 50.2 trillion yuan. It made up 41.5 percent of GDP.\n\n"
            "The country had 2.3 million base stations.")
    assert claim(text, "41.5 percent", "2023-07-05").period == "2022"
    assert claim(text, "2.3 million", "2023-07-05").period == "2023"


def test_from_a_to_b_gives_each_end_its_year():
    text = "The digital economy jumped from 11 trillion yuan to over 45 trillion yuan from 2012 to 2021."
    assert claim(text, "11 trillion yuan", "2022-07-06").period == "2012"
    assert claim(text, "45 trillion yuan", "2022-07-06").period == "2021"


def test_an_undated_page_reads_relative_time_against_its_latest_past_year():
    text = ("The 2025 China Internet Conference opened in Beijing. There were 249 million users as of the end "
            "of last year. By May this year, the number had risen to 570 million.")
    assert claim(text, "249 million", None).period == "2024"
    assert claim(text, "570 million", None).period == "2025-05"


# -- modality ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, needle, modality", [
    ("CAICT expects the core segment to add another 18-20 percent.", "18-20 percent", "forecast"),
    ("The scale could reach 1.4 trillion yuan by December 2026.", "1.4 trillion yuan", "forecast"),
    ("China aims to boost computing power by more than 50% by 2025.", "50%", "target"),
    ("China will build at least 2.445 million base stations in the next four years.", "2.445 million", "target"),
    ("The government aims to create jobs, while consumer prices are expected to rise by around 2 percent.", "2 percent", "forecast"),
    ("The count passed 700 in November.", "700", "actual"),
    ("Revenue will hit 2 trillion yuan in 2027.", "2 trillion yuan", "forecast"),
])
def test_modality(text, needle, modality):
    assert claim(text, needle).modality == modality


# -- attribution ---------------------------------------------------------------------------

def test_attribution_from_credits_anaphora_and_people():
    text = ("China's total computing power reached 180 EFLOPS, according to the Ministry of Industry and "
            "Information Technology. The country's data storage capacity has exceeded 1000 EB, the ministry added.\n\n"
            "There were 249 million users of AI, said Wu Hequan, an academician at the Chinese Academy of Engineering. "
            "Daily token use hit 10 trillion, Wu added.\n\n"
            "Core revenues reached 500 billion yuan, said Yu Xiaohui, president of CAICT.")
    assert claim(text, "180 EFLOPS", "2023-04-12").attribution == "MIIT"
    assert claim(text, "1000 EB", "2023-04-12").attribution == "MIIT"
    assert claim(text, "249 million", "2023-04-12").attribution == "Wu Hequan"
    assert claim(text, "10 trillion", "2023-04-12").attribution == "Wu Hequan"
    assert claim(text, "500 billion yuan", "2023-04-12").attribution == "CAICT"


def test_the_report_is_the_source_named_for_it_elsewhere():
    text = ("There are more than 4,400 AI firms in China, a report showed on Thursday.\n\n"
            "The report was released by the Chinese Institute of New Generation AI Development Strategies.")
    assert claim(text, "4,400", "2024-06-20").attribution == "New Generation AI Development Strategy Institute"


def test_the_company_said_refers_back_to_the_company_named():
    text = "Baidu has 430 million monthly active users for its Ernie Bot, the company said on Tuesday."
    found = claim(text, "430 million", "2025-04-10")
    assert (found.attribution, found.metric) == ("Baidu", "monthly_active_users")


def test_an_organisation_introduced_with_its_acronym_is_a_source():
    text = ("Car sales rose 4.5 percent, the China Association of Automobile Manufacturers (CAAM) said.\n\n"
            "Exports jumped 19.3 percent, CAAM said.")
    assert claim(text, "4.5 percent").attribution == claim(text, "19.3 percent").attribution == "CAAM"


def test_a_company_giving_its_own_figures_ends_the_source_before():
    text = ("More than 10,000 5G base stations are added every week, according to the Ministry of Industry and "
            "Information Technology.\n\nBy the end of May, China Mobile has completed 140,000 5G base stations.\n\n"
            "China has launched more than 400 innovative 5G applications.")
    assert claim(text, "10,000", "2020-06-08").attribution == "MIIT"
    assert claim(text, "140,000", "2020-06-08").attribution is None
    assert claim(text, "400", "2020-06-08").attribution is None


def test_exchange_rate_notes_are_not_claims():
    assert texts("Revenue was 5 billion yuan ($1 = 7.2 yuan).") == ["5 billion yuan"]


def test_official_data_without_a_name_is_uncredited():
    text = "China's core AI industry reached 578 billion yuan in 2023, official data shows."
    assert claim(text, "578 billion yuan", "2024-06-21").attribution is None


def test_a_messenger_gives_way_to_the_source_it_cites():
    text = ("The news outlet Xinhua declared that the core AI sector had surpassed one trillion yuan. "
            "Xinhua cited the Ministry of Industry and Information Technology as the primary source.")
    assert claim(text, "one trillion yuan").attribution == "MIIT"


# -- metric --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, needle, metric", [
    ("China has more than 4,500 AI companies.", "4,500", "ai_enterprises"),
    ("The 2.3 million base stations for fifth-generation wireless communications.", "2.3 million", "5g_base_stations"),
    ("Data centers had 6.5 million server racks.", "6.5 million", "data_center_racks"),
    ("China's digital economy accounted for 38.6 per cent of its GDP.", "38.6 per cent", "digital_economy_gdp_share"),
    ("It holds roughly 60% of the world's AI-related patents.", "60%", "ai_patent_share"),
    ("There were 249 million internet users in China using AI.", "249 million", "genai_users"),
    ("238 generative AI applications were registered with provincial cyberspace offices.", "238", "genai_services_registered"),
    ("China's AI industry surpassed 700 billion yuan.", "700 billion yuan", "ai_industry_size"),
    ("China boasts 71 AI unicorns.", "71", "ai_unicorns"),
    ("Industrial output rose 6.5 percent in September.", "6.5 percent", "industrial_output"),
])
def test_metric_links_to_registry_keys_or_a_derived_key(text, needle, metric):
    assert claim(text, needle).metric == metric


def test_respectively_pairs_figures_with_the_metrics_in_order():
    text = ("The business income of the software and information technology service industry, as well as the "
            "Internet and related service enterprises, grew 17.7 percent and 16.9 percent, to reach 9,499.4 billion "
            "yuan and 1,550 billion yuan respectively.")
    assert claim(text, "17.7 percent").metric == "software_revenue"
    assert claim(text, "16.9 percent").metric == "internet_services_revenue"
    assert claim(text, "1,550 billion yuan").metric == "internet_services_revenue"


def test_the_ai_industry_is_the_core_one_when_the_text_says_core_for_that_figure():
    text = ("China's artificial intelligence industry has surged past 900 billion yuan in 2024.\n"
            "China's core AI industry grew 24% year-on-year to exceed 900 billion yuan.")
    assert claim(text, "900 billion yuan").metric == "ai_core_industry_size"


def test_a_bare_amount_takes_the_currency_of_its_money_metric():
    found = claim("The total scale of China's core AI industry reached 578.4 billion as of the end of 2023.", "578.4 billion")
    assert (found.unit, found.metric) == ("CNY", "ai_core_industry_size")


# -- the API -------------------------------------------------------------------------------

def test_batches_keep_order_and_mix_dates():
    items = [
        ("China had 346 generative AI services filed as of March.", "en", "2025-04-15"),
        ("No numbers.", None, None),
        ("Revenue grew 10 percent last year.", "en", date(2025, 1, 27)),
    ]
    results = list(extract_claims_batch(items))
    assert [[c.text for c in r] for r in results] == [["346"], [], ["10 percent"]]
    assert results[2][0].period == "2024"


def test_language_is_detected_when_not_given():
    assert [c.text for c in extract_claims("China has more than 5,100 AI companies.")] == ["5,100"]


def test_a_language_without_rules_is_a_clear_error():
    with pytest.raises(UnsupportedLanguage):
        build_pipeline("fr")


def test_the_pipeline_is_a_blank_spacy_pipeline_with_named_components():
    nlp = get_pipeline("en")
    assert nlp.pipe_names == ["claimtrack_sentences", "claimtrack_quantities", "claimtrack_claims"]
    assert nlp.lang == "en" and isinstance(nlp, spacy.lang.en.English)
    doc = nlp("China's digital economy grew 10 percent. It made up 41.5 percent of GDP.")
    assert [s.text for s in doc.sents] == ["China's digital economy grew 10 percent.", "It made up 41.5 percent of GDP."]
    assert [span.text for span in doc.spans["claimtrack_claims"]] == ["10 percent", "41.5 percent"]
    assert len(doc._.claimtrack_quantities) == 2


def test_published_accepts_dates_datetimes_and_junk():
    text = "Revenue grew 10 percent last year."
    assert claim(text, "10 percent", "2025-01-27T10:02:00+08:00").period == "2024"
    assert claim(text, "10 percent", "not a date").period is None


def test_extractor_version_is_a_string():
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION
