"""The set of true values a stated figure allows, read from its qualifier and precision.

Two releases disagree only when the intervals of their figures do not overlap: "1.2
trillion" covers [1.15e12, 1.25e12), so "1.18 trillion" agrees with it and "1.3 trillion"
does not; "more than 700" covers (700, 770], so it agrees with 702.

Rules (MARGIN is the room a one-sided qualifier leaves, APPROX the half-width of "about"):

- exact       [v - p/2, v + p/2)   p = the stated precision, the size of the last written digit
- approx      [v - w, v + w)       w = max(p/2, APPROX * |v|)
- nearly      [v - MARGIN*|v|, v)
- more_than   (v, v + MARGIN*|v|]
- at_least    [v, v + MARGIN*|v|]
- less_than   [v - MARGIN*|v|, v)
- at_most     [v - MARGIN*|v|, v]
- range       [low - p_low/2, high + p_high/2)

One-sided qualifiers are bounded on purpose: "more than 1 trillion" followed by "more than
1.2 trillion" for the same year is a change of figure worth flagging, and writers who mean
"far more" round up to a higher figure.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

MARGIN = Decimal("0.1")
APPROX = Decimal("0.05")

_NUMERAL = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")


@dataclass(frozen=True)
class Interval:
    low: Decimal
    high: Decimal
    low_closed: bool = True
    high_closed: bool = False

    def overlaps(self, other: Interval) -> bool:
        low = max(self.low, other.low)
        high = min(self.high, other.high)
        if low < high:
            return True
        if low > high:
            return False
        return self.contains(low) and other.contains(low)

    def contains(self, point: Decimal) -> bool:
        above_low = self.low < point or (self.low_closed and self.low == point)
        below_high = point < self.high or (self.high_closed and self.high == point)
        return above_low and below_high

    def scaled(self, factor: Decimal) -> Interval:
        return Interval(self.low * factor, self.high * factor, self.low_closed, self.high_closed)


def to_decimal(number: float | int | Decimal | None) -> Decimal | None:
    """Exact decimal of a stored number: 13.9 stays 13.9, not 13.9000000000000003552."""
    if number is None:
        return None
    return number if isinstance(number, Decimal) else Decimal(str(number))


def claim_interval(
    mention: str,
    value: float | Decimal | None,
    low: float | Decimal | None,
    high: float | Decimal | None,
    qualifier: str,
) -> Interval | None:
    """Interval of one claim's figure; None when it states no usable number."""
    value, low, high = to_decimal(value), to_decimal(low), to_decimal(high)
    if low is not None and high is not None and (qualifier == "range" or value is None):
        return Interval(
            low - stated_precision(mention, low) / 2, high + stated_precision(mention, high) / 2
        )
    if value is None:
        return None
    margin = MARGIN * abs(value)
    match qualifier:
        case "approx":
            half = max(stated_precision(mention, value) / 2, APPROX * abs(value))
            return Interval(value - half, value + half)
        case "nearly" | "less_than":
            return Interval(value - margin, value)
        case "more_than":
            return Interval(value, value + margin, low_closed=False, high_closed=True)
        case "at_least":
            return Interval(value, value + margin, high_closed=True)
        case "at_most":
            return Interval(value - margin, value, high_closed=True)
        case _:
            half = stated_precision(mention, value) / 2
            return Interval(value - half, value + half)


def stated_precision(mention: str, number: Decimal) -> Decimal:
    """Size of the last digit written for ``number`` in ``mention``.

    "RMB 1.2 trillion" gives 1e11, "$68.87 billion" 1e7, "5,300" 1, "1.2万亿元" 1e11. The
    numeral written is the one that times a power of ten makes ``number``; a figure in words
    ("one trillion", "八成", "half-trillion") is taken to one significant figure.
    """
    for numeral in _NUMERAL.findall(unicodedata.normalize("NFKC", mention)):
        written = Decimal(numeral.replace(",", "").replace("，", ""))
        if written == 0:
            continue
        scale = abs(number) / written
        if is_power_of_ten(scale):
            return scale * Decimal(1).scaleb(written.as_tuple().exponent)
    if number == 0:
        return Decimal(1)
    return Decimal(1).scaleb(math.floor(abs(number).log10()))


def is_power_of_ten(number: Decimal) -> bool:
    return number > 0 and number.normalize().as_tuple().digits == (1,)
