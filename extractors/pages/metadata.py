"""Publication dates and other page metadata: parsing, time zones, structured data, URLs.

Every date leaves here as an ISO string: ``2025-12-26`` when only the day is known,
``2025-12-26T10:02:00+08:00`` when the time is known too, in the site's time zone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}

_TIME = r"(?:[T\s,]*(?P<H>[0-2]?\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?:\.\d+)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
_ZONE = r"\s*(?P<tz>Z|[+-][0-2]\d:?[0-5]\d|UTC|GMT)?"
# Numeric dates, Chinese dates and the "2024 05/09 22:27:02" of Xinhua's date block.
_NUMERIC = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.年]\s*|\s+)(?P<m>[01]?\d)\s*[-/.月]\s*(?P<d>[0-3]?\d)(?![\d])\s*日?" + _TIME + _ZONE
)
# "Dec. 26, 2025", "December 26 2025", with an optional time before ("16:57, December 04, 2025").
_MONTH_FIRST = re.compile(
    r"(?:(?P<H>[0-2]?\d):(?P<M>[0-5]\d)\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?,?\s*)?"
    r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)"
)
# "20 Jan, 2020", "26 December 2025", with an optional time before ("10:00am, 20 Jan, 2020").
_DAY_FIRST = re.compile(
    r"(?:(?P<H>[0-2]?\d):(?P<M>[0-5]\d)\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?,?\s*)?"
    r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>(?:19|20)\d\d)"
)


@dataclass(frozen=True)
class Moment:
    """A parsed date, with its time when the source gave one (naive or with an offset)."""

    day: date
    at: time | None = None
    offset: tzinfo | None = None

    def iso(self, zone: tzinfo | None) -> str:
        """ISO text in ``zone``: a datetime when the time is known and placeable, else a date."""
        if self.at is None:
            return self.day.isoformat()
        moment = datetime.combine(self.day, self.at)
        if self.offset is not None:
            moment = moment.replace(tzinfo=self.offset)
            return (moment.astimezone(zone) if zone else moment).isoformat()
        if zone is None:
            return self.day.isoformat()  # a wall-clock time in an unknown zone says no more than the day
        return moment.replace(tzinfo=zone).isoformat()


def parse_moment(text: str | None) -> Moment | None:
    """The first date (and time, and offset) in ``text``; None when there is none or it is impossible."""
    if not text:
        return None
    text = text.strip()
    for pattern in (_NUMERIC, _MONTH_FIRST, _DAY_FIRST):
        for match in pattern.finditer(text):
            moment = _moment_from_match(match)
            if moment:
                return moment
    return None


def _moment_from_match(match: re.Match[str]) -> Moment | None:
    parts = match.groupdict()
    if parts.get("mon"):
        month = _MONTHS.get(parts["mon"].lower())
        if month is None:
            return None
    else:
        month = int(parts["m"])
    try:
        day = date(int(parts["y"]), month, int(parts["d"]))
    except ValueError:
        return None
    if parts.get("H") is None:
        return Moment(day)
    hour = int(parts["H"])
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        at = time(hour, int(parts["M"]), int(parts.get("S") or 0))
    except ValueError:
        return Moment(day)
    return Moment(day, at, _offset(parts.get("tz")))


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def zone(name: str | None) -> tzinfo | None:
    return ZoneInfo(name) if name else None


def date_from_url(url: str, patterns: list[re.Pattern[str]]) -> Moment | None:
    """A date written into the URL (``/20251226/<hex>/c.html``, ``/2019-12/10/c_…``, ``t20250722_…``)."""
    for pattern in patterns:
        for match in pattern.finditer(url):
            try:
                return Moment(date(int(match["y"]), int(match["m"]), int(match["d"])))
            except ValueError:
                continue
    return None


# Meta tags that carry a publication date, best first. Modification dates are left out on purpose.
_META_DATE_NAMES = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "publishdate", "pubdate", "publish-date", "publication_date", "dc.date.issued", "dc.date",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "firstpublishedtime", "publishtime",
)


def structured_dates(tree: HtmlElement) -> list[Moment]:
    """Publication dates from JSON-LD, OpenGraph/meta tags and ``itemprop=datePublished``, best first."""
    found: list[Moment] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        for value in _json_ld_values(script.text_content(), "datePublished"):
            moment = parse_moment(value)
            if moment:
                found.append(moment)
    metas = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _META_DATE_NAMES and key not in metas:
            metas[key] = meta.get("content")
    for key in _META_DATE_NAMES:
        moment = parse_moment(metas.get(key))
        if moment:
            found.append(moment)
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        moment = parse_moment(element.get("datetime") or element.get("content") or element.text_content())
        if moment:
            found.append(moment)
    return found


def _json_ld_values(raw: str, key: str) -> list[str]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    values: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get(key)
            if isinstance(value, str):
                values.append(value)
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return values


def page_language(tree: HtmlElement) -> str | None:
    """The language a page declares (``<html lang>``, Content-Language, og:locale), as ``zh``/``en``/…"""
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    candidates += tree.xpath('//meta[translate(@http-equiv,"CONTENT-LANGUAGE","content-language")="content-language"]/@content')
    candidates += tree.xpath('//meta[@property="og:locale"]/@content')
    for value in candidates:
        primary = re.split(r"[-_,; ]", value.strip().lower())[0] if value else ""
        if re.fullmatch(r"[a-z]{2}", primary):
            return primary
    return None


def canonical_link(tree: HtmlElement) -> str | None:
    for value in tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content'):
        value = value.strip()
        if value.startswith(("http://", "https://")):
            return value
    return None
