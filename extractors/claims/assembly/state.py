"""The state assembly keeps while it walks an article: the draft of each claim, facts
gathered from the whole article before the walk (its first source, the source of "the
report", its main money metric), and what the sentences so far have set (the paragraph's
period and metric, the source credited, people by surname, "as of" dates).

Credits that refer back ("the ministry", "Wu said") are resolved here, in text order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from extractors.claims import periods
from extractors.claims.assembly.contract import ClaimReading, Credit, LanguageRules, SentenceReading
from extractors.claims.linking import AliasMatch, MetricAlias, Token, metric_matcher, registry
from extractors.claims.quantity import Quantity
from extractors.claims.sentences import Sentence

MESSENGER_KINDS = frozenset({"outlet", "event"})
# who "official data" can be: a body the sentence after an unnamed credit names completes it
# only if it is one of these (not the consultancy whose forecast follows)
GOVERNMENT_KINDS = frozenset({"ministry", "regulator", "agency"})


@dataclass
class Draft:
    quantity: Quantity
    sentence: Sentence
    reading: ClaimReading
    value: Decimal | None
    qualifier: str
    kind: str
    unit: str
    metric: str | None = None
    metric_text: str = ""
    metric_from: str = ""          # how the metric was found, for the core rule
    period: str | None = None
    period_source: str = ""        # "mention" (own sentence), "deadline", "base" (the figure is the base of
                                   # a comparison: "up from 7.8 percent in 2020"), "carried", "default"
    modality: str = "actual"
    attribution: str | None = None
    geo: str = "China"
    paragraph_has_core: bool = False


def is_source(credit: Credit) -> bool:
    return credit.credited and credit.source is not None and credit.kind not in MESSENGER_KINDS \
        and credit.kind != "uncredited"


@dataclass
class ArticleFacts:
    first_source: str | None          # the first source credited anywhere (not a messenger)
    report_source: str | None         # the source of "the report" the article is about
    money_metric: str | None          # the most frequent registry money metric named in the article
    paragraph_source: dict[int, str]  # the first source credited in each paragraph
    next_source: dict[int, str]       # sentence index -> the government body the sentence right after
                                      # it credits without figures of its own ("The data was made public
                                      # by Shan Zhongde, vice minister of industry ...")
    next_named: dict[int, str] = field(default_factory=dict)   # sentence index -> the source the sentence
                                      # right after it credits (for "local authorities", 有关部门)

    @classmethod
    def gather(cls, text, sentences, readings, rules, figured: frozenset[int] | None = None) -> "ArticleFacts":
        """``figured``: indexes of the sentences that hold figures (the article's first source is
        the first credited with a figure, or the report's publisher when "the report" is; None:
        any sentence)."""
        first_source = first_named = report_source = event_report = None
        first_is_report = False
        paragraph_source: dict[int, str] = {}
        named_at: list[str | None] = []
        named_any: list[str | None] = []
        money = Counter()
        matcher = metric_matcher(rules.lang, rules.tokens)
        families = registry()
        for sentence, reading in zip(sentences, readings):
            named = [c.source for c in reading.credits if is_source(c) and c.kind in GOVERNMENT_KINDS]
            named_at.append(named[0] if named else None)
            credited_any = [c.source for c in reading.credits if c.source and c.kind not in ("uncredited", "unknown", "person")
                            and c.kind not in MESSENGER_KINDS]
            named_any.append(credited_any[0] if credited_any else None)
            with_figures = figured is None or len(named_at) - 1 in figured
            if with_figures and first_source is None and not first_is_report \
                    and any(c.kind == "report" for c in reading.credits) \
                    and not any(is_source(c) for c in reading.credits):
                first_is_report = True
            for credit in reading.credits:
                if not credit.credited or credit.source is None or credit.kind == "uncredited":
                    continue
                if credit.kind in MESSENGER_KINDS:
                    if credit.kind == "event" and credit.mentions_report:
                        event_report = event_report or credit.source
                    continue
                if credit.kind != "person" or rules.person_credits_reach_back:
                    first_named = first_named or credit.source
                    if with_figures and not first_is_report:
                        first_source = first_source or credit.source
                paragraph_source.setdefault(sentence.paragraph, credit.source)
                if credit.mentions_report and report_source is None:
                    report_source = credit.source
            for match in matcher.find(tokens_of(text, sentence, reading, rules)):
                if families.get(match.payload.key) == "money":
                    money[match.payload.key] += 1
        report_source = report_source or event_report or first_named
        if first_is_report:
            first_source = report_source
        money_metric = money.most_common(1)[0][0] if money else None
        next_source = {}
        for index in range(len(named_at) - 1):
            if named_at[index + 1] and (figured is None or index + 1 not in figured):
                next_source[index] = named_at[index + 1]
        next_named = {index: named_any[index + 1] for index in range(len(named_any) - 1) if named_any[index + 1]}
        return cls(first_source, report_source, money_metric, paragraph_source, next_source, next_named)


@dataclass
class AssemblyState:
    reference: periods.Reference
    paragraph: int = -1
    paragraph_period: tuple[str, bool] | None = None   # (period, future deadline)
    last_period: str | None = None
    source: str | None = None
    source_set: bool = False
    paragraph_metric: str | None = None
    paragraph_metric_text: str = ""
    paragraph_has_core: bool = False
    recent_metrics: list[tuple[str, str]] = field(default_factory=list)   # (metric, text), latest last
    paragraph_forecast: str | None = None   # the period of a forecast made earlier in the paragraph
    as_of: dict[str, str] = field(default_factory=dict)   # source -> the first "as of" date given with it
    source_paragraph: int = -1        # where the inherited source was credited
    source_kind: str = ""
    seen_credit: bool = False
    sentence_index: int = 0
    recent_by_kind: dict[str, str] = field(default_factory=dict)
    people: dict[str, tuple[str, str]] = field(default_factory=dict)   # surname -> (source, kind)
    previous_named: str | None = None   # the first body the sentence before named (for 数据显示)
    framing: tuple[str, int] | None = None   # (source, paragraph) credited in a sentence without figures
    last_place: str | None = None    # the last city or province named (for "the city", 全市)
    last_geo: str | None = None      # the place of the last figure (for figures that refer back)
    event_place: str | None = None   # where the event named last is held (for its exhibitors, floor space)
    paragraph_years: dict[int, int] = field(default_factory=dict)   # paragraph -> latest data year named
    event_year: int | None = None    # undated text: the year its report or event is said to cover
    last_figure_period: str | None = None          # the period of the last figure the text dates
    metric_periods: dict[str, str] = field(default_factory=dict)   # metric -> the period of its last level
    antecedent: tuple[int, str, str] | None = None   # (paragraph, metric, text) of the last figure or metric named

    def remember(self, person: str, credited: tuple[str, str]) -> None:
        """A person named in full, for later references by one name: the first word (a Chinese
        family name, "Zhao said") and the last ("von der Leyen said")."""
        words = person.split()
        for word in {words[0], words[-1]}:
            self.people[word] = credited

    def resolve_credits(self, credits: list[Credit]) -> list[Credit]:
        """Replace "the ministry" and "Wu said" by whom they refer to, in text order."""
        resolved = []
        for credit in credits:
            if credit.kind.startswith("anaphor:"):
                kind = credit.kind.split(":", 1)[1]
                source = self.recent_by_kind.get(kind)
                if source is None:
                    if credit.person:
                        credit = replace(credit, source=credit.person, kind="person")
                        self.remember(credit.person, (credit.person, "person"))
                    else:
                        credit = replace(credit, kind="unknown")     # "the firm said": someone, not the last source
                    resolved.append(credit)
                    continue
                credit = replace(credit, source=source, kind=kind)
                if credit.person:
                    self.remember(credit.person, (source, kind))
            elif credit.kind == "person_ref":
                known = self.people.get(credit.person or "")
                if known is None:
                    if credit.source is None:
                        continue
                    # a person named for the first time, by name only: credited by that name
                    known = (credit.source, "person")
                    self.people[credit.person] = known
                credit = replace(credit, source=known[0], kind=known[1])
            elif credit.person and credit.source:
                self.remember(credit.person, (credit.source, credit.kind))
            if credit.source and credit.kind not in ("report", "uncredited", "person"):
                self.recent_by_kind[credit.kind] = credit.source
            resolved.append(credit)
        return resolved

    def enter(self, sentence: Sentence, reading: SentenceReading, text: str) -> None:
        if sentence.paragraph != self.paragraph:
            self.paragraph = sentence.paragraph
            self.paragraph_period = None
            self.paragraph_metric = None
            self.paragraph_metric_text = ""
            self.paragraph_has_core = False
            self.paragraph_forecast = None
        if sentence.heading and not reading.credits and _several_words(text[sentence.start:sentence.end]):
            # a section heading ends what the text before it said about sources
            self.source = None
            self.source_set = False

    def leave(self, sentence: Sentence, reading: SentenceReading, drafts: list[Draft], text: str,
              matches: list[AliasMatch[MetricAlias]]) -> None:
        named = [(m.start, m.payload.key, text[m.start:m.end]) for m in matches]
        named += [(d.quantity.start, d.metric, d.metric_text) for d in drafts
                  if d.metric and d.metric_from != "derived"]
        if named:
            _, metric, metric_text = max(named, key=lambda n: n[0])
            self.antecedent = (sentence.paragraph, metric, metric_text)
        for mention in reading.periods:
            if mention.as_of and self.source and mention.spec.year is not None:
                resolved = periods.resolve(mention.spec, self.reference)
                if resolved:
                    self.as_of.setdefault(self.source, resolved)
            if mention.role not in (periods.AT, periods.BY, periods.SPAN) or mention.spec.months_back:
                continue
            resolved = self.last_period if mention.spec.anaphor else periods.resolve(mention.spec, self.reference)
            if not resolved:
                continue
            if not mention.spec.past_years and not mention.spec.next_years:
                self.paragraph_period = (resolved, periods.ends_after(resolved, self.reference))
            self.last_period = resolved
            bounds = periods.bounds(resolved)
            if bounds and (mention.spec.year is not None or mention.spec.year_offset is not None):
                self.reference = replace(self.reference, previous_year=bounds[1][0])
        for draft in drafts:
            if draft.period and draft.period_source != "default":
                self.last_figure_period = draft.period      # the last figure the text dates
                if draft.metric and draft.kind == "level":
                    self.metric_periods[draft.metric] = draft.period   # the total a breakdown is of
            if draft.metric and draft.metric_from != "derived":
                self.paragraph_metric, self.paragraph_metric_text = draft.metric, draft.metric_text
                self.recent_metrics = [m for m in self.recent_metrics if m[0] != draft.metric][-4:] + [(draft.metric, draft.metric_text)]
            if draft.modality == "forecast" and draft.period:
                self.paragraph_forecast = draft.period


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _several_words(heading: str) -> bool:
    """More than one word: by spaces, or by characters in a language written without them
    (a Chinese heading such as 产业规模 is two words and no space)."""
    return len(heading.split()) > 1 or len(_HAN.findall(heading)) > 2


def tokens_of(text: str, sentence: Sentence, reading: SentenceReading, rules: LanguageRules) -> list[Token]:
    if reading.tokens is None:
        reading.tokens = rules.tokens(text, sentence.start, sentence.end)
    return reading.tokens


def same_clause(position: int, other: int, reading: SentenceReading) -> bool:
    """Whether no clause break of the sentence falls between two offsets."""
    low, high = sorted((position, other))
    return not any(low < clause_break <= high for clause_break in reading.clause_breaks)


def clause_start(reading: SentenceReading, position: int, sentence_start: int) -> int:
    starts = [b for b in reading.clause_breaks if b <= position]
    return starts[-1] if starts else sentence_start
