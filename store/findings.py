"""Findings: what the figures of one metric, place and period say about each other.

The detectors are pure functions of the current claims of one *scope* (a metric, geo and
period; growth also reads the same period a year earlier) and return :class:`Finding`
records; store/findings_store.py keeps the ``findings`` table current with them. Types:

- ``revision``: an organisation's figure differs from its own latest earlier one;
- ``discrepancy``: it differs from another organisation's latest earlier one (these two
  are the marks of ``history``, made by the same comparison, store/history.py);
- ``internal``: an article's headline states a figure its body contradicts;
- ``growth_mismatch``: a growth rate applied to an organisation's level of the year before
  does not reach that organisation's level of its period;
- ``conversion_mismatch``: a currency equivalent implies an exchange rate far outside its
  year's range;
- ``forecast_outcome``: a forecast or target, once a later release reports the actual:
  met, exceeded or missed, by how much.

Figures compare as intervals (store/intervals.py) with the tolerances of
store/tolerances.py. Republished copies and claims of replaced article versions make no
finding. A finding's ``key`` names it by what it is about (series, organisations, figures,
article URLs), never by row ids, so that recomputing a scope, or recording the same
articles in another order, finds the same findings.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple

from store.history import credited_organisation, organisation_name, release_differences, release_order
from store.intervals import Interval, claim_interval, to_decimal
from store.tolerances import EQUIVALENT_GAP, RATE_SHARE
from store.units import unit_family

REVISION = "revision"
DISCREPANCY = "discrepancy"
INTERNAL = "internal"
GROWTH_MISMATCH = "growth_mismatch"
CONVERSION_MISMATCH = "conversion_mismatch"
FORECAST_OUTCOME = "forecast_outcome"
TYPES = (REVISION, DISCREPANCY, INTERNAL, GROWTH_MISMATCH, CONVERSION_MISMATCH, FORECAST_OUTCOME)

RATES_FILE = Path(__file__).with_name("data") / "exchange_rates.toml"
_YEAR = re.compile(r"\d{4}")


class Statement(NamedTuple):
    """One current claim as the detectors read it, with its article (a tuple: a store
    reads thousands of them for each article it records)."""

    claim_id: int
    article_id: int
    text: str
    start: int
    end: int
    value: float | Decimal | None
    low: float | Decimal | None
    high: float | Decimal | None
    unit: str
    qualifier: str
    kind: str
    metric: str
    geo: str
    period: str | None
    modality: str
    attribution: str | None
    url: str
    outlet: str | None
    published: str | None
    recorded: str | None = None      # when the store recorded the article version it was read from
    republication: bool = False      # its article republishes another one
    headline: bool = False           # it stands in its article's title
    # Worked out once by from_row(), since the detectors ask for them again and again:
    bounds: Interval | None = None   # its interval in the base unit of its unit family
    family: str = ""                 # its unit family (EFLOPS and PFLOPS are one)
    organisation: str | None = None  # who it is credited to (history.organisation_name)
    credited: str | None = None      # who a revision or discrepancy holds to account

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Statement:
        """A statement from the loader's columns (the fields up to ``headline``, in order)."""
        unit, attribution, outlet = row[8], row[15], row[17]
        return cls(*row, figure_interval(row[2], row[5], row[6], row[7], row[9], unit), unit_family(unit)[0],
                   organisation_name(attribution, outlet), credited_organisation(attribution, outlet))

    @property
    def interval(self) -> Interval | None:
        if self.bounds is not None:
            return self.bounds
        return figure_interval(self.text, self.value, self.low, self.high, self.qualifier, self.unit)

    @property
    def series(self) -> tuple:
        return (self.metric, self.geo, self.kind, self.family, self.period, self.modality)

    @property
    def figure(self) -> str:
        """The figure as a key: qualifier and value in the family's base unit."""
        return _figure(self.value, self.low, self.high, self.qualifier, self.unit)

    def said(self) -> str:
        """Who said what, when: "CAICT (2025-12-15): nearly 1.2 trillion yuan"."""
        return f"{self.organisation or 'an uncredited report'} ({self.published or 'undated'}): {describe(self)}"


@lru_cache(maxsize=1 << 16)
def figure_interval(text: str, value: Any, low: Any, high: Any, qualifier: str, unit: str) -> Interval | None:
    interval = claim_interval(text, value, low, high, qualifier)
    factor = unit_family(unit)[1]
    return interval if interval is None or factor == 1 else interval.scaled(factor)


@lru_cache(maxsize=1 << 16)
def _figure(value: Any, low: Any, high: Any, qualifier: str, unit: str) -> str:
    family, factor = unit_family(unit)
    if value is None:
        return f"range {_plain(to_decimal(low) * factor)}-{_plain(to_decimal(high) * factor)} {family}"
    return f"{qualifier} {_plain(to_decimal(value) * factor)} {family}"


@dataclass
class Finding:
    """One finding of a scope. Its words (explanation, size, details) depend only on the
    claims it links, so they are worked out (:meth:`resolve`) only when the store writes a
    new or changed finding: recording an article recomputes many findings and changes few."""

    type: str
    key: str
    metric: str
    geo: str
    period: str
    claims: dict[int, str] = field(default_factory=dict)   # claim id -> its role
    first_seen: str | None = None
    explain: Callable[[], tuple[str, Decimal | None, dict[str, Any]]] | None = None
    explanation: str = ""
    size: float | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def add(self, role: str, statements: Iterable[Statement]) -> None:
        for statement in statements:
            self.claims.setdefault(statement.claim_id, role)

    def resolve(self) -> Finding:
        if self.explain is not None:
            explanation, size, self.details = self.explain()
            self.explanation = explanation
            self.size = None if size is None else round(float(size), 4)
            self.explain = None
        return self


def detect_findings(statements: Sequence[Statement], year_before: Sequence[Statement] = ()) -> list[Finding]:
    """Every finding of one scope: ``statements`` are the current claims of one metric, geo
    and period, ``year_before`` those of the same period a year earlier (for growth)."""
    originals = _in_order(statements)
    if not originals or originals[0].period is None or "_" not in originals[0].metric:
        return []  # a one-word key ("revenue", "units") names no particular series
    findings: dict[str, Finding] = {}
    by_series: dict[tuple, list[Statement]] = defaultdict(list)
    for statement in originals:
        by_series[statement.series].append(statement)
    recorded = {s.claim_id: s.recorded for s in originals}
    for series in by_series.values():
        _releases(series, findings)
        _internal(series, findings)
    _conversions(originals, findings)
    _growth(originals, _in_order(year_before), findings)
    _forecast_outcomes(by_series, findings)
    recorded.update({s.claim_id: s.recorded for s in year_before})
    for finding in findings.values():
        finding.first_seen = _first_seen(finding, recorded)
    return sorted(findings.values(), key=lambda f: f.key)


def _in_order(statements: Iterable[Statement]) -> list[Statement]:
    """The comparable statements in publication order, then text order: every choice of a
    representative below takes the first, whatever order the store read them in."""
    kept = [s for s in statements if not s.republication and s.interval is not None]
    return sorted(kept, key=lambda s: (release_order(s), s.start, s.claim_id))


# Revisions and discrepancies ---------------------------------------------------------------


def _releases(series: list[Statement], findings: dict[str, Finding]) -> None:
    comparable = [s for s in series if s.credited]
    if len({s.article_id for s in comparable}) < 2:
        return
    for later, organisation, earlier in release_differences(comparable):
        if organisation == later.credited:
            kind, key = REVISION, _key(REVISION, later, organisation, _figures(earlier), later.figure)
        else:
            pair = sorted([(later.credited, later.figure), (organisation, _figures(earlier))])
            kind, key = DISCREPANCY, _key(DISCREPANCY, later, *(part for side in pair for part in side))
        finding = findings.get(key)
        if finding is None:
            finding = findings[key] = _finding(kind, key, later, partial(_explain_release, kind, later, earlier))
        finding.add("earlier", earlier)
        finding.add("later", [later])


def _explain_release(kind: str, later: Statement, earlier: list[Statement]) -> tuple:
    before = f"{_and(describe(e) for e in _distinct(earlier))} ({earlier[0].published})"
    after = f"{describe(later)} ({later.published})"
    gap = _gap(earlier[0], later)
    if kind == REVISION:
        return f"{_label(later)}: {later.credited} revised {before} to {after}", gap, {"organisations": [later.credited]}
    what = f"{earlier[0].credited} says {before}, {later.credited} says {after}: the ranges do not overlap"
    return (f"{_label(later)}: {what}", _magnitude(gap),
            {"organisations": sorted({earlier[0].credited, later.credited})})


def _internal(series: list[Statement], findings: dict[str, Finding]) -> None:
    """An article's headline against its body. Other pairs within one article are left
    alone: measured on the gold sets, two figures of one article in one series were the
    extractor's doing (a sub-total or another year put in the series), never the writer's."""
    by_article: dict[int, list[Statement]] = defaultdict(list)
    for statement in series:
        by_article[statement.article_id].append(statement)
    for statements in by_article.values():
        headline = [s for s in statements if s.headline]
        body = [s for s in statements if not s.headline]
        apart = [(title, text) for title in headline for text in body if not title.interval.overlaps(text.interval)]
        if not apart:
            continue
        title = apart[0][0]
        key = _key(INTERNAL, title, title.url)
        finding = findings[key] = _finding(INTERNAL, key, title, partial(_explain_internal, apart))
        finding.add("headline", _distinct_claims(t for t, _ in apart))
        finding.add("body", _distinct_claims(t for _, t in apart))


def _explain_internal(apart: list[tuple[Statement, Statement]]) -> tuple:
    title, text = apart[0]
    where = title.outlet if organisation_name(None, title.outlet) else "an article"
    what = (f"the headline of {where} ({title.published or 'undated'}) says {describe(title)}, "
            f"its body {_and(describe(s) for s in _distinct([t for _, t in apart]))}")
    return f"{_label(title)}: {what}", _gap(text, title), {"url": title.url}


# Growth ------------------------------------------------------------------------------------


def _growth(statements: list[Statement], year_before: list[Statement], findings: dict[str, Finding]) -> None:
    """A growth rate of period P applied to an organisation's level of the year before must
    reach that organisation's level of P (two bodies' levels often measure different
    things). Said only when no such pair of levels agrees with the rate: a pair that does
    shows the rate fits one reading of the levels."""
    rates = [s for s in statements if s.kind == "growth" and s.unit == "%" and _is_yearly(s)]
    if not rates or not year_before:
        return
    by_figure: dict[tuple, list[Statement]] = defaultdict(list)
    for rate in rates:
        by_figure[(rate.modality, rate.figure)].append(rate)
    levels: dict[tuple, list[Statement]] = defaultdict(list)   # (modality, organisation, family) -> levels
    for level in statements:
        if level.organisation and _is_level(level):
            levels[(level.modality, level.organisation, level.family)].append(level)
    bases = [s for s in year_before if s.organisation and _is_level(s)]
    for (modality, _), same_rate in by_figure.items():
        rate = same_rate[0]
        factor = rate.interval.scaled(Decimal("0.01")).shifted(Decimal(1))
        if factor.low <= 0:
            continue
        # A text that states the rate, its base and the level it reaches, and gets the sum
        # wrong, has made a slip whatever other releases say (a later revision of the base
        # does not mend the article).
        own = _own_pairs(same_rate, bases, levels, modality)
        if own and not any(base.interval.times(factor).overlaps(level.interval) for base, level in own):
            _add_growth_finding(findings, rate, same_rate, modality, own, factor)
            continue
        pairs, fits = [], False
        for base in bases:
            reached = levels.get((modality, base.organisation, base.family)) if base.modality in ("actual", modality) else None
            if not reached:
                continue
            implied = base.interval.times(factor)
            fits = any(implied.overlaps(level.interval) for level in reached)
            if fits:
                break
            pairs.extend((base, level) for level in reached)
        if fits or not pairs:
            continue
        _add_growth_finding(findings, rate, same_rate, modality, pairs, factor)


def _own_pairs(rates: list[Statement], bases: list[Statement], levels: dict[tuple, list[Statement]],
               modality: str) -> list[tuple[Statement, Statement]]:
    """(base, level) pairs stated in the same article as one of ``rates``."""
    articles = {rate.article_id for rate in rates}
    return [(base, level) for base in bases if base.article_id in articles and base.modality in ("actual", modality)
            for level in levels.get((modality, base.organisation, base.family), ())
            if level.article_id == base.article_id]


def _add_growth_finding(findings: dict[str, Finding], rate: Statement, same_rate: list[Statement], modality: str,
                        pairs: list[tuple[Statement, Statement]], factor: Interval) -> None:
    key = _key(GROWTH_MISMATCH, rate, modality, rate.figure)
    finding = findings[key] = _finding(GROWTH_MISMATCH, key, rate, partial(_explain_growth, rate, pairs, factor))
    finding.add("growth", same_rate)
    finding.add("base", _distinct_claims(base for base, _ in pairs))
    finding.add("level", _distinct_claims(level for _, level in pairs))


def _explain_growth(rate: Statement, pairs: list[tuple[Statement, Statement]], factor: Interval) -> tuple:
    base, level = min(pairs, key=lambda pair: (release_order(pair[1]), pair[1].start, release_order(pair[0])))
    implied = base.interval.times(factor)
    stated_growth = level.interval.divided_by(base.interval).shifted(Decimal(-1)).scaled(Decimal(100))
    implied_level = implied.middle / unit_family(base.unit)[1]
    what = (f"{describe(rate)} growth on {describe(base)} for {base.period} ({base.organisation}) "
            f"gives {amount_in_words(implied_level, base.unit)}, but {level.organisation} "
            f"says {describe(level)} ({_span(stated_growth)}% growth)")
    return (f"{_label(rate)}: {what}", _relative(level.interval.middle, implied.middle),
            {"implied": _number(implied_level), "unit": base.unit,
             "stated_growth": [_number(stated_growth.low), _number(stated_growth.high)]})


def _is_yearly(rate: Statement) -> bool:
    """A growth rate read as year on year: a goal or forecast for a year after the next
    ("a 50% increase by 2025", said in 2023) spans several years."""
    if rate.modality == "actual" or not rate.published:
        return True
    return (_year(rate.period) or 0) <= int(rate.published[:4]) + 1


def _is_level(statement: Statement) -> bool:
    """A level growth can apply to: money only in yuan, since the rates of Chinese
    statistics are computed in yuan and a dollar figure moves with the exchange rate too."""
    if statement.kind != "level" or statement.unit in ("%", "pp") or statement.interval.low <= 0:
        return False
    return statement.unit == "CNY" or statement.unit not in _CURRENCY_CODES and not _CURRENCY.fullmatch(statement.unit)


# Currency equivalents ----------------------------------------------------------------------


def _conversions(statements: list[Statement], findings: dict[str, Finding]) -> None:
    yuan = [s for s in statements if s.unit == "CNY"]
    dollars = [s for s in statements if s.unit == "USD"]
    for amount in yuan:
        for equivalent in dollars:
            if (equivalent.article_id != amount.article_id or equivalent.kind != amount.kind
                    or equivalent.modality != amount.modality or not _adjacent(amount, equivalent)):
                continue
            year = _year(amount.period) or _year(amount.published)
            reference = exchange_rates().get(year)
            if reference is None or amount.interval.low <= 0 or equivalent.interval.low <= 0:
                continue
            implied = amount.interval.divided_by(equivalent.interval)
            allowed = Interval(reference.low * (1 - RATE_SHARE), reference.high * (1 + RATE_SHARE), True, True)
            if implied.overlaps(allowed):
                continue
            key = _key(CONVERSION_MISMATCH, amount, amount.url, amount.figure, equivalent.figure)
            finding = findings[key] = _finding(CONVERSION_MISMATCH, key, amount,
                                               partial(_explain_conversion, amount, equivalent, year, reference))
            finding.add("amount", [amount])
            finding.add("equivalent", [equivalent])


def _explain_conversion(amount: Statement, equivalent: Statement, year: int, reference: Interval) -> tuple:
    rate = amount.interval.middle / equivalent.interval.middle
    if amount.value is not None and equivalent.value is not None:
        rate = to_decimal(amount.value) / to_decimal(equivalent.value)
    what = (f"{describe(amount)} given as {describe(equivalent)} ({amount.outlet or 'one article'}, "
            f"{amount.published or 'undated'}) implies {_plain(_significant(_rounded(rate, 2)))} yuan per dollar; "
            f"the {year} rate ran {_plain(reference.low)}-{_plain(reference.high)}")
    nearest = reference.high if rate > reference.high else reference.low
    return (f"{_label(amount)}: {what}", _relative(rate, nearest),
            {"url": amount.url, "implied_rate": _number(rate),
             "year_range": [_number(reference.low), _number(reference.high)]})


def _adjacent(a: Statement, b: Statement) -> bool:
    first, second = sorted((a, b), key=lambda s: s.start)
    return 0 <= second.start - first.end <= EQUIVALENT_GAP


@cache
def exchange_rates() -> dict[int, Interval]:
    """Yuan per US dollar, each year's range (store/data/exchange_rates.toml)."""
    table = tomllib.loads(RATES_FILE.read_text(encoding="utf-8"))["CNY_per_USD"]
    return {int(year): Interval(to_decimal(low), to_decimal(high), True, True) for year, (low, high) in table.items()}


# Forecasts ---------------------------------------------------------------------------------


def _forecast_outcomes(by_series: dict[tuple, list[Statement]], findings: dict[str, Finding]) -> None:
    """Each forecast or target figure against the latest actual released after it."""
    for series, forecasts in by_series.items():
        metric, geo, kind, family, period, modality = series
        if modality == "actual":
            continue
        actuals = [s for s in by_series.get((metric, geo, kind, family, period, "actual"), []) if s.published]
        if not actuals:
            continue
        by_figure: dict[tuple, list[Statement]] = defaultdict(list)
        for forecast in forecasts:
            if forecast.published:
                by_figure[(forecast.organisation, forecast.figure)].append(forecast)
        for (organisation, figure), same in by_figure.items():
            made = min(s.published for s in same)
            later = [s for s in actuals if s.published[:10] > made[:10]]
            if not later:
                continue
            latest = max(release_order(s) for s in later)
            outcome_claims = sorted((s for s in later if release_order(s) == latest), key=lambda s: s.start)
            forecast, actual = min(same, key=lambda s: (release_order(s), s.start)), outcome_claims[0]
            key = _key(FORECAST_OUTCOME, forecast, modality, organisation or "", figure)
            finding = findings[key] = _finding(FORECAST_OUTCOME, key, forecast,
                                               partial(_explain_outcome, forecast, actual))
            finding.add(modality, same)
            finding.add("actual", outcome_claims)


def _explain_outcome(forecast: Statement, actual: Statement) -> tuple:
    outcome = _outcome(forecast, actual)
    size = _relative(actual.interval.middle, forecast.interval.middle)
    by_how_much = "" if outcome == "met" or size is None else f" by {abs(size) * 100:.1f}%"
    what = (f"{forecast.organisation or 'an uncredited'} {forecast.modality} of {describe(forecast)} "
            f"({forecast.published}) was {outcome}{by_how_much}: {actual.said()}")
    return f"{_label(actual)}: {what}", size, {"outcome": outcome, "modality": forecast.modality}


def _outcome(forecast: Statement, actual: Statement) -> str:
    """met (the actual is within the forecast's interval), exceeded or missed; a ceiling
    ("less than", "at most") is met from below and missed from above."""
    if actual.interval.overlaps(forecast.interval):
        return "met"
    above = actual.interval.low >= forecast.interval.high
    if forecast.qualifier in ("less_than", "at_most"):
        return "missed" if above else "met"
    if forecast.qualifier in ("more_than", "at_least"):
        return "exceeded" if above else "missed"
    return "exceeded" if above else "missed"


# Shared pieces -----------------------------------------------------------------------------


def _finding(kind: str, key: str, anchor: Statement, explain: Callable[[], tuple]) -> Finding:
    return Finding(kind, key, anchor.metric, anchor.geo, anchor.period, explain=explain)


def _key(kind: str, anchor: Statement, *parts: Any) -> str:
    scope = (anchor.metric, anchor.geo, anchor.period, anchor.kind, anchor.family, anchor.modality)
    return "|".join(str(part) for part in (kind, *scope, *parts))


def _figures(statements: Sequence[Statement]) -> str:
    return "+".join(sorted({s.figure for s in statements}))


def _distinct(statements: Iterable[Statement]) -> list[Statement]:
    """One statement per figure, first mention first."""
    seen: dict[str, Statement] = {}
    for statement in sorted(statements, key=lambda s: (release_order(s), s.start)):
        seen.setdefault(statement.figure, statement)
    return list(seen.values())


def _distinct_claims(statements: Iterable[Statement]) -> list[Statement]:
    return list({s.claim_id: s for s in statements}.values())


def _first_seen(finding: Finding, recorded: dict[int, str | None]) -> str | None:
    """When the store first held a claim of every role: the latest of each role's earliest."""
    earliest: dict[str, str] = {}
    for claim_id, role in finding.claims.items():
        when = recorded.get(claim_id)
        if when is not None and (role not in earliest or when < earliest[role]):
            earliest[role] = when
    return max(earliest.values()) if earliest else None


def _gap(a: Statement, b: Statement) -> Decimal | None:
    return _relative(b.interval.middle, a.interval.middle)


def _magnitude(number: Decimal | None) -> Decimal | None:
    return None if number is None else abs(number)


def _relative(value: Decimal, reference: Decimal) -> Decimal | None:
    return None if reference == 0 else (value - reference) / abs(reference)


def _label(statement: Statement) -> str:
    place = "" if statement.geo == "China" else f" ({statement.geo})"
    modality = "" if statement.modality == "actual" else f" ({statement.modality})"
    return f"{statement.metric}{place} {statement.period}{modality}"


def _year(period: str | None) -> int | None:
    match = _YEAR.match(period or "")
    return int(match.group()) if match else None


def _and(parts: Iterable[str]) -> str:
    parts = list(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# Saying figures in words -------------------------------------------------------------------

_QUALIFIER_WORDS = {"exact": "", "approx": "about ", "nearly": "nearly ", "more_than": "more than ",
                    "at_least": "at least ", "less_than": "less than ", "at_most": "at most ", "range": ""}
_SCALES = ((Decimal("1e12"), "trillion"), (Decimal("1e9"), "billion"), (Decimal("1e6"), "million"))
_CURRENCY_NAMES = {"CNY": "yuan", "USD": "US dollars", "EUR": "euros", "HKD": "Hong Kong dollars"}
_CURRENCY_CODES = set(_CURRENCY_NAMES)
_CURRENCY = re.compile(r"[A-Z]{3}")   # ISO 4217, as CLAIMS.md writes money


def describe(statement: Statement) -> str:
    """The figure in plain words: "nearly 1.2 trillion yuan", "18-20%", "more than 5,300"."""
    if statement.value is None:
        low, high = to_decimal(statement.low), to_decimal(statement.high)
        return f"{amount_in_words(low, statement.unit, bare=True)}-{amount_in_words(high, statement.unit)}"
    return _QUALIFIER_WORDS.get(statement.qualifier, "") + amount_in_words(to_decimal(statement.value), statement.unit)


def amount_in_words(number: Decimal, unit: str, *, bare: bool = False) -> str:
    """"1.116 trillion yuan", "24%", "5,300", "246 EFLOPS"; ``bare`` leaves the unit out."""
    number = to_decimal(number)
    scale_name = ""
    if unit not in ("%", "pp", "x") and abs(number) >= Decimal("1e6"):
        scale, scale_name = next((scale, f" {name}") for scale, name in _SCALES if abs(number) >= scale)
        number = number / scale
    text = format(_significant(number), ",f")
    if bare or unit == "count":
        return text + scale_name
    if unit == "%":
        return text + "%"
    names = {**_CURRENCY_NAMES, "pp": "percentage points", "x": "times"}
    return f"{text}{scale_name} {names.get(unit, unit)}"


def _significant(number: Decimal, digits: int = 4) -> Decimal:
    """``number`` to at most ``digits`` significant digits, without trailing zeros."""
    if number == 0:
        return Decimal(0)
    return number.quantize(Decimal(1).scaleb(number.adjusted() - digits + 1)).normalize()


def _plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 1.116, 900, 0.05."""
    return format(to_decimal(number).normalize(), "f")


def _span(interval: Interval) -> str:
    low, high = (_plain(_significant(_rounded(n, 1))) for n in (interval.low, interval.high))
    return low if low == high else f"{low}-{high}"


def _rounded(number: Decimal, places: int) -> Decimal:
    """``number`` to ``places`` decimals, or to its 28 significant digits if it is larger."""
    return round(number, places) if abs(number) < Decimal("1E+20") else number


def _number(number: Decimal | None) -> float | None:
    return None if number is None else float(number)
