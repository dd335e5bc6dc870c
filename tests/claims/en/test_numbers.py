"""The English number finder: what is a number mention, its exact value, unit and qualifier."""

from decimal import Decimal

import pytest

from extractors.claims.lang.en.numbers import find_quantities


def only(text):
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def first(text):
    found = find_quantities(text)
    assert found, text
    return found[0]


@pytest.mark.parametrize("text, written, value, unit", [
    ("revenues would near RMB 1.2 trillion by year end", "RMB 1.2 trillion", Decimal("1.2e12"), "CNY"),
    ("surpassed one trillion yuan, equal to", "one trillion yuan", Decimal("1e12"), "CNY"),
    ("equal to roughly USD 150 billion.", "USD 150 billion", Decimal("1.5e11"), "USD"),
    ("added CNY50.2 trillion (USD7.1 trillion) to", "CNY50.2 trillion", Decimal("5.02e13"), "CNY"),
    ("exceeded US$30.2 trillion, accounting", "US$30.2 trillion", Decimal("3.02e13"), "USD"),
    ("reached us $32.6 trillion in 2020", "$32.6 trillion", Decimal("3.26e13"), "USD"),
    ("a scale of ¥50.2 trillion", "¥50.2 trillion", Decimal("5.02e13"), "CNY"),
    ("reaching 12.34 trillion US dollars.", "12.34 trillion US dollars", Decimal("1.234e13"), "USD"),
    ("(about 207 billion U.S. dollars) during", "207 billion U.S. dollars", Decimal("2.07e11"), "USD"),
    ("Surpasses 700 Billion Yuan in 2024", "700 Billion Yuan", Decimal("7e11"), "CNY"),
    ("to reach 9,499.4 billion yuan", "9,499.4 billion yuan", Decimal("9.4994e12"), "CNY"),
    ("a loan of 900 bln yuan", "900 bln yuan", Decimal("9e11"), "CNY"),
    ("raised $5m last week", "$5m", Decimal("5e6"), "USD"),
    ("worth RMB3bn", "RMB3bn", Decimal("3e9"), "CNY"),
    ("issued HK$1.2 billion of bonds", "HK$1.2 billion", Decimal("1.2e9"), "HKD"),
    ("a fund of 2 billion euros", "2 billion euros", Decimal("2e9"), "EUR"),
    ("computing power reached 180 EFLOPS, ranking", "180 EFLOPS", Decimal("180"), "EFLOPS"),
    ("capacity has exceeded 1000 EB, the ministry", "1000 EB", Decimal("1000"), "EB"),
    ("usage per user at 19 GB.", "19 GB", Decimal("19"), "GB"),
    ("an area of 100,000 square meters", "100,000 square meters", Decimal("100000"), "m2"),
    ("an increase of 0.9 percent.", "0.9 percent", Decimal("0.9"), "%"),
    ("grew by 9.7 per cent last year", "9.7 per cent", Decimal("9.7"), "%"),
    ("accounting for 40.3% of GDP", "40.3%", Decimal("40.3"), "%"),
    ("up 1.7 percentage points.", "1.7 percentage points", Decimal("1.7"), "pp"),
    ("a more than 300-fold increase", "300-fold", Decimal("300"), "x"),
    ("three times the number five years ago", "three times", Decimal("3"), "x"),
    ("a 300x jump", "300x", Decimal("300"), "x"),
    ("could add another half-trillion yuan within", "half-trillion yuan", Decimal("5e11"), "CNY"),
    ("the user base reached 1.123 billion, with", "1.123 billion", Decimal("1.123e9"), "count"),
    ("more than 5,300 AI companies", "5,300", Decimal("5300"), "count"),
])
def test_amounts_are_exact_in_base_units(text, written, value, unit):
    quantity = first(text)
    assert (quantity.text, quantity.value, quantity.unit) == (written, value, unit)
    assert text[quantity.start:quantity.end] == quantity.text


def test_scaled_values_are_exact_decimals_not_floats():
    quantity = only("RMB 1.2 trillion")
    assert quantity.value == Decimal("1200000000000")
    assert str(quantity.value) == "1200000000000.0"
    assert quantity.precision == Decimal("1e11")


@pytest.mark.parametrize("text, low, high, unit", [
    ("add another 18-20 percent.", Decimal(18), Decimal(20), "%"),
    ("between 3 and 5 percent", Decimal(3), Decimal(5), "%"),
    ("estimated at 1.2-1.5 trillion yuan", Decimal("1.2e12"), Decimal("1.5e12"), "CNY"),
    ("some 18–20 percent", Decimal(18), Decimal(20), "%"),
])
def test_ranges_have_bounds_and_no_value(text, low, high, unit):
    quantity = only(text)
    assert (quantity.value, quantity.low, quantity.high, quantity.unit, quantity.qualifier) == (None, low, high, unit, "range")


@pytest.mark.parametrize("text, qualifier", [
    ("more than 700 models", "more_than"),
    ("over 5,300 firms", "more_than"),
    ("had surpassed one trillion yuan", "more_than"),
    ("topped 1.18 billion", "more_than"),
    ("soared beyond 30 trillion", "more_than"),
    ("about 26 percent", "approx"),
    ("roughly USD 150 billion", "approx"),
    ("some 23,500 permits", "approx"),
    ("nearly 30 percent", "nearly"),
    ("almost 76 percent", "nearly"),
    ("would near RMB 1.2 trillion", "nearly"),
    ("at least 2.445 million stations", "at_least"),
    ("less than 20 percent", "less_than"),
    ("to under 1 million dollars", "less_than"),
    ("up to 40 percent", "at_most"),
    ("5,000 firms or more", "more_than"),
    ("reached 1.7 million", "exact"),
])
def test_qualifiers_are_read_from_the_words_next_to_the_number(text, qualifier):
    assert only(text).qualifier == qualifier


@pytest.mark.parametrize("text, value, unit, kind_hint", [
    ("about half of the country's digital economy", Decimal(50), "%", "share"),
    ("improved by more than a third", Decimal("33.3"), "%", "growth"),
    ("at one-fifth the price of", Decimal("0.2"), "x", "multiple"),
    ("more than doubling in just", Decimal(2), "x", "multiple"),
    ("output tripled", Decimal(3), "x", "multiple"),
    ("more than one in three internet users", Decimal("33.3"), "%", "share"),
    ("about a quarter used them for office work", Decimal(25), "%", "share"),
    ("half the survey participants", Decimal(50), "%", "share"),
])
def test_definite_fractions_and_multiples_in_words(text, value, unit, kind_hint):
    quantity = only(text)
    assert (quantity.value, quantity.unit, quantity.kind_hint) == (value, unit, kind_hint)


def test_number_words_count_things():
    quantity = only("Chinese organisations released two LLMs in 2020")
    assert (quantity.value, quantity.unit, quantity.counted_noun, quantity.spelled) == (2, "count", "LLMs", True)


def test_counted_nouns_skip_bracketed_acronyms_and_names_with_digits():
    assert only("there are 4,400 artificial intelligence (AI) firms in China").counted_noun == "artificial intelligence firms"
    assert only("it requires 26 5G base stations per 10,000 people").counted_noun == "5G base stations"
    assert only("filed 6,276 such patent families").counted_noun == "patent families"


@pytest.mark.parametrize("text", [
    "in 2024, the year",
    "On 26 December 2025, Xinhua reported",
    "BEIJING, Dec. 4 (Xinhua) --",
    "Published: Jun 20, 2024 09:20 PM",
    "23/5 2023 11:30",
    "date 2023-04-12",
    "ranked second in the world, the sixth World Intelligence Congress",
    "the 10th China International Copyright Expo",
    "within two years",
    "over the past three years",
    "in just 18 months",
    "less than 20 days after its launch",
    "users aged 60 and above",
    "5G networks",
    "Alibaba unveiled Qwen3-Max",
    "GPT-4 and COVID-19",
    "the 14th Five-Year Plan",
    "the top 10 positions",
    "No. 2 globally",
    "the first half of 2025",
    "the first three quarters",
    "double-digit growth",
    "three digit USD equivalent",
    "call 010-65123456",
    "see https://example.com/2025/700-billion-yuan-report-1122491510.html",
    "1,2,3,4,5",
    "$$$",
    "the 2021-2025 period",
    "9" * 400,
    "per 10,000 people",
    "about half a year",
    "dozens of provinces and hundreds of firms",
    "tens of billions of yuan",
    "the team won 3 in 10",
    "it grew 2 in 5 years",
])
def test_numbers_that_are_not_amounts_stay_out(text):
    assert [q.text for q in find_quantities(text)] == []


def test_a_long_run_of_digits_is_no_amount():
    assert find_quantities("7" * 10_000) == []
    assert [q.text for q in find_quantities("3" * 5_000 + " percent, then 12 percent")] == ["12 percent"]


def test_offsets_index_the_text_as_given():
    text = "“Growth” — CNY50.2 trillion (USD7.1 trillion) …"
    for quantity in find_quantities(text):
        assert text[quantity.start:quantity.end] == quantity.text
