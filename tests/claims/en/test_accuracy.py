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
