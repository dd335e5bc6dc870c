"""The evaluation gate: scoring rules, and floors that a change may not lower."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SHARED
from extractors.records import Claim
from extractors.evaluation import (
    FIELDS,
    GOLD_SETS,
    GoldError,
    checksum,
    evaluate,
    field_correct,
    format_report,
    gate_figures,
    gold_set_documents,
    load_floors,
    load_gold_file,
    pair,
    score_gold,
)



def gold_file(tmp_path, text, claims, lang="en", published="2025-12-27"):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"language": lang, "published": published, "text": text, "claims": claims}), encoding="utf-8")
    return load_gold_file(path)


def gold_claim(text, value, unit, occurrence=1, optional=False, **fields):
    record = {"text": text, "occurrence": occurrence, "value": value, "low": None, "high": None, "unit": unit,
              "optional": optional, "qualifier": "exact", "kind": "level", "metric": "ai_enterprises",
              "period": "2025", "modality": "actual", "attribution": None}
    record.update(fields)
    return record


def predicted(text, start, value, unit, **fields):
    record = dict(text=text, start=start, end=start + len(text), value=None if value is None else Decimal(str(value)),
                  low=None, high=None, unit=unit, qualifier="exact", kind="level", metric="ai_enterprises",
                  metric_text="", geo="China", period="2025", modality="actual", attribution=None, sentence="")
    record.update(fields)
    return Claim(**record)


# -- scoring rules -------------------------------------------------------------------------

def test_gold_claims_are_located_by_occurrence(tmp_path):
    document = gold_file(tmp_path, "700 then 700 again", [gold_claim("700", 700, "count", occurrence=2)])
    assert (document.claims[0].start, document.claims[0].end) == (9, 12)


def test_a_claim_that_is_not_in_its_text_is_an_error(tmp_path):
    with pytest.raises(GoldError):
        gold_file(tmp_path, "no such number", [gold_claim("700", 700, "count")])


def test_pairs_need_overlap_equal_unit_and_value_within_half_a_percent(tmp_path):
    document = gold_file(tmp_path, "RMB 900 billion and 24 percent", [
        gold_claim("RMB 900 billion", 9e11, "CNY"), gold_claim("24 percent", 24, "%")])
    close = predicted("900 billion", 4, 9.04e11, "CNY")           # 0.44% off, span inside
    wrong_unit = predicted("24 percent", 20, 24, "pp")
    pairs, extra, missed = pair([close, wrong_unit], document.claims)
    assert [(p.text, g.text) for p, g in pairs] == [("900 billion", "RMB 900 billion")]
    assert extra == [wrong_unit] and [g.text for g in missed] == ["24 percent"]
    assert pair([predicted("900 billion", 4, 9.1e11, "CNY")], document.claims[:1])[0] == []


def test_ranges_pair_on_both_bounds(tmp_path):
    claim = gold_claim("18-20 percent", None, "%", low=18, high=20)
    document = gold_file(tmp_path, "another 18-20 percent", [claim])
    good = predicted("18-20 percent", 8, None, "%", low=Decimal(18), high=Decimal(20))
    bad = predicted("18-20 percent", 8, None, "%", low=Decimal(18), high=Decimal(25))
    assert len(pair([good], document.claims)[0]) == 1
    assert pair([bad], document.claims)[0] == []


def test_optional_gold_claims_count_neither_way(tmp_path):
    document = gold_file(tmp_path, "Trillion milestone: 700 firms", [
        gold_claim("700", 700, "count"), gold_claim("Trillion", 1e12, "CNY", optional=True)])
    report = evaluate([document], extractor=lambda d: [predicted("700", 20, 700, "count")])
    score = report.by_language["en"]
    assert (score.true_positives, score.false_positives, score.false_negatives) == (1, 0, 0)
    report = evaluate([document], extractor=lambda d: [predicted("700", 20, 700, "count"), predicted("Trillion", 0, 1e12, "CNY")])
    assert report.by_language["en"].false_positives == 0


def test_field_rules(tmp_path):
    document = gold_file(tmp_path, "5,300 firms", [gold_claim("5,300", 5300, "count", period="2025", attribution="CAICT")])
    gold = document.claims[0]
    assert field_correct("period", predicted("5,300", 0, 5300, "count", period="2025-12"), gold)
    assert not field_correct("period", predicted("5,300", 0, 5300, "count", period="2024-12"), gold)
    assert field_correct("attribution", predicted("5,300", 0, 5300, "count", attribution="caict"), gold)
    free_key = gold_file(tmp_path, "71 unicorns", [gold_claim("71", 71, "count", metric="ai_unicorns")]).claims[0]
    assert field_correct("metric", predicted("71", 0, 71, "count", metric="unicorns"), free_key) is None


def test_languages_without_rules_are_reported_not_scored(tmp_path):
    document = gold_file(tmp_path, "人工智能企业超过5300家", [gold_claim("5300", 5300, "count")], lang="xx")
    report = evaluate([document])
    assert report.by_language == {} and "xx" in report.skipped
    assert "not scored" in format_report(report)


def test_checksum_changes_with_the_gold(tmp_path):
    path = tmp_path / "a.json"
    path.write_text("{}")
    before = checksum([path])
    path.write_text('{"x": 1}')
    assert checksum([path]) != before


def test_the_report_prints_a_table_of_every_field(tmp_path):
    document = {"language": "en", "published": "2025-10-28", "text": "China is home to more than 5,100 AI companies.",
                "claims": [gold_claim("5,100", 5100, "count", qualifier="more_than", period="2025-10")]}
    (tmp_path / "x.json").write_text(json.dumps(document), encoding="utf-8")
    out = format_report(score_gold([tmp_path]))
    assert "en" in out and "1.000" in out and all(name in out for name in FIELDS)


def test_no_gold_files_is_an_error(tmp_path):
    with pytest.raises(GoldError, match="no gold files"):
        score_gold([tmp_path])


# -- the gate ------------------------------------------------------------------------------

FLOORS = load_floors()


@pytest.mark.parametrize("lang, name", [(lang, name) for lang, sets in FLOORS["floors"].items() for name in sets])
def test_scores_stay_at_or_above_their_floors_and_targets(lang, name):
    if name == "shared" and not SHARED.is_dir():
        pytest.skip("../shared is absent")
    documents = gold_set_documents(name, lang)
    pinned = FLOORS["floors"][lang][name]
    assert checksum(d.path for d in documents) == pinned["checksum"], (
        f"{lang}/{name} gold files changed: re-pin the floors deliberately "
        f"(python -m extractors.evaluation --pin --lang {lang})")
    figures = gate_figures(documents)
    for field, floor in pinned["scores"].items():
        assert figures[field] >= floor, f"{lang}/{name} {field} fell to {figures[field]:.3f} (floor {floor})"
    for field, target in FLOORS["targets"].get(lang, {}).items():
        assert figures[field] >= target, f"{lang}/{name} {field} {figures[field]:.3f} is under the target {target}"


def test_every_gold_set_in_a_language_with_floors_is_pinned():
    for lang in FLOORS["floors"]:
        for name in GOLD_SETS:
            if name == "shared" and not SHARED.is_dir():
                continue
            if gold_set_documents(name, lang):
                assert name in FLOORS["floors"][lang], f"{lang}/{name} has gold but no floors"
