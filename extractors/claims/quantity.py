"""A number mention found in text, before it is interpreted as a claim.

Each language's number finder (``lang/<code>/numbers.py``) returns these; the
language-independent claim assembly turns the ones that are claims into ``Claim``s.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Quantity:
    start: int                       # offsets of the mention (number, scale word, unit) in the text
    end: int
    text: str                        # text[start:end]
    value: Decimal | None            # base units; None for a range
    low: Decimal | None              # range bounds, else None
    high: Decimal | None
    unit: str                        # CLAIMS.md unit ("CNY", "%", "pp", "count", "x", "EFLOPS", ...)
    qualifier: str = "exact"         # read from words next to the number ("more than", 超过, 余)
    precision: Decimal | None = None # size of the last stated digit in base units: "1.2 trillion" -> 1e11
    counted_noun: str | None = None  # for counts, the thing counted ("companies", "家" -> firms)
    kind_hint: str | None = None     # what the mention alone says of kind ("times" -> multiple)
    unit_given: bool = True          # False when no unit was written ("578.4 billion"): assembly may infer one
    spelled: bool = False            # written in words ("two", "half"): small ones count only for known metrics
