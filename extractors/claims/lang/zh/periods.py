"""Time expressions in Chinese text: ``parse_periods_zh(text, published) -> list[PeriodZh]``.

Reads years (2025年, 二〇二五年, 2025年度), months and days (2025年6月底, 12月26日,
2025-12-26), parts of a year (上半年, 三季度, 前三季度), month and year intervals (1—11月,
2025年1-11月, 2012-2018年, 12月25-26日), relative years (今年, 去年, 上年, 明年), the
current state (目前, 截至目前), five-year plans (十四五 = 2021/2025, “十五五”末 = 2030),
durations (近五年, 未来三年, 半年) and anaphors (同期, 当年).

Each mention carries a language-neutral ``PeriodSpec`` and a role from
``extractors.claims.periods`` (the shared resolver), so the claim assembly treats 去年 and "last
year" alike, and the CLAIMS.md period string resolved against the publication date:

* ``AT``     the figure holds then: 2025年, 截至2025年6月底, 目前
* ``BY``     a deadline: 到2030年, 力争到2027年
* ``BASE``   a comparison point: 较2024年底, 比上年, 自2020年以来, 2015年后
* ``REPORT`` when something was said: a day-level date (12月26日, 工信部…) not after 截至;
  a five-year plan in a document title (《“十四五”…规划》)
* ``SPAN``   an explicit interval: 1-11月, 2012-2018年, 十四五
* ``DURATION`` a length of time ending at the figure's period: 半年翻番

Offsets index ``text`` as given (traditional script and full-width digits are read
through ``extractors.claims.lang.zh.text.readable_view``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from extractors.claims import periods as claim_periods
from extractors.claims.lang.zh.lexicon import WordTable, flag_table, period_words
from extractors.claims.lang.zh.numerals import CN_DIGITS
from extractors.claims.lang.zh.text import TextView, readable_view
from extractors.patterns import alternation

# A document title: a five-year plan inside it names the plan ("《“十四五”数字经济发展规划》")
TITLE = re.compile(r"《[^《》\n]{1,80}》")
YEAR_DIGITS = "〇零一二三四五六七八九"


@dataclass(frozen=True)
class PeriodZh:
    start: int               # offsets in the text as given
    end: int
    text: str
    spec: claim_periods.PeriodSpec
    role: str                # extractors.claims.periods role: AT, BY, BASE, REPORT, SPAN, DURATION
    period: str | None       # CLAIMS.md period string; None when it cannot be placed in time

    @property
    def relative(self) -> bool:
        """Whether the period depends on the publication date (or on the text before it)."""
        return self.spec.year is None

    def mention(self) -> claim_periods.PeriodMention:
        """The shared assembly's record of this time expression."""
        return claim_periods.PeriodMention(self.start, self.end, self.spec, self.role)


def small_number(word: str) -> int | None:
    """Arabic or Chinese numerals up to 99 (月, 日, 年 counts): "11", "十一", "二十六"."""
    if word.isdigit():
        return int(word)
    if not word or any(char not in CN_DIGITS and char != "十" for char in word):
        return None
    if "十" not in word:
        return CN_DIGITS[word] if len(word) == 1 else None
    tens, _, ones = word.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def _year(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if len(word) == 4 and all(char in YEAR_DIGITS for char in word):
        return int("".join(str(CN_DIGITS[char]) for char in word))
    return None


@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern[str]
    relative_years: dict[str, int]
    year_parts: dict[str, str]
    as_of_before: WordTable[bool]
    as_of_after: WordTable[bool]
    by_before: WordTable[bool]
    base_before: WordTable[bool]
    base_after: WordTable[bool]
    by_not_after: WordTable[bool]
    role_guards: dict[str, frozenset[str]]
    plan_first_year: int
    plan_end_words: frozenset[str]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    data = period_words()
    roles = data["roles"]
    s = r"[ \t\u3000]?"
    sep = rf"{s}[-–—~〜至到]{s}"
    month = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
    day = r"3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
    edges = alternation(data["edges"]["words"])
    parts = alternation(data["year_parts"])
    relative = alternation(data["relative_years"])
    current = alternation(data["current"]["words"])
    anaphors = alternation(data["anaphors"]["words"])
    frame_years = alternation(data["anaphors"]["frame_year"])
    past = alternation(data["durations"]["past"])
    upcoming = alternation(data["durations"]["next"])
    half_year = alternation(data["durations"]["half_year"])
    plan_ends = alternation(data["five_year_plans"]["end_words"] + ["时期", "期间"])
    year = rf"(?:19|20)\d\d|[{YEAR_DIGITS}]{{4}}"
    count = r"\d{1,2}|[一二两三四五六七八九十]{1,3}"
    def months(prefix: str) -> str:
        return (
            rf"(?P<{prefix}m1>{month}){s}(?:月{s})?(?:{sep}(?P<{prefix}m2>{month}){s})?月份?"
            rf"(?:{s}(?P<{prefix}d1>{day}){s}(?:[日号]{s})?(?:{sep}(?P<{prefix}d2>{day}){s})?[日号])?"
            rf"(?:{s}(?:{edges}))?"
        )

    after_year = rf"(?:{s}(?P<part>{parts})(?:{s}(?:{edges}))?|{s}{months('y_')}|(?:{edges}))?"
    pattern = re.compile(
        rf"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>1[0-2]|0?[1-9])-(?P<id>3[01]|[12]\d|0?[1-9]))(?!\d)"
        rf"|(?P<y1>{year}){s}年?{sep}(?P<y2>{year}){s}年(?!代)"
        rf"|(?:(?P<y>{year}){s}年度?(?!代)|(?P<rel>{relative})){after_year}"
        rf"|(?P<yp>(?:19|20)\d\d)(?P<bpart>{parts})"
        rf"|(?P<current>{current})(?!年)"
        rf"|[“「\"]?十(?P<plan>[一二三四五六七八九])五[”」\"]?(?:{s}(?P<planend>{plan_ends}))?"
        rf"|(?P<past>{past}){s}(?P<pn>{count}){s}(?P<punit>年|个月)"
        rf"|(?P<next>{upcoming}){s}(?:(?P<nlow>{count}){sep})?(?P<nn>{count}){s}年"
        rf"|(?<![上下])(?P<half>{half_year})"
        rf"|(?P<anaphor>{anaphors})"
        rf"|(?P<frame>{frame_years})"
        rf"|(?P<part_only>{parts})(?:{s}(?:{edges}))?"
        rf"|{months('m_')}"
    )
    plans = data["five_year_plans"]
    return _Grammar(
        pattern=pattern,
        relative_years=dict(data["relative_years"]),
        year_parts=dict(data["year_parts"]),
        as_of_before=flag_table(roles["as_of_before"]),
        as_of_after=flag_table(roles["as_of_after"]),
        by_before=flag_table(roles["by_before"]),
        base_before=flag_table(roles["base_before"]),
        base_after=flag_table(roles["base_after"]),
        by_not_after=flag_table(roles["by_not_after"]),
        role_guards={word: frozenset(guards) for word, guards in data["role_guards"].items()},
        plan_first_year=int(plans["first_year_of_third"]),
        plan_end_words=frozenset(plans["end_words"]),
    )


def _with_part(spec: claim_periods.PeriodSpec, part: str) -> claim_periods.PeriodSpec:
    if part.startswith("H"):
        return replace(spec, half=int(part[1]))
    if part.startswith("Q"):
        return replace(spec, quarter=int(part[1]))
    first, last = part.split("/")
    return replace(spec, months=(int(first), int(last)))


def _with_months(spec: claim_periods.PeriodSpec, match: re.Match[str], prefix: str) -> tuple[claim_periods.PeriodSpec, bool] | None:
    """Add the month (and day) groups; the flag says whether an interval was written."""
    def group(name: str) -> str | None:
        return match.group(prefix + name)

    first = small_number(group("m1"))
    if first is None or not 1 <= first <= 12:
        return None
    if group("m2"):
        last = small_number(group("m2"))
        if last is None or not first < last <= 12:
            return None
        return replace(spec, months=(first, last)), True
    spec = replace(spec, month=first)
    if not group("d1"):
        return spec, False
    day = small_number(group("d1"))
    if day is None or not 1 <= day <= 31:
        return None
    spec = replace(spec, day=day)
    if group("d2"):
        last_day = small_number(group("d2"))
        if last_day is None or not day < last_day <= 31:
            return None
        return replace(spec, until=replace(spec, day=last_day)), True
    return spec, False


def _spec(match: re.Match[str], grammar: _Grammar) -> tuple[claim_periods.PeriodSpec, str] | None:
    """The spec of one match and the role its own words give (before any cue)."""
    group = match.group
    if group("iso"):
        return claim_periods.PeriodSpec(year=int(group("iy")), month=int(group("im")), day=int(group("id"))), claim_periods.REPORT
    if group("y1"):
        first, last = _year(group("y1")), _year(group("y2"))
        if first is None or last is None or not first < last:
            return None
        return claim_periods.PeriodSpec(year=first, until=claim_periods.PeriodSpec(year=last)), claim_periods.SPAN
    if group("y") or group("rel"):
        if group("y"):
            year = _year(group("y"))
            if year is None or not 1900 <= year <= 2099:
                return None
            spec = claim_periods.PeriodSpec(year=year)
        else:
            spec = claim_periods.PeriodSpec(year_offset=grammar.relative_years[group("rel")])
        return _refine(spec, match, grammar)
    if group("yp"):
        return _with_part(claim_periods.PeriodSpec(year=int(group("yp"))), grammar.year_parts[group("bpart")]), claim_periods.AT
    if group("current"):
        return claim_periods.PeriodSpec(current=True), claim_periods.AT
    if group("plan"):
        number = 10 + CN_DIGITS[group("plan")]
        first = grammar.plan_first_year + 5 * (number - 3)
        if group("planend") in grammar.plan_end_words:
            return claim_periods.PeriodSpec(year=first + 4), claim_periods.AT
        return claim_periods.PeriodSpec(year=first, until=claim_periods.PeriodSpec(year=first + 4)), claim_periods.SPAN
    if group("past"):
        amount = small_number(group("pn").replace("两", "二"))
        if not amount:
            return None
        if group("punit") == "年":
            return claim_periods.PeriodSpec(past_years=amount), claim_periods.AT
        return claim_periods.PeriodSpec(months_back=amount), claim_periods.DURATION
    if group("next"):
        amount = small_number(group("nn").replace("两", "二"))
        return (claim_periods.PeriodSpec(next_years=amount), claim_periods.BY) if amount else None
    if group("half"):
        return claim_periods.PeriodSpec(months_back=6), claim_periods.DURATION
    if group("anaphor"):
        return claim_periods.PeriodSpec(anaphor=True), claim_periods.AT
    if group("frame"):
        return claim_periods.PeriodSpec(frame_year=True), claim_periods.AT
    if group("part_only"):
        return _with_part(claim_periods.PeriodSpec(), grammar.year_parts[group("part_only")]), claim_periods.AT
    return _refine(claim_periods.PeriodSpec(), match, grammar)


def _refine(spec: claim_periods.PeriodSpec, match: re.Match[str], grammar: _Grammar) -> tuple[claim_periods.PeriodSpec, str] | None:
    """Add a year part or months to a year (or to nothing: "1-11月")."""
    if match.group("part"):
        return _with_part(spec, grammar.year_parts[match.group("part")]), claim_periods.AT
    prefix = "y_" if match.group("y_m1") else "m_" if match.group("m_m1") else None
    if prefix is not None:
        with_months = _with_months(spec, match, prefix)
        if with_months is None:
            return None
        spec, interval = with_months
        if interval:
            return spec, claim_periods.SPAN
        return spec, (claim_periods.REPORT if spec.day else claim_periods.AT)
    return spec, claim_periods.AT


# "是2022年的近8倍": the time a multiple is of is its base
_MULTIPLE_OF = re.compile(r"\s*的\s*(?:近|约|超过|逾)?\s*[0-9一二三四五六七八九十百]+(?:\.\d+)?\s*倍")


def _role(view: str, start: int, end: int, own_role: str, grammar: _Grammar) -> str:
    """The role the words around the expression give it, else its own."""
    before = start - 1 if start > 0 and view[start - 1] in " \u3000" else start
    after = end + 1 if end < len(view) and view[end] in " \u3000" else end
    if grammar.as_of_before.ending_at(view, before) or grammar.as_of_after.starting_at(view, after):
        return claim_periods.AT
    base = grammar.base_before.ending_at(view, before)
    if base is not None:
        cue_start = before - len(base[0])
        if cue_start == 0 or view[cue_start - 1] not in grammar.role_guards.get(base[0], ()):
            return claim_periods.BASE
    if grammar.base_after.starting_at(view, after) or _MULTIPLE_OF.match(view, end):
        return claim_periods.BASE
    by = grammar.by_before.ending_at(view, before)
    if by is not None and own_role != claim_periods.SPAN and not grammar.by_not_after.ending_at(view, before - len(by[0])):
        return claim_periods.BY
    return own_role


def _merge_intervals(view: str, found: list[tuple[int, int, claim_periods.PeriodSpec, str]]) -> list[tuple[int, int, claim_periods.PeriodSpec, str]]:
    """"2024年12月到2025年6月": two expressions joined by a connector are one interval."""
    merged: list[tuple[int, int, claim_periods.PeriodSpec, str]] = []
    for start, end, spec, role in found:
        if merged:
            first_start, first_end, first_spec, first_role = merged[-1]
            gap = view[first_end:start].strip(" \u3000")
            if gap in ("到", "至", "-", "–", "—", "~", "〜") and first_spec.until is None and spec.until is None \
                    and not (first_spec.current or spec.current or first_spec.anaphor or spec.anaphor):
                merged[-1] = (first_start, end, replace(first_spec, until=spec), claim_periods.SPAN)
                continue
        merged.append((start, end, spec, role))
    return merged


def _read(view: TextView) -> list[tuple[int, int, claim_periods.PeriodSpec, str]]:
    grammar = _grammar()
    text = view.text
    found = []
    titles = [title.span() for title in TITLE.finditer(text)]
    for match in grammar.pattern.finditer(text):
        if match.start() > 0 and text[match.start() - 1].isdigit():
            continue  # the tail of a longer number ("12025年")
        read = _spec(match, grammar)
        if read is None:
            continue
        spec, own_role = read
        if spec.anaphor and (_next_is_time(text, match.end(), grammar) or found and found[-1][1] == match.start()):
            continue  # "同期1-11月", "去年同期": the explicit time beside it says it
        if match.group("plan") and any(start < match.start() < end for start, end in titles):
            # 《“十四五”数字经济发展规划》 names a plan; a figure in it is dated by its own
            # deadline (a report's year, 《…报告（2024年）》, does date its figures)
            found.append((match.start(), match.end(), spec, claim_periods.REPORT))
            continue
        found.append((match.start(), match.end(), spec, _role(text, match.start(), match.end(), own_role, grammar)))
    return _merge_intervals(text, found)


def _next_is_time(text: str, index: int, grammar: _Grammar) -> bool:
    following = grammar.pattern.match(text, index)
    return following is not None and not following.group("anaphor")


def parse_periods_zh(text: str, published: str | date | None = None) -> list[PeriodZh]:
    """Every time expression in Chinese ``text``, in text order.

    ``published`` (an ISO date or datetime string, or a date) resolves relative
    expressions: 今年, 去年, a month without a year, 目前. Without it their ``period`` is
    None (``relative`` tells them apart from expressions that name their year).
    """
    view = readable_view(text)
    reference = claim_periods.Reference(published=claim_periods.parse_published(published))
    periods = []
    for start, end, spec, role in _read(view):
        original_start, original_end = view.span_to_original(start, end)
        periods.append(PeriodZh(
            start=original_start,
            end=original_end,
            text=text[original_start:original_end],
            spec=spec,
            role=role,
            period=None if spec.anaphor or spec.months_back else claim_periods.resolve(spec, reference),
        ))
    return periods
