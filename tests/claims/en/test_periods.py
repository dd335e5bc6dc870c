"""Shared building blocks of claim assembly: periods, sentences, alias matching."""

from datetime import date

import pytest

from extractors.claims import periods as claim_periods
from extractors.claims.lang.en.periods import find_periods
from extractors.claims.lang.en.tokens import english_name_tokens, english_tokens
from extractors.claims.linking import AliasMatcher, Token, derive_key, metric_matcher, organisation_matcher
from extractors.claims.sentences import split_sentences

REFERENCE = claim_periods.Reference(date(2025, 12, 4))


@pytest.mark.parametrize("spec, period", [
    (claim_periods.PeriodSpec(year=2024), "2024"),
    (claim_periods.PeriodSpec(year_offset=-1), "2024"),
    (claim_periods.PeriodSpec(month=10), "2025-10"),
    (claim_periods.PeriodSpec(month=12), "2025-12"),
    (claim_periods.PeriodSpec(year=2025, month=12, day=25), "2025-12-25"),
    (claim_periods.PeriodSpec(months=(1, 11)), "2025-01/2025-11"),
    (claim_periods.PeriodSpec(quarter=3, year=2025), "2025-Q3"),
    (claim_periods.PeriodSpec(half=1, year_offset=0), "2025-H1"),
    (claim_periods.PeriodSpec(year=2016, until=claim_periods.PeriodSpec(year=2022)), "2016/2022"),
    (claim_periods.PeriodSpec(past_years=5), "2020/2024"),
    (claim_periods.PeriodSpec(next_years=4), "2026/2029"),
    (claim_periods.PeriodSpec(within_years=2), "2027"),
    (claim_periods.PeriodSpec(current=True), "2025-12"),
])
def test_resolution_against_the_publication_date(spec, period):
    assert claim_periods.resolve(spec, REFERENCE) == period


def test_a_month_not_yet_come_is_last_years():
    assert claim_periods.resolve(claim_periods.PeriodSpec(month=12), claim_periods.Reference(date(2023, 5, 23))) == "2022-12"


def test_relative_time_without_any_date_is_unresolved():
    assert claim_periods.resolve(claim_periods.PeriodSpec(year_offset=-1), claim_periods.Reference(None)) is None
    assert claim_periods.resolve(claim_periods.PeriodSpec(year_offset=-1), claim_periods.Reference(None, inferred_year=2025)) == "2024"
    assert claim_periods.resolve(claim_periods.PeriodSpec(after_previous=1), claim_periods.Reference(None, previous_year=2021)) == "2022"


def test_interval_arithmetic():
    assert claim_periods.after_until("2024", "2025-10") == "2025-01/2025-10"
    # a change since the end of a year runs over its months (CLAIMS.md: 较上年末 -> 2024-01/2024-12)
    assert claim_periods.after_until("2021", "2022") == "2022-01/2022-12"
    assert claim_periods.after_until("2022", "2023-06") == "2023-01/2023-06"
    assert claim_periods.months_ending("2025-06", 18) == "2024-01/2025-06"
    assert claim_periods.interval("2012", "2021") == "2012/2021"
    assert claim_periods.bounds("2025-Q3") == ((2025, 7), (2025, 9))
    assert claim_periods.ends_after("2026", REFERENCE) and not claim_periods.ends_after("2025-11", REFERENCE)


def test_a_bare_year_matches_a_month_or_day_of_that_year():
    assert claim_periods.year_matches("2025", "2025-04") and claim_periods.year_matches("2025-12-25", "2025")
    assert not claim_periods.year_matches("2025", "2024-04") and not claim_periods.year_matches("2025", "2025-01/2025-06")
    assert claim_periods.year_matches(None, None) and not claim_periods.year_matches(None, "2025")


def test_published_dates_are_read_leniently():
    assert claim_periods.parse_published("2025-12-26T10:02:00+08:00") == date(2025, 12, 26)
    assert claim_periods.parse_published(date(2025, 1, 2)) == date(2025, 1, 2)
    assert claim_periods.parse_published("yesterday") is None and claim_periods.parse_published("2025-13-45") is None


@pytest.mark.parametrize("text, expected", [
    ("In 2024, revenue grew.", [("2024", claim_periods.AT)]),
    ("up 10 percent from 2021", [("2021", claim_periods.BASE)]),
    ("will reach 300 EFLOPS by 2025", [("2025", claim_periods.BY)]),
    ("On 26 December 2025, Xinhua reported", [("26 December 2025", claim_periods.REPORT)]),
    ("from 2016 to 2022, the economy", [("from 2016 to 2022", claim_periods.SPAN)]),
    ("in January-November", [("January-November", claim_periods.SPAN)]),
    ("at the 2025 World AI Conference", []),
    ("the Global Digital Economy Conference 2023 in Beijing", []),
    ("in just 18 months", [("in just 18 months", claim_periods.DURATION)]),
    ("so far this year", [("so far this year", claim_periods.AT)]),
    ("a report the CAC released today", [("today", claim_periods.REPORT)]),
])
def test_time_expressions_and_their_roles(text, expected):
    assert [(text[m.start:m.end], m.role) for m in find_periods(text, 0, len(text))] == expected


def test_sentences_paragraphs_and_headings():
    text = ("China AI Scale Hits Trillion-Yuan Milestone\n\nBEIJING, Dec. 4 (Xinhua) -- The U.S. total rose 5 percent. "
            "It fell in Q3.\n  • 2024 core size: RMB 900 billion.\nIn 2024, the scale of the core industry\n"
            "approached 900 billion yuan.")
    sentences = split_sentences(text, abbreviations=frozenset({"dec"}))
    pieces = [(text[s.start:s.end], s.paragraph, s.heading) for s in sentences]
    assert pieces == [
        ("China AI Scale Hits Trillion-Yuan Milestone", 0, True),
        ("BEIJING, Dec. 4 (Xinhua) -- The U.S. total rose 5 percent.", 1, False),
        ("It fell in Q3.", 1, False),
        ("2024 core size: RMB 900 billion.", 2, False),
        ("In 2024, the scale of the core industry\napproached 900 billion yuan.", 3, False),
    ]


def test_a_pdf_line_cut_after_a_function_word_continues_even_before_a_figure():
    text = "The number of AI enterprises exceeded 4,500, and the country released more than\n200 large models."
    (sentence,) = split_sentences(text)
    assert (sentence.start, sentence.end, sentence.heading) == (0, len(text), False)
    assert [s.heading for s in split_sentences("Key findings\n200 large models were released.")] == [True, False]


def test_overlong_runs_are_cut_into_bounded_sentences():
    sentences = split_sentences("word " * 10_000)
    assert len(sentences) > 1 and all(s.end - s.start <= 1500 for s in sentences)


def test_alias_matching_is_leftmost_longest_and_ignores_bracketed_acronyms():
    matches = metric_matcher("en", english_tokens).find(english_tokens(
        "China's core artificial intelligence (AI) industry and its AI firms", 0, 66))
    assert [m.payload.key for m in matches] == ["ai_core_industry_size", "ai_enterprises"]
    matcher = AliasMatcher([(("a",), 1), (("a", "b"), 2)])
    assert [m.payload for m in matcher.find([Token("a", 0, 1), Token("b", 2, 3), Token("a", 4, 5)])] == [2, 1]


def test_acronyms_are_names_only_in_capitals():
    text = "the most valuable firms, according to MOST"
    found = organisation_matcher("en", english_name_tokens).find(english_name_tokens(text, 0, len(text)))
    assert [(text[m.start:m.end], m.payload.short) for m in found] == [("MOST", "MOST")]


def test_derived_keys_are_stable_snake_case():
    assert derive_key("AI unicorns") == "ai_unicorns"
    assert derive_key("Research and development spending") == "research_and_development_spending"
    assert derive_key("") == "unspecified"
