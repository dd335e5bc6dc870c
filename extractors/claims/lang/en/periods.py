"""English time expressions: "the first three quarters of 2025", "by the end of 2027", "last
year", "from 2012 to 2021", each as a ``PeriodMention`` with the role it plays for the figures
near it (the time a figure is at, a deadline, a base of comparison, a span, a report date).
"""

from __future__ import annotations

import re

from extractors.claims import periods
from extractors.claims.lang.en.cues import Patterns, alternation, cues, patterns

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}


SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20,
}


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


_PREPOSITIONS = frozenset({"in", "by", "for", "of", "from", "to", "since", "until", "as", "at", "on", "during", "through", "and", "the", "with"})


_MONTH_RX = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"


_MONTH_LOWER = r"(?:january|february|march|april|june|july|august|september|october|november|december)"


YEAR_RX = r"(?:19[5-9]\d|20\d\d)"


_N_RX = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty)"


_PERIOD_PATTERNS = [
    ("year_span", re.compile(rf"(?:from\s+|between\s+)?(?P<y1>{YEAR_RX})\s*(?:-|–|to|and|through|until)\s*(?P<y2>{YEAR_RX})(?![\d])")),
    ("day_year", re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RX}),?\s+(?P<year>{YEAR_RX})\b")),
    ("month_day_year", re.compile(rf"(?P<month>{_MONTH_RX})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{YEAR_RX})\b")),
    ("month_span", re.compile(rf"(?P<m1>{_MONTH_RX})\s*(?:-|–|to|through)\s*(?P<m2>{_MONTH_RX})(?:,?\s+(?:of\s+)?(?P<year>{YEAR_RX}))?")),
    ("month_year", re.compile(rf"(?:(?:the\s+)?(?:end|close)\s+of\s+)?(?P<month>{_MONTH_RX}),?\s+(?P<year>{YEAR_RX})\b")),
    ("first_months", re.compile(rf"(?:the\s+)?first\s+(?P<n>{_N_RX})\s+months(?:\s+of\s+(?:(?P<year>{YEAR_RX})|(?P<rel>this|last|the)\s+year))?", re.IGNORECASE)),
    ("first_quarters", re.compile(rf"(?:the\s+)?first\s+(?P<n>two|three|2|3)\s+quarters(?:\s+of\s+(?:(?P<year>{YEAR_RX})|(?P<rel>this|last|the)\s+year))?", re.IGNORECASE)),
    ("quarter", re.compile(rf"(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?:(?P<year>{YEAR_RX})|(?P<rel>this|last|the)\s+year))?|\bQ(?P<q>[1-4])\s*(?:of\s+)?(?P<year2>{YEAR_RX})?|(?P<year3>{YEAR_RX})\s*Q(?P<q2>[1-4])", re.IGNORECASE)),
    ("half", re.compile(rf"(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+(?:(?P<year>{YEAR_RX})|(?P<rel>this|last|the)\s+year))?|\bH(?P<h>[12])\s*(?P<year2>{YEAR_RX})", re.IGNORECASE)),
    ("month_rel", re.compile(rf"(?:(?:the\s+)?(?:end|close)\s+of\s+)?(?P<month>{_MONTH_RX})\s+(?P<rel>this|last|next)\s+year|\b(?P<rel2>this|last)\s+(?P<month2>{_MONTH_RX})\b")),
    ("hyphen_year", re.compile(rf"\b(?P<edge>end|mid|late|early|start)-(?:(?P<year>{YEAR_RX})\b|(?P<month>{_MONTH_RX}))", re.IGNORECASE)),
    ("month_quarter", re.compile(rf"\bthe\s+(?P<month>{_MONTH_RX})\s+quarter\b")),
    ("early_year", re.compile(rf"(?:early|(?:the\s+)?(?:beginning|start)\s+of)\s+(?P<year>{YEAR_RX})\b", re.IGNORECASE)),
    ("end_year", re.compile(rf"(?:the\s+)?(?:end|close)\s+of\s+(?:(?P<year>{YEAR_RX})|(?P<rel>this|last|next|the)\s+year)\b|\byear[- ]end\b", re.IGNORECASE)),
    ("whole_year", re.compile(rf"(?<![\w-])(?:{alternation(cues()['period']['whole_year'])})\b", re.IGNORECASE)),
    ("rel_year", re.compile(r"\b(?P<rel>last|this|next|the\s+previous|the\s+prior|the\s+following|the\s+next)\s+year\b|\b(?:a|the)\s+year\s+(?P<rel2>earlier|ago|later|before)\b|\bin\s+recent\s+years\b", re.IGNORECASE)),
    ("past_years", re.compile(rf"(?:in|over|during|for)\s+the\s+(?:past|last|previous)\s+(?P<n>{_N_RX})\s+years\b", re.IGNORECASE)),
    ("next_years", re.compile(rf"(?:in|over|during|within|for)\s+the\s+(?:next|coming)\s+(?P<n>{_N_RX})\s+years\b", re.IGNORECASE)),
    ("within_years", re.compile(rf"\bwithin\s+(?P<n>{_N_RX})\s+years\b", re.IGNORECASE)),
    ("months_back", re.compile(rf"\bin\s+(?:just\s+|only\s+|a\s+mere\s+)?(?P<n>\d{{1,2}}|{_N_RX})\s+months\b", re.IGNORECASE)),
    ("day", re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RX})\b(?!,?\s*\d)|(?P<month2>{_MONTH_RX})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,\d]*\s*\d{{4}})")),
    ("month", re.compile(rf"(?:(?:the\s+)?(?:end|close)\s+of\s+)?\b(?P<month>(?:January|February|March|April|June|July|August|September|October|November|December)|{_MONTH_LOWER}(?=\s+\d)|(?<=\bin\s)May|(?<=\bof\s)May|(?<=\bby\s)May|(?<=\bthis\s)May)\b(?!\s*\d)")),
    ("year", re.compile(rf"(?<![\w$¥.,/-])(?P<year>{YEAR_RX})(?:['’]s)?(?![\w%]|[.,]\d|\s*(?:-|–)\s*\d)")),
]


# What a sentence must contain for a pattern to have a chance, checked with plain substring tests.
_NEEDS = {
    "year_span": {"year4"}, "day_year": {"year4"}, "month_day_year": {"year4"}, "month_span": {"month"},
    "month_year": {"year4"}, "first_months": {"months"}, "first_quarters": {"quarter"},
    "quarter": {"quarter", "q"}, "half": {"half", "h"}, "month_rel": {"month"}, "early_year": {"year4"},
    "end_year": {"year4", "year"}, "whole_year": {"year"}, "rel_year": {"year"}, "hyphen_year": {"year4", "month"}, "month_quarter": {"quarter"}, "past_years": {"year"}, "next_years": {"year"},
    "within_years": {"year"}, "months_back": {"months"}, "day": {"month"}, "month": {"month"}, "year": {"year4"},
}


_YEAR4 = re.compile(r"(?:19|20)\d\d")


_MONTH_WORD = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)")


def _hints(sentence: str) -> set[str]:
    low = sentence.lower()
    hints = set()
    if _YEAR4.search(sentence):
        hints.add("year4")
    if _MONTH_WORD.search(sentence):
        hints.add("month")
    for word in ("year", "months", "quarter", "half"):
        if word in low:
            hints.add(word)
    if "Q" in sentence:
        hints.add("q")
    if "H1" in sentence or "H2" in sentence:
        hints.add("h")
    return hints


def _number(word: str) -> int:
    return int(word) if word.isdigit() else SMALL_NUMBERS.get(word.lower(), 0)


def _rel_offset(word: str | None) -> int | None:
    if word is None:
        return None
    return {"this": 0, "last": -1, "next": 1, "the": 0}.get(word.lower())


def _spec(name: str, match: re.Match) -> periods.PeriodSpec | None:
    groups = match.groupdict()

    def month(word: str | None) -> int | None:
        return MONTHS.get(word.rstrip(".").lower()) if word else None

    if name == "year_span":
        return periods.PeriodSpec(year=int(groups["y1"]), until=periods.PeriodSpec(year=int(groups["y2"])))
    if name in ("day_year", "month_day_year"):
        return periods.PeriodSpec(year=int(groups["year"]), month=month(groups["month"]), day=int(groups["day"]))
    if name == "month_span":
        first, last = month(groups["m1"]), month(groups["m2"])
        if not first or not last or first >= last:
            return None
        return periods.PeriodSpec(year=int(groups["year"]) if groups["year"] else None, months=(first, last))
    if name == "month_year":
        return periods.PeriodSpec(year=int(groups["year"]), month=month(groups["month"]))
    if name in ("first_months", "first_quarters"):
        n = _number(groups["n"]) * (3 if name == "first_quarters" else 1)
        if not 1 <= n <= 12:
            return None
        year = int(groups["year"]) if groups["year"] else None
        return periods.PeriodSpec(year=year, year_offset=_rel_offset(groups["rel"]) if year is None and groups["rel"] else None, months=(1, n))
    if name == "quarter":
        quarter = ORDINALS.get((groups["ord"] or "").lower()) or int(groups["q"] or groups["q2"] or 0)
        year = groups["year"] or groups["year2"] or groups["year3"]
        if not quarter or (not year and not groups["rel"] and groups["ord"] is None):
            return None
        return periods.PeriodSpec(year=int(year) if year else None, year_offset=_rel_offset(groups["rel"]) if not year else None, quarter=quarter)
    if name == "half":
        half = ORDINALS.get((groups["ord"] or "").lower()) or int(groups["h"] or 0)
        year = groups["year"] or groups["year2"]
        if not year and not groups["rel"] and not match.group().lower().startswith("the "):
            return None                           # "half" alone; "the first half" is this year's
        return periods.PeriodSpec(year=int(year) if year else None, year_offset=_rel_offset(groups["rel"]) if not year else None, half=half)
    if name == "month_rel":
        word = groups["month"] or groups["month2"]
        rel = groups["rel"] or groups["rel2"]
        return periods.PeriodSpec(month=month(word), year_offset=_rel_offset(rel))
    if name == "hyphen_year":
        if groups["month"]:
            return periods.PeriodSpec(month=month(groups["month"]))
        return periods.PeriodSpec(year=int(groups["year"]), month=1 if groups["edge"].lower() in ("early", "start") else None)
    if name == "month_quarter":
        return periods.PeriodSpec(quarter=(month(groups["month"]) + 2) // 3)
    if name == "early_year":
        return periods.PeriodSpec(year=int(groups["year"]), month=1)
    if name == "end_year":
        if groups["year"]:
            return periods.PeriodSpec(year=int(groups["year"]))
        return periods.PeriodSpec(year_offset=_rel_offset(groups["rel"]) if groups["rel"] else 0)
    if name == "whole_year":
        return periods.PeriodSpec(frame_year=True)
    if name == "rel_year":
        text = match.group().lower()
        if "recent" in text:
            return periods.PeriodSpec(year_offset=0)
        rel = re.sub(r"\s+", " ", (groups["rel"] or "").lower())
        if rel in ("the previous", "the prior") or groups["rel2"] in ("earlier", "before"):
            return periods.PeriodSpec(after_previous=-1)
        if rel in ("the following", "the next") or groups["rel2"] == "later":
            return periods.PeriodSpec(after_previous=1)
        if groups["rel2"] == "ago":
            return periods.PeriodSpec(after_previous=-1)     # "up 30% from a year ago": year on year
        return periods.PeriodSpec(year_offset=_rel_offset(rel))
    if name == "past_years":
        return periods.PeriodSpec(past_years=_number(groups["n"]) or None)
    if name == "next_years":
        return periods.PeriodSpec(next_years=_number(groups["n"]) or None)
    if name == "within_years":
        return periods.PeriodSpec(within_years=_number(groups["n"]) or None)
    if name == "months_back":
        return periods.PeriodSpec(months_back=_number(groups["n"]) or None)
    if name == "day":
        return periods.PeriodSpec(month=month(groups["month"] or groups["month2"]), day=int(groups["day"] or groups["day2"]))
    if name == "month":
        return periods.PeriodSpec(month=month(groups["month"]))
    if name == "year":
        return periods.PeriodSpec(year=int(groups["year"]))
    return None


def find_periods(text: str, start: int, end: int) -> list[periods.PeriodMention]:
    """Time expressions of ``text[start:end]`` with the role each plays."""
    pats = patterns()
    taken: list[tuple[int, int]] = []
    mentions: list[periods.PeriodMention] = []
    present = _hints(text[start:end])
    for match in pats.current.finditer(text, start, end):
        reported = re.search(r"\b(?:released|said|announced|published|unveiled|reported|issued|showed)\s+$", text[max(start, match.start() - 20):match.start()])
        mentions.append(periods.PeriodMention(match.start(), match.end(), periods.PeriodSpec(current=True), periods.REPORT if reported else periods.AT))
        taken.append(match.span())
    for name, pattern in _PERIOD_PATTERNS:
        if not _NEEDS[name] & present:
            continue                              # cheap: most sentences name no quarter, no month
        for match in pattern.finditer(text, start, end):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            if name == "year" and _year_is_label(text, match, start):
                taken.append(match.span())
                continue
            spec = _spec(name, match)
            if spec is None:
                continue
            taken.append(match.span())
            mentions.append(periods.PeriodMention(match.start(), match.end(), spec, _role(text, match, name, start, pats)))
    for match in pats.anaphor.finditer(text, start, end):
        if not any(match.start() < e and s < match.end() for s, e in taken):
            mentions.append(periods.PeriodMention(match.start(), match.end(), periods.PeriodSpec(anaphor=True), periods.AT))
    mentions.sort(key=lambda x: x.start)
    return mentions


def _year_is_label(text: str, match: re.Match, sentence_start: int) -> bool:
    """"the 2025 World AI Conference", "Expo 2019", "(2019)": a year in a name."""
    after = text[match.end():match.end() + 30]
    before = text[max(sentence_start, match.start() - 30):match.start()]
    if re.match(r"\)", after) and re.search(r"\(\s*$", before):
        return True
    next_word = re.match(r"\s+([A-Z][\w-]*)", after)
    if next_word and next_word.group(1).lower().rstrip(".") not in MONTHS and text[match.end():match.end() + 1] == " ":
        if match.group().endswith(("'s", "’s")):
            return False
        return True
    previous_word = re.search(r"([A-Za-z]+)\s+$", before)
    if previous_word and previous_word.group(1)[0].isupper() and previous_word.group(1).lower() not in _PREPOSITIONS \
            and previous_word.group(1).lower().rstrip(".") not in MONTHS and previous_word.start() > 0:
        return match.start() - len(previous_word.group()) > sentence_start
    return False


def _role(text: str, match: re.Match, name: str, sentence_start: int, pats: Patterns) -> str:
    if name in ("year_span", "month_span"):
        return periods.SPAN
    if name == "months_back":
        return periods.DURATION
    before = text[max(sentence_start, match.start() - 25):match.start()]
    if pats.base_before.search(before):
        after = text[match.end():match.end() + 40]
        if re.match(r"\s*(?:to|until|through)\s+(?:this\s+|the\s+end\s+of\s+)?(?:\d|[A-Z])", after) and match.group()[:1].isdigit():
            return periods.SPAN if name == "year" and re.match(rf"\s*to\s+{YEAR_RX}", after) else periods.BASE
        return periods.BASE
    if re.search(r"\bfrom\s+(?:[\w.,$¥]+\s+){1,4}in\s+$", before):
        return periods.BASE                     # "from 180 EFLOPS in 2022": the base of a growth
    if pats.deadline_before.search(before):
        return periods.BY
    if name in ("day", "day_year", "month_day_year") and re.search(r"\b[Oo]n\s+$", before):
        return periods.REPORT
    if pats.released_by.search(text, max(sentence_start, match.start() - 60), match.start()):
        return periods.REPORT                   # "an action plan released by the ministry last November"
    return periods.AT
