"""A metric's history: its observations in series, with revisions and discrepancies marked.

A series is every claim with the same metric, geo, kind, unit family, period and modality:
forecasts, targets and reported actuals of one year are three series, since a forecast
that the actual later misses is not a revision. Within a series, releases (articles) are
taken in publication order; each observation is compared with the latest earlier release
of every organisation (:func:`organisation_name`). An observation whose interval overlaps
none of an organisation's figures there differs from it: a *revision* when the
organisation is its own, a *discrepancy* otherwise. Republications of an article count as
the same release, and claims of a replaced article version are only history: both are
listed but neither flag nor get flagged.

Flags are computed when history is read, from publication order, so articles crawled out
of order still get the right flags; :func:`release_differences` is the one comparison, and
the stored revision and discrepancy findings (store/findings.py) are made by it too.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import groupby
from typing import Any, NamedTuple

from extractors.records import Claim
from store.intervals import Interval, claim_interval
from store.outlets import credited_name
from store.tolerances import ATTRIBUTED_ONLY
from store.units import unit_family

REVISION = "revision"
DISCREPANCY = "discrepancy"


class SeriesKey(NamedTuple):
    metric: str
    geo: str
    kind: str
    unit_family: str
    period: str | None
    modality: str


@dataclass(eq=False)
class Observation:
    claim_id: int
    article_id: int
    claim: Claim
    url: str
    outlet: str | None
    published: str | None
    republication_of: str | None = None          # url of the original release
    superseded: bool = False                     # from an earlier version of its article
    revision_of: Observation | None = None       # the organisation's own earlier figure
    discrepant_with: list[Observation] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)  # open stored findings it takes part in

    @property
    def organisation(self) -> str | None:
        return organisation_name(self.claim.attribution, self.outlet)

    @property
    def credited(self) -> str | None:
        return credited_organisation(self.claim.attribution, self.outlet)

    @property
    def series(self) -> SeriesKey:
        c = self.claim
        return SeriesKey(c.metric, c.geo, c.kind, unit_family(c.unit)[0], c.period, c.modality)

    @cached_property
    def interval(self) -> Interval | None:
        """The claim's interval in the base unit of its unit family."""
        c = self.claim
        interval = claim_interval(c.text, c.value, c.low, c.high, c.qualifier)
        return interval and interval.scaled(unit_family(c.unit)[1])

    @property
    def flag(self) -> str | None:
        if self.revision_of is not None:
            return REVISION
        return DISCREPANCY if self.discrepant_with else None

    def to_dict(self) -> dict[str, Any]:
        """CLAIMS.md fields, the article's url/outlet/published, and the history marks."""
        record = self.claim.to_dict()
        record.update(
            url=self.url,
            outlet=self.outlet,
            published=self.published,
            organisation=self.organisation,
            flag=self.flag,
            note=self.note(),
            revision_of=self.revision_of and self.revision_of.reference(),
            discrepant_with=[other.reference() for other in self.discrepant_with],
            republication_of=self.republication_of,
            findings=self.findings,
        )
        return record

    def reference(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "text": self.claim.text,
            "qualifier": self.claim.qualifier,
            "published": self.published,
            "url": self.url,
        }

    def note(self) -> str | None:
        """One line saying what this observation differs from, or that it is a copy."""
        parts = []
        if self.revision_of is not None:
            parts.append("revises " + self.revision_of.short())
        if self.discrepant_with:
            parts.append("differs from " + "; ".join(other.short() for other in self.discrepant_with))
        if self.republication_of:
            parts.append("republishes " + self.republication_of)
        return ", ".join(parts) or None

    def short(self) -> str:
        qualifier = "" if self.claim.qualifier in ("exact", "range") else f"{self.claim.qualifier} "
        return f"{self.organisation} ({self.published or 'undated'}): {qualifier}{self.claim.text}"


def mark_history(observations: list[Observation]) -> list[Observation]:
    """Flag revisions and discrepancies; return the observations by period, then publication."""
    by_series: dict[SeriesKey, list[Observation]] = defaultdict(list)
    for observation in observations:
        by_series[observation.series].append(observation)
    for series in by_series.values():
        comparable = [
            o for o in series
            if o.republication_of is None and not o.superseded and o.interval is not None and o.credited
        ]
        for observation, organisation, earlier in release_differences(comparable):
            if organisation == observation.credited:
                observation.revision_of = earlier[0]
            else:
                observation.discrepant_with.append(earlier[0])
    return sorted(observations, key=_display_order)


def release_differences(items: Iterable[Any]) -> Iterator[tuple[Any, str, list[Any]]]:
    """Compare each figure of one series with the latest earlier release of every organisation.

    ``items`` are the series' comparable figures (Observations, or the findings'
    Statements): each has ``article_id``, ``url``, ``published``, ``interval`` and
    ``credited``. Yields (figure, organisation, that organisation's figures in its latest
    earlier release) whenever the figure overlaps none of them.
    """
    latest: dict[str, list[Any]] = {}  # organisation -> its latest release's figures
    dated = (item for item in items if item.published)  # an undated release has no place in the order
    for _, release in groupby(sorted(dated, key=release_order), key=lambda item: item.article_id):
        figures = list(release)
        for item in figures:
            for organisation, earlier in latest.items():
                if _same_day(item, earlier[0]) and organisation == item.credited:
                    continue  # two articles of one day: one release told twice, not a revision
                if not any(item.interval.overlaps(e.interval) for e in earlier):
                    yield item, organisation, earlier
        for organisation, own in groupby(sorted(figures, key=lambda item: item.credited), key=lambda item: item.credited):
            latest[organisation] = list(own)


def _same_day(item: Any, other: Any) -> bool:
    return item.published[:10] == other.published[:10]


def release_order(item: Any) -> tuple:
    """Publication order, undated last; the URL breaks ties, so that the order does not
    depend on the order articles were recorded in."""
    return (item.published is None, item.published or "", item.url)


def _display_order(observation: Observation) -> tuple:
    return (period_order(observation.claim.period), release_order(observation), observation.claim.start)


_WEB_ADDRESS = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/\s]|$)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def organisation_name(attribution: str | None, outlet: str | None) -> str | None:
    """Who a figure is credited to: its attribution, else the outlet that printed it when
    the outlet has a name ("Global Times"), under the name a text crediting that outlet would
    give it ("South China Morning Post" is "SCMP"); an outlet known only by its web address
    ("ykpin.com") names nobody."""
    if attribution:
        return attribution
    if outlet and not _WEB_ADDRESS.match(outlet):
        return credited_name(outlet)
    return None


@lru_cache(maxsize=4096)
def credited_organisation(attribution: str | None, outlet: str | None) -> str | None:
    """The organisation a revision or discrepancy holds to account: only a named source
    when ``ATTRIBUTED_ONLY`` (store/tolerances.py), else as :func:`organisation_name`."""
    if ATTRIBUTED_ONLY:
        return attribution or None
    return organisation_name(attribution, outlet)


_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?$")


def period_order(period: str | None) -> tuple:
    """Sort key for CLAIMS.md periods: by first day, then last day; null periods last."""
    if period is None:
        return (True, "", "", "")
    start, _, end = period.partition("/")
    return (False, _period_bounds(start)[0], _period_bounds(end or start)[1], period)


def _period_bounds(period: str) -> tuple[str, str]:
    match = _PERIOD.match(period.strip())
    if not match:
        return (period, period)
    year, month, day, quarter, half = match.groups()
    y = int(year)
    if day:
        return (f"{year}-{month}-{day}",) * 2
    if month:
        first_month = last_month = int(month)
    elif quarter:
        first_month, last_month = 3 * int(quarter) - 2, 3 * int(quarter)
    elif half:
        first_month, last_month = 6 * int(half) - 5, 6 * int(half)
    else:
        first_month, last_month = 1, 12
    last_day = calendar.monthrange(y, last_month)[1]
    return (f"{year}-{first_month:02d}-01", f"{year}-{last_month:02d}-{last_day:02d}")
