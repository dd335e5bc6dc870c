"""Bad input gives a clear result, never an exception or a hang; spans always lie in the text."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED
from extractors.claims import extract_claims
from extractors.claims.lang.en.numbers import find_quantities

FIXTURES = SHARED / "fixtures" / "real"

PIECES = st.sampled_from([
    " ", "\n", "\n\n", ". ", ", ", "(", ")", "-", "–", "%", "$", "¥", "US$", "RMB", "CNY", "percent", "per cent",
    "percentage points", "billion", "trillion", "million", "bln", "k", "times", "-fold", "yuan", "dollars", "EFLOPS",
    "more than", "nearly", "about", "between", "and", "to", "from", "in", "by", "last year", "by 2025", "as of June",
    "according to", "CAICT", "the ministry", "said", "half", "a third", "two", "one", "doubled", "AI companies",
    "5G base stations", "2024", "2025's", "Q3", "first half", "January-November", "0", "1", "7", "12", "1,2,3",
    "9,499.4", "18-20", "1.2-1.5", "人工智能", "超过", "万亿元", "\ufffd", "\x00", "\u200b", "🙂",
])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=80).map("".join),
)


def check(text, claims):
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start:claim.end] == claim.text
        assert claim.sentence and claim.sentence in text
        for number in (claim.value, claim.low, claim.high):
            assert number is None or number.is_finite()
        assert claim.value is not None or (claim.low is not None and claim.high is not None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([None, "2025-12-27", "2019-01-01"]))
def test_any_text_gives_claims_inside_the_text_with_finite_values(text, published):
    check(text, extract_claims(text, lang="en", published=published))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_number_mentions_lie_inside_the_text(text):
    for quantity in find_quantities(text):
        assert text[quantity.start:quantity.end] == quantity.text


def test_the_bad_inputs_of_the_issue():
    garbage = bytes(range(256)).decode("latin-1") * 40 + (b"\x89PNG\r\n\x1a\n" * 50).decode("utf-8", "replace")
    cases = {
        "empty": "",
        "no numbers": "A text about nothing in particular, with no figures at all.",
        "garbage": garbage,
        "lone surrogates": "Revenue grew \ud800 24 percent \udfff last year.",
        "400 digits": "The count reached " + "9" * 400 + " firms.",
        "a list": "1,2,3,4,5",
        "dollars": "$$$",
        "mixed scripts": "China's AI industry exceeded 900 billion yuan (人工智能核心产业规模超9000亿元) in 2024.",
    }
    results = {name: extract_claims(text, lang="en", published="2025-01-01") for name, text in cases.items()}
    for name, text in cases.items():
        check(text, results[name])
    assert results["empty"] == results["no numbers"] == results["a list"] == results["dollars"] == []
    assert results["400 digits"] == []
    assert [c.text for c in results["lone surrogates"]] == ["24 percent"]
    assert [c.text for c in results["mixed scripts"]] == ["900 billion yuan"]


def test_ten_thousand_digits_and_a_five_megabyte_text_finish():
    assert extract_claims("7" * 10_000, lang="en") == []
    paragraph = ("China's core AI industry reached 578.4 billion yuan in 2023, up 13.9 percent, according to a report "
                 "by the Chinese Institute of New Generation AI Development Strategies. Analysts expect growth to "
                 "continue as more companies adopt large models across manufacturing, finance and healthcare.\n\n")
    text = paragraph * (5_000_000 // len(paragraph) + 1)
    claims = extract_claims(text, lang="en", published="2024-06-20")
    assert len(claims) == 2 * text.count("578.4")
    check(text[:10_000], [c for c in claims if c.end <= 10_000])


def test_real_saved_pages_as_text_do_not_break_the_extractor():
    if not FIXTURES.is_dir():
        return
    for page in sorted(FIXTURES.rglob("*.html"))[:6]:
        text = page.read_bytes().decode("utf-8", "replace")[:200_000]
        check(text, extract_claims(text, lang="en"))


def test_gold_texts_round_trip_through_json():
    claims = extract_claims("Revenue rose 10 percent to 13.73 trillion yuan in 2024.", published="2025-01-27")
    assert json.loads(json.dumps([c.to_dict() for c in claims]))[1]["value"] == 13730000000000
