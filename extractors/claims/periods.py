"""Claim periods: what a time expression means, resolved against the publication date.

Each language's rules turn time expressions into ``PeriodMention``s carrying a
language-neutral ``PeriodSpec`` ("last year" and 去年 are both ``year_offset=-1``); this
module resolves specs to the CLAIMS.md period strings::

    2025    2025-04    2025-12-25    2025-Q3    2025-H1    2025-01/2025-11    2016/2022

Relative expressions are resolved against a reference date: the publication date, or when
that is unknown, the latest year the text reports as past (``infer_reference_year``), so an
undated page that says "end of last year" beside "As of early 2025" still reads 2024.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

# Roles a time expression can play for the numbers around it.
AT = "at"            # the time a figure holds: "in 2024", "as of June", "2024's"
BY = "by"            # a deadline: "by 2025", "by the end of this year"
BASE = "base"        # a comparison point: "from 2021", "over the previous year", "compared with early 2024"
REPORT = "report"    # when something was said or released: "On 26 December 2025, Xinhua reported"
SPAN = "span"        # an explicit interval: "from 2016 to 2022", "January-November"
DURATION = "duration"  # a length of time ending at the figure's period: "in just 18 months"


@dataclass(frozen=True)
class PeriodSpec:
    year: int | None = None
    year_offset: int | None = None        # relative to the reference year: last year = -1
    after_previous: int | None = None     # relative to the last year named before: "the following year" = +1
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    months: tuple[int, int] | None = None  # a span of months within the year: January-November
    until: "PeriodSpec | None" = None      # the end of an explicit interval ("from 2016 to 2022")
    past_years: int | None = None          # "in the past five years": the N years before the reference year
    next_years: int | None = None          # "in the next four years"
    within_years: int | None = None        # "within two years": a horizon N years on
    months_back: int | None = None         # "in just 18 months": N months ending at the figure's period
    current: bool = False                  # "now", "so far", "to date": the publication month
    anaphor: bool = False                  # "during the period", "the same period": the last period named
    frame_year: bool = False               # "for the whole year": the year in frame (the last year named before,
                                           # else the reference year)


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    spec: PeriodSpec
    role: str = AT
    as_of: bool = False    # "as of", 截至: the date of a source's data (for undated articles)


@dataclass(frozen=True)
class Reference:
    """What relative time expressions are resolved against."""
    published: date | None
    inferred_year: int | None = None      # used for relative expressions when published is None
    previous_year: int | None = None      # the last year named before, for "the following year"

    @property
    def year(self) -> int | None:
        return self.published.year if self.published else self.inferred_year


def parse_published(published: str | date | None) -> date | None:
    """The date part of an ISO date or datetime; None when missing or unreadable."""
    if published is None or isinstance(published, date):
        return published.date() if hasattr(published, "date") and callable(published.date) else published
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(published))
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def resolve(spec: PeriodSpec, reference: Reference) -> str | None:
    """The period string of ``spec``, or None when it cannot be placed in time."""
    if spec.anaphor or spec.months_back:
        return None                      # resolved by the caller from context
    if spec.current:
        return publication_month(reference)
    if spec.until is not None:
        first = resolve(replace(spec, until=None), reference)
        last = resolve(spec.until, reference)
        if first and last:
            return interval(first, last)
        return last or first
    year = _year_of(spec, reference)
    if spec.past_years:
        if reference.year is None:
            return None
        end = reference.year - 1
        return f"{end - spec.past_years + 1}/{end}"
    if spec.next_years:
        if reference.year is None:
            return None
        return f"{reference.year + 1}/{reference.year + spec.next_years}"
    if spec.within_years:
        return str(reference.year + spec.within_years) if reference.year else None
    if year is None:
        return None
    if spec.months:
        first, last = spec.months
        if first == last:
            return f"{year}-{first:02d}"
        return f"{year}-{first:02d}/{year}-{last:02d}"
    if spec.quarter:
        return f"{year}-Q{spec.quarter}"
    if spec.half:
        return f"{year}-H{spec.half}"
    if spec.month:
        if spec.day:
            return f"{year}-{spec.month:02d}-{spec.day:02d}"
        return f"{year}-{spec.month:02d}"
    return str(year)


def _year_of(spec: PeriodSpec, reference: Reference) -> int | None:
    if spec.year is not None:
        return spec.year
    if spec.after_previous is not None:
        return reference.previous_year + spec.after_previous if reference.previous_year else None
    if spec.frame_year:
        return reference.previous_year or reference.year
    if spec.year_offset is not None:
        return reference.year + spec.year_offset if reference.year else None
    if spec.month or spec.months or spec.quarter or spec.half:
        # a month without a year: this year's, or last year's when it has not come yet
        if reference.published is None:
            return reference.inferred_year
        month = spec.month or (spec.months[1] if spec.months else None) or (spec.quarter * 3 if spec.quarter else 6 * (spec.half or 1))
        return reference.published.year - (1 if month > reference.published.month else 0)
    return None


def publication_month(reference: Reference) -> str | None:
    if reference.published is None:
        return None
    return f"{reference.published.year}-{reference.published.month:02d}"


def publication_year(reference: Reference) -> str | None:
    return str(reference.published.year) if reference.published else None


# -- interval arithmetic on period strings -------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?$")


def bounds(period: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """First and last (year, month) of a period string."""
    if "/" in period:
        first, last = period.split("/", 1)
        a, b = bounds(first), bounds(last)
        return (a[0], b[1]) if a and b else None
    match = _PERIOD.match(period)
    if not match:
        return None
    year = int(match.group(1))
    if match.group(2):
        month = int(match.group(2))
        return (year, month), (year, month)
    if match.group(4):
        quarter = int(match.group(4))
        return (year, quarter * 3 - 2), (year, quarter * 3)
    if match.group(5):
        half = int(match.group(5))
        return (year, half * 6 - 5), (year, half * 6)
    return (year, 1), (year, 12)


def interval(first: str, last: str) -> str:
    """An interval from the start of ``first`` to the end of ``last``, written simply."""
    if first == last:
        return first
    if re.fullmatch(r"\d{4}", first) and re.fullmatch(r"\d{4}", last):
        return f"{first}/{last}"
    a, b = bounds(first), bounds(last)
    if not a or not b:
        return last
    return _months(a[0], b[1])


def after_until(base: str, end: str) -> str | None:
    """The interval from just after ``base`` to the end of ``end``: growth since a base."""
    a, b = bounds(base), bounds(end)
    if not a or not b:
        return None
    year, month = a[1]
    start = (year + 1, 1) if month == 12 else (year, month + 1)
    if start > b[1]:
        return end
    if start == b[1]:
        return f"{start[0]}-{start[1]:02d}"
    # months, even for a whole year: "较上年末净增" over 2024 is 2024-01/2024-12 (CLAIMS.md)
    return f"{start[0]}-{start[1]:02d}/{b[1][0]}-{b[1][1]:02d}"


def months_ending(end: str, count: int) -> str | None:
    """The ``count`` months that end with the end of ``end``."""
    b = bounds(end)
    if not b or count < 1:
        return None
    year, month = b[1]
    index = year * 12 + (month - 1) - (count - 1)
    return _months((index // 12, index % 12 + 1), b[1])


def _months(start: tuple[int, int], end: tuple[int, int]) -> str:
    if start == end:
        return f"{start[0]}-{start[1]:02d}"
    if start[1] == 1 and end[1] == 12:
        return str(start[0]) if start[0] == end[0] else f"{start[0]}/{end[0]}"
    return f"{start[0]}-{start[1]:02d}/{end[0]}-{end[1]:02d}"


def ends_after(period: str, reference: Reference) -> bool:
    """Whether ``period`` ends after the publication (or reference) date."""
    b = bounds(period)
    if not b:
        return False
    if reference.published:
        return b[1] > (reference.published.year, reference.published.month)
    if reference.inferred_year:
        return b[1][0] > reference.inferred_year
    return False


def year_matches(predicted: str | None, gold: str | None) -> bool:
    """Equal periods, or a bare year against a month or day of that year (CLAIMS.md)."""
    if predicted == gold:
        return True
    if not predicted or not gold:
        return False
    for year, finer in ((predicted, gold), (gold, predicted)):
        if re.fullmatch(r"\d{4}", year) and re.fullmatch(rf"{year}-\d{{2}}(?:-\d{{2}})?", finer):
            return True
    return False
