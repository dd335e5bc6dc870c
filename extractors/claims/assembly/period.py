"""Period: the time each figure is about.

A time expression glued to the figure ("2024's RMB 900 billion"), else one of its clause
(one of its own phrase before one set off by a comma: "Under a plan released last November,
... 38 base stations ... by the end of 2027" is 2027), else one that frames the sentence,
else one set by an earlier sentence of the paragraph (not a future deadline into a sentence
without a forecast), else the publication month for a current state and the publication
year for anything else (a figure repeated without a time takes the time of its first
mention; in an undated article, the "as of" date given with the figure's source:
据…统计，截至2020年); growth since a base ("from the end of last year" to "as of October")
or "in just 18 months" becomes an interval; the two ends of "from A to B ... from 2012 to
2021" get the two years.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from decimal import Decimal

from extractors.claims import periods
from extractors.claims.assembly.modality import has_future_cue
from extractors.claims.assembly.state import AssemblyState, Draft, clause_start, same_clause
from extractors.claims.quantity import Quantity

# a comma that sets a phrase off (not the thousands separator of "10,000")
PHRASE_BREAK = re.compile(r"[,，、](?!\d)")


def assign_periods(text, sentence, reading, drafts, state) -> None:
    reference = state.reference
    mentions = [m for m in reading.periods if not any(_inside_quantity(m, d.quantity) for d in drafts)]
    resolved = []
    for mention in mentions:
        period = None
        if mention.spec.anaphor:
            period = state.last_period
        elif not mention.spec.months_back:
            period = periods.resolve(mention.spec, reference)
        resolved.append((mention, period))
        if period and mention.role in (periods.AT, periods.BY, periods.SPAN):
            bounds = periods.bounds(period)
            if bounds and mention.spec.year is not None:
                reference = replace(reference, previous_year=bounds[1][0])
    spans = [(m, p) for m, p in resolved if m.role == periods.SPAN and p and "/" in p]
    bases = [(m, p) for m, p in resolved if m.role == periods.BASE and p and m.spec.after_previous is None]
    durations = [m for m, _ in resolved if m.spec.months_back]
    for draft in drafts:
        quantity = draft.quantity
        flowing = draft.kind in ("growth", "change", "multiple")
        candidates = [(m, p) for m, p in resolved if p and m.role in (periods.AT, periods.BY, periods.SPAN)
                      and (flowing or not (m.spec.past_years))]
        period, source = None, "mention"
        if spans and draft.reading.from_to:
            first, last = spans[0][1].split("/", 1)
            period = first if draft.reading.from_to == "from" else last
        if period is None:
            owned = [(m, p) for m, p in resolved if p and m.role in (periods.AT, periods.BY, periods.SPAN, periods.BASE) and _owns(text, m, quantity)]
            if owned:
                period = owned[0][1]
                source = {periods.BY: "deadline", periods.BASE: "base"}.get(owned[0][0].role, "mention")
                if source == "mention" and draft.reading.from_to == "from" and not spans:
                    source = "base"               # "up from nearly 900 billion yuan in 2024"
        if period is None:
            chosen = _nearest(text, reading, candidates, quantity, sentence, state.reference, future_ok=has_future_cue(reading, quantity))
            if chosen:
                period = chosen[1]
                source = "deadline" if chosen[0].role == periods.BY else "mention"
        if period is None and state.paragraph_period:
            carried, future = state.paragraph_period
            if not future or has_future_cue(reading, quantity):
                period, source = carried, "carried"
        if period is None:
            source = "default"
            if reading.current_state:
                period = periods.publication_month(state.reference)
            else:
                period = periods.publication_year(state.reference)
        if flowing and period:
            own_base = [p for m, p in bases if same_clause(m.start, quantity.start, reading)
                        and not any(o is not draft and _owns(text, m, o.quantity)
                                    and not re.fullmatch(r"\s*from\s*", text[quantity.end:o.quantity.start]) for o in drafts)]
            if own_base and draft.kind != "multiple" and source != "deadline":
                # a change towards a deadline ("到2025年…比2020年提高2.2个百分点") is dated by
                # the deadline, as the target it belongs to
                period = periods.after_until(own_base[0], period) or period
            elif durations:
                months = durations[0].spec.months_back
                period = periods.months_ending(period, months) or period
        draft.period, draft.period_source = period, source


def _inside_quantity(mention: periods.PeriodMention, quantity: Quantity) -> bool:
    return mention.start < quantity.end and quantity.start < mention.end


def _owns(text: str, mention: periods.PeriodMention, quantity: Quantity) -> bool:
    """A time expression glued to the figure: "2024's RMB 900 billion", "180 EFLOPS in 2022"."""
    if mention.end <= quantity.start:
        gap = text[mention.end:quantity.start]
        return len(gap) <= 3 and mention.spec.year is not None
    if mention.start >= quantity.end:
        gap = text[quantity.end:mention.start]
        return bool(re.fullmatch(r"\s*(?:in|at the end of|by the end of|at|as of)\s*", gap))
    return False


def _nearest(text, reading, candidates, quantity, sentence, reference, *, future_ok: bool):
    """The (mention, period) a figure takes from its sentence."""
    if not candidates:
        return None
    own_clause = clause_start(reading, quantity.start, sentence.start)
    next_breaks = [b for b in reading.clause_breaks if b > quantity.start]
    clause_end = next_breaks[0] if next_breaks else sentence.end
    usable = [(m, p) for m, p in candidates if future_ok or m.role != periods.BY or not periods.ends_after(p, reference)]
    same = [(m, p) for m, p in usable if own_clause <= m.start < clause_end]
    # within the clause, a time of the figure's own phrase ("38 base stations ... by the end of
    # 2027") before one set off by a comma ("Under a plan released last November, ...")
    unbroken = [(m, p) for m, p in same
                if not PHRASE_BREAK.search(text, min(m.end, quantity.end), max(m.start, quantity.start))]
    if unbroken or same:
        return min(unbroken or same, key=lambda mp: _distance(mp[0], quantity))
    # a semicolon starts a new frame: "截至2022年底，…；截至2024年底，累计建成…425.1万个"
    semicolon = max(text.rfind("；", sentence.start, quantity.start), text.rfind(";", sentence.start, quantity.start))
    if semicolon >= 0:
        framed = [(m, p) for m, p in usable if semicolon < m.start and m.end <= quantity.start]
        if framed:
            return framed[-1]
    frames = [(m, p) for m, p in usable if m.start - sentence.start < 4 and m.role != periods.BY]
    if frames:
        return frames[0]
    frames = [(m, p) for m, p in usable if m.start - sentence.start < 4]
    if frames:
        return frames[0]
    before = [(m, p) for m, p in usable if m.end <= quantity.start]
    if before:
        return before[-1]
    if usable:
        return min(usable, key=lambda mp: _distance(mp[0], quantity))
    return None


def _distance(mention: periods.PeriodMention, quantity: Quantity) -> int:
    if mention.end <= quantity.start:
        return quantity.start - mention.end
    return mention.start - quantity.end


def restated_periods(drafts: list[Draft]) -> None:
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


def as_of_source(drafts: list[Draft], state: AssemblyState) -> None:
    """Undated article: a figure with no time of its own holds at the date its source gave its
    data ("据…统计，截至2020年，…" and later figures credited to the same source)."""
    if state.reference.published is not None:
        return
    for draft in drafts:
        if draft.period is None and draft.period_source == "default" and draft.attribution in state.as_of:
            draft.period = state.as_of[draft.attribution]
