"""The Claim record: one numeric claim as ``shared/CLAIMS.md`` defines it.

This dataclass is the contract between the claim extractor, the store and the
evaluation gate; its field names are CLAIMS.md's, in CLAIMS.md's order.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any

QUALIFIERS = ("exact", "approx", "nearly", "more_than", "at_least", "less_than", "at_most", "range")
KINDS = ("level", "growth", "share", "change", "multiple")
MODALITIES = ("actual", "forecast", "target")


@dataclass(frozen=True)
class Claim:
    text: str
    start: int
    end: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    qualifier: str
    kind: str
    metric: str
    metric_text: str
    geo: str
    period: str | None
    modality: str
    attribution: str | None
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields: Decimals become ints when integral, floats otherwise."""
        record = asdict(self)
        for name in ("value", "low", "high"):
            record[name] = decimal_to_json(record[name])
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> "Claim":
        """Build a Claim from a CLAIMS.md-shaped mapping; extra keys are ignored."""
        values = {}
        for field in fields(cls):
            raw = record.get(field.name)
            if field.name in ("value", "low", "high") and raw is not None:
                raw = Decimal(str(raw))
            values[field.name] = raw
        return cls(**values)


def decimal_to_json(number: Decimal | None) -> int | float | None:
    if number is None:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number)
