"""Issue 15: claims on text the rules were never written against. One test per capability
(who said it, when it holds, what it measures, where), on English sentences with real
published figures; the Chinese ones are in tests/claims/zh/test_accuracy_zh.py."""

from extractors.claims import extract_claims


def by_text(claims):
    return {c.text: c for c in claims}


def read(text, published="2025-01-17"):
    return by_text(extract_claims(text, lang="en", published=published))


# -- 1. "the report" resolves to its publisher; a report series names its publisher -------------

def test_a_report_series_title_credits_its_publisher():
    claims = read("China had 1.108 billion internet users at the end of December 2024, according to the "
                  "55th Statistical Report on China's Internet Development released on Friday.")
    assert claims["1.108 billion"].attribution == "CNNIC"


def test_an_unknown_report_title_is_not_a_source_name_and_the_report_is_its_publishers():
    claims = read("China's digital economy expanded to 53.9 trillion yuan in 2023, according to the "
                  "Research Report on Digital Economy Trends released on Tuesday.\n\n"
                  "The report was compiled by the China Academy of Information and Communications Technology.",
                  published="2024-08-31")
    assert claims["53.9 trillion yuan"].attribution == "CAICT"


def test_a_report_named_far_from_its_publisher_takes_the_publisher():
    claims = read("The digital economy grew to 53.9 trillion yuan in 2023, a report said.\n\n"
                  "Digital industrialization reached 10.09 trillion yuan, the report showed.\n\n"
                  "The report was released by the China Academy of Information and Communications Technology "
                  "in Beijing on Tuesday.", published="2024-08-31")
    assert {c.attribution for c in claims.values()} == {"CAICT"}


# -- 2. when a carried source stops ---------------------------------------------------------------

def test_an_unnamed_credit_stops_the_source_carried_from_before():
    claims = read("Intelligent computing capacity stood at 725.3 EFLOPS in 2024, according to IDC.\n\n"
                  "Official data showed that China's total computing power reached 280 EFLOPS by the end of 2024. "
                  "Intelligent computing accounted for more than 30 percent of the total.", published="2025-02-14")
    assert claims["725.3 EFLOPS"].attribution == "IDC"
    assert claims["280 EFLOPS"].attribution is None
    assert claims["30 percent"].attribution is None


def test_the_data_showed_points_back_to_the_body_named_in_the_sentence_before():
    claims = read("The China Internet Network Information Center released its report on Friday. "
                  "The data showed that China had 249 million generative AI users by the end of 2024.")
    assert claims["249 million"].attribution == "CNNIC"


def test_official_data_is_completed_by_a_next_sentence_that_only_names_its_body():
    claims = read("China is home to over 4,500 AI companies, official figures showed. The data was made public "
                  "by Shan Zhongde, vice minister of industry and information technology.", published="2024-06-21")
    assert claims["4,500"].attribution == "MIIT"


def test_official_data_is_not_completed_by_a_body_credited_with_figures_of_its_own():
    claims = read("The number of 5G base stations has hit 4.25 million, official data showed Tuesday. "
                  "More than 4,000 5G factories have been established nationwide, according to the Ministry of "
                  "Industry and Information Technology.", published="2025-01-21")
    assert claims["4.25 million"].attribution is None
    assert claims["4,000"].attribution == "MIIT"


def test_a_source_credited_without_figures_is_not_carried_to_distant_figures():
    claims = read("China's AI industry has grown steadily, according to the Ministry of Industry and Information "
                  "Technology.\n\nDomestic models lead the open-source field.\n\nApps spread fast.\n\n"
                  "China is now home to more than 5,100 AI enterprises.", published="2025-10-28")
    assert claims["5,100"].attribution is None


def test_a_goal_under_a_plan_after_an_institutes_figures_is_uncredited():
    claims = read("China's digital economy expanded to 53.9 trillion yuan in 2023, according to the China Academy of "
                  "Information and Communications Technology.\n\n"
                  "Under the 14th Five-Year Plan for the digital economy, the value added of core digital economy "
                  "industries is set to account for 10 percent of GDP by 2025.", published="2024-08-31")
    assert claims["53.9 trillion yuan"].attribution == "CAICT"
    assert claims["10 percent"].attribution is None


def test_the_writers_comparison_is_uncredited():
    claims = read("Telecom business revenue grew 3.2 percent year on year to 1.74 trillion yuan in 2024, the "
                  "Ministry of Industry and Information Technology said. By comparison, the national economy "
                  "expanded 5 percent last year.", published="2025-01-21")
    assert claims["3.2 percent"].attribution == "MIIT"
    assert claims["5 percent"].attribution is None


def test_event_logistics_are_uncredited():
    claims = read("The 2025 World Artificial Intelligence Conference opened in Shanghai on Saturday, bringing together "
                  "more than 800 companies that are showing over 3,000 exhibits across more than 70,000 square meters.\n\n"
                  "China is home to more than 5,100 AI companies, Yu Xiaohui, president of the China Academy of "
                  "Information and Communications Technology, told CGTN.", published="2025-07-27")
    assert [claims[t].attribution for t in ("800", "3,000", "70,000 square meters")] == [None, None, None]
    assert claims["5,100"].attribution == "CAICT"


# -- 3. organisations outside the tables ----------------------------------------------------------

def test_a_body_outside_the_tables_is_credited_by_its_full_english_name():
    claims = read("Shanghai's AI industry scale reached 380.3 billion yuan in 2023, according to the Shanghai "
                  "Municipal Commission of Economy and Informatization.", published="2024-07-05")
    assert claims["380.3 billion yuan"].attribution == "Shanghai Municipal Commission of Economy and Informatization"


def test_a_body_introduced_with_its_acronym_is_credited_by_the_acronym():
    claims = read("New energy vehicle sales rose 35.5 percent to 12.87 million units in 2024, the China Association "
                  "of Automobile Manufacturers (CAAM) said.", published="2025-01-13")
    assert claims["12.87 million"].attribution == "CAAM"


def test_local_authorities_are_the_body_named_in_the_next_sentence():
    claims = read("Beijing's digital economy added 1.88 trillion yuan in 2023, local authorities said. The Beijing "
                  "Municipal Bureau of Statistics put its share of the city's GDP at 42.9 percent.", published="2024-02-05")
    assert claims["1.88 trillion yuan"].attribution == "Beijing Municipal Bureau of Statistics"


# -- 4. speakers -> organisations -------------------------------------------------------------------

def test_an_official_by_title_credits_the_ministry_and_so_does_the_surname_later():
    claims = read("China built 874,000 5G base stations last year, Zhao Zhiguo, chief engineer of the Ministry of "
                  "Industry and Information Technology, said on Monday.\n\n"
                  "The number of 5G mobile phone users reached 1.014 billion, according to Zhao.\n\n"
                  "Gigabit broadband users totaled 207 million, Zhao said.", published="2025-01-21")
    assert {c.attribution for c in claims.values()} == {"MIIT"}


def test_an_officer_named_after_the_body_credits_the_body():
    claims = read("European Commission President Ursula von der Leyen on Tuesday announced an initiative to mobilize "
                  "200 billion euros for investment in artificial intelligence.", published="2025-02-12")
    assert claims["200 billion euros"].attribution == "European Commission"


def test_an_analyst_at_a_firm_credits_the_firm():
    claims = read("Smartphone shipments in the Chinese mainland rose 4 percent to 285 million units in 2024, an "
                  "analyst at market research firm Canalys told the Global Times.", published="2025-02-14")
    assert claims["285 million"].attribution == "Canalys"


# -- 5. relays are not sources ----------------------------------------------------------------------

def test_a_relay_credits_the_originating_body():
    claims = read("China's intelligent computing capacity is expected to reach 1,037.3 EFLOPS this year, Reuters "
                  "reported on Thursday, citing a report by the International Data Corporation (IDC).\n\n"
                  "In China, the core AI industry reached nearly 600 billion yuan last year, Xinhua reported at the "
                  "time, citing the Ministry of Industry and Information Technology.", published="2025-02-14")
    assert claims["1,037.3 EFLOPS"].attribution == "IDC"
    assert claims["600 billion yuan"].attribution == "MIIT"


def test_a_forecast_by_a_firm_credits_the_firm():
    claims = read("A separate forecast by the International Data Corporation puts global AI spending at 632 billion "
                  "dollars in 2028.", published="2025-04-02")
    assert claims["632 billion dollars"].attribution == "IDC"


# -- 7. elliptical metrics ------------------------------------------------------------------------

def test_the_number_of_enterprises_in_the_ai_sector_counts_ai_enterprises():
    claims = read("In the artificial intelligence sector, the number of enterprises has exceeded 4,500, the "
                  "ministry said.", published="2025-01-21")
    assert (claims["4,500"].metric, claims["4,500"].unit) == ("ai_enterprises", "count")


def test_people_who_used_generative_ai_are_generative_ai_users():
    claims = read("By the end of 2024, 249 million people in the country had used generative artificial "
                  "intelligence (AI) products, according to the China Internet Network Information Center.")
    assert claims["249 million"].metric == "genai_users"


def test_a_bare_head_noun_is_the_metric_just_named():
    claims = read("China had 4.251 million 5G base stations by the end of 2024, the ministry said. The stations "
                  "made up 33.6 percent of all mobile base stations.\n\n"
                  "Intelligent computing capacity grew fast. The capacity stood at 725.3 EFLOPS in 2024.",
                  published="2025-01-21")
    assert claims["33.6 percent"].metric == "5g_base_stations"
    assert claims["725.3 EFLOPS"].metric == "computing_power_intelligent"


# -- 11. kind ---------------------------------------------------------------------------------------

def test_a_count_that_was_added_is_a_change_and_the_total_a_level():
    claims = read("A total of 302 generative AI services had been filed as of Dec. 31, 2024. Of these, 238 were "
                  "added last year.\n\nChina built 874,000 5G base stations last year, bringing the total to "
                  "4.251 million.", published="2025-01-22")
    assert claims["238"].kind == "change"
    assert (claims["874,000"].kind, claims["4.251 million"].kind) == ("change", "level")


def test_another_set_is_a_level_and_an_additional_amount_a_change():
    claims = read("By the same date, another 105 generative AI apps had been registered with local cyberspace "
                  "offices. The plan will add an additional 500 billion yuan.", published="2025-01-22")
    assert claims["105"].kind == "level"
    assert claims["500 billion yuan"].kind == "change"


# -- 8. geo from the noun phrase ---------------------------------------------------------------------

def test_the_worlds_total_is_global_and_a_share_of_it_is_the_parts():
    claims = read("China is home to more than 5,100 AI companies, about 15 percent of the global total. There are 71 "
                  "AI unicorns in China, accounting for about 26 percent of the world's 271.", published="2025-07-27")
    assert (claims["15 percent"].geo, claims["26 percent"].geo, claims["271"].geo) == ("China", "China", "global")


def test_other_countries_figures_are_theirs():
    claims = read("Private investment in AI in the US reached 109.1 billion dollars in 2024, compared with 9.3 billion "
                  "dollars in China and 4.5 billion dollars in the UK. The US figure was nearly 12 times China's.",
                  published="2025-04-10")
    assert [claims[t].geo for t in ("109.1 billion dollars", "9.3 billion dollars", "4.5 billion dollars", "12 times")] \
        == ["US", "China", "UK", "US"]


def test_a_place_in_a_rank_is_not_the_figures():
    claims = read("China's computational power ranked second globally, following the US, with a growth of 9.4% "
                  "from 180 EFLOPS in 2022.", published="2023-10-10")
    assert claims["9.4%"].geo == "China"


def test_an_events_logistics_are_where_it_is_held_and_places_listed_together_are_joined():
    claims = read("The 2025 World Artificial Intelligence Conference opened in Shanghai on Saturday, bringing together "
                  "more than 800 companies.\n\nChina and the United States lead by a big margin, accounting for "
                  "more than 80% of large models.", published="2025-07-27")
    assert claims["800"].geo == "Shanghai"
    assert claims["80%"].geo == "China and US"


# -- 6. undated texts; 9. spans of time ------------------------------------------------------------

def test_an_undated_text_takes_the_year_of_its_event():
    claims = by_text(extract_claims(
        "The report was unveiled at the Global Digital Economy Conference 2023. There are 1,032 unicorn "
        "enterprises in the digital economy worldwide.", lang="en", published=None))
    assert claims["1,032"].period == "2023"


def test_a_change_since_the_end_of_the_previous_year_runs_from_the_next_month():
    claims = read("By the end of 2023, the total number of 5G base stations reached 3.377 million, a net increase "
                  "of 1.065 million from the end of the previous year.", published="2024-01-25")
    assert claims["1.065 million"].period == "2023-01/2023-12"
    assert claims["3.377 million"].period == "2023"


def test_compared_with_the_end_of_a_month_runs_from_the_next_month_and_released_in_dates_the_release():
    claims = read("China's internet users numbered 1.092 billion as of December 2023, an increase of 24.8 million "
                  "compared with December 2022.\n\nChina had 1.0996 billion internet users by the end of June, "
                  "according to data the CNNIC released in August. The penetration rate stood at 78 percent.",
                  published="2024-11-20")
    assert claims["24.8 million"].period == "2023-01/2023-12"
    assert claims["78 percent"].period == "2024-06"


def test_a_comparison_with_a_base_year_keeps_the_as_of_time():
    claims = read("China's digital economy reached 50.2 trillion yuan as of December 2022, up by 887,000 yuan "
                  "from 2021. The figure was 3.7 trillion yuan more than in 2022.", published="2023-05-23")
    assert claims["887,000 yuan"].period == "2022-12"


def test_the_past_n_years_end_at_the_latest_data_year_of_the_paragraph():
    claims = read("By the end of 2022, China's data centre racks exceeded 6.5 million. Data centers expanded by an "
                  "average annual growth of 30 percent in the past five years.", published="2023-05-23")
    assert claims["30 percent"].period == "2017/2022"


def test_a_sentence_that_continues_a_figure_takes_its_time_across_a_paragraph_break():
    claims = read("China's digital economy expanded to 53.9 trillion yuan in 2023, a report said.\n\n"
                  "The figure was 3.7 trillion yuan more than in 2022.", published="2024-08-31")
    assert claims["3.7 trillion yuan"].period == "2023"


def test_the_year_before_is_the_year_before_the_one_named():
    claims = read("Worldwide, 78 percent of organizations reported using AI in 2024, up from 55 percent the year before.",
                  published="2025-04-10")
    assert claims["55 percent"].period == "2023"


def test_a_headline_figure_restated_in_the_body_takes_the_bodys_credit():
    claims = extract_claims("China's intelligent computing capacity set to grow 43 percent in 2025\n\n"
                            "China's intelligent computing capacity is expected to reach 1,037.3 EFLOPS this year, up "
                            "43 percent from 2024, Reuters reported, citing a report by IDC.", lang="en", published="2025-02-14")
    assert [c.attribution for c in claims if c.text == "43 percent"] == ["IDC", "IDC"]


def test_a_share_of_gdp_growth_is_not_a_share_of_gdp():
    claims = read("The digital economy contributed 66.45 percent of the country's GDP growth in 2023.", published="2024-08-31")
    assert not claims["66.45 percent"].metric.endswith("_gdp_share")


# -- found on batch B after its scoring (the batch's result is its first score) --------------------

def test_top_before_an_amount_is_a_verb_not_a_rank():
    claims = read("Worldwide AI spending will total nearly 1.5 trillion U.S. dollars in 2025, Gartner said. The figure "
                  "is set to top 2 trillion dollars in 2026.", published="2025-12-28")
    assert (claims["2 trillion dollars"].qualifier, claims["2 trillion dollars"].period) == ("more_than", "2026")


def test_places_paired_by_respectively_after_the_figures():
    claims = read("The US, China, Europe and Japan accounted for 34 percent, 33 percent, 14 percent and 5 percent of "
                  "global computing power respectively in 2022, according to CAICT.", published="2024-04-29")
    assert [claims[t].geo for t in ("34 percent", "33 percent", "14 percent", "5 percent")] == ["US", "China", "Europe", "Japan"]


def test_around_the_world_is_global_and_a_survey_compiler_is_its_source():
    claims = read("Around the world, about 5.4 billion people used the internet in 2023.\n\nChina produced 32.85 "
                  "zettabytes of data in 2023, according to a survey report.\n\nThe National Data Administration, "
                  "which compiled the survey, said it would push the data industry.", published="2024-05-24")
    assert claims["5.4 billion"].geo == "global"
    assert claims["32.85 zettabytes"].attribution == "NDA"


def test_the_number_of_a_long_noun_phrase_is_a_count():
    claims = read("Statistics showed that the number of software enterprises above designated size exceeded 38,000.",
                  published="2025-01-28")
    assert claims["38,000"].unit == "count"
