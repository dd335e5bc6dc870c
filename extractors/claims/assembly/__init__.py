"""Claim assembly: turn number mentions into claims, the same way for every language.

``LanguageRules`` is what a language supplies (English in ``context_en.py``); everything
here is shared. For each sentence the rules give a ``SentenceReading`` (time expressions,
source credits, modality cues, clause breaks) and for each number a ``ClaimReading``
(kind, sign, whether a bare number is a claim at all). Assembly then decides, with the
state of the article so far:

- period: a time expression glued to the figure ("2024's RMB 900 billion"), else one of
  its clause (one of its own phrase before one set off by a comma: "Under a plan released
  last November, ... 38 base stations ... by the end of 2027" is 2027), else one that frames the sentence, else one set by an earlier sentence of
  the paragraph (not a future deadline into a sentence without a forecast), else the
  publication month for a current state and the publication year for anything else (a
  figure repeated without a time takes the time of its first mention; in an undated
  article, the "as of" date given with the figure's source: 据…统计，截至2020年); growth since a
  base ("from the end of last year" to "as of October") or "in just 18 months" becomes an
  interval; the two ends of "from A to B ... from 2012 to 2021" get the two years;
- attribution: a credit in the sentence ("according to", "X said", "a report by", "the
  ministry added", a person speaking for an organisation), else the source credited before
  (a heading ends it; a person's credit ends with their paragraph), and for figures before
  the first credit, the article's first source (a person only where the language's rules
  say so); a speaker named by name only is credited by that name; "the report" is the source named for the
  article's report; "official data" with no name takes a source named in the next two
  sentences, else none; messengers (news outlets, events) give way to a source named in
  the same paragraph;
- metric: clause-scoped aliases ("registered with provincial cyberspace offices"), the
  counted noun, a label ("Active AI companies: over 5,300"), "respectively" pairings,
  aliases before the figure in its clause and after it, the earlier figure of the clause,
  "The figure ..." back to a recent metric, the paragraph's metric, the sentence's figure
  before when the clause names nothing (…；预计2025年将达到1037.3 EFLOPS), words that point back
  ("it", "the industry": ``metric_words.toml``) to the last thing named in the sentence, else in
  the paragraph or the one before, and for money with
  generic words ("revenues") the article's main money metric; "core" for the same figure
  or in the paragraph makes an AI industry size the core one; shares of GDP get the
  ``_gdp_share`` key; a word measuring something else about a metric ("the supply of effective
  computing power") derives its own key; otherwise a key derived from the counted noun or the
  subject phrase (never from a word that only points back: ``unspecified`` then);
- modality: target and forecast cues (a strong cue of the figure's own clause first;
  modal verbs only forward), a period that starts after publication or a deadline that
  ends after it, an estimate earlier in the paragraph for the same period;
- currency equivalents in brackets become ``approx`` claims of the same metric and period;
  a restatement in another unit of the same dimension is dropped; declines are negative.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from extractors.claims import periods as P
from extractors.records import Claim
from extractors.claims.linking import (
    AliasMatch,
    MetricAlias,
    Token,
    aiming_cues,
    derive_key,
    refers_back,
    sets_goals,
    geo_matcher,
    metric_matcher,
    organisation_kinds,
    registry,
)
from extractors.claims.quantity import Quantity
from extractors.claims.sentences import Sentence, split_sentences

CURRENCIES = frozenset({"CNY", "USD", "HKD", "EUR", "TWD", "GBP", "JPY", "KRW", "INR"})
# Units of one dimension: a figure restated in another of them is the same claim.
DIMENSIONS = {
    "ZFLOPS": "computing", "EFLOPS": "computing", "PFLOPS": "computing", "TFLOPS": "computing", "FLOPS": "computing",
    "ZB": "storage", "EB": "storage", "PB": "storage", "TB": "storage", "GB": "storage",
    "GW": "power", "MW": "power", "kW": "power",
}
MESSENGER_KINDS = frozenset({"outlet", "event"})
# Keys of GDP itself: a share "of GDP" is of something else
GDP_KEYS = frozenset({"gdp", "gdp_size", "gdp_growth"})


# -- what the language rules report ----------------------------------------------------------

@dataclass(frozen=True)
class Credit:
    """Evidence in a sentence of who a figure comes from."""
    start: int
    end: int
    source: str | None     # short name ("CAICT", "Wu Hequan"); None for "official data" and for a report reference
    kind: str              # organisation kind; "person"; "report" (the article's report); "uncredited"
                           # ("official data shows"); "anaphor:<kind>" ("the ministry"); "person_ref" ("Wu said")
    mentions_report: bool = False   # the sentence names a report, white paper or survey
    credited: bool = True           # False for an organisation merely mentioned ("China Mobile has built")
    person: str | None = None       # the person speaking, for later references by surname


@dataclass(frozen=True)
class ModalityCue:
    start: int
    end: int
    modality: str          # "forecast" or "target"
    strength: int          # 3 explicit target, 2 explicit forecast, 1 modal verb / plain future
    scope: str = "clause"  # "clause": this clause onwards; "sentence": the whole sentence


@dataclass
class SentenceReading:
    periods: list[P.PeriodMention] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    modality: list[ModalityCue] = field(default_factory=list)
    clause_breaks: list[int] = field(default_factory=list)   # offsets where a new clause starts
    current_state: bool = False      # "has reached", "is home to", "there are": a state at publication
    respectively: bool = False
    label_end: int | None = None     # "Active AI companies: over 5,300": end of the label
    anaphoric_subject: bool = False  # "The figure was ...": about the metric of the sentence before
    cumulative: bool = False         # "to date", "so far": totals, not flows
    tokens: list[Token] | None = None  # the sentence's alias-matching tokens, when the rules keep them


@dataclass(frozen=True)
class ClaimReading:
    is_claim: bool
    kind: str
    negative: bool = False
    flow: bool = False              # a flow verb ("released", "will build"): a change over an interval
    equivalent: bool = False        # a bracketed or "equal to" restatement of the figure before
    metric_phrase: str | None = None  # words naming what is measured, for a derived key
    from_to: str | None = None      # "from" or "to" when the figure is an end of a "from A to B"
    noun_end: int | None = None     # end of the counted noun with its modifiers ("users in China using AI")
    subject_phrase: str | None = None  # the words before the figure, for a derived key when nothing else names it


class LanguageRules:
    """What a language supplies to the shared assembly. Subclass and register it."""

    lang = ""
    # Whether a person credited by name also credits the figures before the article's first
    # credit ("..., Wu said" in English news; not in Chinese, where a quoted person's words
    # follow the figures of others)
    person_credits_reach_back = True
    terminators = ".!?"
    spaceless_terminators = "。！？"
    abbreviations: frozenset[str] = frozenset()

    def split_sentences(self, text: str) -> list[Sentence]:
        return split_sentences(
            text,
            terminators=self.terminators,
            spaceless_terminators=self.spaceless_terminators,
            abbreviations=self.abbreviations,
        )

    def find_quantities(self, text: str) -> list[Quantity]:
        raise NotImplementedError

    def furniture(self, text: str) -> list[tuple[int, int]]:
        """Spans that hold no claims and credit no one: datelines, bylines, captions."""
        return []

    def tokens(self, text: str, start: int, end: int) -> list[Token]:
        """Normalised word tokens of ``text[start:end]`` for alias matching."""
        raise NotImplementedError

    def read_sentence(self, text: str, sentence: Sentence) -> SentenceReading:
        raise NotImplementedError

    def read_claim(self, text: str, sentence: Sentence, reading: SentenceReading, quantities: list[Quantity],
                   index: int, metric_matches: list[AliasMatch[MetricAlias]], repeats: int) -> ClaimReading:
        """Read ``quantities[index]`` (the sentence's numbers in text order); ``repeats``: how often
        the same number with the same counted noun occurs in the whole text."""
        raise NotImplementedError

    def infer_reference_year(self, text: str) -> int | None:
        """For undated text: the latest year the text reports as past."""
        return None

    def generic_size_words(self) -> frozenset[str]:
        """Normalised words that name an amount without saying of what ("revenues", "scale")."""
        return frozenset()

    def measure_of(self, text: str, alias_start: int, alias_end: int, floor: int) -> tuple[str, int] | None:
        """When a metric alias is governed by a word that measures something else about it ("the
        supply of effective computing power"): the phrase to derive the key from ("effective
        computing power supply") and where the governing word starts; else None."""
        return None

    def core_marker(self) -> str:
        """The normalised token that says "core" in a metric phrase."""
        return "core"

    def gdp_tokens(self) -> frozenset[str]:
        """Normalised words (or three-word phrases) that name GDP."""
        return frozenset({"gdp"})


# -- assembly ----------------------------------------------------------------------------------

@dataclass
class _Draft:
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


def assemble_claims(text: str, published: str | date | None, rules: LanguageRules,
                    sentences: list[Sentence] | None = None,
                    quantities: list[Quantity] | None = None) -> list[Claim]:
    sentences = sentences if sentences is not None else rules.split_sentences(text)
    quantities = quantities if quantities is not None else rules.find_quantities(text)
    published_date = P.parse_published(published)
    inferred = rules.infer_reference_year(text) if published_date is None else None
    furniture = rules.furniture(text)
    quantities = [q for q in quantities if not _overlaps_any(furniture, q.start, q.end)]
    readings = [rules.read_sentence(text, s) for s in sentences]
    for reading in readings:
        reading.credits = [c for c in reading.credits if not _overlaps_any(furniture, c.start, c.end)]
        reading.periods = [m for m in reading.periods if not _overlaps_any(furniture, m.start, m.end)]
    by_sentence = _group(quantities, sentences)
    repeats = Counter((q.value, (q.counted_noun or "").lower()) for q in quantities if q.counted_noun)

    state = _State(reference=P.Reference(published_date, inferred))
    for sentence, reading in zip(sentences, readings):
        reading.credits = state.resolve_credits(reading.credits)
    article = _ArticleFacts.gather(text, sentences, readings, rules)
    state = _State(reference=P.Reference(published_date, inferred))
    drafts: list[_Draft] = []
    matcher = metric_matcher(rules.lang, rules.tokens)
    for index, (sentence, reading) in enumerate(zip(sentences, readings)):
        state.sentence_index = index
        state.enter(sentence, reading, text)
        own = by_sentence.get(index, [])
        sentence_drafts = _sentence_drafts(text, sentence, reading, own, rules, state, article, repeats)
        drafts.extend(sentence_drafts)
        state.leave(sentence, reading, sentence_drafts, text, matcher.find(_tokens_of(text, sentence, reading, rules)))
    _upgrade_core(drafts, rules)
    _restated_periods(drafts)
    return [_to_claim(text, d) for d in drafts]


def _restated_periods(drafts: list[_Draft]) -> None:
    """A figure repeated without a time of its own has the time given where it first appeared."""
    # per (metric, unit, kind): dated values in order, and the same sorted for a range look-up,
    # so that a long article costs a logarithmic search per figure, not a scan of all before it
    dated: dict[tuple, dict[Decimal, tuple[int, str]]] = {}
    ordered: dict[tuple, list[Decimal]] = {}
    for draft in drafts:
        if draft.value is None:
            continue
        key = (draft.metric, draft.unit, draft.kind)
        if draft.period_source == "default":
            values = ordered.get(key)
            if not values:
                continue
            low = bisect.bisect_left(values, draft.value - abs(draft.value) * Decimal("0.006"))
            high = bisect.bisect_right(values, draft.value + abs(draft.value) * Decimal("0.006"))
            close = [dated[key][v] for v in values[low:high] if abs(v - draft.value) <= abs(v) * Decimal("0.005")]
            if close:
                draft.period = min(close)[1]      # the first dated, as it appeared
        elif draft.period and draft.value not in dated.setdefault(key, {}):
            dated[key][draft.value] = (len(dated[key]), draft.period)
            bisect.insort(ordered.setdefault(key, []), draft.value)


def _group(quantities: list[Quantity], sentences: list[Sentence]) -> dict[int, list[Quantity]]:
    starts = [s.start for s in sentences]
    grouped: dict[int, list[Quantity]] = {}
    for q in quantities:
        index = bisect.bisect_right(starts, q.start) - 1
        if index >= 0 and q.start < sentences[index].end:
            grouped.setdefault(index, []).append(q)
    return grouped


def _overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_right(spans, (start, float("inf"))) - 1
    for probe in (index, index + 1):
        if 0 <= probe < len(spans) and spans[probe][0] < end and start < spans[probe][1]:
            return True
    return False


def _is_source(credit: Credit) -> bool:
    return credit.credited and credit.source is not None and credit.kind not in MESSENGER_KINDS \
        and credit.kind != "uncredited"


@dataclass
class _ArticleFacts:
    first_source: str | None          # the first source credited anywhere (not a messenger)
    report_source: str | None         # the source of "the report" the article is about
    money_metric: str | None          # the most frequent registry money metric named in the article
    paragraph_source: dict[int, str]  # the first source credited in each paragraph
    next_source: dict[int, str]       # sentence index -> a source named in the two sentences after it

    @classmethod
    def gather(cls, text, sentences, readings, rules) -> "_ArticleFacts":
        first_source = report_source = event_report = None
        paragraph_source: dict[int, str] = {}
        named_at: list[str | None] = []
        money = Counter()
        matcher = metric_matcher(rules.lang, rules.tokens)
        families = registry()
        for sentence, reading in zip(sentences, readings):
            named = [c.source for c in reading.credits if _is_source(c)]
            named_at.append(named[0] if named else None)
            for credit in reading.credits:
                if not credit.credited or credit.source is None or credit.kind == "uncredited":
                    continue
                if credit.kind in MESSENGER_KINDS:
                    if credit.kind == "event" and credit.mentions_report:
                        event_report = event_report or credit.source
                    continue
                if credit.kind != "person" or rules.person_credits_reach_back:
                    first_source = first_source or credit.source
                paragraph_source.setdefault(sentence.paragraph, credit.source)
                if credit.mentions_report and report_source is None:
                    report_source = credit.source
            for match in matcher.find(_tokens_of(text, sentence, reading, rules)):
                if families.get(match.payload.key) == "money":
                    money[match.payload.key] += 1
        report_source = report_source or event_report or first_source
        money_metric = money.most_common(1)[0][0] if money else None
        next_source = {}
        for index in range(len(named_at)):
            ahead = [n for n in named_at[index + 1:index + 3] if n]
            if ahead:
                next_source[index] = ahead[0]
        return cls(first_source, report_source, money_metric, paragraph_source, next_source)


@dataclass
class _State:
    reference: P.Reference
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
    antecedent: tuple[int, str, str] | None = None   # (paragraph, metric, text) of the last figure or metric named

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
                        self.people[credit.person.split()[0]] = (credit.person, "person")
                    else:
                        credit = replace(credit, kind="unknown")     # "the firm said": someone, not the last source
                    resolved.append(credit)
                    continue
                credit = replace(credit, source=source, kind=kind)
                if credit.person:
                    self.people[credit.person.split()[0]] = (source, kind)
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
                self.people[credit.person.split()[0]] = (credit.source, credit.kind)
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

    def leave(self, sentence: Sentence, reading: SentenceReading, drafts: list[_Draft], text: str,
              matches: list[AliasMatch[MetricAlias]]) -> None:
        named = [(m.start, m.payload.key, text[m.start:m.end]) for m in matches]
        named += [(d.quantity.start, d.metric, d.metric_text) for d in drafts
                  if d.metric and d.metric_from != "derived"]
        if named:
            _, metric, metric_text = max(named, key=lambda n: n[0])
            self.antecedent = (sentence.paragraph, metric, metric_text)
        for mention in reading.periods:
            if mention.as_of and self.source and mention.spec.year is not None:
                resolved = P.resolve(mention.spec, self.reference)
                if resolved:
                    self.as_of.setdefault(self.source, resolved)
            if mention.role not in (P.AT, P.BY, P.SPAN) or mention.spec.months_back:
                continue
            resolved = self.last_period if mention.spec.anaphor else P.resolve(mention.spec, self.reference)
            if not resolved:
                continue
            if not mention.spec.past_years and not mention.spec.next_years:
                self.paragraph_period = (resolved, P.ends_after(resolved, self.reference))
            self.last_period = resolved
            bounds = P.bounds(resolved)
            if bounds and (mention.spec.year is not None or mention.spec.year_offset is not None):
                self.reference = replace(self.reference, previous_year=bounds[1][0])
        for draft in drafts:
            if draft.metric and draft.metric_from != "derived":
                self.paragraph_metric, self.paragraph_metric_text = draft.metric, draft.metric_text
                self.recent_metrics = [m for m in self.recent_metrics if m[0] != draft.metric][-4:] + [(draft.metric, draft.metric_text)]
            if draft.modality == "forecast" and draft.period:
                self.paragraph_forecast = draft.period


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# a comma that sets a phrase off (not the thousands separator of "10,000")
PHRASE_BREAK = re.compile(r"[,，、](?!\d)")


def _several_words(heading: str) -> bool:
    """More than one word: by spaces, or by characters in a language written without them
    (a Chinese heading such as 产业规模 is two words and no space)."""
    return len(heading.split()) > 1 or len(_HAN.findall(heading)) > 2


def _sentence_drafts(text, sentence, reading, quantities, rules, state, article, repeats) -> list[_Draft]:
    if not quantities:
        _update_sources(reading, state, article, sentence)
        return []
    tokens = _tokens_of(text, sentence, reading, rules)
    metric_matches = metric_matcher(rules.lang, rules.tokens).find(tokens)
    if any(t.norm == rules.core_marker() for t in tokens):
        state.paragraph_has_core = True
    drafts: list[_Draft] = []
    previous: _Draft | None = None
    for index, q in enumerate(quantities):
        count = repeats.get((q.value, (q.counted_noun or "").lower()), 0)
        claim_reading = rules.read_claim(text, sentence, reading, quantities, index, metric_matches, count)
        if not claim_reading.is_claim:
            continue
        draft = _Draft(
            quantity=q, sentence=sentence, reading=claim_reading, value=q.value, qualifier=q.qualifier,
            kind=claim_reading.kind, unit=q.unit,
        )
        if claim_reading.equivalent and previous is not None:
            if q.unit in CURRENCIES and previous.unit in CURRENCIES and q.unit != previous.unit:
                if draft.qualifier == "exact":
                    draft.qualifier = "approx"
                draft.kind = previous.kind
            elif _same_dimension(q.unit, previous.unit):
                continue                 # "246 EFLOPS, or 246 quintillion ..." is one claim
        if claim_reading.negative and draft.value is not None and draft.kind in ("growth", "change"):
            draft.value = -abs(draft.value)
        drafts.append(draft)
        previous = draft
    if not drafts:
        _update_sources(reading, state, article, sentence)
        return []
    _assign_metrics(text, sentence, reading, drafts, metric_matches, tokens, rules, state, article)
    _assign_periods(text, sentence, reading, drafts, state)
    _assign_units(drafts, state, article)
    _assign_modality(reading, drafts, state)
    _assign_attribution(text, sentence, reading, drafts, state, article)
    _as_of_source(drafts, state)
    _assign_geo(text, sentence, reading, drafts, rules)
    _equivalents_follow(drafts)
    _flow_kinds(drafts)
    return drafts


def _as_of_source(drafts: list[_Draft], state: _State) -> None:
    """Undated article: a figure with no time of its own holds at the date its source gave its
    data ("据…统计，截至2020年，…" and later figures credited to the same source)."""
    if state.reference.published is not None:
        return
    for draft in drafts:
        if draft.period is None and draft.period_source == "default" and draft.attribution in state.as_of:
            draft.period = state.as_of[draft.attribution]


def _tokens_of(text: str, sentence: Sentence, reading: SentenceReading, rules: LanguageRules) -> list[Token]:
    if reading.tokens is None:
        reading.tokens = rules.tokens(text, sentence.start, sentence.end)
    return reading.tokens


def _equivalents_follow(drafts: list[_Draft]) -> None:
    """A currency equivalent has the metric, period and modality of the figure it restates."""
    for previous, draft in zip(drafts, drafts[1:]):
        if draft.reading.equivalent and draft.unit in CURRENCIES and previous.unit in CURRENCIES:
            draft.metric, draft.metric_text = previous.metric, previous.metric_text
            draft.period, draft.modality, draft.kind = previous.period, previous.modality, previous.kind
            draft.attribution, draft.geo = previous.attribution, previous.geo


# -- metric ------------------------------------------------------------------------------------

def _assign_metrics(text, sentence, reading, drafts, matches, tokens, rules, state, article) -> None:
    families = registry()
    paired = _respectively_pairs(reading, drafts, matches)
    previous: _Draft | None = None
    for index, draft in enumerate(drafts):
        q = draft.quantity
        chosen: AliasMatch[MetricAlias] | None = paired.get(index)
        how = "respectively" if chosen else ""
        if chosen is None:
            chosen, how = _choose_alias(text, sentence, reading, draft, matches, previous)
        same_clause = previous is not None and _same_clause(previous.quantity.start, q.start, reading)
        if chosen is not None and (measure := rules.measure_of(text, chosen.start, chosen.end, sentence.start)):
            # "the supply of effective computing power" is not computing power itself
            phrase, head_start = measure
            draft.metric, draft.metric_text, draft.metric_from = derive_key(phrase), text[head_start:chosen.end], "measure"
        elif chosen is not None:
            draft.metric, draft.metric_text, draft.metric_from = chosen.payload.key, text[chosen.start:chosen.end], how
        elif how == "noun":
            draft.metric, draft.metric_text, draft.metric_from = derive_key(q.counted_noun), q.counted_noun, "derived"
        elif same_clause and previous.metric and _compatible(previous.metric, draft.unit, draft.kind, families):
            draft.metric, draft.metric_text, draft.metric_from = previous.metric, previous.metric_text, "previous"
        elif reading.anaphoric_subject and (recent := next((m for m in reversed(state.recent_metrics)
                                                           if _compatible(m[0], draft.unit, draft.kind, families)), None)):
            draft.metric, draft.metric_text, draft.metric_from = recent[0], recent[1], "paragraph"
        elif state.paragraph_metric and not draft.reading.metric_phrase \
                and _compatible(state.paragraph_metric, draft.unit, draft.kind, families):
            draft.metric, draft.metric_text, draft.metric_from = state.paragraph_metric, state.paragraph_metric_text, "paragraph"
        elif (draft.unit in CURRENCIES or not draft.quantity.unit_given) and article.money_metric and _names_generic_size(tokens, rules):
            draft.metric, draft.metric_text, draft.metric_from = article.money_metric, "", "article"
        elif state.paragraph_metric and _compatible(state.paragraph_metric, draft.unit, draft.kind, families):
            draft.metric, draft.metric_text, draft.metric_from = state.paragraph_metric, state.paragraph_metric_text, "paragraph"
        elif refers_back(phrase := q.counted_noun or draft.reading.metric_phrase or draft.reading.subject_phrase or "") \
                and (antecedent := _antecedent(text, drafts[:index], draft, bool(phrase), matches, sentence, state, families)):
            draft.metric, draft.metric_text, draft.metric_from = antecedent
        else:
            draft.metric, draft.metric_text, draft.metric_from = derive_key(phrase), phrase, "derived"
        if draft.kind == "share" and _of_gdp(text, q, tokens, rules):
            if draft.metric in GDP_KEYS:
                # "占GDP比重" names the whole; the part is what the clause named before it
                draft.metric = _named_before(matches, q.start, state.paragraph_metric)
            draft.metric = _gdp_share_key(draft.metric)
        draft.paragraph_has_core = state.paragraph_has_core
        previous = draft


def _antecedent(text: str, earlier: list[_Draft], draft: _Draft, pointing: bool,
                matches: list[AliasMatch[MetricAlias]], sentence: Sentence, state: _State,
                families: dict[str, str]) -> tuple[str, str, str] | None:
    """What a figure whose words name nothing is about. Words that point back ("it", "the
    industry") mean the last thing the sentence named before the figure ("the digital economy
    accounted for 42.8 percent of GDP, and it grew 7.39 percent" is the digital economy's growth),
    else the sentence's figure before, else the last figure or metric named in this paragraph or
    the one before. A clause that says nothing continues the sentence's figure before it in the
    same kind and dimension ("…同比增长74.1%；预计2025年将达到1037.3 EFLOPS"; "906 EFLOPS in 2022
    ... and is expected to exceed 3 ZFLOPS by 2025")."""
    if pointing:
        named = [m for m in matches if m.end <= draft.quantity.start and m.payload.key not in GDP_KEYS
                 and (not m.payload.kinds or draft.kind in m.payload.kinds)
                 and _compatible(m.payload.key, draft.unit, draft.kind, families)]
        if named:
            return named[-1].payload.key, text[named[-1].start:named[-1].end], "previous"
    for other in reversed(earlier):
        if other.metric and other.metric_from != "derived" and (
                _same_dimension(other.unit, draft.unit) and other.kind == draft.kind
                or pointing and _compatible(other.metric, draft.unit, draft.kind, families)):
            return other.metric, other.metric_text, "previous"
    if pointing and state.antecedent and sentence.paragraph - state.antecedent[0] <= 1:
        _, metric, metric_text = state.antecedent
        if _compatible(metric, draft.unit, draft.kind, families):
            return metric, metric_text, "antecedent"
    return None


def _choose_alias(text, sentence, reading, draft, matches, previous):
    """The alias that names the figure's metric, and how it was found ("noun" with no alias:
    the figure counts something the table does not know)."""
    q = draft.quantity
    kind = draft.kind
    fits = [m for m in matches if not m.payload.kinds or kind in m.payload.kinds]
    clause_start = _clause_start(reading, q.start, sentence.start)
    next_breaks = [b for b in reading.clause_breaks if b > q.start]
    clause_end = next_breaks[0] if next_breaks else sentence.end
    scoped = [m for m in fits if m.payload.clause and clause_start <= m.start < clause_end]
    if scoped:
        return scoped[0], "clause"                # "... had been registered with provincial cyberspace offices"
    # the counted noun: "5,100 AI companies"
    if q.counted_noun:
        noun_end = draft.reading.noun_end or q.end + len(q.counted_noun) + 8
        inside = [m for m in fits if q.end <= m.start < noun_end]
        if inside:
            return inside[-1], "noun"             # the last names the most specific: "users ... using AI"
    # a label: "Active AI companies: over 5,300"
    if reading.label_end is not None and q.start >= reading.label_end:
        for m in fits:
            if m.end <= reading.label_end:
                return m, "label"
    # a share of something named right after: "60% of the world's AI-related patents"
    if kind == "share":
        for m in fits:
            if m.payload.kinds == {"share"} and q.end <= m.start <= q.end + 40:
                return m, "share"
    if q.counted_noun and not (previous and previous.quantity.counted_noun
                               and previous.quantity.counted_noun.split()[-1] == q.counted_noun.split()[-1]):
        return None, "noun"                       # it counts a thing of its own
    before = [m for m in fits if m.end <= q.start]
    if previous is not None and previous.metric and previous.quantity.end <= q.start:
        # an earlier figure of the sentence owns the aliases before it
        in_between = [m for m in before if m.start >= previous.quantity.end]
        if in_between and in_between[-1].start >= clause_start:
            return in_between[-1], "before"
        if _same_clause(previous.quantity.start, q.start, reading):
            return None, ""
        before = in_between
    if before:
        return before[-1], "before"
    after = [m for m in fits if q.end <= m.start < clause_end]
    if after and not reading.anaphoric_subject:
        # "one in three internet users use generative AI": a share is of the last thing named
        return (after[-1] if kind == "share" else after[0]), "after"
    return None, ""


def _clause_start(reading: SentenceReading, position: int, sentence_start: int) -> int:
    starts = [b for b in reading.clause_breaks if b <= position]
    return starts[-1] if starts else sentence_start


def _respectively_pairs(reading, drafts, matches) -> dict[int, AliasMatch]:
    """"A and B ... X and Y respectively": the n-th figure of a unit goes with the n-th alias."""
    if not reading.respectively or len(matches) < 2:
        return {}
    distinct = []
    for m in matches:
        if not distinct or distinct[-1].payload.key != m.payload.key:
            distinct.append(m)
    first_quantity = drafts[0].quantity.start
    names = [m for m in distinct if m.end <= first_quantity]
    if len(names) < 2:
        return {}
    pairs: dict[int, AliasMatch] = {}
    by_unit: dict[str, list[int]] = {}
    for index, draft in enumerate(drafts):
        by_unit.setdefault(draft.unit, []).append(index)
    for indexes in by_unit.values():
        if len(indexes) == len(names):
            for index, name in zip(indexes, names):
                pairs[index] = name
    return pairs


def _compatible(metric: str, unit: str, kind: str, families: dict[str, str]) -> bool:
    family = families.get(metric)
    if family is None or kind in ("growth", "share", "multiple") or unit in ("%", "pp", "x"):
        return True
    if family == "money":
        return unit in CURRENCIES
    if family == "count":
        return unit == "count"
    if family == "computing":
        return DIMENSIONS.get(unit) == "computing"
    return True


def _names_generic_size(tokens: list[Token], rules: LanguageRules) -> bool:
    words = rules.generic_size_words()
    return any(t.norm in words for t in tokens)


def _of_gdp(text: str, q: Quantity, tokens: list[Token], rules: LanguageRules) -> bool:
    gdp = rules.gdp_tokens()
    words = [t.norm for t in tokens]
    return any(w in gdp for w in words) or any(" ".join(words[i:i + 3]) in gdp for i in range(len(words)))


def _named_before(matches: list[AliasMatch[MetricAlias]], position: int, fallback: str | None) -> str | None:
    """The last metric named before ``position`` that is not GDP itself, else ``fallback``."""
    before = [m.payload.key for m in matches if m.end <= position and m.payload.key not in GDP_KEYS]
    if before:
        return before[-1]
    return fallback if fallback not in GDP_KEYS else None


def _gdp_share_key(metric: str | None) -> str:
    """The share-of-GDP key of a metric; the digital economy's when nothing else is named
    (the share of GDP the news reports most); never GDP's own share of GDP."""
    if metric is None or metric == "unspecified" or metric in GDP_KEYS:
        return "digital_economy_gdp_share"
    if metric.endswith("_gdp_share"):
        return metric
    stem = metric[: -len("_size")] if metric.endswith("_size") else metric
    return f"{stem}_gdp_share"


def _upgrade_core(drafts: list[_Draft], rules: LanguageRules) -> None:
    """An AI industry size is the core one when the text says core for it (CLAIMS.md)."""
    core_values = [d for d in drafts if d.metric == "ai_core_industry_size" and d.value is not None]
    for draft in drafts:
        if draft.metric != "ai_industry_size":
            continue
        same_figure = any(
            c.unit == draft.unit and c.kind == draft.kind and draft.value is not None
            and abs(c.value - draft.value) <= abs(c.value) * Decimal("0.005") for c in core_values
        )
        if same_figure or draft.paragraph_has_core or (draft.metric_from == "article" and core_values):
            draft.metric = "ai_core_industry_size"


# -- period ------------------------------------------------------------------------------------

def _assign_periods(text, sentence, reading, drafts, state) -> None:
    reference = state.reference
    mentions = [m for m in reading.periods if not any(_inside_quantity(m, d.quantity) for d in drafts)]
    resolved = []
    for mention in mentions:
        period = None
        if mention.spec.anaphor:
            period = state.last_period
        elif not mention.spec.months_back:
            period = P.resolve(mention.spec, reference)
        resolved.append((mention, period))
        if period and mention.role in (P.AT, P.BY, P.SPAN):
            bounds = P.bounds(period)
            if bounds and mention.spec.year is not None:
                reference = replace(reference, previous_year=bounds[1][0])
    spans = [(m, p) for m, p in resolved if m.role == P.SPAN and p and "/" in p]
    bases = [(m, p) for m, p in resolved if m.role == P.BASE and p and m.spec.after_previous is None]
    durations = [m for m, _ in resolved if m.spec.months_back]
    for draft in drafts:
        q = draft.quantity
        flowing = draft.kind in ("growth", "change", "multiple")
        candidates = [(m, p) for m, p in resolved if p and m.role in (P.AT, P.BY, P.SPAN)
                      and (flowing or not (m.spec.past_years))]
        period, source = None, "mention"
        if spans and draft.reading.from_to:
            first, last = spans[0][1].split("/", 1)
            period = first if draft.reading.from_to == "from" else last
        if period is None:
            owned = [(m, p) for m, p in resolved if p and m.role in (P.AT, P.BY, P.SPAN, P.BASE) and _owns(text, m, q)]
            if owned:
                period = owned[0][1]
                source = {P.BY: "deadline", P.BASE: "base"}.get(owned[0][0].role, "mention")
                if source == "mention" and draft.reading.from_to == "from" and not spans:
                    source = "base"               # "up from nearly 900 billion yuan in 2024"
        if period is None:
            chosen = _nearest(text, reading, candidates, q, sentence, state.reference, future_ok=_has_future_cue(reading, q))
            if chosen:
                period = chosen[1]
                source = "deadline" if chosen[0].role == P.BY else "mention"
        if period is None and state.paragraph_period:
            carried, future = state.paragraph_period
            if not future or _has_future_cue(reading, q):
                period, source = carried, "carried"
        if period is None:
            source = "default"
            if reading.current_state:
                period = P.publication_month(state.reference)
            else:
                period = P.publication_year(state.reference)
        if flowing and period:
            own_base = [p for m, p in bases if _same_clause(m.start, q.start, reading)
                        and not any(o is not draft and _owns(text, m, o.quantity)
                                    and not re.fullmatch(r"\s*from\s*", text[q.end:o.quantity.start]) for o in drafts)]
            if own_base and draft.kind != "multiple" and source != "deadline":
                # a change towards a deadline ("到2025年…比2020年提高2.2个百分点") is dated by
                # the deadline, as the target it belongs to
                period = P.after_until(own_base[0], period) or period
            elif durations:
                months = durations[0].spec.months_back
                period = P.months_ending(period, months) or period
        draft.period, draft.period_source = period, source


def _inside_quantity(mention: P.PeriodMention, q: Quantity) -> bool:
    return mention.start < q.end and q.start < mention.end


def _owns(text: str, mention: P.PeriodMention, q: Quantity) -> bool:
    """A time expression glued to the figure: "2024's RMB 900 billion", "180 EFLOPS in 2022"."""
    if mention.end <= q.start:
        gap = text[mention.end:q.start]
        return len(gap) <= 3 and mention.spec.year is not None
    if mention.start >= q.end:
        gap = text[q.end:mention.start]
        return bool(re.fullmatch(r"\s*(?:in|at the end of|by the end of|at|as of)\s*", gap))
    return False


def _nearest(text, reading, candidates, q, sentence, reference, *, future_ok: bool):
    """The (mention, period) a figure takes from its sentence."""
    if not candidates:
        return None
    clause_of = lambda position: _clause_start(reading, position, sentence.start)
    own_clause = clause_of(q.start)
    next_breaks = [b for b in reading.clause_breaks if b > q.start]
    clause_end = next_breaks[0] if next_breaks else sentence.end
    usable = [(m, p) for m, p in candidates if future_ok or m.role != P.BY or not P.ends_after(p, reference)]
    same = [(m, p) for m, p in usable if own_clause <= m.start < clause_end]
    # within the clause, a time of the figure's own phrase ("38 base stations ... by the end of
    # 2027") before one set off by a comma ("Under a plan released last November, ...")
    unbroken = [(m, p) for m, p in same
                if not PHRASE_BREAK.search(text, min(m.end, q.end), max(m.start, q.start))]
    if unbroken or same:
        return min(unbroken or same, key=lambda mp: _distance(mp[0], q))
    # a semicolon starts a new frame: "截至2022年底，…；截至2024年底，累计建成…425.1万个"
    semicolon = max(text.rfind("；", sentence.start, q.start), text.rfind(";", sentence.start, q.start))
    if semicolon >= 0:
        framed = [(m, p) for m, p in usable if semicolon < m.start and m.end <= q.start]
        if framed:
            return framed[-1]
    frames = [(m, p) for m, p in usable if m.start - sentence.start < 4 and m.role != P.BY]
    if frames:
        return frames[0]
    frames = [(m, p) for m, p in usable if m.start - sentence.start < 4]
    if frames:
        return frames[0]
    before = [(m, p) for m, p in usable if m.end <= q.start]
    if before:
        return before[-1]
    if usable:
        return min(usable, key=lambda mp: _distance(mp[0], q))
    return None


def _distance(mention: P.PeriodMention, q: Quantity) -> int:
    if mention.end <= q.start:
        return q.start - mention.end
    return mention.start - q.end


def _has_future_cue(reading: SentenceReading, q: Quantity) -> bool:
    return any(_cue_applies(c, reading, q) for c in reading.modality)


def _same_clause(a: int, b: int, reading: SentenceReading) -> bool:
    low, high = sorted((a, b))
    return not any(low < br <= high for br in reading.clause_breaks)


def _cue_applies(cue: ModalityCue, reading: SentenceReading, q: Quantity) -> bool:
    if cue.scope == "sentence":
        return True
    if cue.strength == 1 and cue.start > q.start:
        return False                      # "could", "will" look forward: "21 airports ... is to halve"
    low, high = sorted((cue.start, q.start))
    return not any(low < b <= high for b in reading.clause_breaks)


# -- unit inference ------------------------------------------------------------------------------

def _assign_units(drafts: list[_Draft], state: _State, article: _ArticleFacts) -> None:
    """A bare scaled number takes the currency of its metric, or of the figure it pairs with."""
    families = registry()
    for index, draft in enumerate(drafts):
        q = draft.quantity
        if q.unit_given or q.unit != "count":
            continue
        partner = next((d for d in reversed(drafts[:index]) if d.unit in CURRENCIES and d.kind == draft.kind), None)
        if partner is not None and partner.metric == draft.metric:
            draft.unit = partner.unit
        elif families.get(draft.metric or "") == "money":
            draft.unit = "CNY"


# -- modality ----------------------------------------------------------------------------------

def _assign_modality(reading: SentenceReading, drafts: list[_Draft], state: _State) -> None:
    for draft in drafts:
        q = draft.quantity
        best = None
        applying = [c for c in reading.modality if _cue_applies(c, reading, q)]
        own_clause = [c for c in applying if c.strength >= 2 and _same_clause(c.start, q.start, reading)]
        for cue in own_clause or applying:
            if best is None or cue.strength > best.strength:
                best = cue
        if best is not None and draft.period_source == "base" and _before_reference_year(draft.period, state.reference):
            draft.modality = "actual"            # a past baseline in a goal: "up from 7.8 percent in 2020"
        elif best is not None and best.scope == "sentence" and not own_clause and draft.period_source == "mention" \
                and not _same_clause(best.start, q.start, reading) and _before_reference_year(draft.period, state.reference):
            draft.modality = "actual"            # a clause of its own about a past year: "..., when it grew 24 percent"
        elif best is not None:
            draft.modality = best.modality
        elif draft.period and _future_period(draft, state.reference):
            draft.modality = "forecast"
        elif (state.paragraph_forecast and draft.period == state.paragraph_forecast and not reading.current_state
              and not _before_reference_year(draft.period, state.reference)):
            draft.modality = "forecast"          # "Moreover, it calculated 24 percent growth" after an estimate
        else:
            draft.modality = "actual"


def _future_period(draft: _Draft, reference: P.Reference) -> bool:
    """A period that starts after publication, or a deadline that ends after it."""
    bounds = P.bounds(draft.period)
    if not bounds:
        return False
    now = (reference.published.year, reference.published.month) if reference.published else \
        ((reference.inferred_year, 12) if reference.inferred_year else None)
    if now is None:
        return False
    if bounds[0] > now:
        return True
    return draft.period_source == "deadline" and bounds[1] > now


def _before_reference_year(period: str, reference: P.Reference) -> bool:
    bounds = P.bounds(period)
    return bool(bounds and reference.year and bounds[1][0] < reference.year)


# -- attribution -------------------------------------------------------------------------------

def _update_sources(reading: SentenceReading, state: _State, article: _ArticleFacts,
                    sentence: Sentence | None = None) -> str | None:
    """The source the sentence credits (None when it credits none) and what later text inherits."""
    named = [c for c in reading.credits if _is_source(c)]
    reports = [c for c in reading.credits if c.kind == "report"]
    messengers = [c for c in reading.credits if c.credited and c.source and c.kind in MESSENGER_KINDS]
    uncredited = [c for c in reading.credits if c.kind == "uncredited"]
    unknown = [c for c in reading.credits if c.kind == "unknown"]
    kind = ""
    if named:
        source, kind = named[0].source, named[0].kind
        if kind == "person" and named[0].mentions_report:
            kind = "person_report"
    elif reports:
        source = article.report_source
    elif uncredited:
        # "official data showed": the source, if any, is named right after
        source = article.next_source.get(state.sentence_index)
        state.source, state.source_set, state.source_kind = source, True, ""
        state.seen_credit = True
        return source
    elif unknown:
        state.source, state.source_set, state.source_kind = None, True, ""
        state.seen_credit = True
        return None
    elif messengers:
        source = messengers[0].source
    else:
        return None
    state.source, state.source_set, state.source_kind = source, True, kind
    state.source_paragraph = sentence.paragraph if sentence else state.paragraph
    state.seen_credit = True
    return source


def _inherited_source(state: _State, sentence: Sentence) -> str | None:
    if not state.source_set:
        return None
    if state.source_kind == "person" and state.source_paragraph != sentence.paragraph:
        return None                      # what a person said does not carry past their paragraph
    return state.source


def _aims(reading: SentenceReading, text: str) -> bool:
    """Whether someone in the sentence aims at a goal ("The country aims to", 力争)."""
    cues = aiming_cues()
    return any(c.modality == "target" and re.sub(r"\s+", " ", text[c.start:c.end]).casefold() in cues
               for c in reading.modality)


def _assign_attribution(text: str, sentence: Sentence, reading: SentenceReading, drafts: list[_Draft], state: _State,
                        article: _ArticleFacts) -> None:
    seen_before = state.seen_credit
    inherited = _inherited_source(state, sentence)
    source = _update_sources(reading, state, article, sentence)
    uncredited = any(c.kind in ("uncredited", "unknown") for c in reading.credits)
    if source is None and not uncredited:
        source = inherited if seen_before else article.first_source
        if source is not None and state.source_paragraph != sentence.paragraph and _aims(reading, text) \
                and state.source_kind not in ("person", "person_report") and not sets_goals(source):
            source = None                # "The country aims to ..." after a statistics centre's figures
    if source is not None and organisation_kinds().get(source) in MESSENGER_KINDS:
        # a news outlet or an event passes figures on: prefer a source named nearby
        better = article.paragraph_source.get(sentence.paragraph)
        if better is None and inherited and organisation_kinds().get(inherited) not in MESSENGER_KINDS:
            better = inherited
        if better:
            source = better
            state.source = better
    for draft in drafts:
        draft.attribution = source


# -- geo ---------------------------------------------------------------------------------------

def _assign_geo(text, sentence, reading, drafts, rules) -> None:
    """The place a figure is about: named right after it ("users worldwide", "in the United
    States"), else the nearest before it in its clause, else China."""
    matches = geo_matcher(rules.lang, rules.tokens).find(_tokens_of(text, sentence, reading, rules))
    for draft in drafts:
        q = draft.quantity
        reach = (draft.reading.noun_end or q.end) + 15
        after = [m for m in matches if q.end <= m.start < reach and not re.search(r"[,;.()]", text[q.end:m.start])]
        before = [m for m in matches if m.end <= q.start and _same_clause(m.start, q.start, reading)]
        if after:
            draft.geo = after[0].payload
        elif before:
            draft.geo = before[-1].payload


def _flow_kinds(drafts: list[_Draft]) -> None:
    """Counts built, released or added over an interval are changes, not levels."""
    for draft in drafts:
        if draft.kind == "level" and draft.reading.flow and draft.period:
            draft.kind = "change"


def _same_dimension(a: str, b: str) -> bool:
    return a == b or (DIMENSIONS.get(a) is not None and DIMENSIONS.get(a) == DIMENSIONS.get(b))


def _to_claim(text: str, d: _Draft) -> Claim:
    q = d.quantity
    value = d.value
    return Claim(
        text=q.text, start=q.start, end=q.end,
        value=value, low=q.low, high=q.high, unit=d.unit,
        qualifier=d.qualifier, kind=d.kind, metric=d.metric or "unspecified",
        metric_text=d.metric_text, geo=d.geo, period=d.period, modality=d.modality,
        attribution=d.attribution, sentence=text[d.sentence.start:d.sentence.end],
    )
