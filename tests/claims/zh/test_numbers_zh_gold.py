"""find_quantities on every Chinese gold article of ../shared/gold.

A found quantity pairs with a gold claim when their spans overlap and unit and value (or
both range bounds) agree within 0.5 %, as CLAIMS.md's evaluation pairs claims. Recall is
over the claims that are not optional; a quantity that pairs with no claim is a false
positive unless it overlaps an optional claim (those are scored neither way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from conftest import GOLD, gold_claims, load_gold
from extractors.claims.lang.zh.numbers import find_quantities
from extractors.claims.quantity import Quantity
from extractors.records import Claim

# Floors: the scores of this finder on the gold set when it was written, a little rounded
# down. A change that lowers them fails here.
RECALL_FLOOR = 0.98
PRECISION_FLOOR = 0.97
QUALIFIER_FLOOR = 0.95


def agree(found: Decimal | None, gold: Decimal | None) -> bool:
    if found is None or gold is None:
        return found is None and gold is None
    return abs(found - gold) <= Decimal("0.005") * max(abs(found), abs(gold))


def pairs(quantity: Quantity, claim: Claim) -> bool:
    return (
        quantity.start < claim.end and claim.start < quantity.end
        and quantity.unit == claim.unit
        and agree(quantity.value, claim.value)
        and agree(quantity.low, claim.low)
        and agree(quantity.high, claim.high)
    )


@dataclass
class Score:
    matched: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    qualifier_right: int = 0
    not_claims_returned: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / ((self.matched + len(self.missed)) or 1)

    @property
    def precision(self) -> float:
        return self.matched / ((self.matched + len(self.spurious)) or 1)


def score_record(record: dict, score: Score) -> None:
    text = record["text"]
    found = find_quantities(text)
    required = gold_claims(record)
    optional = [claim for claim in gold_claims(record, include_optional=True) if claim not in required]
    used: set[int] = set()
    for claim in required:
        match = next((index for index, q in enumerate(found) if index not in used and pairs(q, claim)), None)
        if match is None:
            score.missed.append(f"{record['file']}: {claim.text} ({claim.value} {claim.unit})")
            continue
        used.add(match)
        score.matched += 1
        score.qualifier_right += found[match].qualifier == claim.qualifier
    for index, quantity in enumerate(found):
        if index in used:
            continue
        if any(quantity.start < claim.end and claim.start < quantity.end for claim in optional):
            continue
        score.spurious.append(f"{record['file']}: {quantity.text} ({quantity.value} {quantity.unit})")
    for not_claim in record.get("not_claims", []):
        start = text.find(not_claim)
        while start >= 0:
            end = start + len(not_claim)
            score.not_claims_returned += [
                f"{record['file']}: {not_claim!r} gave {q.text!r}" for q in found if q.start < end and start < q.end
            ]
            start = text.find(not_claim, start + 1)


@pytest.fixture(scope="module")
def chinese_score() -> Score:
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is not here")
    records = [record for record in load_gold(GOLD) if record.get("language") == "zh"]
    if not records:
        pytest.skip("no Chinese gold articles")
    score = Score()
    for record in records:
        score_record(record, score)
    print(f"\nChinese gold, find_quantities value+unit: recall {score.recall:.3f}, precision {score.precision:.3f}, "
          f"{score.matched} matched, {len(score.missed)} missed, {len(score.spurious)} spurious")
    return score


def test_recall_of_gold_claims(chinese_score):
    assert chinese_score.recall >= RECALL_FLOOR, chinese_score.missed


def test_precision_against_gold_claims(chinese_score):
    assert chinese_score.precision >= PRECISION_FLOOR, chinese_score.spurious


def test_qualifiers_of_matched_claims(chinese_score):
    assert chinese_score.qualifier_right / chinese_score.matched >= QUALIFIER_FLOOR


def test_no_gold_not_claim_is_returned(chinese_score):
    assert chinese_score.not_claims_returned == []


def test_every_quantity_span_is_inside_its_article(gold_dir):
    for record in load_gold(gold_dir):
        if record.get("language") != "zh":
            continue
        for quantity in find_quantities(record["text"]):
            assert record["text"][quantity.start:quantity.end] == quantity.text
