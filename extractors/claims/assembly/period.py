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
    mentions = [m for m in reading.periods if not any(_inside_quantity(m, d.quantity) for d in drafts)
                and not _PLAN_GLOSS.search(text, max(0, m.start - 24), m.start)]
    resolved = []
    for mention in mentions:
        period = None
        if mention.spec.anaphor:
            period = state.last_period
        elif mention.spec.past_years:
            # "in the past five years", 近五年: the N years up to the latest data year named in
            # the paragraph, else the publication year (CLAIMS.md)
            last = state.paragraph_years.get(sentence.paragraph) or reference.year
            period = f"{last - mention.spec.past_years}/{last}" if last else None
        elif not mention.spec.months_back:
            period = periods.resolve(mention.spec, reference)
        resolved.append((mention, period))
        if period and mention.role in (periods.AT, periods.BY, periods.SPAN):
            bounds = periods.bounds(period)
            if bounds and mention.spec.year is not None:
                reference = replace(reference, previous_year=bounds[1][0])
    unresolved_relative = [m for m, p in resolved if p is None and _relative(m.spec)]
    spans = [(m, p) for m, p in resolved if m.role == periods.SPAN and p and "/" in p]
    # a base a year before ("from a year earlier") is a year-on-year comparison, unless it is the
    # end of that year ("from the end of the previous year")
    bases = [(m, p) for m, p in resolved if m.role == periods.BASE and p
             and (m.spec.after_previous is None or _END_OF.search(text[max(0, m.start - 12):m.end]))]
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
                if source == "deadline" and not periods.ends_after(period, state.reference):
                    source = "mention"            # "by the end of 2023" in 2024: a past time, no deadline
                if source == "mention" and draft.reading.from_to == "from" and not spans:
                    source = "base"               # "up from nearly 900 billion yuan in 2024"
        if period is None:
            chosen = _nearest(text, reading, candidates, quantity, sentence, state.reference, future_ok=has_future_cue(reading, quantity))
            if chosen:
                period = chosen[1]
                source = "deadline" if chosen[0].role == periods.BY and periods.ends_after(period, state.reference) else "mention"
        if period is None and state.paragraph_period:
            carried, future = state.paragraph_period
            if not future or has_future_cue(reading, quantity):
                period, source = carried, "carried"
        if period is None:
            # a figure that continues or breaks down one before takes its time ("The figure was
            # ...", 其中, "The stations made up 33.6 percent"), even across a paragraph break
            continued = state.metric_periods.get(draft.metric) if draft.metric_from == "head" else None
            if reading.anaphoric_subject:
                # the time of the same series named before, else of the figure just before (an
                # undated text leaves that to the source's "as of" date)
                continued = state.metric_periods.get(draft.metric) \
                    or (state.last_figure_period if state.reference.published else None)
            if continued:
                period, source = continued, "carried"
        if period is None and not any(m.start < quantity.start for m in unresolved_relative):
            source = "default"
            if state.reference.published is None and state.event_year:
                period = str(state.event_year)    # an undated text: the year of its report or event
            elif reading.current_state:
                period = periods.publication_month(state.reference)
            else:
                period = periods.publication_year(state.reference)
        if flowing and period:
            # a base that owns another figure ("up from 7.8 percent in 2020") is that figure's, unless
            # that figure is the base's value the change is measured from ("较2024年初的1000亿增长300多倍")
            own_base = [(m, p) for m, p in bases if same_clause(m.start, quantity.start, reading)
                        and not any(o is not draft and _owns(text, m, o.quantity)
                                    and not re.fullmatch(r"\s*from\s*", text[quantity.end:o.quantity.start])
                                    and not m.start < o.quantity.start < quantity.start for o in drafts)]
            if own_base and source != "deadline":
                # a change towards a deadline ("到2025年…比2020年提高2.2个百分点") is dated by
                # the deadline, as the target it belongs to
                period = _since(text, *own_base[0], period)
            elif durations:
                months = durations[0].spec.months_back
                period = periods.months_ending(period, months) or period
        draft.period, draft.period_source = period, source


# "the 13th Five-Year Plan period (2016-2020)": the plan's years, not a figure's
_PLAN_GLOSS = re.compile(r"(?:[Pp]lan|[Pp]eriod|规划|时期)\s*[(（]\s*$")
_SINCE = re.compile(r"(?:\bsince\s+(?:the\s+(?:end|beginning|start)\s+of\s+)?(?:the\s+)?|自\s*)$", re.IGNORECASE)
_END_OF = re.compile(r"end\s+of|底|末", re.IGNORECASE)
_COMPARED = re.compile(r"(?:compared\s+(?:with|to)|than(?:\s+(?:in|that\s+in|that\s+of))?|versus|vs\.?|比|相比|相较|同比|较)\s*(?:the\s+)?$",
                       re.IGNORECASE)
_START_OF = re.compile(r"\b(?:early|beginning|start)\b|初", re.IGNORECASE)
_PREVIOUS_YEAR = re.compile(r"上年|上一年|the\s+previous\s+year", re.IGNORECASE)
_FROM_TO = re.compile(r"[^,;.\n，；。]{0,40}?\b(?:to|until|through)\s+(?:this|last|the\s+end\s+of|end-|\d|[A-Z])|[^,;.\n，；。]{0,20}?[到至]\s*(?:今年|[0-9])",
                      re.IGNORECASE)


def _since(text: str, mention: periods.PeriodMention, base: str, as_of: str) -> str:
    """The period of a change measured against a base (CLAIMS.md): since the end of a month or
    year it runs from the next month ("较上年末", "compared with December 2022", "from the end of
    last year": 2025-01/2025-10); "since early 2024" from that month; "since 2019", 2019年以来
    from that year to the as-of year; a comparison with a base time ("compared with 2022",
    比2019年同期, "compared with early 2024", 较2024年初) keeps the as-of time."""
    # a Chinese comparison point stands at its cue (较, 比): read the words after it too
    words = text[mention.start:max(mention.end, mention.start + 8)]
    cue = text[max(0, mention.start - 24):mention.start]
    after = text[mention.end:mention.end + 3]
    if "/" in base:
        return as_of                                 # 较“十四五”初期: a plan's years are no base time
    if _PREVIOUS_YEAR.search(words) and (bounds := periods.bounds(as_of)):
        base = str(bounds[1][0] - 1)                 # 上年末: the year before the figure's, not the publication's
    since = bool(_SINCE.search(cue)) or "以来" in after
    end_of = bool(_END_OF.search(cue[-12:] + words))
    month_base = bool(re.fullmatch(r"\d{4}-\d{2}", base))
    start_of = bool(_START_OF.search(words + cue[-10:]))
    compared = _COMPARED.search(cue) or re.search(r"是\s*$", cue) or words.startswith(("比", "同比", "较"))
    if compared and (start_of or not (end_of or month_base)):
        return as_of                                 # "more than in 2022", 比2019年, 是2022年的8倍: the as-of time
    # "compared with December 2022", 较2024年12月: a month's end is a start, as "since" (CLAIMS.md, shared gold 067)
    if start_of and since:
        start = base if month_base else f"{base}-01"
        return f"{start}/{as_of}"                    # "since early 2024": from that first month
    if since and not end_of and not month_base and (b := periods.bounds(base)) and (a := periods.bounds(as_of)):
        return f"{b[0][0]}/{a[1][0]}"                # "since 2019": 2019/E
    if end_of or month_base or _FROM_TO.match(text, mention.end, mention.end + 60):
        # since the end of a month or year ("较上年末", "from the end of 2023", "since December
        # 2024") or from a base to a time ("from 180 EFLOPS in 2022 to this June"): from the
        # month after the base
        return periods.after_until(base, as_of) or as_of
    return as_of                                     # "up 887,000 from 2021": a comparison, the as-of time


def _relative(spec: periods.PeriodSpec) -> bool:
    """A time named relative to the publication ("this year", 今年, 目前)."""
    return spec.year is None and (spec.year_offset is not None or spec.current)


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
