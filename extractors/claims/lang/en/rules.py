"""English rules for claim assembly: time expressions, credits, kind and modality cues.

The cue words live in ``extractors/claims/lang/en/data/cues.toml``; this module turns them into
readings of a sentence (``SentenceReading``) and of one number in it (``ClaimReading``)
for the shared assembly in ``extractors/claims/assembly/__init__.py``. It ends by registering the English
pipeline components.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from spacy.lang.en import English
from spacy.tokens import Doc

from extractors.claims.lang.en import numbers as numbers_en
from extractors.claims import periods as P
from extractors.claims.assembly import ClaimReading, Credit, LanguageRules, ModalityCue, SentenceReading
from extractors.claims.components import PlainTokenizer, register_language
from extractors.claims.linking import Token, metric_matcher, organisation_matcher
from extractors.claims.quantity import Quantity
from extractors.claims.sentences import Sentence

DATA = Path(__file__).parent / "data"

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
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "fig", "gov", "dept", "univ", "jr", "sr", "u.s", "u.k", "e.g", "i.e",
})
_PREPOSITIONS = frozenset({"in", "by", "for", "of", "from", "to", "since", "until", "as", "at", "on", "during", "through", "and", "the", "with"})


def _alternation(phrases) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def cues() -> dict:
    return tomllib.loads((DATA / "cues.toml").read_text(encoding="utf-8"))


_NAME_WORD = r"(?=[\w&.'’-]*[A-Za-z])[A-Z0-9][\w&.'’-]*"      # "Refinitiv", "36Kr"
_WORDS = re.compile(r"[a-z0-9]+(?:[-'’.][a-z0-9]+)*\.?")
_CURRENCY_WORDS = frozenset({"us", "u.s", "u.s.", "rmb", "cny", "usd", "hk", "nt"})


class _Ending:
    """Whether a text ends with one of a set of phrases, a qualifier or currency allowed after
    it ("grew by | more than | US$"). Compares the last words with a set: no regex scan."""

    def __init__(self, phrases, qualifiers):
        self.phrases = frozenset(" ".join(_WORDS.findall(p.lower())) for p in phrases)
        self.longest = max((len(p.split()) for p in self.phrases), default=1)
        self.qualifiers = qualifiers

    def search(self, text: str) -> bool:
        words = [w.rstrip(".") if w not in ("u.s.",) else w for w in _WORDS.findall(text[-90:].lower())]
        while words and words[-1] in _CURRENCY_WORDS:
            words.pop()
        if self._ends(words):
            return True
        for size in (3, 2, 1):
            if len(words) > size and " ".join(words[-size:]) in self.qualifiers:
                return self._ends(words[:-size])
        return False

    def _ends(self, words: list[str]) -> bool:
        return any(" ".join(words[-size:]) in self.phrases for size in range(1, min(self.longest, len(words)) + 1))


def _ending(phrases) -> _Ending:
    qualifiers = frozenset(" ".join(_WORDS.findall(p.lower())) for ps in cues()["qualifiers"].values() for p in ps)
    return _Ending(phrases, qualifiers)


def _starting(phrases) -> re.Pattern:
    return re.compile(rf"\s*(?:{_alternation(phrases)})(?![\w])", re.IGNORECASE)


def _anywhere(phrases) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{_alternation(phrases)})(?![\w-])", re.IGNORECASE)


class _Patterns:
    def __init__(self) -> None:
        c = cues()
        kind, modality, period, attribution = c["kind"], c["modality"], c["period"], c["attribution"]
        self.growth_before = _ending(kind["growth_before"])
        self.growth_after = _starting(kind["growth_after"])
        self.share_before = _ending(kind["share_before"])
        self.level_before = _ending(kind["level_before"])
        self.growth_verbs = _anywhere(kind["growth_before"])
        self.share_after = _starting(kind["share_after"])
        self.rate_words = _anywhere(kind["rate_words"])
        self.growth_words = _anywhere(kind["growth_words"])
        self.change_before = _ending(kind["change_before"])
        self.change_after = re.compile(rf"\s*(?:[\w-]+\s+){{0,5}}?(?:{_alternation(kind['change_after'])})(?![\w])", re.IGNORECASE)
        self.pp_growth_before = _ending(kind["pp_growth_before"])
        self.decline_before = _ending(kind["decline"])
        self.decline_after = _starting(["decline", "drop", "decrease", "fall", "contraction", "lower"])
        flows = _alternation(kind['flow_verbs'])
        self.flow_before = re.compile(rf"(?<![\w-])(?<!has )(?<!have )(?<!had )(?<!been )(?<!have jointly )(?:{flows})\s+(?:[\w-]+\s+){{0,4}}$", re.IGNORECASE)
        self.flow_after = re.compile(rf"\s*(?:[\w\"“”-]+\s+){{0,5}}?(?<!has )(?<!have )(?<!had )(?<!been )(?:{flows})\b", re.IGNORECASE)
        self.future_flow = re.compile(rf"\bwill\s+(?:\w+\s+)?(?:{_alternation(kind['future_flow_verbs'])})\b[^,;]*$", re.IGNORECASE)
        self.target = _anywhere(modality["target"])
        self.forecast = _anywhere(modality["forecast"])
        self.modal = _anywhere(modality["modal"])
        self.agentive = _anywhere(modality["agentive"])
        # "the supply of [effective] <metric>": a measure of the metric, a metric of its own
        self.measure_head = re.compile(
            rf"(?<![\w-])(?P<head>{_alternation(c['metric_phrase']['measure_heads'])})\s+(?:of|for)\s+(?:the\s+)?"
            r"(?P<modifiers>(?:(?!(?:the|a|an|its|their|and|or)\b)[A-Za-z][\w-]*\s+){0,2})$", re.IGNORECASE)
        self.base_before = _ending(period["base_before"])
        self.deadline_before = _ending(period["deadline_before"])
        self.released_by = re.compile(
            rf"\b(?:{_alternation(period['release_verbs'])})\s+by\s+(?:the\s+)?(?:[\w'’-]+\s+){{1,6}}?(?:on\s+|in\s+)?$",
            re.IGNORECASE)
        self.current = _anywhere(period["current"])
        self.anaphor = _anywhere(period["anaphor"])
        self.current_state = _anywhere(period["current_state"])
        self.credit_before = re.compile(rf"(?<![\w-])(?:{_alternation(attribution['credit_before'])})\b[^.;:]{{0,45}}$", re.IGNORECASE)
        self.credit_after = re.compile(rf"^(?:['’]s)?\s*(?:\([A-Z]{{2,8}}\))?,?\s*(?:(?:also|has|have|had|which|that|latest|newly|recently|just|officially|jointly|annual|its|their|a|the|new)\s+){{0,3}}(?:{_alternation(attribution['credit_after'])})\b", re.IGNORECASE)
        self.not_credit_before = _ending(attribution["not_credit_before"])
        self.report_nouns = _anywhere(attribution["report_nouns"])
        self.report_credit = re.compile(
            rf"(?:according\s+to|data\s+(?:in|from)|figures\s+(?:in|compiled\s+in)|compiled\s+in|cited\s+in|predicted\s+in|in)\s+(?:the|a|this|its|their|a\s+latest|the\s+latest|a\s+new|a\s+recent|the\s+new)\s+(?:\w+\s+){{0,2}}(?:{_alternation(attribution['report_nouns'])})\b"
            rf"|\b(?:the|a|this|a\s+latest|the\s+latest|a\s+new|a\s+recent|the\s+new)\s+(?:\w+\s+){{0,2}}(?:{_alternation(attribution['report_nouns'])})(?:['’]s)?\s+(?:\w+\s+)?(?:{_alternation(attribution['credit_after'])}|mentions|noted|analysed|analyzed)\b"
            rf"|\b(?:showed|shows|revealed|said|according\s+to)\s+the\s+(?:{_alternation(attribution['report_nouns'])})\b",
            re.IGNORECASE,
        )
        self.uncredited = _anywhere(attribution["uncredited"])
        self.speech = _anywhere(attribution["speech"])
        self.representative = _anywhere(attribution["representative_roles"])
        self.titles = re.compile(rf"(?:{_alternation(attribution['titles'])})\.?", re.IGNORECASE)
        self.not_representative = _anywhere(attribution["not_representative"])
        # one pass for every "the ministry", "the institute", ...: phrase -> the kind it refers to
        self.anaphora_kind: dict[str, tuple[str, ...]] = {}
        for kind, phrases in attribution["anaphora"].items():
            for phrase in phrases:
                self.anaphora_kind[phrase.lower()] = self.anaphora_kind.get(phrase.lower(), ()) + (kind,)
        self.anaphora_any = re.compile(rf"(?<![\w-])(?:{_alternation(self.anaphora_kind)})\b", re.IGNORECASE)
        self.credit_verb_near = re.compile(rf"[^.;]{{0,40}}?\b(?:{_alternation(attribution['credit_after'])})\b", re.IGNORECASE)
        self.time_units = frozenset(c["not_amounts"]["time_units"])
        plan = rf"(?:the|a|an|this|its)\s+(?:[\w-]+\s+){{0,3}}?(?:{_alternation(modality['plan_documents'])})"
        self.plan_cited = re.compile(
            rf"\b(?:(?:according\s+to|under|in)\s+{plan}\b|{plan}\s+(?:said|says|stated|states|noted|notes|added|adds|proposed|proposes))",
            re.IGNORECASE)
        # "according to [the] [latest data from] [the Chinese business news site] <Name>"
        self.according_to_name = re.compile(
            r"\baccording\s+to\s+(?:(?:the|a|an)\s+)?"
            r"(?:(?:(?:latest|new)\s+)?(?:data|figures|statistics|estimates|research)\s+(?:from|by|of)\s+(?:the\s+)?)?"
            rf"(?:(?:[\w-]+\s+){{0,4}}?(?:{_alternation(attribution['source_descriptors'])})\s+)?"
            rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of|and|for)){{0,7}})")


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    return _Patterns()


# -- time expressions ----------------------------------------------------------------------

_MONTH_RX = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH_LOWER = r"(?:january|february|march|april|june|july|august|september|october|november|december)"
_YEAR_RX = r"(?:19[5-9]\d|20\d\d)"
_N_RX = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty)"

_PERIOD_PATTERNS = [
    ("year_span", re.compile(rf"(?:from\s+|between\s+)?(?P<y1>{_YEAR_RX})\s*(?:-|–|to|and|through|until)\s*(?P<y2>{_YEAR_RX})(?![\d])")),
    ("day_year", re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RX}),?\s+(?P<year>{_YEAR_RX})\b")),
    ("month_day_year", re.compile(rf"(?P<month>{_MONTH_RX})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{_YEAR_RX})\b")),
    ("month_span", re.compile(rf"(?P<m1>{_MONTH_RX})\s*(?:-|–|to|through)\s*(?P<m2>{_MONTH_RX})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR_RX}))?")),
    ("month_year", re.compile(rf"(?:(?:the\s+)?(?:end|close)\s+of\s+)?(?P<month>{_MONTH_RX}),?\s+(?P<year>{_YEAR_RX})\b")),
    ("first_months", re.compile(rf"(?:the\s+)?first\s+(?P<n>{_N_RX})\s+months(?:\s+of\s+(?:(?P<year>{_YEAR_RX})|(?P<rel>this|last|the)\s+year))?", re.IGNORECASE)),
    ("first_quarters", re.compile(rf"(?:the\s+)?first\s+(?P<n>two|three|2|3)\s+quarters(?:\s+of\s+(?:(?P<year>{_YEAR_RX})|(?P<rel>this|last|the)\s+year))?", re.IGNORECASE)),
    ("quarter", re.compile(rf"(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?:(?P<year>{_YEAR_RX})|(?P<rel>this|last|the)\s+year))?|\bQ(?P<q>[1-4])\s*(?:of\s+)?(?P<year2>{_YEAR_RX})?|(?P<year3>{_YEAR_RX})\s*Q(?P<q2>[1-4])", re.IGNORECASE)),
    ("half", re.compile(rf"(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+(?:(?P<year>{_YEAR_RX})|(?P<rel>this|last|the)\s+year))?|\bH(?P<h>[12])\s*(?P<year2>{_YEAR_RX})", re.IGNORECASE)),
    ("month_rel", re.compile(rf"(?:(?:the\s+)?(?:end|close)\s+of\s+)?(?P<month>{_MONTH_RX})\s+(?P<rel>this|last|next)\s+year|\b(?P<rel2>this|last)\s+(?P<month2>{_MONTH_RX})\b")),
    ("hyphen_year", re.compile(rf"\b(?P<edge>end|mid|late|early|start)-(?:(?P<year>{_YEAR_RX})\b|(?P<month>{_MONTH_RX}))", re.IGNORECASE)),
    ("month_quarter", re.compile(rf"\bthe\s+(?P<month>{_MONTH_RX})\s+quarter\b")),
    ("early_year", re.compile(rf"(?:early|(?:the\s+)?(?:beginning|start)\s+of)\s+(?P<year>{_YEAR_RX})\b", re.IGNORECASE)),
    ("end_year", re.compile(rf"(?:the\s+)?(?:end|close)\s+of\s+(?:(?P<year>{_YEAR_RX})|(?P<rel>this|last|next|the)\s+year)\b|\byear[- ]end\b", re.IGNORECASE)),
    ("whole_year", re.compile(rf"(?<![\w-])(?:{_alternation(cues()['period']['whole_year'])})\b", re.IGNORECASE)),
    ("rel_year", re.compile(r"\b(?P<rel>last|this|next|the\s+previous|the\s+prior|the\s+following|the\s+next)\s+year\b|\ba\s+year\s+(?P<rel2>earlier|ago|later|before)\b|\bin\s+recent\s+years\b", re.IGNORECASE)),
    ("past_years", re.compile(rf"(?:in|over|during|for)\s+the\s+(?:past|last|previous)\s+(?P<n>{_N_RX})\s+years\b", re.IGNORECASE)),
    ("next_years", re.compile(rf"(?:in|over|during|within|for)\s+the\s+(?:next|coming)\s+(?P<n>{_N_RX})\s+years\b", re.IGNORECASE)),
    ("within_years", re.compile(rf"\bwithin\s+(?P<n>{_N_RX})\s+years\b", re.IGNORECASE)),
    ("months_back", re.compile(rf"\bin\s+(?:just\s+|only\s+|a\s+mere\s+)?(?P<n>\d{{1,2}}|{_N_RX})\s+months\b", re.IGNORECASE)),
    ("day", re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RX})\b(?!,?\s*\d)|(?P<month2>{_MONTH_RX})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,\d]*\s*\d{{4}})")),
    ("month", re.compile(rf"(?:(?:the\s+)?(?:end|close)\s+of\s+)?\b(?P<month>(?:January|February|March|April|June|July|August|September|October|November|December)|{_MONTH_LOWER}(?=\s+\d)|(?<=\bin\s)May|(?<=\bof\s)May|(?<=\bby\s)May|(?<=\bthis\s)May)\b(?!\s*\d)")),
    ("year", re.compile(rf"(?<![\w$¥.,/-])(?P<year>{_YEAR_RX})(?:['’]s)?(?![\w%]|[.,]\d|\s*(?:-|–)\s*\d)")),
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


def _spec(name: str, m: re.Match) -> P.PeriodSpec | None:
    g = m.groupdict()
    month = lambda word: MONTHS.get(word.rstrip(".").lower()) if word else None
    if name == "year_span":
        return P.PeriodSpec(year=int(g["y1"]), until=P.PeriodSpec(year=int(g["y2"])))
    if name in ("day_year", "month_day_year"):
        return P.PeriodSpec(year=int(g["year"]), month=month(g["month"]), day=int(g["day"]))
    if name == "month_span":
        first, last = month(g["m1"]), month(g["m2"])
        if not first or not last or first >= last:
            return None
        return P.PeriodSpec(year=int(g["year"]) if g["year"] else None, months=(first, last))
    if name == "month_year":
        return P.PeriodSpec(year=int(g["year"]), month=month(g["month"]))
    if name in ("first_months", "first_quarters"):
        n = _number(g["n"]) * (3 if name == "first_quarters" else 1)
        if not 1 <= n <= 12:
            return None
        year = int(g["year"]) if g["year"] else None
        return P.PeriodSpec(year=year, year_offset=_rel_offset(g["rel"]) if year is None and g["rel"] else None, months=(1, n))
    if name == "quarter":
        quarter = ORDINALS.get((g["ord"] or "").lower()) or int(g["q"] or g["q2"] or 0)
        year = g["year"] or g["year2"] or g["year3"]
        if not quarter or (not year and not g["rel"] and g["ord"] is None):
            return None
        return P.PeriodSpec(year=int(year) if year else None, year_offset=_rel_offset(g["rel"]) if not year else None, quarter=quarter)
    if name == "half":
        half = ORDINALS.get((g["ord"] or "").lower()) or int(g["h"] or 0)
        year = g["year"] or g["year2"]
        if not year and not g["rel"] and not m.group().lower().startswith("the "):
            return None                           # "half" alone; "the first half" is this year's
        return P.PeriodSpec(year=int(year) if year else None, year_offset=_rel_offset(g["rel"]) if not year else None, half=half)
    if name == "month_rel":
        word = g["month"] or g["month2"]
        rel = g["rel"] or g["rel2"]
        return P.PeriodSpec(month=month(word), year_offset=_rel_offset(rel))
    if name == "hyphen_year":
        if g["month"]:
            return P.PeriodSpec(month=month(g["month"]))
        return P.PeriodSpec(year=int(g["year"]), month=1 if g["edge"].lower() in ("early", "start") else None)
    if name == "month_quarter":
        return P.PeriodSpec(quarter=(month(g["month"]) + 2) // 3)
    if name == "early_year":
        return P.PeriodSpec(year=int(g["year"]), month=1)
    if name == "end_year":
        if g["year"]:
            return P.PeriodSpec(year=int(g["year"]))
        return P.PeriodSpec(year_offset=_rel_offset(g["rel"]) if g["rel"] else 0)
    if name == "whole_year":
        return P.PeriodSpec(frame_year=True)
    if name == "rel_year":
        text = m.group().lower()
        if "recent" in text:
            return P.PeriodSpec(year_offset=0)
        rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
        if rel in ("the previous", "the prior") or g["rel2"] in ("earlier", "before"):
            return P.PeriodSpec(after_previous=-1)
        if rel in ("the following", "the next") or g["rel2"] == "later":
            return P.PeriodSpec(after_previous=1)
        if g["rel2"] == "ago":
            return P.PeriodSpec(after_previous=-1)     # "up 30% from a year ago": year on year
        return P.PeriodSpec(year_offset=_rel_offset(rel))
    if name == "past_years":
        return P.PeriodSpec(past_years=_number(g["n"]) or None)
    if name == "next_years":
        return P.PeriodSpec(next_years=_number(g["n"]) or None)
    if name == "within_years":
        return P.PeriodSpec(within_years=_number(g["n"]) or None)
    if name == "months_back":
        return P.PeriodSpec(months_back=_number(g["n"]) or None)
    if name == "day":
        return P.PeriodSpec(month=month(g["month"] or g["month2"]), day=int(g["day"] or g["day2"]))
    if name == "month":
        return P.PeriodSpec(month=month(g["month"]))
    if name == "year":
        return P.PeriodSpec(year=int(g["year"]))
    return None


def find_periods(text: str, start: int, end: int) -> list[P.PeriodMention]:
    """Time expressions of ``text[start:end]`` with the role each plays."""
    pats = patterns()
    taken: list[tuple[int, int]] = []
    mentions: list[P.PeriodMention] = []
    present = _hints(text[start:end])
    for m in pats.current.finditer(text, start, end):
        reported = re.search(r"\b(?:released|said|announced|published|unveiled|reported|issued|showed)\s+$", text[max(start, m.start() - 20):m.start()])
        mentions.append(P.PeriodMention(m.start(), m.end(), P.PeriodSpec(current=True), P.REPORT if reported else P.AT))
        taken.append(m.span())
    for name, pattern in _PERIOD_PATTERNS:
        if not _NEEDS[name] & present:
            continue                              # cheap: most sentences name no quarter, no month
        for m in pattern.finditer(text, start, end):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if name == "year" and _year_is_label(text, m, start):
                taken.append(m.span())
                continue
            spec = _spec(name, m)
            if spec is None:
                continue
            taken.append(m.span())
            mentions.append(P.PeriodMention(m.start(), m.end(), spec, _role(text, m, name, start, pats)))
    for m in pats.anaphor.finditer(text, start, end):
        if not any(m.start() < e and s < m.end() for s, e in taken):
            mentions.append(P.PeriodMention(m.start(), m.end(), P.PeriodSpec(anaphor=True), P.AT))
    mentions.sort(key=lambda x: x.start)
    return mentions


def _year_is_label(text: str, m: re.Match, sentence_start: int) -> bool:
    """"the 2025 World AI Conference", "Expo 2019", "(2019)": a year in a name."""
    after = text[m.end():m.end() + 30]
    before = text[max(sentence_start, m.start() - 30):m.start()]
    if re.match(r"\)", after) and re.search(r"\(\s*$", before):
        return True
    next_word = re.match(r"\s+([A-Z][\w-]*)", after)
    if next_word and next_word.group(1).lower().rstrip(".") not in MONTHS and text[m.end():m.end() + 1] == " ":
        if m.group().endswith(("'s", "’s")):
            return False
        return True
    previous_word = re.search(r"([A-Za-z]+)\s+$", before)
    if previous_word and previous_word.group(1)[0].isupper() and previous_word.group(1).lower() not in _PREPOSITIONS \
            and previous_word.group(1).lower().rstrip(".") not in MONTHS and previous_word.start() > 0:
        return m.start() - len(previous_word.group()) > sentence_start
    return False


def _role(text: str, m: re.Match, name: str, sentence_start: int, pats: _Patterns) -> str:
    if name in ("year_span", "month_span"):
        return P.SPAN
    if name == "months_back":
        return P.DURATION
    before = text[max(sentence_start, m.start() - 25):m.start()]
    if pats.base_before.search(before):
        after = text[m.end():m.end() + 40]
        if re.match(r"\s*(?:to|until|through)\s+(?:this\s+|the\s+end\s+of\s+)?(?:\d|[A-Z])", after) and m.group()[:1].isdigit():
            return P.SPAN if name == "year" and re.match(rf"\s*to\s+{_YEAR_RX}", after) else P.BASE
        return P.BASE
    if re.search(r"\bfrom\s+(?:[\w.,$¥]+\s+){1,4}in\s+$", before):
        return P.BASE                     # "from 180 EFLOPS in 2022": the base of a growth
    if pats.deadline_before.search(before):
        return P.BY
    if name in ("day", "day_year", "month_day_year") and re.search(r"\b[Oo]n\s+$", before):
        return P.REPORT
    if pats.released_by.search(text, max(sentence_start, m.start() - 60), m.start()):
        return P.REPORT                   # "an action plan released by the ministry last November"
    return P.AT


# -- credits -------------------------------------------------------------------------------

_PERSON = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}"
_PERSON_AFTER_SPEECH = re.compile(rf"\b(?:said|says|according\s+to|noted|added|(?:made\s+public|released|disclosed|announced|presented|delivered|submitted)\s+by)\s+(?:(?:[A-Z][a-z]+\s+)?(?:Premier|President|Minister|Vice|Dr\.?|Mr\.?|Ms\.?|Analyst|Professor|Academician)\s+)?(?P<name>{_PERSON})(?:,\s+(?P<role>[^,;]{{2,140}}))?")
_PERSON_BEFORE_ROLE = re.compile(rf"(?P<name>{_PERSON}),\s+(?P<role>[^,;]{{2,140}}?),\s+(?:\w+\s+){{0,2}}?(?:said|says|noted|notes|added|adds|stated|told|explained|was\s+quoted|believes|revealed)\b")
_PERSON_SPEAKS = re.compile(rf"(?P<name>{_PERSON})\s+(?:said|says|noted|notes|added|adds|stated|told|explained|revealed)\b")
_SPEECH_HINT = re.compile(r"\b(?:said|says|according|noted|notes|added|adds|stated|told|explained|revealed|by|announced|disclosed|believes|was quoted)\b")
# "Chinese AI start-up DeepSeek said": a company named by what it is
_COMPANY_SPEAKS = re.compile(r"\b(?:start-?up|company|firm|group|maker|giant|developer|operator|platform|carrier|lab)\s+(?P<name>[A-Z][\w-]+(?:\s[A-Z][\w-]+){0,2})(?:['’]s)?\s+(?:(?:also|has|had)\s+)?(?:said|says|reported|announced|disclosed|revealed|estimated|stated|noted)\b")
_SURNAME_SPEAKS = re.compile(r"\b(?P<name>[A-Z][a-z]+)\s+(?:said|says|noted|added|adds|stated|told|explained)\b")
_NOT_NAME_ENDS = frozenset({"municipality", "province", "city", "county", "district", "region", "university", "group",
                            "company", "corporation", "institute", "academy", "conference", "expo", "forum", "summit",
                            "ministry", "administration", "bureau", "center", "centre", "association", "society",
                            "council", "commission", "office", "agency", "times", "daily", "news", "post", "television"})
_NOT_NAMES = frozenset({"the", "china", "chinese", "according", "beijing", "shanghai", "xinhua", "global", "people", "state",
                        "national", "ministry", "data", "official", "report", "it", "he", "she", "they", "this", "that", "also",
                        "meanwhile", "moreover", "however", "in", "as", "by", "on", "at", "for", "and", "but", "world", "new"})


def find_credits(text: str, sentence: Sentence, tokens: list[Token]) -> list[Credit]:
    pats = patterns()
    start, end = sentence.start, sentence.end
    credits: list[Credit] = []
    mentions_report = bool(pats.report_nouns.search(text, start, end)) or bool(re.search(r"\breleased\s+[\"“]", text[start:end]))
    orgs = organisation_matcher("en", english_name_tokens).find(_as_name_tokens(text, tokens))
    for match in orgs:
        before = text[max(start, match.start - 60):match.start]
        after = text[match.end:min(end, match.end + 60)]
        org = match.payload
        if pats.not_credit_before.search(before):
            continue
        credited = bool(pats.credit_before.search(before) or pats.credit_after.match(after))
        credits.append(Credit(match.start, match.end, org.short, org.kind, mentions_report=mentions_report, credited=credited))
        if org.kind == "company" and not credited and _SUBJECT_SLOT.search(text[max(start, match.start - 40):match.start]) \
                and not re.search(r"\d", text[start:match.start]):
            # "China Mobile has completed 140,000 base stations": the company's own figures,
            # not the source credited before; the company itself is not credited either
            credits.append(Credit(match.start, match.end, None, "unknown"))
    credits.extend(_unlisted_organisations(text, start, end, orgs, pats, mentions_report))
    if mentions_report:
        for m in pats.report_credit.finditer(text, start, end):
            credits.append(Credit(m.start(), m.end(), None, "report", mentions_report=True))
    for m in pats.anaphora_any.finditer(text, start, end):
        if any(o.start < m.end() + 2 and m.start() < o.end for o in orgs):
            continue                              # "the news outlet Xinhua": a description, not a reference back
        if pats.credit_verb_near.match(text, m.end(), end) or pats.credit_before.search(text[max(start, m.start() - 40):m.start()]):
            for kind in pats.anaphora_kind[_fold_space(m.group())]:   # "the administration": an agency or a regulator
                credits.append(Credit(m.start(), m.end(), None, f"anaphor:{kind}"))
    uncredited = pats.uncredited.search(text, start, end)
    if uncredited:
        credits.append(Credit(uncredited.start(), uncredited.end(), None, "uncredited"))
    if _SPEECH_HINT.search(text, start, end):
        people = _person_credits(text, start, end, orgs)
        credits.extend(replace(c, mentions_report=mentions_report) for c in people)
        credits.extend(_named_sources(text, start, end, orgs, people))
    credits.sort(key=lambda c: c.start)
    return credits


# An organisation the tables do not know, introduced with its acronym:
# "the China Association of Automobile Manufacturers (CAAM) said"; and the acronym speaking later.
_NAMED_ORGANISATION = re.compile(
    r"\b(?P<name>[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|of|and|for|on|in)){1,8})\s+\((?P<acronym>[A-Z][A-Za-z]{1,7})\)")
_CAPITALS = re.compile(r"[A-Z]{2}")
# what may stand before a sentence's subject: nothing, a time frame, a description
_SUBJECT_SLOT = re.compile(r"(?:^|[,.;:]\s*|\b(?:and|while|but)\s+)(?:[\w'’-]+\s+){0,6}?$|^\s*$")
_ACRONYM_SPEAKS = re.compile(
    r"\b(?P<acronym>[A-Z]{2,8})\s+(?:also\s+)?(?:said|says|estimated|estimates|reported|revealed|noted|added|expects|predicted|found|showed|shows)\b")
_NOT_ORGANISATIONS = frozenset({"GDP", "CPI", "PPI", "PMI", "AI", "EV", "EVS", "NEV", "NEVS", "IT", "ICT", "IPO",
                                "USD", "CNY", "RMB", "LLM", "LLMS", "AGI", "AR", "VR", "CEO", "CFO", "US", "UK", "EU"})
_ORGANISATION_KINDS = (("association", "association"), ("federation", "association"), ("society", "association"),
                       ("alliance", "association"), ("institute", "institute"), ("academy", "institute"),
                       ("center", "institute"), ("centre", "institute"), ("ministry", "ministry"),
                       ("company", "company"), ("group", "company"), ("corporation", "company"))


def _fold_space(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase).lower()


def _unlisted_organisations(text, start, end, orgs, pats, mentions_report) -> list[Credit]:
    found = []
    if not _CAPITALS.search(text, start, end):
        return found
    for m in _NAMED_ORGANISATION.finditer(text, start, end) if "(" in text[start:end] else ():
        if any(o.start < m.end() and m.start() < o.end for o in orgs):
            continue
        before = text[max(start, m.start() - 60):m.start()]
        after = text[m.end():min(end, m.end() + 60)]
        if pats.not_credit_before.search(before):
            continue
        name = m.group("name").lower()
        kind = next((k for word, k in _ORGANISATION_KINDS if word in name), "agency")
        credited = bool(pats.credit_before.search(before) or pats.credit_after.match(after))
        found.append(Credit(m.start("acronym"), m.end("acronym"), m.group("acronym"), kind,
                            mentions_report=mentions_report, credited=credited))
    for m in _ACRONYM_SPEAKS.finditer(text, start, end):
        if m.group("acronym") in _NOT_ORGANISATIONS:
            continue
        if not any(o.start <= m.start() < o.end for o in orgs) and not any(c.source == m.group("acronym") for c in found):
            found.append(Credit(m.start("acronym"), m.end("acronym"), m.group("acronym"), "agency",
                                mentions_report=mentions_report))
    return found


def _named_sources(text: str, start: int, end: int, orgs, people) -> list[Credit]:
    """A source the tables do not know, named after "according to": "according to Refinitiv data",
    "according to the Chinese business news site 36Kr"; a body named in full ("the Shanghai
    Municipal Commission of Economy and Informatization") is credited by that name even when
    it starts with a place."""
    found = []
    for m in patterns().according_to_name.finditer(text, start, end):
        words = m.group("name").split()
        while words and (words[-1] in ("of", "and", "for") or words[-1].lower() in ("data", "figures", "statistics", "report")):
            words.pop()
        if words and words[-1].endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", words[-1]):
            words[-1] = words[-1][:-1]            # the sentence's full stop, not an abbreviation's
        body = any(word.lower() in _NOT_NAME_ENDS for word in words[1:])
        if not words or not body and (words[0].lower() in _NOT_NAMES or words[0].lower().rstrip("'’s") in _NOT_NAMES):
            continue
        name_start = m.start("name")
        name_end = name_start + len(" ".join(words))
        if any(o.start < name_end and name_start < o.end for o in orgs) or any(p.start < name_end and name_start < p.end for p in people):
            continue
        found.append(Credit(name_start, name_end, " ".join(words).rstrip("'’s"), "company"))
    return found


def _person_credits(text: str, start: int, end: int, orgs) -> list[Credit]:
    pats = patterns()
    found: list[Credit] = []
    seen: set[str] = set()
    for pattern in (_PERSON_AFTER_SPEECH, _PERSON_BEFORE_ROLE, _PERSON_SPEAKS):
        for m in pattern.finditer(text, start, end):
            name = m.group("name")
            words = name.split()
            name_start = m.start("name")
            while len(words) > 2 and pats.titles.fullmatch(words[0]):
                name_start += len(words[0]) + 1
                words = words[1:]                 # "Analyst Ma Jihua"
            name = " ".join(words)
            if words[0].lower() in _NOT_NAMES or name in seen or words[-1].lower() in _NOT_NAME_ENDS:
                continue
            if any(o.start <= m.start("name") < o.end for o in orgs):
                continue
            seen.add(name)
            role = m.groupdict().get("role") or ""
            source, kind = name, "person"
            if role and pats.representative.search(role) and not pats.not_representative.search(role):
                role_start = m.start("role")
                inside = [o for o in orgs if role_start <= o.start < role_start + len(role) and o.payload.kind not in ("outlet",)]
                if inside:
                    source, kind = inside[0].payload.short, inside[0].payload.kind
                else:
                    reference = pats.anaphora_any.search(role)
                    if reference:
                        source, kind = None, f"anaphor:{pats.anaphora_kind[_fold_space(reference.group())][0]}"
            found.append(Credit(name_start, m.end("name"), source, kind, person=name))
    for m in _COMPANY_SPEAKS.finditer(text, start, end):
        name = m.group("name")
        if any(o.start <= m.start("name") < o.end for o in orgs) or name in seen:
            continue
        found.append(Credit(m.start("name"), m.end("name"), name, "company"))
        seen.add(name)
    for m in _SURNAME_SPEAKS.finditer(text, start, end):
        name = m.group("name")
        if name.lower() in _NOT_NAMES or any(name in s for s in seen):
            continue
        found.append(Credit(m.start("name"), m.end("name"), None, "person_ref", person=name))
    return found


# -- tokens for alias matching ---------------------------------------------------------------

_TOKEN = re.compile(r"\([A-Z][A-Za-z]{1,7}s?\)|[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*\.?|['’]s\b|[$¥€£%]")


@lru_cache(maxsize=65536)
def _normalise(word: str) -> str:
    word = word.lower().rstrip(".")
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def english_tokens(text: str, start: int, end: int, *, names: bool = False) -> list[Token]:
    """Word tokens for alias matching: case-folded, plural "s" and possessive "'s" dropped,
    bracketed acronyms skipped. With ``names``, acronyms keep their case ("MOST" is not "most")."""
    tokens = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        if word.startswith("(") or word[0] in "'’":
            continue                              # "(AI)" and "'s" are skipped in matching
        bare = word.rstrip(".")
        acronym = names and len(bare) > 1 and bare.isupper() and bare.isalpha()
        tokens.append(Token(bare if acronym else _normalise(word), m.start(), m.end()))
    return tokens


def english_name_tokens(text: str, start: int, end: int) -> list[Token]:
    return english_tokens(text, start, end, names=True)


def _as_name_tokens(text: str, tokens: list[Token]) -> list[Token]:
    """The name tokens of a sentence from its word tokens: acronyms get their capitals back."""
    named = []
    for token in tokens:
        bare = text[token.start:token.end].rstrip(".")
        if len(bare) > 1 and bare.isupper() and bare.isalpha():
            token = Token(bare, token.start, token.end)
        named.append(token)
    return named


# -- the rules ---------------------------------------------------------------------------------

_FURNITURE = re.compile(
    r"(?m)^[ \t]*date \d{4}-\d{2}-\d{2}"
    r"|^[^\n]{0,40}\d{1,2}:\d{2}(?:\s*[AP]M)?,?\s+[A-Z][a-z]+\.? \d{1,2},? \d{4}[^\n]{0,5}$"
    r"|^[ \t]*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s*\d{1,2})?,?\s*\((?:[^()\n]|\([^()\n]*\))*\)\s*(?:--|—|–|-)?"
    r"|^[ \t]*\((?:ECNS|Xinhua|CNS)\)\s*(?:--|—)"
    r"|^[ \t]*(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?)\s+\d{4}\s*(?:[–—-]+|:)\s*(?:\([^)\n]{0,30}\))?"
    r"|\((?:Web )?[Ee]ditors?:[^)\n]*\)"
    r"|(?:^|(?<=[.\s]))Photo:[^\n]*"
    r"|\((?:Xinhua|Photo|VCG|CFP|IC)/[^)\n]*\)"
    r"|^[ \t]*Published:[^\n]*$"
    r"|^[ \t]*[\d/.: ]{6,}$"
    r"|\[[A-Za-z][^\[\]\n]{0,40}\]"
    r"|^[ \t]*(?:https?://|www\.)\S+"
    r"|\b\d+\s+(?:hours?|minutes?|mins?|days?|weeks?)\s+ago\b"
    r"|^[ \t]*Xinhua\)[^\n]*$"
    r"|\(?\s*(?:US\$\s*1|\$\s*1|1\s+(?:U\.S\.\s+|US\s+)?dollars?|1\s+(?:yuan|euro))\s*=\s*[\d.]+\s*[A-Za-z.]+(?:\s+dollars?)?\s*\)?"
)


class EnglishRules(LanguageRules):
    lang = "en"
    abbreviations = ABBREVIATIONS

    def find_quantities(self, text: str) -> list[Quantity]:
        return numbers_en.find_quantities(text)

    def furniture(self, text: str) -> list[tuple[int, int]]:
        return sorted(m.span() for m in _FURNITURE.finditer(text))

    def tokens(self, text: str, start: int, end: int) -> list[Token]:
        return english_tokens(text, start, end)

    def gdp_tokens(self) -> frozenset[str]:
        return frozenset({"gdp", "gross domestic product"})

    def generic_size_words(self) -> frozenset[str]:
        return frozenset({"revenue", "scale", "size", "value", "economy", "output", "income", "market"})

    def measure_of(self, text: str, alias_start: int, alias_end: int, floor: int) -> tuple[str, int] | None:
        m = patterns().measure_head.search(text, max(floor, alias_start - 80), alias_start)
        if m is None:
            return None
        return f"{m.group('modifiers')} {text[alias_start:alias_end]} {m.group('head')}", m.start('head')

    def read_sentence(self, text: str, sentence: Sentence) -> SentenceReading:
        pats = patterns()
        start, end = sentence.start, sentence.end
        tokens = english_tokens(text, start, end)
        reading = SentenceReading(tokens=tokens)
        reading.periods = find_periods(text, start, end)
        reading.credits = find_credits(text, sentence, tokens)
        reading.clause_breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, start, end)]
        reading.modality = _modality_cues(text, start, end, pats)
        reading.current_state = bool(pats.current_state.search(text, start, end))
        reading.respectively = "respectively" in text[start:end].lower()
        reading.anaphoric_subject = bool(_ANAPHORIC_SUBJECT.match(text, start, end))
        reading.cumulative = bool(_CUMULATIVE.search(text, start, end))
        label = re.compile(r"[ \t•*-]*([^:\n]{3,60}):\s").match(text, start, end)
        if label and not re.search(r"\d{1,2}:\d{2}", label.group()):
            reading.label_end = label.end(1)
        return reading

    def read_claim(self, text, sentence, reading, quantities, index, metric_matches, repeats) -> ClaimReading:
        # neighbours only: a sentence may hold hundreds of numbers
        nearby = quantities[max(0, index - 4):index + 3]
        return _read_claim(text, sentence, reading, quantities[index], nearby, metric_matches, repeats)

    def infer_reference_year(self, text: str) -> int | None:
        years = []
        for m in re.finditer(rf"(?<![\w$.,-])({_YEAR_RX})(?![\w%]|[.,]\d)", text[:200_000]):
            before = text[max(0, m.start() - 12):m.start()].lower()
            if re.search(r"\b(?:by|until|till|to|through|before)\s+(?:the\s+end\s+of\s+)?$", before):
                continue
            years.append(int(m.group(1)))
        return max(years) if years else None


# a sentence about the figure of the sentence before: "The figure was ...", "The number rose ..."
_ANAPHORIC_SUBJECT = re.compile(r"(?:(?:However|Meanwhile|Moreover|By comparison|In comparison|By contrast),?\s+)?(?:The|That|This)\s+(?:figure|number|total|amount|count|tally|sum|sector|industry|segment|market|economy)\b|It\s+(?:was|is|had|has|rose|grew|fell|reached|stood)\b")
# totals to date, not flows: "models launched worldwide to date"
_CUMULATIVE = re.compile(r"\b(?:to date|so far|cumulative(?:ly)?|accumulated|in all)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|when)\b|\s(?:while|whereas)\b|\sand\s+(?=(?:will|has|have|is|are|was|were|it|its|the|projections|it)\b)")


def _modality_cues(text: str, start: int, end: int, pats: _Patterns) -> list[ModalityCue]:
    found = []
    for m in pats.target.finditer(text, start, end):
        found.append(ModalityCue(m.start(), m.end(), "target", 3, "sentence"))
    for m in pats.forecast.finditer(text, start, end):
        word = m.group().lower()
        scope = "sentence" if word in ("predicted", "forecast", "projected", "estimated that", "it is estimated") else "clause"
        found.append(ModalityCue(m.start(), m.end(), "forecast", 2, scope))
    for m in pats.agentive.finditer(text, start, end):
        found.append(ModalityCue(m.start(), m.end(), "target", 2, "clause"))
    for m in pats.modal.finditer(text, start, end):
        if m.group() == "May":
            continue                              # the month
        word = m.group().lower()
        if word == "will" and re.match(r"\s+(?:have\s+)?(?:\w+ly\s+)?(?:build|complete|construct|set up|establish|launch|add|deploy|install|achieve)\b", text[m.end():m.end() + 30]):
            continue
        if word.startswith("to ") and not re.search(r"\b(?:expected|forecast|set|projected|likely|poised|aims?|target)\b", text[max(start, m.start() - 40):m.start()]):
            continue
        found.append(ModalityCue(m.start(), m.end(), "forecast", 1, "clause"))
    if pats.plan_cited.search(text, start, end):
        # what a guideline or plan says "is set to" or "will" happen is its goal
        found = [ModalityCue(cue.start, cue.end, "target", cue.strength, cue.scope) for cue in found]
    return found


def _read_claim(text, sentence, reading, q: Quantity, others, metric_matches, repeats) -> ClaimReading:
    pats = patterns()
    left = text[max(sentence.start, q.start - 45):q.start]
    right = text[q.end:min(sentence.end, q.end + 60)]
    noun_alias = any(q.end <= m.start <= q.end + 12 + len(q.counted_noun or "") for m in metric_matches)
    is_claim = True
    if q.spelled and q.unit == "count" and q.value is not None and q.value < 10 and not noun_alias:
        is_claim = False                          # "three layers" is prose, "two LLMs" a count
    elif q.unit == "count" and not q.unit_given:
        is_claim = _bare_count_is_claim(text, sentence, reading, q, others, metric_matches, left)
    if q.counted_noun and repeats > 1 and q.counted_noun.split()[-1].lower() in ("countries", "economies", "nations"):
        is_claim = False                          # "47 countries" named again and again: a sample, not a figure
    kind = _kind(q, left, right, reading, others, pats, text, sentence)
    negative = kind in ("growth", "change") and bool(pats.decline_before.search(left) or pats.decline_after.match(right))
    clause_start = max([b for b in reading.clause_breaks if b <= q.start] + [sentence.start, q.start - 160])
    flow = q.unit == "count" and bool(pats.flow_before.search(text[clause_start:q.start])
                                      or pats.future_flow.search(text[clause_start:q.start]) or pats.flow_after.match(right))
    if not flow and q.unit == "count" and not q.counted_noun:
        # a bare count set against a counted flow: "produced 61 notable AI models in 2023, against 15"
        earlier = [o for o in others if o.end <= q.start and o.unit == "count" and o.counted_noun]
        if earlier:
            flow = bool(pats.flow_before.search(text[clause_start:earlier[-1].start]))
    if flow and reading.cumulative:
        flow = False
    equivalent = bool(re.search(r"(?:\(\s*(?:about|around|roughly|approximately|some|nearly|or|equal\s+to|equivalent\s+to|approx\.)?\s*|,\s*(?:equal|equivalent)\s+to\s+(?:roughly|about|around|some)?\s*|,\s+or\s+(?:about|around|roughly|some|nearly|almost)?\s*)(?:US\$|\$|¥|RMB|CNY|USD)?\s*$", left)) \
        and any(o.end <= q.start and q.start - o.end < 40 for o in others)
    from_to = None
    bare_left = re.sub(r"(?:(?:more than|over|about|around|nearly|almost|under|less than|some|roughly)\s+)?(?:US\$|\$|¥|RMB\s?|CNY|USD\s?)?$", "", left, flags=re.IGNORECASE)
    if re.search(r"\bfrom\s+$", bare_left, re.IGNORECASE):
        from_to = "from"
    elif re.search(r"\bto\s+$", bare_left, re.IGNORECASE) and re.search(r"\bfrom\b", text[sentence.start:q.start]):
        from_to = "to"
    noun_end = None
    if q.counted_noun:
        last = q.counted_noun.split()[-1]
        found = text.find(last, q.end, q.end + len(q.counted_noun) + 40)
        noun_end = found + len(last) if found >= 0 else q.end + len(q.counted_noun) + 1
        modifier = re.compile(r"[^,;.()]{0,25}?\b(?:using|who\s+use|that\s+use|who\s+used)\s+(?:[\w-]+\s*){1,3}").match(text, noun_end, sentence.end)
        if modifier:
            noun_end = modifier.end()
    return ClaimReading(is_claim=is_claim, kind=kind, negative=negative, flow=flow, equivalent=equivalent,
                        from_to=from_to, noun_end=noun_end,
                        metric_phrase=_metric_phrase(text, max(clause_start, sentence.start), q.start))


_PHRASE_WORD = re.compile(r"[A-Za-z][\w'’-]*|[,;:()]")


def _metric_phrase(text: str, start: int, end: int) -> str | None:
    """The words naming what a figure measures, walking back from it: "Industrial output rose"."""
    c = cues()["metric_phrase"]
    skip, stop = frozenset(c["skip"]), frozenset(c["stop"])
    words = _PHRASE_WORD.findall(re.sub(r"\([A-Z][A-Za-z]{1,7}s?\)", " ", text[max(start, end - 120):end]))
    index = len(words) - 1
    while index >= 0 and words[index].lower() in skip:
        index -= 1
    phrase: list[str] = []
    while index >= 0 and len(phrase) < 6:
        word = words[index]
        low = word.lower()
        if low == "of" and phrase and index > 0 and words[index - 1][0].isalpha() and words[index - 1].lower() not in stop:
            index -= 1                            # "retail sales of physical goods"
            continue
        if low in stop or not word[0].isalpha() or low.endswith(("'s", "’s")) or low in skip and phrase:
            break
        phrase.insert(0, word)
        index -= 1
    return " ".join(phrase) or None


def _bare_count_is_claim(text, sentence, reading, q, others, metric_matches, left) -> bool:
    if patterns().change_before.search(left):
        return True                               # "a net increase of 507,000"
    if re.search(r"[A-Za-z]", q.text):
        return True                               # "1.123 billion": a scale word makes it an amount
    if q.qualifier != "exact":
        return True                               # "more than 700"
    if reading.label_end is not None and q.start > reading.label_end and any(m.end <= reading.label_end for m in metric_matches):
        return True
    if re.search(r"\b(?:number|total|count|tally)\b", text[max(sentence.start, q.start - 160):q.start], re.IGNORECASE):
        return True
    if any(o is not q and o.unit == "count" and o.unit_given for o in others):
        return True                               # "37 LLMs ..., while China released 28"
    if re.search(r"(?:['’]s|\bto|\bwith)\s+$", left) and any(m.end <= q.start for m in metric_matches):
        return True
    return False


def _kind(q: Quantity, left: str, right: str, reading, others, pats: _Patterns, text, sentence) -> str:
    if q.kind_hint in ("multiple", "share", "growth"):
        return q.kind_hint
    if q.unit == "x":
        return "multiple"
    if q.unit == "%":
        if pats.growth_after.match(right) and not re.match(r"\s+of\b", right):
            return "growth"
        if pats.share_before.search(left):
            return "share"
        if pats.growth_before.search(left):
            if re.search(r"\b(?:rose|increased|grew|climbed|jumped|fell|dropped|declined)\s+to\s*(?:\S+\s*)?$", left, re.IGNORECASE):
                return "share"
            return "growth"
        if re.search(r"\bby\s+(?:(?:more than|nearly|almost|about|around|over|roughly|some|at least)\s+)?$", left, re.IGNORECASE) \
                and pats.growth_verbs.search(text, max(sentence.start, q.start - 120), q.start):
            return "growth"
        subject = text[max(sentence.start, q.start - 60):q.start]
        earlier = [o for o in others if o.end <= q.start and o.unit == "%"]
        if earlier and re.search(r"\b(?:from|to)\s+(?:(?:about|around|nearly|over)\s+)?$", left, re.IGNORECASE):
            # "grew 4.8 percent ..., slowing from 5.2 percent": the same kind as the figure it is set against
            return _kind(earlier[-1], text[max(sentence.start, earlier[-1].start - 45):earlier[-1].start],
                         text[earlier[-1].end:min(sentence.end, earlier[-1].end + 60)], reading, others, pats, text, sentence)
        if pats.level_before.search(left) and re.search(r"\bgrowth\b", subject, re.IGNORECASE) and not pats.rate_words.search(subject):
            return "growth"                       # "put growth this year at 4.8 percent"
        if pats.level_before.search(left) or pats.share_after.match(right):
            return "share"
        previous = [o for o in others if o.end <= q.start and o.unit == "%"]
        if previous and re.search(r"(?:\band\b|,|followed\s+by)\s*$", left):
            return _kind(previous[-1], text[max(sentence.start, previous[-1].start - 45):previous[-1].start],
                         text[previous[-1].end:min(sentence.end, previous[-1].end + 60)], reading, others, pats, text, sentence)
        clause = text[max(sentence.start, q.start - 120):q.start]
        if pats.rate_words.search(clause) and not pats.growth_words.search(clause[-40:]):
            return "share"
        if re.search(r"\b(?:growth|grew|grow|increase|increased|expanded|rose|jumped)\b", clause[-60:], re.IGNORECASE):
            return "growth"
        return "share"
    if q.unit == "pp":
        if pats.pp_growth_before.search(left) and not re.match(r"\s*(?:faster|slower|higher|lower|more|less)\b", right):
            clause = text[max(sentence.start, q.start - 80):q.start]
            if not pats.rate_words.search(clause):
                return "growth"
        return "change"
    if pats.change_before.search(left) or pats.change_after.match(right):
        if re.match(r"\s*(?:\([^)]*\)\s*)?to\s+(?:\w+['’]s\s+|the\s+|its\s+)?(?:economy|gdp)\b", right, re.IGNORECASE):
            return "level"                        # "added CNY50.2 trillion to China's economy": value added
        return "change"
    if q.counted_noun and q.counted_noun.lower().startswith("new "):
        return "change"
    return "level"


# -- spaCy tokenizer -------------------------------------------------------------------------

_SPACY_TOKEN = re.compile(r"\s+|\w+(?:[.,'’&-]\w+)*\.?(?<=[A-Z]\.)|\w+(?:[.,'’&-]\w+)*|[^\w\s]")


class WordTokenizer(PlainTokenizer):
    """Words, numbers ("9,499.4", "U.S.") and single punctuation marks, in one regular-expression
    pass: the rules read the text by character offsets, so the tokens only carry sentence starts
    and span groups, and spaCy's affix rules would cost more than all the claim rules together.
    ``doc.text`` is the text as given, whitespace included."""

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for match in _SPACY_TOKEN.finditer(text):
            piece = match.group()
            if piece.isspace():
                if piece == " " and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True
                    continue
                if words and not spaces[-1] and not words[-1].isspace() and piece[0] == " ":
                    spaces[-1] = True
                    piece = piece[1:]
            words.append(piece)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


def make_tokenizer(vocab) -> WordTokenizer:
    """The tokenizer of the English claim pipeline (see ``WordTokenizer``)."""
    return WordTokenizer(vocab)


register_language(English, EnglishRules)
