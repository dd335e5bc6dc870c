"""The set of true values a stated figure allows, read from its qualifier and precision.

Two releases disagree only when the intervals of their figures do not overlap: "1.2
trillion" covers [1.15e12, 1.25e12), so "1.18 trillion" agrees with it and "1.3 trillion"
does not; "more than 700" covers (700, 750), so it agrees with 702.

Rules, with p the stated precision (the size of the last written digit) and r the rounding
step (the size of the last significant digit); the shares are in store/tolerances.py:

- exact       [v - p/2, v + p/2)
- approx      [v - w, v + w)       w = max(p/2, APPROX_SHARE * |v|)
- nearly      [v - n, v)           n = min(r/2, NEARLY_SHARE * |v|)
- more_than   (v, v + r/2)         at_least  [v, v + r/2)
- less_than   (v - r/2, v)         at_most   (v - r/2, v]
- range       [low - p_low/2, high + p_high/2)

One-sided qualifiers speak of size: a decline of "more than 2.8 percent" (-2.8) is
(-2.85, -2.8). They are bounded on purpose: a writer who means "far more" rounds to a
higher figure ("more than 950 billion", "nearly 1 trillion").

Intervals multiply and divide (growth applied to a level, an exchange rate implied by a
currency equivalent): the result holds every product or quotient of members, with an end
open when an end it came from was open.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from store.tolerances import APPROX_SHARE, NEARLY_SHARE, ONE_SIDED_STEPS

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

    def times(self, other: Interval) -> Interval:
        """Every product of a member of each (both intervals above zero)."""
        return Interval(self.low * other.low, self.high * other.high,
                        self.low_closed and other.low_closed, self.high_closed and other.high_closed)

    def divided_by(self, other: Interval) -> Interval:
        """Every quotient of a member of this by a member of ``other`` (both above zero)."""
        return Interval(self.low / other.high, self.high / other.low,
                        self.low_closed and other.high_closed, self.high_closed and other.low_closed)

    def shifted(self, amount: Decimal) -> Interval:
        return Interval(self.low + amount, self.high + amount, self.low_closed, self.high_closed)

    @property
    def middle(self) -> Decimal:
        return (self.low + self.high) / 2

    def gap_to(self, other: Interval) -> Decimal:
        """How far apart the two are (0 when they touch or overlap)."""
        return max(Decimal(0), other.low - self.high, self.low - other.high)


def to_decimal(number: float | int | Decimal | None) -> Decimal | None:
    """Exact decimal of a stored number: 13.9 stays 13.9, not 13.9000000000000003552."""
    if number is None:
        return None
    return number if isinstance(number, Decimal) else Decimal(str(number))


@lru_cache(maxsize=1 << 16)
def claim_interval(
    mention: str,
    value: float | Decimal | None,
    low: float | Decimal | None,
    high: float | Decimal | None,
    qualifier: str,
) -> Interval | None:
    """Interval of one claim's figure; None when it states no usable number. Cached: the
    findings of a series are recomputed whenever an article touches it."""
    value, low, high = to_decimal(value), to_decimal(low), to_decimal(high)
    if any(number is not None and not number.is_finite() for number in (value, low, high)):
        return None
    if low is not None and high is not None and (qualifier == "range" or value is None):
        return Interval(
            low - stated_precision(mention, low) / 2, high + stated_precision(mention, high) / 2
        )
    if value is None:
        return None
    if qualifier == "approx":
        half = max(stated_precision(mention, value) / 2, APPROX_SHARE * abs(value))
        return Interval(value - half, value + half)
    if qualifier in ("exact", "range"):
        half = stated_precision(mention, value) / 2
        return Interval(value - half, value + half)
    step = rounding_step(mention, value) * ONE_SIDED_STEPS
    if qualifier == "nearly":
        step = min(step, NEARLY_SHARE * abs(value))
    # (room below or above |v|, whether v itself is allowed, whether the far end is)
    below, at_value, far_closed = {
        "nearly": (True, False, True),
        "less_than": (True, False, False),
        "at_most": (True, True, False),
        "more_than": (False, False, False),
        "at_least": (False, True, False),
    }[qualifier]
    if value < 0:  # a decline: "more than 2.8 percent" down is below -2.8
        below = not below
    if below:
        return Interval(value - step, value, low_closed=far_closed, high_closed=at_value)
    return Interval(value, value + step, low_closed=at_value, high_closed=far_closed)


def stated_precision(mention: str, number: Decimal) -> Decimal:
    """Size of the last digit written for ``number`` in ``mention``.

    "RMB 1.2 trillion" gives 1e11, "$68.87 billion" 1e7, "5,300" 1, "1.2万亿元" 1e11. The
    numeral written is the one that times a power of ten makes ``number``; a figure in words
    ("one trillion", "八成", "half-trillion") is taken to one significant figure.
    """
    return _written_step(mention, number, significant=False)


def rounding_step(mention: str, number: Decimal) -> Decimal:
    """Size of the last significant digit written for ``number`` in ``mention``: trailing
    zeros of a whole number are rounding, not precision ("900 billion" gives 1e11, "5,300"
    100, "20%" 10), while written decimals count ("1.20 trillion" gives 1e10)."""
    return _written_step(mention, number, significant=True)


def _written_step(mention: str, number: Decimal, *, significant: bool) -> Decimal:
    for numeral in _NUMERAL.findall(unicodedata.normalize("NFKC", mention)):
        digits = numeral.replace(",", "").replace("，", "")
        written = Decimal(digits)
        if written == 0:
            continue
        scale = abs(number) / written
        if is_power_of_ten(scale):
            exponent = written.as_tuple().exponent
            if significant and "." not in digits:
                exponent = written.normalize().as_tuple().exponent
            return scale * Decimal(1).scaleb(exponent)
    if number == 0:
        return Decimal(1)
    return Decimal(1).scaleb(math.floor(abs(number).log10()))


def is_power_of_ten(number: Decimal) -> bool:
    return number > 0 and number.normalize().as_tuple().digits == (1,)
