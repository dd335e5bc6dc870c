"""The evaluation gate: scoring rules, and floors that a change may not lower."""

import json
from dataclasses import replace
from decimal import Decimal
from functools import cache

import pytest

from conftest import SHARED
from extractors.claims import EXTRACTOR_VERSION, extract_claims
from extractors.evaluation import (
    FIELDS,
    GOLD_SETS,
    GoldError,
    PinRefused,
    checksum,
    evaluate,
    field_correct,
    format_report,
    gate_reading,
    gold_set_documents,
    load_floors,
    load_gold_file,
    pair,
    pin_floors,
    score_gold,
)
from extractors.records import Claim


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
PINNED_SETS = [(lang, name) for lang, sets in FLOORS["floors"].items() for name in sets]


@cache
def gate(lang: str, name: str):
    """(documents, figures, output digest) of one pinned gold set, read once for all the gate's tests."""
    if name == "shared" and not SHARED.is_dir():
        pytest.skip("../shared is absent")
    documents = gold_set_documents(name, lang)
    pinned = FLOORS["floors"][lang][name]
    assert checksum(d.path for d in documents) == pinned["checksum"], (
        f"{lang}/{name} gold files changed: re-pin the floors deliberately "
        f"(claimtrack evaluate --pin --lang {lang})")
    return (documents, *gate_reading(documents))


@pytest.mark.parametrize("lang, name", PINNED_SETS)
def test_scores_stay_at_or_above_their_floors_and_targets(lang, name):
    _, figures, _ = gate(lang, name)
    pinned = FLOORS["floors"][lang][name]
    for field, floor in pinned["scores"].items():
        assert figures[field] >= floor, f"{lang}/{name} {field} fell to {figures[field]:.3f} (floor {floor})"
    for field, target in FLOORS["targets"].get(lang, {}).items():
        assert figures[field] >= target, f"{lang}/{name} {field} {figures[field]:.3f} is under the target {target}"


@pytest.mark.parametrize("lang, name", PINNED_SETS)
def test_a_changed_output_comes_with_a_new_extractor_version(lang, name):
    """Stored readings are re-read when their EXTRACTOR_VERSION is not the current one: an
    output that changes under the same version would leave stale claims in every store."""
    _, _, output = gate(lang, name)
    pinned_version = FLOORS["extractor_version"]
    assert output == FLOORS["floors"][lang][name].get("output") or EXTRACTOR_VERSION != pinned_version, (
        f"the extractor's output on the {lang}/{name} gold changed but EXTRACTOR_VERSION is still "
        f"{EXTRACTOR_VERSION!r}: bump EXTRACTOR_VERSION in extractors/claims/extract.py, then re-pin "
        f"(claimtrack evaluate --pin)")
    assert EXTRACTOR_VERSION == pinned_version, (
        f"EXTRACTOR_VERSION is {EXTRACTOR_VERSION!r} but the floors were pinned with {pinned_version!r}: "
        f"re-pin (claimtrack evaluate --pin)")


def test_every_gold_set_in_a_language_with_floors_is_pinned():
    for lang in FLOORS["floors"]:
        for name in GOLD_SETS:
            if name == "shared" and not SHARED.is_dir():
                continue
            if gold_set_documents(name, lang):
                assert name in FLOORS["floors"][lang], f"{lang}/{name} has gold but no floors"


# -- pinning -------------------------------------------------------------------------------

@pytest.fixture
def one_set(tmp_path):
    """A gold set of one English file with two claims, and where its floors go."""
    folder = tmp_path / "gold"
    folder.mkdir()
    document = {"language": "en", "published": "2025-10-28",
                "text": "China is home to more than 5,100 AI companies. The output reached 24 percent.",
                "claims": [gold_claim("5,100", 5100, "count", qualifier="more_than", period="2025-10"),
                           gold_claim("24 percent", 24, "%", attribution="CAICT")]}
    (folder / "a.json").write_text(json.dumps(document), encoding="utf-8")
    return {"mine": folder}, tmp_path / "floors.json"


def test_pinning_records_scores_checksum_and_output(one_set):
    gold_sets, floors_file = one_set
    changes = pin_floors(["en"], floors_file, gold_sets=gold_sets, version="7")
    floors = json.loads(floors_file.read_text(encoding="utf-8"))
    entry = floors["floors"]["en"]["mine"]
    assert floors["extractor_version"] == "7" and entry["files"] == 1 and len(entry["output"]) == 64
    assert {c.field for c in changes} == set(entry["scores"]) and all(c.old is None for c in changes)
    assert pin_floors(["en"], floors_file, gold_sets=gold_sets, version="7") == []


def test_pinning_refuses_to_lower_a_floor_without_allow_regression(one_set):
    gold_sets, floors_file = one_set
    pin_floors(["en"], floors_file, gold_sets=gold_sets, version="7")
    floors = json.loads(floors_file.read_text(encoding="utf-8"))
    attribution = floors["floors"]["en"]["mine"]["scores"]["attribution"]
    floors["floors"]["en"]["mine"]["scores"]["attribution"] = 1.0
    floors_file.write_text(json.dumps(floors), encoding="utf-8")
    with pytest.raises(PinRefused, match=r"en/mine attribution: 1\.000 -> .*--allow-regression"):
        pin_floors(["en"], floors_file, gold_sets=gold_sets, version="7")
    assert json.loads(floors_file.read_text(encoding="utf-8")) == floors      # nothing written
    changes = pin_floors(["en"], floors_file, gold_sets=gold_sets, version="7", allow_regression=True)
    assert [(c.field, c.old, c.new, c.lowered) for c in changes] == [("attribution", 1.0, attribution, True)]


def test_pinning_refuses_a_changed_output_under_the_same_version(one_set):
    gold_sets, floors_file = one_set
    pin_floors(["en"], floors_file, gold_sets=gold_sets, version="7")
    floors = json.loads(floors_file.read_text(encoding="utf-8"))
    floors["floors"]["en"]["mine"]["output"] = "0" * 64        # as if the rules had read otherwise
    floors_file.write_text(json.dumps(floors), encoding="utf-8")
    with pytest.raises(PinRefused, match="bump EXTRACTOR_VERSION"):
        pin_floors(["en"], floors_file, gold_sets=gold_sets, version="7", allow_regression=True)
    pin_floors(["en"], floors_file, gold_sets=gold_sets, version="8")
    assert json.loads(floors_file.read_text(encoding="utf-8"))["extractor_version"] == "8"


def test_the_output_digest_sees_a_changed_field_that_scores_the_same(one_set):
    gold_sets, _ = one_set
    documents = gold_set_documents("mine", "en", gold_sets)
    figures, output = gate_reading(documents)
    shifted = gate_reading(documents, extractor=lambda d: [
        replace(c, metric_text=c.metric_text + "!") for c in extract_claims(d.text, lang=d.lang, published=d.published)])
    assert shifted[0] == figures and shifted[1] != output


def test_allow_regression_goes_with_pin(run_cli):
    result = run_cli("evaluate", "--allow-regression")
    assert result.exit_code == 2 and "--allow-regression goes with --pin" in result.stderr
    result = run_cli("evaluate", "--pin", "--gold", SHARED.parent)
    assert result.exit_code == 2 and "leave out --gold" in result.stderr
