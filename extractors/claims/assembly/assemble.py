"""The walk over an article: sentences in order, each number read by the language's rules
and given its metric, period, unit, modality, attribution and geo by the modules beside this
one.

Currency equivalents in brackets become ``approx`` claims of the same metric and period; a
restatement in another unit of the same dimension is dropped; declines are negative;
counts built or released over an interval are changes.
"""

from __future__ import annotations

import bisect
from collections import Counter
from datetime import date
from decimal import Decimal

from extractors.claims import periods
from extractors.claims.assembly.attribution import assign_attribution, update_sources
from extractors.claims.assembly.contract import LanguageRules
from extractors.claims.assembly.geo import assign_geo, note_places
from extractors.claims.assembly.metric import assign_metrics, upgrade_core
from extractors.claims.assembly.modality import assign_modality
from extractors.claims.assembly.period import as_of_source, assign_periods, restated_periods
from extractors.claims.assembly.state import ArticleFacts, AssemblyState, Draft, tokens_of
from extractors.claims.assembly.units import CURRENCIES, assign_units, same_dimension
from extractors.claims.linking import metric_matcher
from extractors.claims.quantity import Quantity
from extractors.claims.sentences import Sentence
from extractors.records import Claim


def assemble_claims(text: str, published: str | date | None, rules: LanguageRules,
                    sentences: list[Sentence] | None = None,
                    quantities: list[Quantity] | None = None) -> list[Claim]:
    sentences = sentences if sentences is not None else rules.split_sentences(text)
    quantities = quantities if quantities is not None else rules.find_quantities(text)
    published_date = periods.parse_published(published)
    inferred = rules.infer_reference_year(text) if published_date is None else None
    furniture = rules.furniture(text)
    quantities = [q for q in quantities if not _overlaps_any(furniture, q.start, q.end)]
    readings = [rules.read_sentence(text, s) for s in sentences]
    for reading in readings:
        reading.credits = [c for c in reading.credits if not _overlaps_any(furniture, c.start, c.end)]
        reading.periods = [m for m in reading.periods if not _overlaps_any(furniture, m.start, m.end)]
    by_sentence = _group(quantities, sentences)
    repeats = Counter((q.value, (q.counted_noun or "").lower()) for q in quantities if q.counted_noun)

    state = AssemblyState(reference=periods.Reference(published_date, inferred))
    for reading in readings:
        reading.credits = state.resolve_credits(reading.credits)
    article = ArticleFacts.gather(text, sentences, readings, rules, frozenset(by_sentence))
    state = AssemblyState(reference=periods.Reference(published_date, inferred))
    state.paragraph_years = _paragraph_years(sentences, readings, published_date)
    if published_date is None:
        state.event_year = rules.undated_year(text)
    drafts: list[Draft] = []
    matcher = metric_matcher(rules.lang, rules.tokens)
    for index, (sentence, reading) in enumerate(zip(sentences, readings)):
        state.sentence_index = index
        state.enter(sentence, reading, text)
        own = by_sentence.get(index, [])
        sentence_drafts = _sentence_drafts(text, sentence, reading, own, rules, state, article, repeats)
        drafts.extend(sentence_drafts)
        state.leave(sentence, reading, sentence_drafts, text, matcher.find(tokens_of(text, sentence, reading, rules)))
        note_places(text, sentence, reading, rules, state)
    upgrade_core(drafts, rules)
    restated_periods(drafts)
    _headline_restated(text, drafts)
    return [_to_claim(text, d) for d in drafts]


def _headline_restated(text: str, drafts: list[Draft]) -> None:
    """A figure in the headline that the body restates takes the body figure's attribution,
    period and place (CLAIMS.md headlines and leads)."""
    if not drafts:
        return
    first = drafts[0].sentence
    line = text[first.start:first.end].strip()
    if first.paragraph != 0 or len(line) > 150 or line[-1:] in ".。!?！？" or "\n" in line:
        return
    body = [d for d in drafts if d.sentence.paragraph > 0]
    for draft in drafts:
        if draft.sentence is not first or draft.value is None:
            continue
        same = next((b for b in body if b.unit == draft.unit and b.kind == draft.kind and b.value is not None
                     and abs(b.value - draft.value) <= abs(b.value) * Decimal("0.005")), None)
        if same is not None:
            draft.attribution, draft.period, draft.geo = same.attribution, same.period, same.geo


def _paragraph_years(sentences, readings, published: date | None) -> dict[int, int]:
    """The latest data year each paragraph names ("截至2023年6月底", "in 2022"; not a future deadline)."""
    years: dict[int, int] = {}
    for sentence, reading in zip(sentences, readings):
        for mention in reading.periods:
            year = mention.spec.year
            if year is None or mention.role not in (periods.AT, periods.SPAN, periods.BY) \
                    or (published and year >= published.year + (mention.role != periods.BY)):
                continue
            last = mention.spec.until.year if mention.spec.until and mention.spec.until.year else year
            years[sentence.paragraph] = max(years.get(sentence.paragraph, last), last)
    return years


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


def _sentence_drafts(text, sentence, reading, quantities, rules, state, article, repeats) -> list[Draft]:
    if not quantities:
        update_sources(reading, state, article, sentence, figures=False)
        return []
    tokens = tokens_of(text, sentence, reading, rules)
    metric_matches = metric_matcher(rules.lang, rules.tokens).find(tokens)
    if any(t.norm == rules.core_marker() for t in tokens):
        state.paragraph_has_core = True
    drafts: list[Draft] = []
    previous: Draft | None = None
    for index, q in enumerate(quantities):
        count = repeats.get((q.value, (q.counted_noun or "").lower()), 0)
        claim_reading = rules.read_claim(text, sentence, reading, quantities, index, metric_matches, count)
        if not claim_reading.is_claim:
            continue
        draft = Draft(
            quantity=q, sentence=sentence, reading=claim_reading, value=q.value, qualifier=q.qualifier,
            kind=claim_reading.kind, unit=q.unit,
        )
        if claim_reading.equivalent and previous is not None:
            if q.unit in CURRENCIES and previous.unit in CURRENCIES and q.unit != previous.unit:
                if draft.qualifier == "exact":
                    draft.qualifier = "approx"
                draft.kind = previous.kind
            elif same_dimension(q.unit, previous.unit):
                continue                 # "246 EFLOPS, or 246 quintillion ..." is one claim
        if claim_reading.negative and draft.value is not None and draft.kind in ("growth", "change"):
            draft.value = -abs(draft.value)
        drafts.append(draft)
        previous = draft
    if not drafts:
        update_sources(reading, state, article, sentence, figures=False)
        return []
    assign_metrics(text, sentence, reading, drafts, metric_matches, tokens, rules, state, article)
    assign_periods(text, sentence, reading, drafts, state)
    assign_units(drafts, state, article)
    assign_modality(reading, drafts, state)
    assign_attribution(text, sentence, reading, drafts, state, article)
    as_of_source(drafts, state)
    assign_geo(text, sentence, reading, drafts, rules, state)
    _equivalents_follow(drafts)
    _flow_kinds(drafts)
    return drafts


def _equivalents_follow(drafts: list[Draft]) -> None:
    """A currency equivalent has the metric, period and modality of the figure it restates."""
    for previous, draft in zip(drafts, drafts[1:]):
        if draft.reading.equivalent and draft.unit in CURRENCIES and previous.unit in CURRENCIES:
            draft.metric, draft.metric_text = previous.metric, previous.metric_text
            draft.period, draft.modality, draft.kind = previous.period, previous.modality, previous.kind
            draft.attribution, draft.geo = previous.attribution, previous.geo


def _flow_kinds(drafts: list[Draft]) -> None:
    """Counts built, released or added over an interval are changes, not levels."""
    for draft in drafts:
        if draft.kind == "level" and draft.reading.flow and draft.period:
            draft.kind = "change"


def _to_claim(text: str, draft: Draft) -> Claim:
    q = draft.quantity
    value = draft.value
    return Claim(
        text=q.text, start=q.start, end=q.end,
        value=value, low=q.low, high=q.high, unit=draft.unit,
        qualifier=draft.qualifier, kind=draft.kind, metric=draft.metric or "unspecified",
        metric_text=draft.metric_text, geo=draft.geo, period=draft.period, modality=draft.modality,
        attribution=draft.attribution, sentence=text[draft.sentence.start:draft.sentence.end],
    )
